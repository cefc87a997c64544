"""Clients (客户档案): list_page.py is the 客户 area's list and its columns, client_page.py one
client with its tabs, client_dialog.py and contact_dialog.py the forms, import_dialog.py the
spreadsheet import (the receipts import of app/ui/contracts/receipt_import_dialog.py builds on it)."""
