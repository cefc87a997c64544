"""The global search (Ctrl+K / Ctrl+F): popup.py is the list of hits under the toolbar's search
field, grouped by kind, best first."""
