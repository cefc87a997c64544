"""首页 (the home page): page.py is the page and what it loads; panels.py the titled lists it
shows (due next steps, open complaints, overdue visits, replies due) and their columns."""
