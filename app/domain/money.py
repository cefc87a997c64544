"""Money is exact: Decimal yuan with two places, stored as whole fen. Never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
# The largest amount one money field takes: 999,999,999,999.99 yuan, just under 一万亿元. The
# capitals (大写金额, cn2an) are spelled up to 16 integer digits, so even 9,999 such amounts
# added up (a price table, a year of receipts) still have capitals, and their fen stay far
# inside SQLite's 64-bit integers. Larger typed amounts are refused with the field named.
MAX_YUAN = Decimal("999999999999.99")
# The largest quantity on a price line (a tender's or a contract's): beyond it, a typing slip.
MAX_QUANTITY = Decimal("1e12")
_CLEAN = re.compile(r"[\s,，¥￥元]")
# What typed money may look like once separators and the currency sign are gone: digits, an
# optional sign and decimal point. No exponents ("1e3"), no NaN/Infinity, no "1_000".
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class AmountError(ValueError):
    """Typed money that is refused. `code` is a messages.REASONS key: bad_amount (not a plain
    number), too_many_decimals (finer than the fen: never rounded away silently) or too_large
    (beyond MAX_YUAN either way)."""

    def __init__(self, text: object, code: str = "bad_amount"):
        super().__init__(str(text))
        self.text = str(text)
        self.code = code


def to_yuan(value: Decimal | int | str) -> Decimal:
    """Rounds half up to the fen."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def parse_yuan(text: str) -> Decimal | None:
    """'1,234.5', '¥1234.50', '1234.50元', '１２３' -> Decimal; '' -> None; bad text -> AmountError.

    Typed text is strict: an amount finer than the fen ('12.345', '1.005') is refused, never
    rounded; so are exponents ('1e3'), NaN and Infinity. Trailing zeros are fine ('12.340').
    Floats are refused on purpose: a caller must hand over text or Decimal (a spreadsheet's
    numeric cell goes through yuan_from_number)."""
    if isinstance(text, float):
        raise TypeError("money must not be a float")
    cleaned = _CLEAN.sub("", str(text)).translate(_FULLWIDTH_DIGITS)
    if not cleaned:
        return None
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        raise AmountError(text)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise AmountError(text) from exc
    if abs(amount) > MAX_YUAN:
        raise AmountError(text, "too_large")
    if amount != amount.quantize(FEN, rounding=ROUND_HALF_UP):
        raise AmountError(text, "too_many_decimals")
    return to_yuan(amount)


def yuan_from_number(value: int | float | Decimal) -> Decimal:
    """A number a spreadsheet stored in a numeric cell, as yuan rounded half up to the fen.

    Unlike typed text this rounds: a numeric cell carries binary float noise (0.1+0.2 gives
    0.30000000000000004, a formula 1234.5000000001) that nobody typed. The float's shortest
    repr is the number Excel shows, so it is the one converted. NaN/Infinity -> AmountError."""
    if isinstance(value, bool):
        raise AmountError(value)
    amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite():
        raise AmountError(value)
    if abs(amount) > MAX_YUAN:
        raise AmountError(value, "too_large")
    return to_yuan(amount)


def shown_amount(amount: Decimal) -> str:
    """An amount for a message: 1,234.50, or 1.2E+30 when its digits would fill the screen."""
    return format_yuan(amount) if abs(amount) < Decimal("1e20") else f"{amount:.1E}"


def too_large(amount: Decimal | None) -> bool:
    """Whether an amount (typed, or a total worked out from typed ones) is beyond MAX_YUAN."""
    return amount is not None and abs(amount) > MAX_YUAN


def yuan_to_fen(amount: Decimal) -> int:
    return int(to_yuan(amount) * 100)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def format_yuan(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f}"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
