"""Contracts (合同) with product lines, receipts (回款) and receivables with their age.

Receivable ageing counts from each contract's due date (signed date + payment days); receipts
booked to a contract pay that contract, receipts without one pay the client's oldest due
contracts first (app.domain.plans.allocate_receipts; worked out in the database by
app.db.repositories.receivables, see app.services.receivables)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.db.models import Contract, Receipt
from app.db.repositories import clients as client_repo
from app.db.repositories import receivables as receivable_repo
from app.db.repositories import sales as repo
from app.domain.errors import FieldProblem, NotFoundError, ValidationError, ValidationErrors
from app.domain.money import (
    AmountError,
    fen_to_yuan,
    parse_yuan,
    shown_amount,
    to_yuan,
    too_large,
    yuan_from_number,
    yuan_to_fen,
)
from app.domain.parsing import parse_date, parse_uscc
from app.domain.plans import (
    due_date,
)
from app.domain.text import clean, name_key
from app.exports import spreadsheet
from app.services import client_transfer as ct
from app.services import history, indexing, record_versions, recycle_bin
from app.services.archive import Archive
from app.services.readers import reading
from app.services.receivables import (  # noqa: F401 - the receivables' names, kept here too
    ClientReceivable,
    OpenContract,
    ageing_totals,
    bucket_totals,
    client_receivable,
    day_of,
    receivables,
)
from app.services.tenders import parse_quantity

NUMBER_MAX = 60
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ContractLineDraft:
    product: str
    quantity: str
    unit: str = ""
    unit_price: Decimal = ZERO

    def amount(self) -> Decimal:
        return to_yuan(parse_quantity(self.quantity) * self.unit_price)


@dataclass(frozen=True)
class ContractDraft:
    number: str
    client_id: int
    signed_on: date
    lines: tuple[ContractLineDraft, ...] = ()
    amount: Decimal | None = None  # only when there are no lines; with lines it is their sum
    payment_terms: str = ""
    payment_days: int = 30
    owner: str = ""  # '' = the client's account manager
    notes: str = ""


@dataclass(frozen=True)
class ContractLineRecord:
    product: str
    quantity: str
    unit: str
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class ContractRecord:
    id: int
    number: str
    client_id: int
    client_name: str
    signed_on: date
    due_on: date
    amount: Decimal
    received: Decimal
    payment_terms: str
    payment_days: int
    owner: str
    notes: str
    lines: tuple[ContractLineRecord, ...]
    document_id: int | None = None  # the approved 购销合同/框架协议 it was made from
    document_title: str = ""
    version: int = 1  # what a save of an edit of it is checked against (record_versions)

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.received


@dataclass(frozen=True)
class ContractRow:
    id: int
    number: str
    client_id: int
    client_name: str
    signed_on: date
    due_on: date
    amount: Decimal
    received: Decimal
    products: int
    owner: str

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.received


@dataclass(frozen=True)
class ReceiptDraft:
    client_id: int
    received_on: date
    amount: Decimal
    contract_id: int | None = None
    method: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ReceiptRow:
    id: int
    client_id: int
    client_name: str
    contract_id: int | None
    contract_number: str
    received_on: date
    amount: Decimal
    method: str
    notes: str
    version: int = 1  # what a save of an edit of it is checked against (record_versions)


# --- contracts -------------------------------------------------------------------------------


def _check_contract(session, draft: ContractDraft, contract_id: int | None) -> ContractDraft:
    problems = []
    number = clean(draft.number)
    if not number:
        problems.append(FieldProblem("contract_number", "required"))
    elif len(number) > NUMBER_MAX:
        problems.append(FieldProblem("contract_number", "too_long", {"limit": NUMBER_MAX}))
    else:
        taken = repo.contract_by_number(session, number)
        if taken is not None and taken.id != contract_id:
            problems.append(FieldProblem("contract_number", "number_taken", {"value": number}))
    if client_repo.get(session, draft.client_id) is None:
        problems.append(FieldProblem("client", "unknown_client", {"value": draft.client_id}))
    if not isinstance(draft.payment_days, int) or not 0 <= draft.payment_days <= 3650:
        problems.append(FieldProblem("payment_days", "bad_payment_days"))
    problems += _check_lines(draft)
    if problems:
        raise ValidationErrors(problems)
    return ContractDraft(
        **{**draft.__dict__, "number": number, "owner": clean(draft.owner), "notes": draft.notes}
    )


def _check_lines(draft: ContractDraft) -> list[FieldProblem]:
    problems = []
    for line in draft.lines:
        if not clean(line.product):
            problems.append(FieldProblem("line_product", "required"))
        try:
            parse_quantity(line.quantity)
        except ValidationError as exc:
            problems.append(FieldProblem("quantity", exc.code, dict(exc.details)))
        if line.unit_price < 0:
            problems.append(FieldProblem("unit_price", "negative_amount"))
    if not draft.lines:
        if draft.amount is None:
            problems.append(FieldProblem("amount", "required"))
        elif draft.amount <= 0:
            problems.append(FieldProblem("amount", "not_positive"))
        elif too_large(draft.amount):
            shown = shown_amount(draft.amount)
            problems.append(FieldProblem("amount", "too_large", {"value": shown}))
    elif not problems:
        total = ZERO
        for line in draft.lines:  # each line and the sum within MAX_YUAN (大写 on documents)
            try:
                amount = parse_quantity(line.quantity) * line.unit_price
                total += amount
            except ArithmeticError:  # a quantity such as 1E+999999
                return [FieldProblem("quantity", "bad_quantity", {"value": line.quantity})]
            if too_large(amount) or too_large(total):
                shown = shown_amount(amount if too_large(amount) else total)
                return [FieldProblem("amount", "too_large", {"value": shown})]
    return problems


def contract_amount(draft: ContractDraft) -> Decimal:
    """The sum of the lines (each rounded to the fen), or the amount given without lines."""
    if draft.lines:
        return sum((line.amount() for line in draft.lines), ZERO)
    return to_yuan(draft.amount or 0)


def _line_rows(draft: ContractDraft) -> list[dict]:
    return [
        {
            "position": i,
            "product": clean(line.product),
            "quantity": str(parse_quantity(line.quantity)),
            "unit": clean(line.unit),
            "unit_price_fen": yuan_to_fen(line.unit_price),
            "amount_fen": yuan_to_fen(line.amount()),
        }
        for i, line in enumerate(draft.lines, start=1)
    ]


def create_contract(archive: Archive, draft: ContractDraft) -> ContractRecord:
    with archive.db.session() as session:
        contract_id = create_in(session, archive, draft)
    return get_contract(archive, contract_id)


def create_in(
    session, archive: Archive, draft: ContractDraft, document_id: int | None = None
) -> int:
    """Creates the contract in an open unit of work (with the document it is made from)."""
    draft = _check_contract(session, draft, None)
    client = client_repo.get(session, draft.client_id)
    now = archive.now()
    contract = Contract(created_at=now, updated_at=now, document_id=document_id)
    _apply(contract, draft, client.owner)
    session.add(contract)
    session.flush()
    repo.replace_lines(session, contract.id, _line_rows(draft))
    _index(session, contract, client.name)
    return contract.id


def update_contract(
    archive: Archive, contract_id: int, draft: ContractDraft, expected_version: int | None = None
) -> ContractRecord:
    """Saves every field and replaces the lines. The client cannot change while receipts are
    booked to the contract (they were paid by the first client); a refusal changes nothing,
    as does a contract changed after `expected_version` (ConflictError; None: no check)."""
    with archive.db.session() as session:
        record_versions.check(session, "contract", _get(session, contract_id), expected_version)
        update_in(session, archive, contract_id, draft)
    return get_contract(archive, contract_id)


def update_in(session, archive: Archive, contract_id: int, draft: ContractDraft) -> None:
    """update_contract in an open unit of work. Receipts booked to the contract stay as they
    are (they hang on the contract, not on its lines)."""
    contract = _get(session, contract_id)
    draft = _check_contract(session, draft, contract_id)
    receipts = repo.receipt_rows(session, None, contract_id)
    if receipts and draft.client_id != contract.client_id:
        raise ValidationError(
            "client", "client_of_paid_contract", number=contract.number, count=len(receipts)
        )
    client = client_repo.get(session, draft.client_id)
    _apply(contract, draft, client.owner)
    contract.updated_at = archive.now()
    repo.replace_lines(session, contract.id, _line_rows(draft))
    _index(session, contract, client.name)
    # the receipts' index entries carry the contract number
    indexing.reindex(
        session, [indexing.receipt_document(r, n, contract.number) for r, n, _ in receipts]
    )


def _apply(contract: Contract, draft: ContractDraft, client_owner: str) -> None:
    contract.number = draft.number
    contract.client_id = draft.client_id
    contract.signed_on = draft.signed_on
    contract.amount_fen = yuan_to_fen(contract_amount(draft))
    contract.payment_terms = clean(draft.payment_terms)
    contract.payment_days = draft.payment_days
    contract.owner = draft.owner or client_owner
    contract.notes = draft.notes


def delete_contract(archive: Archive, contract_id: int) -> None:
    """Deletes the contract and its lines. Refused while receipts are booked to it: money
    received is never deleted as a side effect; delete (or rebook) the receipts first."""
    with archive.db.session() as session:
        contract = _get(session, contract_id)
        count = repo.contract_receipt_count(session, contract_id)
        if count:
            raise ValidationError("contract", "has_receipts", number=contract.number, count=count)

        recycle_bin.move_to_bin(archive, session, "contract", contract_id)


def _get(session, contract_id: int) -> Contract:
    contract = repo.contract(session, contract_id)
    if contract is None:
        raise NotFoundError("contract", contract_id)
    return contract


def _index(session, contract: Contract, client_name: str) -> None:
    session.flush()
    products = repo.products_of(session, [contract.id]).get(contract.id, [])
    indexing.reindex(session, [indexing.contract_document(contract, client_name, products)])


def get_contract(archive: Archive, contract_id: int) -> ContractRecord:
    with archive.db.read() as session:
        return record_in(session, contract_id)


def record_in(session, contract_id: int) -> ContractRecord:
    contract = _get(session, contract_id)
    client = client_repo.get(session, contract.client_id)
    received = sum(r.amount_fen for r, _, _ in repo.receipt_rows(session, None, contract_id))
    lines = tuple(
        ContractLineRecord(
            line.product,
            line.quantity,
            line.unit,
            fen_to_yuan(line.unit_price_fen),
            fen_to_yuan(line.amount_fen),
        )
        for line in repo.lines(session, contract_id)
    )
    return ContractRecord(
        id=contract.id,
        number=contract.number,
        client_id=contract.client_id,
        client_name=client.name,
        signed_on=contract.signed_on,
        due_on=due_date(contract.signed_on, contract.payment_days),
        amount=fen_to_yuan(contract.amount_fen),
        received=fen_to_yuan(received),
        payment_terms=contract.payment_terms,
        payment_days=contract.payment_days,
        owner=contract.owner,
        notes=contract.notes,
        lines=lines,
        document_id=contract.document_id,
        document_title=repo.document_title(session, contract.document_id),
        version=contract.version,
    )


def list_contracts(
    archive: Archive, client_id: int | None = None, text: str = "", limit: int | None = None
) -> list[ContractRow]:
    """Newest first; `limit` keeps a window responsive on a very large archive."""
    with archive.db.read() as session:
        rows = repo.contract_rows(session, client_id, clean(text), limit)
        return [
            ContractRow(
                id=c.id,
                number=c.number,
                client_id=c.client_id,
                client_name=name,
                signed_on=c.signed_on,
                due_on=due_date(c.signed_on, c.payment_days),
                amount=fen_to_yuan(c.amount_fen),
                received=fen_to_yuan(received),
                products=products,
                owner=c.owner,
            )
            for c, name, received, products in rows
        ]


def counts(archive: Archive) -> tuple[int, int]:
    """(contracts, receipts) in the archive."""
    with archive.db.read() as session:
        return repo.counts(session)


def find_contract_id(archive: Archive, number: str) -> int:
    with archive.db.read() as session:
        contract = repo.contract_by_number(session, clean(number))
        if contract is None:
            raise ValidationError("contract_number", "unknown_contract", value=number)
        return contract.id


def draft_of(record: ContractRecord) -> ContractDraft:
    """The draft that saves `record` unchanged: the starting point of an edit."""
    lines = tuple(
        ContractLineDraft(line.product, line.quantity, line.unit, line.unit_price)
        for line in record.lines
    )
    return ContractDraft(
        number=record.number,
        client_id=record.client_id,
        signed_on=record.signed_on,
        lines=lines,
        amount=None if lines else record.amount,
        payment_terms=record.payment_terms,
        payment_days=record.payment_days,
        owner=record.owner,
        notes=record.notes,
    )


def find_client_id(archive: Archive, text: str) -> int:
    """A client by id ("12") or by its exact name (ignoring spaces and width)."""
    text = clean(text)
    with archive.db.read() as session:
        client = client_repo.get(session, int(text)) if text.isdigit() else None
        if client is None:
            client = client_repo.find_by_name_key(session, name_key(text))
        if client is None:
            raise ValidationError("client", "unknown_client", value=text)
        return client.id


# --- receipts --------------------------------------------------------------------------------


def _check_receipt(session, draft: ReceiptDraft) -> None:
    problems = []
    if client_repo.get(session, draft.client_id) is None:
        problems.append(FieldProblem("client", "unknown_client", {"value": draft.client_id}))
    if draft.received_on is None:
        problems.append(FieldProblem("received_on", "required"))
    if draft.amount is not None and too_large(draft.amount):
        problems.append(FieldProblem("amount", "too_large", {"value": shown_amount(draft.amount)}))
    elif draft.amount is None or yuan_to_fen(draft.amount) <= 0:
        problems.append(FieldProblem("amount", "not_positive"))
    if draft.contract_id is not None:
        contract = repo.contract(session, draft.contract_id)
        if contract is None:
            problems.append(
                FieldProblem("contract", "unknown_contract", {"value": draft.contract_id})
            )
        elif contract.client_id != draft.client_id:
            problems.append(
                FieldProblem("contract", "contract_of_other_client", {"value": contract.number})
            )
    if problems:
        raise ValidationErrors(problems)


def add_receipt(archive: Archive, draft: ReceiptDraft) -> ReceiptRow:
    with archive.db.session() as session:
        _check_receipt(session, draft)
        receipt = Receipt(
            client_id=draft.client_id,
            contract_id=draft.contract_id,
            received_on=draft.received_on,
            amount_fen=yuan_to_fen(draft.amount),
            method=clean(draft.method),
            notes=draft.notes,
            created_at=archive.now(),
        )
        session.add(receipt)
        session.flush()
        _index_receipts(session, receipt.id - 1)
        receipt_id = receipt.id
    return get_receipt(archive, receipt_id)


def _index_receipts(session, after_id: int) -> None:
    rows = repo.stream_receipts(session, after_id)
    indexing.reindex(
        session, [indexing.receipt_document(r, name, number) for r, name, number in rows]
    )


def get_receipt(archive: Archive, receipt_id: int) -> ReceiptRow:
    with archive.db.read() as session:
        receipt = repo.receipt(session, receipt_id)
        if receipt is None:
            raise NotFoundError("receipt", receipt_id)
        client = client_repo.get(session, receipt.client_id)
        contract = repo.contract(session, receipt.contract_id) if receipt.contract_id else None
        return _receipt_row(receipt, client.name, contract.number if contract else None)


def update_receipt(
    archive: Archive, receipt_id: int, draft: ReceiptDraft, expected_version: int | None = None
) -> ReceiptRow:
    """Saves `draft` over the receipt `receipt_id` with the checks of add_receipt, and its
    search entry with it, in one transaction: a refused save changes nothing (nor one made on
    a receipt changed after `expected_version`: ConflictError; None: no check)."""
    with archive.db.session() as session:
        receipt = repo.receipt(session, receipt_id)
        if receipt is None:
            raise NotFoundError("receipt", receipt_id)
        record_versions.check(session, "receipt", receipt, expected_version)
        _check_receipt(session, draft)
        receipt.client_id = draft.client_id
        receipt.contract_id = draft.contract_id
        receipt.received_on = draft.received_on
        receipt.amount_fen = yuan_to_fen(draft.amount)
        receipt.method = clean(draft.method)
        receipt.notes = draft.notes
        session.flush()
        client = client_repo.get(session, draft.client_id)
        contract = repo.contract(session, draft.contract_id) if draft.contract_id else None
        indexing.reindex(
            session,
            [
                indexing.receipt_document(
                    receipt, client.name, contract.number if contract else None
                )
            ],
        )
    return get_receipt(archive, receipt_id)


def draft_of_receipt(row: ReceiptRow) -> ReceiptDraft:
    """The draft that saves `row` unchanged (the start of an edit)."""
    return ReceiptDraft(
        client_id=row.client_id,
        received_on=row.received_on,
        amount=row.amount,
        contract_id=row.contract_id,
        method=row.method,
        notes=row.notes,
    )


def delete_receipt(archive: Archive, receipt_id: int) -> ReceiptRow:
    """Deletes one receipt; returns what it was (for the message saying so)."""
    row = get_receipt(archive, receipt_id)
    with archive.db.session() as session:
        receipt = repo.receipt(session, receipt_id)
        if receipt is None:
            raise NotFoundError("receipt", receipt_id)

        recycle_bin.move_to_bin(archive, session, "receipt", receipt_id)
    return row


def list_receipts(
    archive: Archive,
    client_id: int | None = None,
    contract_id: int | None = None,
    limit: int | None = None,
) -> list[ReceiptRow]:
    with archive.db.read() as session:
        rows = repo.receipt_rows(session, client_id, contract_id, limit)
        return [_receipt_row(r, name, number) for r, name, number in rows]


def _receipt_row(r: Receipt, client_name: str, contract_number: str | None) -> ReceiptRow:
    return ReceiptRow(
        id=r.id,
        client_id=r.client_id,
        client_name=client_name,
        contract_id=r.contract_id,
        contract_number=contract_number or "",
        received_on=r.received_on,
        amount=fen_to_yuan(r.amount_fen),
        method=r.method,
        notes=r.notes,
        version=r.version,
    )


# --- receivables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenReceivable:
    """One contract's unpaid share in fen, with its client (the sales forecast's input)."""

    contract_id: int
    number: str
    client_name: str
    owner: str
    due_on: date
    outstanding_fen: int


def open_receivables(
    archive: Archive, as_of: date | None = None, due_by: date | None = None
) -> list[OpenReceivable]:
    """Every contract's unpaid share as of `as_of` (receipts allocated as in `receivables`),
    only those due by `due_by` when given; without the ageing of each client (issue 11)."""
    as_of = as_of or archive.today()
    with reading(archive) as reader:
        rows = receivable_repo.open_items(reader, as_of)
    found = []
    for _client, name, owner, contract, number, signed_on, days, fen in rows:
        if contract is None:  # a client's credit, not a contract's share
            continue
        due = due_date(day_of(signed_on), int(days))
        if due_by is None or due <= due_by:
            found.append(OpenReceivable(contract, number or "", name or "", owner or "", due, fen))
    return found


# --- receipts import -------------------------------------------------------------------------

RECEIPT_FIELDS: tuple[tuple[str, str], ...] = (
    ("回款日期", "received_on"),
    ("客户名称", "name"),
    ("统一社会信用代码", "uscc"),
    ("合同编号", "contract_number"),
    ("金额", "amount"),
    ("方式", "method"),
    ("备注", "notes"),
)
RECEIPT_HEADINGS: tuple[str, ...] = tuple(h for h, _ in RECEIPT_FIELDS)
_RECEIPT_ALIASES: dict[str, tuple[str, ...]] = {
    "received_on": ("date", "received on", "收款日期", "日期"),
    "name": ("client", "client name", "客户"),
    "uscc": ("uscc", "credit code"),
    "contract_number": ("contract", "contract number", "合同号"),
    "amount": ("amount", "回款金额", "收款金额"),
    "method": ("method", "回款方式", "付款方式"),
    "notes": ("notes", "remarks"),
}
_RECEIPT_INSTRUCTIONS = {
    "received_on": "必填。2026-03-05、2026/3/5、2026年3月5日 或 Excel 日期",
    "name": "客户名称与统一社会信用代码至少填一项；须为档案中已有客户",
    "uscc": "选填。填写时按代码查找客户",
    "contract_number": "选填。须为该客户的合同；留空则冲抵该客户最早到期的应收款",
    "amount": "必填。大于 0，如 12,345.60",
    "method": "选填，如 银行转账、承兑汇票",
    "notes": "选填",
}


def _receipt_heading_fields() -> dict[str, str]:
    fields = {}
    for heading, name in RECEIPT_FIELDS:
        fields[ct._heading_key(heading)] = name
        for alias in _RECEIPT_ALIASES[name]:
            fields[ct._heading_key(alias)] = name
    return fields


_RECEIPT_HEADING_FIELDS = _receipt_heading_fields()


def _receipt_columns(heading: Sequence[object]) -> ct._Columns:
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for i, cell in enumerate(heading):
        name = _RECEIPT_HEADING_FIELDS.get(ct._heading_key(cell))
        if name is None or name in index:
            if clean(cell):
                ignored.append(clean(cell))
            continue
        index[name] = i
        written[name] = clean(cell)
    for required, heading_text in (("received_on", "回款日期"), ("amount", "金额")):
        if required not in index:
            raise ValidationError("heading", "missing_heading", value=heading_text)
    if "name" not in index and "uscc" not in index:
        raise ValidationError("heading", "missing_heading", value="客户名称")
    labels = {name: heading for heading, name in RECEIPT_FIELDS}
    return _ReceiptColumns(index, {**labels, **written}, tuple(ignored))


class _ReceiptColumns(ct._Columns):
    def label(self, field: str) -> str:
        return self.written.get(field, field)


@dataclass(frozen=True)
class _ReceiptLookups:
    by_name: dict[str, tuple[int, str]]
    by_uscc: dict[str, tuple[int, str]]
    contracts: dict[str, tuple[int, int]]
    existing: set


@dataclass(frozen=True)
class _ParsedReceipt:
    row: int
    values: tuple[str, ...]
    problems: tuple[ct.RowProblem, ...]
    draft: ReceiptDraft | None
    client_name: str = ""


class _ReceiptRowReader(ct._RowReader):
    def read_receipt(self, lookups: _ReceiptLookups) -> _ParsedReceipt:
        received_on = self.parse("received_on", parse_date)
        if received_on is None and not self.problems:
            self.problem("received_on", "required")
        amount = self._amount()
        client = self._client(lookups)
        contract_id = self._contract(lookups, client)
        values = tuple(ct._cell_text(self.raw(f)) for _, f in RECEIPT_FIELDS)
        if self.problems:
            return _ParsedReceipt(self.row, values, tuple(self.problems), None)
        draft = ReceiptDraft(
            client_id=client[0],
            received_on=received_on,
            amount=amount,
            contract_id=contract_id,
            method=self.text("method"),
            notes=ct._cell_text(self.raw("notes")).strip(),
        )
        return _ParsedReceipt(self.row, values, (), draft, client[1])

    def _amount(self) -> Decimal | None:
        raw = self.raw("amount")
        text = ct._cell_text(raw)
        try:
            # A numeric cell rounds to the fen (float noise such as 1234.5000000001 from a
            # formula is nobody's typing); text typed into a cell or a CSV is strict.
            is_number = isinstance(raw, int | float | Decimal) and not isinstance(raw, bool)
            amount = yuan_from_number(raw) if is_number else parse_yuan(text)
        except AmountError as exc:
            self.problem("amount", exc.code, value=text)
            return None
        if amount is None:
            self.problem("amount", "required")
        elif amount <= 0:
            self.problem("amount", "not_positive")
        return amount

    def _client(self, lookups: _ReceiptLookups) -> tuple[int, str] | None:
        uscc = self.parse("uscc", parse_uscc) if self.text("uscc") else None
        if uscc:
            found = lookups.by_uscc.get(uscc)
            if found is None:
                self.problem("uscc", "unknown_client", value=uscc)
            return found
        name = self.text("name")
        if not name:
            if not self.text("uscc"):
                self.problem("name", "required")
            return None
        found = lookups.by_name.get(name_key(name))
        if found is None:
            self.problem("name", "unknown_client", value=name)
        return found

    def _contract(self, lookups: _ReceiptLookups, client: tuple[int, str] | None) -> int | None:
        number = self.text("contract_number")
        if not number:
            return None
        found = lookups.contracts.get(number)
        if found is None:
            self.problem("contract_number", "unknown_contract", value=number)
            return None
        if client is not None and found[1] != client[0]:
            self.problem("contract_number", "contract_of_other_client", value=number)
        return found[0]


def _analyse_receipts(archive: Archive, path, phases: int, task):
    table = spreadsheet.read_table(path)
    columns = _receipt_columns(table.heading)
    with archive.db.read() as session:
        by_name, by_uscc = client_repo.existing_keys(session)
        lookups = _ReceiptLookups(
            by_name, by_uscc, repo.contract_numbers(session), repo.receipt_keys(session)
        )
    progress = ct._Progress(task, phases, len(table.rows))
    analysis = ct._Analysis()
    seen: dict[tuple, int] = {}
    for done, (number, cells) in enumerate(table.rows, start=1):
        if done % ct.BATCH == 0:
            progress.report(0, done, len(table.rows))
        unreadable = ct.unreadable_problem(table, columns, number)  # a stray quote, say
        if unreadable is not None:
            values = tuple(ct._cell_text(columns.cell(cells, f)) for _, f in RECEIPT_FIELDS)
            analysis.add(_ParsedReceipt(number, values, (unreadable,), None), None)
            continue
        if spreadsheet.is_blank(cells):
            analysis.blank_rows += 1
            continue
        parsed = _ReceiptRowReader(columns, number, cells).read_receipt(lookups)
        analysis.add(parsed, _receipt_duplicate(parsed, lookups, seen))
    progress.report(0, len(table.rows), len(table.rows))
    return columns, analysis, progress


def _receipt_duplicate(parsed: _ParsedReceipt, lookups: _ReceiptLookups, seen: dict):
    """The same client, contract, date and amount as a booked receipt or an earlier row."""
    if parsed.draft is None:
        return None
    d = parsed.draft
    key = (d.client_id, d.contract_id, d.received_on, yuan_to_fen(d.amount))
    label = f"{parsed.client_name} {d.received_on} {d.amount:,.2f}"
    if key in lookups.existing:
        return ct.DuplicateRow(parsed.row, f"已登记的回款 {label}", None)
    if key in seen:
        return ct.DuplicateRow(parsed.row, f"第 {seen[key]} 行 {label}", None)
    seen[key] = parsed.row
    return None


def preview_receipts(archive: Archive, path, task=None, rejects=None) -> ct.ImportReport:
    """What importing `path` would do, row by row. Writes nothing to the archive; with
    `rejects`, writes the rows that would not be booked there."""
    path = Path(path)
    ct._check_rejects_target(path, rejects)
    columns, analysis, _ = _analyse_receipts(archive, path, 1, task)
    report = analysis.report(columns, path, dry_run=True)
    if rejects is None:
        return report
    return replace(report, rejects_saved=write_receipt_rejects(report, path, rejects))


def import_receipts(archive: Archive, path, task=None, rejects=None) -> ct.ImportReport:
    """Books every good row in one transaction: all of them, or (on error or cancel) none.

    With `rejects`, the rows not booked are written there before the commit (see
    client_transfer.import_transaction): no import without its rejects file, nor the reverse."""
    path = Path(path)
    ct._check_rejects_target(path, rejects)
    columns, analysis, progress = _analyse_receipts(archive, path, 2, task)
    report = analysis.report(columns, path, dry_run=False)
    rows = analysis.to_import
    now = archive.now()
    with ct.import_transaction(
        archive, rejects, lambda out: write_receipt_rejects(report, path, out)
    ) as session:
        before = repo.max_id_of(session, "receipts")
        for start in range(0, len(rows), ct.BATCH):
            batch = rows[start : start + ct.BATCH]
            repo.insert_rows(session, Receipt, [_receipt_values(p.draft, now) for p in batch])
            progress.report(1, start + len(batch), len(rows))
        _index_receipts(session, before)
        history.bulk(session, "receipt", len(rows), f"导入回款 {path.name}")
    if rejects is None:
        return report
    return replace(report, rejects_saved=ct._problem_rows(report))


def _receipt_values(draft: ReceiptDraft, now) -> dict:
    return {
        "client_id": draft.client_id,
        "contract_id": draft.contract_id,
        "received_on": draft.received_on,
        "amount_fen": yuan_to_fen(draft.amount),
        "method": draft.method,
        "notes": draft.notes,
        "created_at": now,
    }


def write_receipt_rejects(report: ct.ImportReport, source_path, out_path) -> int:
    """The rejected and duplicate rows with their cells and a 错误原因 column, to fix and retry."""
    table = spreadsheet.read_table(Path(source_path))
    columns = _receipt_columns(table.heading)
    reasons = {r.row: r.message for r in report.rows if r.status != "ok"}
    rows = (
        tuple(columns.cell(cells, f) for _, f in RECEIPT_FIELDS) + (reasons[number],)
        for number, cells in table.rows
        if number in reasons
    )
    return spreadsheet.write_table(
        Path(out_path), RECEIPT_HEADINGS + (ct.REASON_HEADING,), rows, sheet_title="回款"
    )


def write_receipt_template(out_path) -> None:
    instructions = spreadsheet.ExtraSheet(
        "填写说明",
        ("列", "说明"),
        tuple((h, _RECEIPT_INSTRUCTIONS[f]) for h, f in RECEIPT_FIELDS),
    )
    spreadsheet.write_table(
        Path(out_path), RECEIPT_HEADINGS, (), sheet_title="回款", extra_sheets=(instructions,)
    )
