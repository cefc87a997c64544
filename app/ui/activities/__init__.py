"""Activities (visits, calls, meetings, complaints…): list_page.py is the 活动 area's list and
its columns. The activity dialog still lives in app/ui/activity_dialog.py until it moves here."""
