"""The window: Qt widgets and models. The only package that imports PySide6."""
