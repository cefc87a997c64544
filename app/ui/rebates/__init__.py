"""Sales rebates (销售返点): page.py is the 返点 area (the list, the calculator) with its columns;
detail.py shows one rebate and its approval steps; apply_dialog.py and tiers_dialog.py are its
dialogs."""
