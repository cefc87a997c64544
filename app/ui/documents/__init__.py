"""文书 (agreements, notices, letters, faxes): page.py is the 文书 area's list and its columns;
editor.py drafts one document (values, text, preview, versions, review, 打印); templates_dialog.py
manages the templates, prefixes_dialog.py the number prefixes (文号前缀), review_dialog.py asks a
review step's comment."""
