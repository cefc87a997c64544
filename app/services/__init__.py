"""Use cases. One unit of work per call, no Qt, safe off the UI thread. Services return plain
frozen dataclasses or row tuples, never ORM objects."""
