"""Government procurement tenders (投标): list_page.py is the 投标 area (the register, its filters
and the win rates), tender_dialog.py the tender form, packet_builder.py the tender packet
(投标文件) builder, radar_panel.py the home page's deadline radar and client_tab.py a client's
tenders on the client page."""
