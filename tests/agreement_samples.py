"""The values an agreement (购销合同) needs before it can be printed, as the tests fill them in:
`agreement_values(contract_no=...)` with what a test wants different."""

from __future__ import annotations

BASE = {
    "contract_no": "HX-2026-001",
    "sign_place": "北京",
    "quality_standard": "随附技术规格书",
    "warranty": "一年",
    "delivery_date": "2026年12月10日前",
    "delivery_place": "甲方仓库",
    "delivery_method": "乙方送货上门",
    "acceptance_days": "5",
    "payment_terms": "验收合格后三十日内付清全款。",
    "court": "乙方所在地人民法院",
    "copies": "贰",
}


def agreement_values(**changes: str) -> dict[str, str]:
    return {**BASE, **changes}
