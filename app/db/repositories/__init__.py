"""Repositories: the only place that builds queries. They take a Session and return ORM
objects (which services turn into plain dataclasses before returning) or plain row tuples."""
