"""The qualification library (资质库): page.py is its area (the list, open a scan, delete) and
dialog.py the form of one qualification with its scans. Tender packets take their
qualification files from here (app/ui/tenders/qualification_picker.py)."""
