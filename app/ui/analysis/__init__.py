"""分析与月报: page.py is the area (the six analyses as tabs over a month or a range, each
exported to Excel, and the monthly key-account report as a PDF); chart.py draws a view's chart."""
