"""A hand-built archive for the 80/20 over all active clients (issue 13 §4), shared by the
service, command-line and window tests.

Ten active clients (nine 合作中 plus one 潜在 that bought in the window), a 流失 and a 暂停 one
without revenue (not active). Revenue in the window: 500,000 + 300,000 + 100,000 + 50,000
(合作中) + 50,000 (潜在) = 1,000,000. By hand:
- top 20% of the 10 active clients = 2 clients: 800,000 / 1,000,000 = 80.0%
- top 20% of the 5 with revenue = 1 client: 500,000 / 1,000,000 = 50.0%
- 80% of revenue is reached by 2 clients: 40.0% of those with revenue, 20.0% of the active."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.enums import ClientStatus
from app.domain.records import ClientDraft

SIGNED = date(2026, 5, 10)  # inside the twelve months ending November 2026
BOUGHT = (
    ("甲", ClientStatus.ACTIVE, "500000"),
    ("乙", ClientStatus.ACTIVE, "300000"),
    ("丙", ClientStatus.ACTIVE, "100000"),
    ("丁", ClientStatus.ACTIVE, "50000"),
    ("戊", ClientStatus.PROSPECT, "50000"),
)
IDLE = (
    *((f"己{i}", ClientStatus.ACTIVE) for i in range(5)),
    ("庚", ClientStatus.LOST),
    ("辛", ClientStatus.PAUSED),
)
ACTIVE_SHARE = "前20%活跃客户的销售额占比:80.0%(活跃客户 10 家中的前 2 家)"
REVENUE_SHARE = "前20%有销售额客户的销售额占比:50.0%(有销售额客户 5 家中的前 1 家)"
# as the window and the command line show them (in Chinese punctuation)
ACTIVE_SHARE_SHOWN = "前20%活跃客户的销售额占比：80.0%（活跃客户 10 家中的前 2 家）"
REVENUE_SHARE_SHOWN = "前20%有销售额客户的销售额占比：50.0%（有销售额客户 5 家中的前 1 家）"


def build(archive) -> None:
    from app.services import clients, contracts

    for n, (name, status, amount) in enumerate(BOUGHT):
        client = clients.create_client(archive, ClientDraft(f"{name}方有限公司", status=status))
        contracts.create_contract(
            archive, contracts.ContractDraft(f"HT-{n}", client.id, SIGNED, amount=Decimal(amount))
        )
    for name, status in IDLE:
        clients.create_client(archive, ClientDraft(f"{name}方有限公司", status=status))
