"""Test data the tests generate for themselves (nothing read from outside the checkout)."""
