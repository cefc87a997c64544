"""会议纪要 and 督促落实: the meetings (list_page) and the minutes editor (minutes_dialog); the
open action items across meetings (followup_page) with closing an item (close_action_dialog) and
the overdue digest (digest_dialog); the home page's panel of items due (due_panel)."""
