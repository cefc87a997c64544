"""设置: dialog.py is the settings dialog (our company as printed on documents, the visit
interval of each tier, the name recorded for changes, language and document font)."""
