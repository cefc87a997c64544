"""The visit plan (访问计划): overdue_page.py is the full list of clients overdue for a visit, by
account manager and tier, printed and exported (the home page shows its first 200)."""
