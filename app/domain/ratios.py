"""Ratios as the reports print them: a part of a whole in per cent, to one decimal place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """`part` as a percentage of `whole` (half up to 0.1); None when the whole is nothing."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


PARETO_TOP = Decimal("0.2")  # the handbook's "~20% of clients who bring ~80% of revenue"


def pareto_top(clients: int) -> int:
    """How many clients are the top 20% of `clients`: at least a fifth, rounded up (10 -> 2,
    11 -> 3, 1 -> 1, 0 -> 0)."""
    whole = Decimal(clients) * PARETO_TOP
    return int(whole.to_integral_value(rounding="ROUND_CEILING"))
