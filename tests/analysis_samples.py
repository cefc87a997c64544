"""A small archive with every figure of the November 2026 report worked out by hand (the clock of
the `archive` fixture is 2026-11-26). Shared by the analysis, report PDF, CLI and UI tests."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from app.db.models import (
    Activity,
    Client,
    ClientTierChange,
    Contract,
    MonthlyTarget,
    Rebate,
    Receipt,
)

NOW = datetime(2026, 11, 26, 10, 30)

CLIENTS = (
    # key, name, owner, tier, status, created on, last visit
    ("c1", "甲方科技有限公司", "张三", "A", "合作中", date(2025, 1, 10), date(2026, 11, 20)),
    ("c2", "乙方建设有限公司", "张三", "B", "合作中", date(2025, 3, 1), date(2026, 7, 1)),
    ("c3", "丙方电力有限公司", "李四", "B", "合作中", date(2025, 2, 1), date(2026, 11, 2)),
    ("c4", "丁方机械有限公司", "李四", "C", "合作中", date(2025, 2, 1), date(2026, 11, 10)),
    ("c5", "戊方新材料有限公司", "李四", "C", "潜在", date(2026, 11, 5), None),
    ("c6", "己方贸易有限公司", "", "D", "暂停", date(2025, 6, 1), None),
)

KEY_ACCOUNTS = {"c1", "c3"}

# key, client, signed on, amount (yuan), payment days
CONTRACTS = (
    ("k1", "c1", date(2026, 11, 3), "1000000.00", 30),
    ("k2", "c1", date(2026, 6, 1), "300000.00", 30),
    ("k3a", "c3", date(2026, 8, 10), "400.00", 0),
    ("k3b", "c3", date(2026, 9, 10), "300.00", 0),
    ("k3c", "c3", date(2026, 10, 10), "200.00", 0),
    ("k3d", "c3", date(2026, 11, 10), "100.00", 0),
    ("k4", "c4", date(2026, 5, 5), "80000.00", 60),
    ("k5", "c5", date(2026, 11, 20), "50000.00", 30),
    ("k6", "c2", date(2025, 12, 15), "20000.00", 30),
)

# client, contract (None: not booked to one), received on, amount (yuan)
RECEIPTS = (
    ("c1", "k2", date(2026, 7, 20), "100000.00"),
    ("c1", "k1", date(2026, 11, 20), "500000.00"),
    ("c3", None, date(2026, 11, 15), "450.00"),
    ("c4", "k4", date(2026, 7, 1), "80000.00"),
    ("c2", "k6", date(2026, 1, 10), "20000.00"),
)

# client, kind, started, closed on, expense (yuan)
ACTIVITIES = (
    ("c1", "visit", datetime(2026, 11, 20, 9), None, "1234.56"),
    ("c1", "complaint", datetime(2026, 11, 2, 9), date(2026, 11, 5), "0"),
    ("c3", "complaint", datetime(2026, 11, 10, 14), date(2026, 11, 11), "0"),
    ("c3", "visit", datetime(2026, 11, 2, 10), None, "0"),
    ("c4", "visit", datetime(2026, 11, 10, 15), None, "100.00"),
    ("c4", "complaint", datetime(2026, 11, 20, 11), None, "0"),
    ("c1", "visit", datetime(2026, 10, 15, 9), None, "999.00"),
)

# The hand-worked answers for 2026-11 (as of 2026-11-26)
SIGNED = Decimal("1050100.00")
SIGNED_BY_OWNER = {"张三": Decimal("1000000.00"), "李四": Decimal("50100.00")}
RECEIPTS_NOV = Decimal("500450.00")
AGEING = {
    "未到期": Decimal("550000.00"),
    "0-30天": Decimal("100.00"),
    "31-60天": Decimal("200.00"),
    "61-90天": Decimal("250.00"),
    "90天以上": Decimal("200000.00"),
}
RECEIVABLE = Decimal("750550.00")
EXPENSES_NOV = Decimal("1334.56")
PARETO_REVENUE = Decimal("1451000.00")


def _fen(yuan: str) -> int:
    return int(Decimal(yuan) * 100)


def build(archive) -> dict[str, int]:
    """Writes the sample records; returns key -> id for clients and contracts."""
    ids: dict[str, int] = {}
    with archive.db.session() as session:
        for key, name, owner, tier, status, created, last_visit in CLIENTS:
            client = Client(
                name=name,
                name_key=name,
                sort_key=name,
                tier=tier,
                owner=owner,
                status=status,
                created_on=created,
                last_visit_on=last_visit,
                is_key_account=key in KEY_ACCOUNTS,
                created_at=NOW,
                updated_at=NOW,
            )
            session.add(client)
            session.flush()
            ids[key] = client.id
        owners = {c[0]: c[2] for c in CLIENTS}
        for key, client, signed, amount, days in CONTRACTS:
            contract = Contract(
                number=f"HT-{key.upper()}",
                client_id=ids[client],
                signed_on=signed,
                amount_fen=_fen(amount),
                payment_days=days,
                owner=owners[client],
                created_at=NOW,
                updated_at=NOW,
            )
            session.add(contract)
            session.flush()
            ids[key] = contract.id
        for client, contract, received, amount in RECEIPTS:
            session.add(
                Receipt(
                    client_id=ids[client],
                    contract_id=ids[contract] if contract else None,
                    received_on=received,
                    amount_fen=_fen(amount),
                    created_at=NOW,
                )
            )
        for client, kind, started, closed, expense in ACTIVITIES:
            session.add(
                Activity(
                    client_id=ids[client],
                    kind=kind,
                    started_at=started,
                    subject=f"{kind} {started:%m-%d}",
                    closed_on=closed,
                    expense_fen=_fen(expense),
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        for year, month, owner, visits, signed, received in (
            (2026, 11, "张三", 10, "800000", "600000"),
            (2026, 11, "李四", 8, "200000", "100000"),
            (2026, 12, "", 20, "1500000", "900000"),
            (2026, 12, "张三", 12, "1000000", "600000"),
        ):
            session.add(
                MonthlyTarget(
                    year=year,
                    month=month,
                    owner=owner,
                    visits=visits,
                    signed_amount_fen=_fen(signed),
                    receipts_fen=_fen(received),
                )
            )
        session.add(
            ClientTierChange(
                client_id=ids["c3"], old_tier="B", new_tier="C", changed_on=date(2026, 11, 15)
            )
        )
        session.add(
            ClientTierChange(
                client_id=ids["c1"], old_tier="B", new_tier="A", changed_on=date(2026, 10, 1)
            )
        )
        for client, start, end, amount, status in (
            ("c1", date(2026, 10, 1), date(2026, 11, 30), "8000.00", "applied"),
            ("c3", date(2026, 1, 1), date(2026, 6, 30), "50.00", "approved"),
            ("c4", date(2026, 11, 1), date(2026, 11, 30), "100.00", "rejected"),
        ):
            session.add(
                Rebate(
                    client_id=ids[client],
                    period_start=start,
                    period_end=end,
                    sales_fen=0,
                    receipts_fen=0,
                    rate="0.05",
                    amount_fen=_fen(amount),
                    status=status,
                    applicant="王秘书",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
    return ids
