"""Ratios as the reports print them: a part of a whole in per cent, to one decimal place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """`part` as a percentage of `whole` (half up to 0.1); None when the whole is nothing."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
