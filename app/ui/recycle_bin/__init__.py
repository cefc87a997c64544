"""回收站: page.py is the recycle bin area (its list, 恢复, 彻底删除, the retention period) and
the purge of old items when the window opens."""
