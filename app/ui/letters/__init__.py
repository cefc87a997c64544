"""来往函 (the letters register): page.py is the 来往函 area (the 收文 and 发文 registers and
their columns), dialog.py registers or edits one letter with its scans, client_tab.py is a
client's documents and letters on its page."""
