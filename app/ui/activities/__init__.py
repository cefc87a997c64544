"""Activities (visits, calls, meetings, complaints…): list_page.py is the 活动 area's list and
its columns, dialog.py the activity dialog (new or edit, its attachments)."""
