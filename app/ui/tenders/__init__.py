"""Government procurement tenders (投标): list_page.py is the 投标 area (the register, its filters
and the win rates) with columns.py, tender_dialog.py the tender form with line_items.py (its
price breakdown grid), packet_builder.py the tender packet (投标文件) builder with
packet_editors.py, packet_printing.py and qualification_picker.py, radar_panel.py the home
page's deadline radar and client_tab.py a client's tenders on the client page."""
