"""Amounts in Chinese capitals (大写金额) for documents, via cn2an."""

from __future__ import annotations

from decimal import Decimal

import cn2an

from app.domain.money import to_yuan


def rmb_capitals(amount: Decimal) -> str:
    """Decimal('1000000.07') -> '壹佰万元零柒分'; negative amounts get 负."""
    value = to_yuan(amount)
    if value == 0:
        return "零元整"
    sign = "负" if value < 0 else ""
    return sign + cn2an.an2cn(f"{abs(value):.2f}", "rmb")
