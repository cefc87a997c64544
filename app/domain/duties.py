"""Separation of duties: who may decide what someone else has written or asked for.

Names are as the app records them (typed, or the identity service's user name): one person's
name is the same name after folding case, width and spaces. A blank name is nobody known, and
matches nobody."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from app.domain.errors import ValidationError


def same_person(a: str, b: str) -> bool:
    fold_a, fold_b = _fold(a), _fold(b)
    return bool(fold_a) and fold_a == fold_b


def _fold(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split()).casefold()


def check_not_author(approver: str, authors: Iterable[str]) -> None:
    """The author of a draft does not approve it (ValidationError on 'approver')."""
    if any(same_person(approver, author) for author in authors):
        raise ValidationError("approver", "own_draft", name=approver.strip())
