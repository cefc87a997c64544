"""Persistence: SQLAlchemy models, engine, repositories, migrations runner and search index."""
