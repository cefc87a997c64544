"""A September 2026 worked by hand for "a report is as of its month" (issue 13 §1), and the
records entered afterwards that are all dated after September: they must not change a figure of
September's report or analyses. Shared by the unit and the CLI tests.

September 2026: cut-off (数据截至) 2026-09-30; 90 days quiet since 2026-07-02.
- 甲方 (tier B, key account, 张三): contract 2026-09-05 of 100,000.00; visited 2026-09-05.
- 乙方 (tier C, 张三): last visited 2026-06-01, before the quiet window: a churn risk (久未拜访).
- 丙方 (tier D, 李四): never visited (久未拜访); a complaint opened 2026-09-10, still open on
  2026-09-30 (it is closed on 2026-10-03, after the month).
Hand-worked: 3 clients, 1 visit, 1 complaint (0 closed by 30 Sept, 1 open on 30 Sept), the key
account 甲方 at tier B, 2 churn risks (both unvisited for 90 days): 乙方 last visited 2026-06-01,
丙方 never.

Entered afterwards, all dated after September: visits to 甲方 on 2026-10-10 and 乙方 on
2026-10-12, 丙方's complaint closed on 2026-10-03, 甲方 raised to tier A (dated the day it is
entered), a new client 丁方 created 2026-10-15."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from app.db.models import Contract
from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, clients

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
    return ids


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


def _with_tier(draft: ClientDraft, tier: Tier) -> ClientDraft:
    from dataclasses import replace

    return replace(draft, tier=tier)


SIGNED = Decimal("100000.00")
