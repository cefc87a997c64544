"""The team archive in the window (issue 14): connecting to it (文件 → 连接团队档案…), the 管理
page for the administrator, and who the login is for the pages that approve."""
