"""Comparing two versions of a document character by character: lines are matched first, and
within a changed line only the characters that differ are marked (a one-character edit marks
one character, not the whole clause)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

SAME, REMOVED, ADDED, CHANGED = " ", "-", "+", "~"
# Below this share of common characters a changed line reads better as removed + added.
PAIR_RATIO = 0.4


@dataclass(frozen=True)
class Piece:
    op: str  # SAME, REMOVED or ADDED
    text: str


@dataclass(frozen=True)
class ChangeRow:
    """One line of the comparison: unchanged, removed, added, or changed in place (its pieces
    say which characters went and came)."""

    mark: str
    text: str  # the new text; for a removed line, the old
    pieces: tuple[Piece, ...] = ()


def char_pieces(old: str, new: str) -> tuple[Piece, ...]:
    """The characters of `old` and `new` as kept, removed and added runs."""
    out: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Piece(SAME, old[i1:i2]))
            continue
        if i2 > i1:
            out.append(Piece(REMOVED, old[i1:i2]))
        if j2 > j1:
            out.append(Piece(ADDED, new[j1:j2]))
    return tuple(out)


def compare_texts(old: str, new: str) -> list[ChangeRow]:
    """Line by line, then character by character within the lines that changed."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    out: list[ChangeRow] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(ChangeRow(SAME, line) for line in a[i1:i2])
        else:
            out.extend(_changed_block(a[i1:i2], b[j1:j2]))
    return out


def _changed_block(old: list[str], new: list[str]) -> list[ChangeRow]:
    out: list[ChangeRow] = []
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        if before is None:
            out.append(ChangeRow(ADDED, after or ""))
        elif after is None:
            out.append(ChangeRow(REMOVED, before))
        elif difflib.SequenceMatcher(a=before, b=after, autojunk=False).ratio() >= PAIR_RATIO:
            out.append(ChangeRow(CHANGED, after, char_pieces(before, after)))
        else:
            out.extend([ChangeRow(REMOVED, before), ChangeRow(ADDED, after)])
    return out


def inline_text(row: ChangeRow) -> str:
    """A changed line for a terminal: removed characters in [-…-], added ones in {+…+}."""
    if row.mark != CHANGED:
        return row.text
    marks = {SAME: "{0}", REMOVED: "[-{0}-]", ADDED: "{{+{0}+}}"}
    return "".join(marks[p.op].format(p.text) for p in row.pieces)


def changed_rows(rows: list[ChangeRow]) -> list[ChangeRow]:
    return [r for r in rows if r.mark != SAME]
