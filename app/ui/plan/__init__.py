"""The monthly plan (月计划): page.py holds the month's targets, their split by 旬, week and
working day, and plan vs actual; it prints and exports through app/ui/list_printing.py."""
