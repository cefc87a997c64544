"""Contracts and receipts (合同回款): page.py is the 合同 area (contracts, receipts, receivables
ageing; also the client page's 合同 tab) with its columns; contract_dialog.py, receipt_dialog.py,
contract_view.py and receipt_import_dialog.py are its dialogs."""
