"""A September 2026 worked by hand for "a report is as of its month" (issue 13 §1), and the
records entered afterwards that are all dated after September: they must not change a figure of
September's report or analyses. Shared by the unit and the CLI tests.

September 2026: cut-off (数据截至) 2026-09-30; 90 days quiet since 2026-07-02.
- 甲方 (tier B, key account, 张三): contract 2026-09-05 of 100,000.00; visited 2026-09-05.
- 乙方 (tier C, 张三): last visited 2026-06-01, before the quiet window: a churn risk (久未拜访).
- 丙方 (tier D, 李四): never visited (久未拜访); a complaint opened 2026-09-10, still open on
  2026-09-30 (it is closed on 2026-10-03, after the month).
- 甲方's rebate for September, 5,000.00, applied on 2026-09-20 by 王秘书: waiting for the
  大客户部经理 on 2026-09-30 (approved by 李经理 on the day it is entered, after the month).
Hand-worked: 3 clients, 1 visit, 1 complaint (0 closed by 30 Sept, 1 open on 30 Sept), the key
account 甲方 at tier B, 2 churn risks (both unvisited for 90 days): 乙方 last visited 2026-06-01,
丙方 never; rebates accrued 5,000.00 (1), pending 1 of 5,000.00, 待大客户部经理审批.

Entered afterwards, all dated after September: visits to 甲方 on 2026-10-10 and 乙方 on
2026-10-12, 丙方's complaint closed on 2026-10-03, 甲方 raised to tier A (dated the day it is
entered), a new client 丁方 created 2026-10-15, 甲方's rebate approved by the 大客户部经理 (dated
the day it is entered), and 乙方's rebate for September applied on 2026-10-05."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from app.db.models import Contract, Rebate, RebateStep
from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, clients, rebates

NOW = datetime(2026, 11, 26, 10, 30)
MONTH = (2026, 9)
AS_OF = date(2026, 9, 30)
QUIET_SINCE = date(2026, 7, 2)
JIA, YI, BING, DING = "甲方科技有限公司", "乙方建设有限公司", "丙方电力有限公司", "丁方机械有限公司"


def build(archive) -> dict[str, int]:
    """September's records; returns the ids: clients by name, 'complaint' for 丙方's."""
    ids = {
        JIA: _client(archive, JIA, Tier.B, "张三", key=True),
        YI: _client(archive, YI, Tier.C, "张三"),
        BING: _client(archive, BING, Tier.D, "李四"),
    }
    _activity(archive, ids[JIA], ActivityKind.VISIT, datetime(2026, 9, 5, 9))
    _activity(archive, ids[YI], ActivityKind.VISIT, datetime(2026, 6, 1, 9))
    ids["complaint"] = _activity(archive, ids[BING], ActivityKind.COMPLAINT, datetime(2026, 9, 10))
    with archive.db.session() as session:
        session.add(
            Contract(
                number="HT-2026-0905",
                client_id=ids[JIA],
                signed_on=date(2026, 9, 5),
                amount_fen=10_000_000,
                payment_days=30,
                owner="张三",
                created_at=NOW,
                updated_at=NOW,
            )
        )
    ids["rebate"] = _rebate(archive, ids[JIA], 500_000, datetime(2026, 9, 20, 16))
    return ids


def _rebate(archive, client_id: int, fen: int, applied: datetime) -> int:
    """A rebate for September applied at `applied` (its application step dated then)."""
    with archive.db.session() as session:
        rebate = Rebate(
            client_id=client_id,
            period_start=date(2026, 9, 1),
            period_end=date(2026, 9, 30),
            sales_fen=fen * 20,
            receipts_fen=fen * 20,
            rate="0.05",
            amount_fen=fen,
            status="applied",
            applicant="王秘书",
            created_at=applied,
            updated_at=applied,
        )
        session.add(rebate)
        session.flush()
        session.add(
            RebateStep(
                rebate_id=rebate.id, step="apply", decision="apply", actor="王秘书", at=applied
            )
        )
        return rebate.id


def _client(archive, name: str, tier: Tier, owner: str, key: bool = False) -> int:
    draft = ClientDraft(
        name=name, tier=tier, owner=owner, is_key_account=key, created_on=date(2025, 1, 10)
    )
    return clients.create_client(archive, draft).id


def _activity(archive, client_id: int, kind: ActivityKind, at: datetime) -> int:
    draft = ActivityDraft(client_id=client_id, kind=kind, started_at=at, subject=f"{at:%m-%d}")
    return activities.create_activity(archive, draft).id


def enter_later(archive, ids: dict[str, int]) -> None:
    """Through the services, as the window does: everything dated after September."""
    _activity(archive, ids[JIA], ActivityKind.VISIT, datetime(2026, 10, 10, 9))
    _activity(archive, ids[YI], ActivityKind.VISIT, datetime(2026, 10, 12, 9))
    activities.close_complaint(archive, ids["complaint"], "已更换", date(2026, 10, 3))
    jia = clients.get_client(archive, ids[JIA])
    clients.update_client(archive, ids[JIA], _with_tier(jia.draft(), Tier.A))
    draft = ClientDraft(name=DING, tier=Tier.A, owner="张三", created_on=date(2026, 10, 15))
    clients.create_client(archive, draft)
    rebates.approve(archive, ids["rebate"], "manager", "李经理")
    _rebate(archive, ids[YI], 200_000, datetime(2026, 10, 5, 10))


def _with_tier(draft: ClientDraft, tier: Tier) -> ClientDraft:
    from dataclasses import replace

    return replace(draft, tier=tier)


SIGNED = Decimal("100000.00")
