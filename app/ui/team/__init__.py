"""The team archive in the window (issue 14 §2): the 管理 page for the administrator, and who
the login is for the pages that approve."""
