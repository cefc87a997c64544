"""Annual sales plan (年度销售计划) arithmetic: a year's 回款 target split into its twelve months
and four quarters, to the fen.

How a year's target becomes months:
- "even" (平均): equal parts;
- "seasonal" (按上年回款): in proportion to last year's receipts month by month (equal parts
  when last year has none).
The split is Hamilton's largest-remainder method in fen (app.domain.plans.largest_remainder): the
months always add up exactly to the target, and a fen left over goes to the month with the larger
remainder, ties to the earlier month (1,000,000.00 evenly: January-April 83,333.34, May-December
83,333.33).

A month whose figure was entered by hand is pinned: it keeps its value, and the rest of the year
(target minus the pinned months) is split over the months not pinned, with the same weights. When
every month is pinned the year's target is their sum."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from app.domain.errors import ValidationError
from app.domain.money import fen_to_yuan, too_large, yuan_to_fen
from app.domain.plans import largest_remainder

MONTHS = tuple(range(1, 13))
QUARTERS = ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12))
SPLIT_LABELS = {"even": "平均分配", "seasonal": "按上年回款季节性"}


class Split(StrEnum):
    EVEN = "even"
    SEASONAL = "seasonal"


def parse_split(text: object) -> Split:
    try:
        return Split(str(text or "").strip().lower())
    except ValueError:
        raise ValidationError("split", "bad_split", value=text) from None


def amount_fen(amount: Decimal, field: str) -> int:
    """A target or forecast amount in fen; ValidationError naming `field` when negative or
    beyond what the app keeps."""
    if not isinstance(amount, Decimal) or amount < 0:
        raise ValidationError(field, "negative_amount")
    if too_large(amount):
        raise ValidationError(field, "too_large", value=amount)
    return yuan_to_fen(amount)


def weights_for(split: Split, last_year_fen: Mapping[int, int]) -> list[int]:
    """Twelve weights: all 1 for an even split, last year's receipts per month for a seasonal
    one (all 1 when last year has no receipts at all)."""
    if split is Split.SEASONAL and any(last_year_fen.get(m, 0) > 0 for m in MONTHS):
        return [max(last_year_fen.get(m, 0), 0) for m in MONTHS]
    return [1] * 12


@dataclass(frozen=True)
class YearSplit:
    total_fen: int  # the year's target (the pinned months' sum when all are pinned)
    months_fen: tuple[int, ...]  # January .. December


def split_year(
    total_fen: int, weights: Sequence[int], pinned: Mapping[int, int] | None = None
) -> YearSplit:
    """The year's target in months (fen). Pinned months (month -> fen) keep their value; the
    rest is shared by the others. ValidationError 'pinned_over_plan' when the pinned months
    alone exceed the target."""
    pinned = dict(pinned or {})
    free = [m for m in MONTHS if m not in pinned]
    if not free:
        months = tuple(pinned[m] for m in MONTHS)
        return YearSplit(sum(months), months)
    left = total_fen - sum(pinned.values())
    if left < 0:
        raise ValidationError(
            "annual_receipts",
            "pinned_over_plan",
            pinned_yuan=f"{fen_to_yuan(sum(pinned.values())):,.2f}",
            total_yuan=f"{fen_to_yuan(total_fen):,.2f}",
        )
    parts = dict(zip(free, largest_remainder(left, [weights[m - 1] for m in free]), strict=True))
    return YearSplit(total_fen, tuple(pinned.get(m, parts.get(m, 0)) for m in MONTHS))


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_sums(months: Sequence[int]) -> tuple[int, ...]:
    """Four quarter totals of twelve monthly figures (fen or counts)."""
    return tuple(sum(months[m - 1] for m in q) for q in QUARTERS)
