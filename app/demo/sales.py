"""Demo sales data for the demo archive: 18 months of contracts with product lines, receipts
(most on time, some late and some still open, so every ageing bucket has money), monthly
targets per account manager and for the team, rebates in every approval state and a few tier
changes. Written with bulk inserts so it scales with the 100,000-client demo."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.db import bulk
from app.db import search_index as index
from app.db.repositories import sales as repo
from app.domain import rebates as rules
from app.domain.money import yuan_to_fen
from app.domain.periods import month_bounds
from app.services import indexing
from app.services.archive import Archive

MONTHS = 18
BATCH = 20_000
# (product, unit, unit price in yuan)
PRODUCTS = (
    ("服务器", "台", 48000),
    ("工作站", "台", 16500),
    ("网络交换机", "台", 8800),
    ("存储阵列", "套", 126000),
    ("不间断电源", "台", 5200),
    ("办公软件授权", "套", 1200),
    ("安全网关", "台", 23000),
    ("运维服务", "年", 36000),
    ("打印复印一体机", "台", 7600),
    ("安装调试服务", "项", 3000),
)
CONTRACTS_PER_CLIENT = {"A": (2, 8), "B": (1, 4), "C": (0, 2), "D": (0, 1)}
SIGNING_CHANCE = {"A": 1.0, "B": 0.8, "C": 0.35, "D": 0.1}
PAYMENT_DAYS = (30, 30, 45, 60, 90)
METHODS = ("银行转账", "银行转账", "银行转账", "承兑汇票", "支票")
CONTRACT_COLUMNS = (
    "id",
    "number",
    "client_id",
    "signed_on",
    "amount_fen",
    "payment_terms",
    "payment_days",
    "owner",
    "notes",
    "created_at",
    "updated_at",
)
LINE_COLUMNS = (
    "contract_id",
    "position",
    "product",
    "quantity",
    "unit",
    "unit_price_fen",
    "amount_fen",
)
RECEIPT_COLUMNS = (
    "client_id",
    "contract_id",
    "received_on",
    "amount_fen",
    "method",
    "notes",
    "created_at",
)


@dataclass(frozen=True)
class DemoSalesSummary:
    contracts: int
    receipts: int
    targets: int
    rebates: int
    tier_changes: int


@dataclass
class _Client:
    id: int
    name: str
    owner: str
    tier: str
    created_on: date


@dataclass
class _Book:
    """What was written, kept for rebates: (client, day) -> fen signed / received."""

    signed: dict[int, list[tuple[date, int]]]
    received: dict[int, list[tuple[date, int]]]


def _first_month(today: date) -> date:
    month = today.month - (MONTHS - 1)
    year = today.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def add_demo_sales(archive: Archive, seed: int = 7, task=None) -> DemoSalesSummary:
    """Adds the sales data to an archive that has the demo clients (and no contracts yet)."""
    rng = random.Random(seed)
    today = archive.today()
    stamp = bulk.sql_datetime(datetime.combine(today, datetime.min.time()).replace(hour=8))
    with archive.db.session() as session:
        clients = [_Client(*row) for row in repo.client_facts(session)]
        total = max(1, len(clients))
        book = _Book({}, {})
        contracts, receipts = _write_contracts(session, rng, clients, today, stamp, book, task)
        owners = sorted({c.owner for c in clients if c.owner})
        targets = _write_targets(session, rng, owners, clients, today)
        rebates = _write_rebates(session, rng, clients, book, today)
        changes = _write_tier_changes(session, rng, clients, today)
        index.index_documents(session, indexing.sales_documents(session))
        if task is not None:
            task.progress(total, total)
    return DemoSalesSummary(contracts, receipts, targets, rebates, changes)


def _write_contracts(session, rng, clients, today, stamp, book: _Book, task):
    first = _first_month(today)
    span = (today - first).days
    next_id = repo.max_id_of(session, "contracts") + 1
    rows, lines, receipts = [], [], []
    counts = [0, 0]
    for done, client in enumerate(clients, start=1):
        if rng.random() < SIGNING_CHANCE.get(client.tier, 0.1):
            low, high = CONTRACTS_PER_CLIENT.get(client.tier, (0, 1))
            for _ in range(rng.randint(max(low, 1), max(high, 1))):
                signed = first + timedelta(days=rng.randint(0, span))
                contract, contract_lines = _contract(rng, next_id, client, signed, stamp)
                rows.append(contract)
                lines.extend(contract_lines)
                book.signed.setdefault(client.id, []).append((signed, contract[4]))
                receipts.extend(_receipts(rng, client, contract, signed, today, stamp, book))
                next_id += 1
        if len(rows) >= BATCH or done == len(clients):
            _flush(session, rows, lines, receipts, counts)
            if task is not None:
                task.raise_if_cancelled()
                task.progress(done, len(clients))
    return counts[0], counts[1]


def _flush(session, rows, lines, receipts, counts) -> None:
    bulk.insert_rows(session, "contracts", CONTRACT_COLUMNS, rows)
    bulk.insert_rows(session, "contract_lines", LINE_COLUMNS, lines)
    bulk.insert_rows(session, "receipts", RECEIPT_COLUMNS, receipts)
    counts[0] += len(rows)
    counts[1] += len(receipts)
    rows.clear()
    lines.clear()
    receipts.clear()


def _contract(rng, contract_id: int, client: _Client, signed: date, stamp: str):
    lines = []
    for position, (product, unit, price) in enumerate(
        rng.sample(PRODUCTS, rng.choice((1, 1, 2, 2, 3))), start=1
    ):
        quantity = rng.choice((1, 1, 2, 3, 5, 10)) if unit != "年" else 1
        unit_fen = yuan_to_fen(Decimal(price) * Decimal(rng.randint(85, 115)) / 100)
        lines.append(
            (contract_id, position, product, str(quantity), unit, unit_fen, unit_fen * quantity)
        )
    amount = sum(line[6] for line in lines)
    days = rng.choice(PAYMENT_DAYS)
    number = f"HT-{signed:%Y%m}-{contract_id:06d}"
    contract = (
        contract_id,
        number,
        client.id,
        bulk.sql_date(signed),
        amount,
        f"合同签订后 {days} 天内付清",
        days,
        client.owner,
        "",
        stamp,
        stamp,
    )
    return contract, lines


def _receipts(rng, client: _Client, contract, signed: date, today: date, stamp, book: _Book):
    """Most contracts are paid in one or two parts around the due date; one in six is paid
    late, one in eight is left partly open."""
    contract_id, amount, days = contract[0], contract[4], contract[6]
    due = signed + timedelta(days=days)
    roll = rng.random()
    if roll < 0.125:
        parts = [amount * rng.choice((0, 3, 5)) // 10]
    elif rng.random() < 0.3:
        parts = [amount * 3 // 10, amount - amount * 3 // 10]
    else:
        parts = [amount]
    late = roll > 5 / 6
    rows = []
    for i, part in enumerate(p for p in parts if p > 0):
        delay = rng.randint(20, 120) if late else rng.randint(-15, 10)
        day = due + timedelta(days=delay + 30 * i)
        if day > today:
            continue  # not yet paid: stays a receivable
        rows.append(
            (client.id, contract_id, bulk.sql_date(day), part, rng.choice(METHODS), "", stamp)
        )
        book.received.setdefault(client.id, []).append((day, part))
    return rows


def _write_targets(session, rng, owners: list[str], clients, today: date) -> int:
    """Each account manager's monthly targets are near what they achieve on average (90% to
    125% of it), so plan vs actual looks like a real team's; the team's own target is a
    little above the sum of the account managers'."""
    first = _first_month(today)
    averages = _monthly_averages(session, first, today)
    months = [
        (first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1)
        for i in range(MONTHS + 1)
    ]
    rows = []
    for year, month in months:
        team = [0] * 6
        for owner in owners:
            values = tuple(
                max(1, round(v * rng.uniform(0.9, 1.25))) for v in averages.get(owner, [1] * 6)
            )
            values = (*values[:4], values[4] // 1000_00 * 1000_00, values[5] // 1000_00 * 1000_00)
            team = [t + v for t, v in zip(team, values, strict=True)]
            rows.append((year, month, owner, *values))
        rows.append((year, month, "", *(t * 21 // 20 for t in team)))
    columns = (
        "year",
        "month",
        "owner",
        "clients",
        "visits",
        "signings",
        "signed_products",
        "signed_amount_fen",
        "receipts_fen",
    )
    return bulk.insert_rows(session, "monthly_targets", columns, rows)


def _monthly_averages(session, first: date, today: date) -> dict[str, list[float]]:
    """owner -> average per month of clients, visits, signings, products, signed fen, received."""
    totals: dict[str, list[float]] = {}

    def add(owner: str, position: int, value) -> None:
        totals.setdefault(owner, [0.0] * 6)[position] += float(value)

    for owner, _day, n in repo.clients_created(session, first, today):
        add(owner, 0, n)
    for owner, _day, n in repo.visits_made(session, first, today):
        add(owner, 1, n)
    for owner, _day, n, products, fen in repo.contracts_signed(session, first, today):
        add(owner, 2, n)
        add(owner, 3, products)
        add(owner, 4, fen)
    for owner, _day, fen in repo.receipts_received(session, first, today):
        add(owner, 5, fen)
    return {o: [v / MONTHS for v in values] for o, values in totals.items()}


def _write_rebates(session, rng, clients, book: _Book, today: date) -> int:
    """Quarterly rebates for the busiest clients, in every approval state."""
    busy = sorted(
        (c for c in clients if len(book.signed.get(c.id, ())) >= 2),
        key=lambda c: -sum(f for _, f in book.signed[c.id]),
    )[: max(10, min(200, len(clients) // 500))]
    quarters = _past_quarters(today, 4)
    states = list(rules.RebateStatus)
    rows, steps = [], []
    next_id = repo.max_id_of(session, "rebates") + 1
    for client in busy:
        first, last = max(quarters, key=lambda q, c=client.id: _activity_in(book, c, q))
        sales = sum(f for d, f in book.signed[client.id] if first <= d <= last)
        received = sum(f for d, f in book.received.get(client.id, ()) if first <= d <= last)
        if received <= 0:
            continue
        rate = rules.rebate_rate(Decimal(sales) / 100)
        amount = yuan_to_fen(rules.rebate_amount(Decimal(sales) / 100, Decimal(received) / 100))
        status = states[len(rows) % len(states)]
        applied = datetime.combine(last + timedelta(days=rng.randint(3, 15)), datetime.min.time())
        applied = min(applied.replace(hour=9), datetime.combine(today, datetime.min.time()))
        rows.append(
            (
                next_id,
                client.id,
                bulk.sql_date(first),
                bulk.sql_date(last),
                sales,
                received,
                str(rate),
                amount,
                status.value,
                client.owner,
                bulk.sql_datetime(applied),
                bulk.sql_datetime(applied),
                str(rate),  # applied on actual receipts: what is approved is what it carries
                amount,
            )
        )
        steps.extend(_steps(rng, next_id, status, client.owner, applied))
        next_id += 1
    bulk.insert_rows(
        session,
        "rebates",
        (
            "id",
            "client_id",
            "period_start",
            "period_end",
            "sales_fen",
            "receipts_fen",
            "rate",
            "amount_fen",
            "status",
            "applicant",
            "created_at",
            "updated_at",
            "approved_rate",
            "approved_amount_fen",
        ),
        rows,
    )
    bulk.insert_rows(
        session, "rebate_steps", ("rebate_id", "step", "decision", "actor", "comment", "at"), steps
    )
    return len(rows)


APPROVERS = {"manager": "周建国", "marketing": "孙丽", "gm": "陈志远"}  # the step names its role


def _steps(rng, rebate_id: int, status, applicant: str, applied: datetime) -> list[tuple]:
    steps = [(rebate_id, "apply", "apply", applicant, "", bulk.sql_datetime(applied))]
    done = {
        rules.RebateStatus.APPLIED: 0,
        rules.RebateStatus.MANAGER: 1,
        rules.RebateStatus.MARKETING: 2,
        rules.RebateStatus.APPROVED: 3,
        rules.RebateStatus.REJECTED: rng.randint(0, 2),
    }[status]
    at = applied
    for step in rules.APPROVAL_ORDER[:done]:
        at += timedelta(days=rng.randint(1, 3))
        steps.append(
            (rebate_id, step.value, "approve", APPROVERS[step.value], "同意", bulk.sql_datetime(at))
        )
    if status is rules.RebateStatus.REJECTED:
        step = rules.APPROVAL_ORDER[done]
        at += timedelta(days=1)
        reason = rng.choice(
            ("客户有逾期应收款，回款后再议", "期间销售额计算有误，请核对", "超出本季度返点预算")
        )
        steps.append(
            (rebate_id, step.value, "reject", APPROVERS[step.value], reason, bulk.sql_datetime(at))
        )
    return steps


def _activity_in(book: _Book, client_id: int, quarter: tuple[date, date]) -> tuple[bool, int]:
    """Quarters with both signings and receipts first, then the most received."""
    first, last = quarter
    signed = any(first <= d <= last for d, _ in book.signed.get(client_id, ()))
    received = sum(f for d, f in book.received.get(client_id, ()) if first <= d <= last)
    return signed and received > 0, received


def _past_quarters(today: date, count: int) -> list[tuple[date, date]]:
    quarter = (today.month - 1) // 3
    year = today.year
    out = []
    for _ in range(count):
        quarter -= 1
        if quarter < 0:
            quarter, year = 3, year - 1
        first = month_bounds(year, quarter * 3 + 1)[0]
        out.append((first, month_bounds(year, quarter * 3 + 3)[1]))
    return out


def _write_tier_changes(session, rng, clients, today: date) -> int:
    order = "DCBA"
    rows = []
    for client in rng.sample(clients, min(len(clients), max(5, len(clients) // 100))):
        position = order.index(client.tier) if client.tier in order else 1
        step = 1 if position < 3 and rng.random() < 0.6 else -1
        old = order[max(0, min(3, position - step))]
        if old == client.tier:
            continue
        day = today - timedelta(days=rng.randint(0, MONTHS * 30))
        rows.append((client.id, old, client.tier, bulk.sql_date(max(day, client.created_on))))
    columns = ("client_id", "old_tier", "new_tier", "changed_on")
    return bulk.insert_rows(session, "client_tier_changes", columns, rows)
