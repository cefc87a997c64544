"""The fixed moment every test archive lives at (its clock), importable by any test module."""

from datetime import datetime

FIXED_NOW = datetime(2026, 11, 26, 10, 30)

# when a second person (the `other` fixture) saves: after the test's own writes
LATER = datetime(2026, 11, 26, 10, 35)
