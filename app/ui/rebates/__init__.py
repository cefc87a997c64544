"""Sales rebates (销售返点): page.py is the 返点 area (the list with its columns, the chosen rebate's
approval steps and printouts, the calculator); apply_dialog.py and tiers_dialog.py its dialogs."""
