"""修改记录: view.py is the history tab of a record's page or dialog (who changed it, when, what)."""
