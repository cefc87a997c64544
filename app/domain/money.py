"""Money is exact: Decimal yuan with two places, stored as whole fen. Never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
_CLEAN = re.compile(r"[\s,，¥￥元]")


def to_yuan(value: Decimal | int | str) -> Decimal:
    """Rounds half up to the fen."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def parse_yuan(text: str) -> Decimal | None:
    """'1,234.5', '¥1234.50', '1234.50元' -> Decimal('1234.50'); '' -> None; bad text -> ValueError.

    Floats are refused on purpose: a caller must hand over text or Decimal."""
    if isinstance(text, float):
        raise TypeError("money must not be a float")
    cleaned = _CLEAN.sub("", str(text)).translate(_FULLWIDTH_DIGITS)
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not amount.is_finite():
        raise ValueError(text)
    return to_yuan(amount)


def yuan_to_fen(amount: Decimal) -> int:
    return int(to_yuan(amount) * 100)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def format_yuan(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f}"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
