"""Web links typed by a person (a news item's 链接): http or https only, with a host."""

from __future__ import annotations

from urllib.parse import urlsplit

from app.domain.errors import ValidationError
from app.domain.text import clean

MAX_URL = 1000


def parse_url(value: object, field: str = "url") -> str:
    """'' for nothing; the link as typed (trimmed) when it is http(s)://host…; ValidationError
    'bad_url' for anything else (javascript:, file:, ftp:, a bare word)."""
    text = clean(value)
    if not text:
        return ""
    if len(text) > MAX_URL:
        raise ValidationError(field, "too_long", limit=MAX_URL)
    try:
        parts = urlsplit(text)
    except ValueError:
        raise ValidationError(field, "bad_url", value=text) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in text:
        raise ValidationError(field, "bad_url", value=text)
    return text
