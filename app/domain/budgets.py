"""费用预算: a month's expense budget per account manager and activity kind, against what was
spent (the expenses recorded on activities). Pure arithmetic on Decimal yuan.

remaining = budget - spent (negative: over budget); used = spent / budget in per cent, half up
to 0.1 (None when there is no budget). Lines are sorted by owner, then by the activity kinds'
order (a name in brackets, 未分配, last); the total line sums them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.domain.enums import ACTIVITY_KIND_ZH, ActivityKind
from app.domain.ratios import percent

ZERO = Decimal("0.00")
KIND_ORDER = {kind.value: n for n, kind in enumerate(ActivityKind)}


@dataclass(frozen=True)
class BudgetLine:
    owner: str
    kind: str  # an ActivityKind value; "" on the total line
    budget: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.spent

    @property
    def used(self) -> Decimal | None:
        """Spent as a percentage of the budget (one decimal), None without a budget."""
        return percent(self.spent, self.budget)

    @property
    def kind_label(self) -> str:
        if not self.kind:  # the total line
            return ""
        try:
            return ACTIVITY_KIND_ZH[ActivityKind(self.kind)]
        except ValueError:
            return self.kind


def compare(
    budgets: Mapping[tuple[str, str], Decimal], spent: Mapping[tuple[str, str], Decimal]
) -> tuple[tuple[BudgetLine, ...], BudgetLine]:
    """A line per (owner, kind) with a budget or an expense, and the total line."""
    keys = sorted(  # "(未分配)" (no account manager) after the names
        set(budgets) | set(spent),
        key=lambda k: (k[0].startswith("("), k[0], KIND_ORDER.get(k[1], 99), k[1]),
    )
    lines = tuple(
        BudgetLine(o, k, budgets.get((o, k), ZERO), spent.get((o, k), ZERO)) for o, k in keys
    )
    total = BudgetLine(
        "合计",
        "",
        sum((x.budget for x in lines), ZERO),
        sum((x.spent for x in lines), ZERO),
    )
    return lines, total
