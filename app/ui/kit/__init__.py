"""The window's own shared floor, used the same way by every page and dialog: dates.py (date
boxes that take a date typed whole) and forms.py (field errors that are seen, dialogs where
Enter saves and closing with changes asks, a wheel that never edits an unfocused field)."""
