"""Builders of files people open elsewhere: spreadsheets (openpyxl, csv) and PDF documents.

Fed plain data by the services; no business rules and no database access here."""
