"""The team archive in the window: connecting to it (文件 → 连接团队档案…)."""
