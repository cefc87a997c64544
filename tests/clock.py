"""The fixed moment every test archive lives at (its clock), importable by any test module."""

from datetime import datetime

FIXED_NOW = datetime(2026, 11, 26, 10, 30)
