"""Importing the client list people keep in Excel, and exporting it in the same template.

A row is imported, rejected (with every problem: row number, column as written, reason) or
reported as a duplicate (of a client in the archive or of an earlier row of the file); it is
never lost and never guessed at. The import writes all good rows in one transaction, or none."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.db.repositories import clients as client_repo
from app.domain.enums import Tier
from app.domain.errors import CancelledError, ValidationError
from app.domain.messages import reason_text
from app.domain.parsing import parse_date, parse_email, parse_mobile, parse_tier, parse_uscc
from app.domain.records import NAME_MAX, ClientDraft, ContactDraft
from app.domain.text import clean, name_key
from app.exports import spreadsheet
from app.exports.spreadsheet import ExtraSheet
from app.services import search
from app.services.archive import Archive
from app.services.clients import new_client_row, new_contact_row

# Template column -> the field it fills (field names as in app.domain.messages.FIELD_LABELS).
TEMPLATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("客户名称", "name"),
    ("统一社会信用代码", "uscc"),
    ("客户等级", "tier"),
    ("行业", "industry"),
    ("地区", "region"),
    ("地址", "address"),
    ("客户经理", "owner"),
    ("建档日期", "created_on"),
    ("联系人", "contact_name"),
    ("职务", "title"),
    ("手机", "mobile"),
    ("邮箱", "email"),
    ("备注", "notes"),
)
TEMPLATE_HEADINGS: tuple[str, ...] = tuple(h for h, _ in TEMPLATE_FIELDS)
REASON_HEADING = "错误原因"
SHEET_TITLE = "客户"
BATCH = 1000

_ENGLISH_HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("name", "client name", "client", "company", "company name"),
    "uscc": ("uscc", "unified social credit code", "credit code"),
    "tier": ("tier", "level", "grade"),
    "industry": ("industry",),
    "region": ("region", "area"),
    "address": ("address",),
    "owner": ("owner", "account manager", "manager"),
    "created_on": ("created on", "date on file", "created"),
    "contact_name": ("contact", "contact name"),
    "title": ("title", "position", "job title"),
    "mobile": ("mobile", "mobile phone", "cell phone"),
    "email": ("email", "e-mail", "mail"),
    "notes": ("notes", "note", "remarks", "comments"),
}
_INSTRUCTIONS: dict[str, str] = {
    "name": "必填。与档案中已有客户同名(忽略空格和全角/半角)视为重复",
    "uscc": "选填。18 位,校验位必须正确;与已有客户相同视为重复",
    "tier": "A/B/C/D,也可写 A类、b级、重点、主要、一般、潜在;留空为 C",
    "industry": "选填",
    "region": "选填,如 广州",
    "address": "选填",
    "owner": "选填,负责的客户经理",
    "created_on": "选填。2024-03-05、2024/3/5、2024年3月5日 或 Excel 日期;留空为导入当天",
    "contact_name": "选填。填写后同时建立一位联系人;填写职务/手机/邮箱时必填",
    "title": "选填,联系人的职务",
    "mobile": "选填,11 位手机号,可带空格、横线或 +86",
    "email": "选填,如 name@example.com",
    "notes": "选填",
}


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str
    field: str
    code: str


@dataclass(frozen=True)
class DuplicateRow:
    row: int
    existing: str
    existing_id: int | None  # None: an earlier row of the same file


@dataclass(frozen=True)
class PreviewRow:
    row: int
    status: str  # "ok" | "rejected" | "duplicate"
    values: tuple[str, ...]  # cell texts in TEMPLATE_HEADINGS order
    message: str  # '' for ok; the reasons, or "与“X”重复"


@dataclass(frozen=True)
class ImportReport:
    imported: int
    rejected: tuple[RowProblem, ...]
    duplicates: tuple[DuplicateRow, ...]
    blank_rows: int
    rows: tuple[PreviewRow, ...]
    ignored_columns: tuple[str, ...]
    dry_run: bool
    source: str

    def as_json(self) -> dict:
        return {
            "imported": self.imported,
            "rejected": [
                {"row": p.row, "column": p.column, "reason": p.reason} for p in self.rejected
            ],
            "duplicates": [{"row": d.row, "existing": d.existing} for d in self.duplicates],
            "blank_rows": self.blank_rows,
        }


# --- headings -------------------------------------------------------------------------------


def _heading_key(text: object) -> str:
    folded = unicodedata.normalize("NFKC", str(text or ""))
    folded = "".join(folded.split()).rstrip("*").casefold()
    return folded


def _heading_fields() -> dict[str, str]:
    """Folded heading (Chinese or English) -> field."""
    fields = {}
    for heading, field in TEMPLATE_FIELDS:
        fields[_heading_key(heading)] = field
        for alias in _ENGLISH_HEADINGS[field]:
            fields[_heading_key(alias)] = field
    return fields


_HEADING_FIELDS = _heading_fields()


@dataclass(frozen=True)
class _Columns:
    """Where each field sits in the file, and its heading as the file writes it."""

    index: dict[str, int]
    written: dict[str, str]
    ignored: tuple[str, ...]

    def cell(self, cells: Sequence[object], field: str) -> object:
        i = self.index.get(field)
        return cells[i] if i is not None and i < len(cells) else None

    def label(self, field: str) -> str:
        return self.written.get(field, TEMPLATE_HEADINGS[_FIELD_ORDER[field]])


_FIELD_ORDER = {f: i for i, (_, f) in enumerate(TEMPLATE_FIELDS)}


def _match_columns(heading: Sequence[object]) -> _Columns:
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for i, cell in enumerate(heading):
        text = clean(cell)
        field = _HEADING_FIELDS.get(_heading_key(cell))
        if field is None or field in index:
            if text:
                ignored.append(text)
            continue
        index[field] = i
        written[field] = text
    if "name" not in index:
        raise ValidationError("heading", "missing_heading", value="客户名称")
    return _Columns(index, written, tuple(ignored))


# --- one row ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    row: int
    values: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    client: ClientDraft | None
    contact: ContactDraft | None


class _RowReader:
    """Reads one row's cells into drafts, collecting every problem instead of stopping."""

    def __init__(self, columns: _Columns, row: int, cells: Sequence[object]):
        self.columns = columns
        self.row = row
        self.cells = cells
        self.problems: list[RowProblem] = []

    def raw(self, field: str) -> object:
        return self.columns.cell(self.cells, field)

    def text(self, field: str) -> str:
        return clean(_cell_text(self.raw(field)))

    def problem(self, field: str, code: str, **details: object) -> None:
        reason = reason_text(code, details)
        self.problems.append(RowProblem(self.row, self.columns.label(field), reason, field, code))

    def parse(self, field: str, parser) -> object:
        try:
            return parser(self.raw(field), field)
        except ValidationError as exc:
            self.problem(field, exc.code, **exc.details)
            return None

    def read(self) -> _Parsed:
        name = self.text("name")
        if not name:
            self.problem("name", "required")
        elif len(name) > NAME_MAX:
            self.problem("name", "too_long", limit=NAME_MAX)
        uscc = self.parse("uscc", parse_uscc)
        tier = self.parse("tier", parse_tier)
        created_on = self.parse("created_on", parse_date)
        contact = self._contact()
        values = tuple(_cell_text(self.columns.cell(self.cells, f)) for _, f in TEMPLATE_FIELDS)
        if self.problems:
            return _Parsed(self.row, values, tuple(self.problems), None, None)
        client = ClientDraft(
            name=name,
            uscc=uscc,
            tier=tier or Tier.C,
            industry=self.text("industry"),
            region=self.text("region"),
            address=self.text("address"),
            owner=self.text("owner"),
            created_on=created_on,
            notes=_cell_text(self.raw("notes")).strip(),
        )
        return _Parsed(self.row, values, (), client, contact)

    def _contact(self) -> ContactDraft | None:
        name = self.text("contact_name")
        title = self.text("title")
        mobile = self.parse("mobile", parse_mobile)
        email = self.parse("email", parse_email)
        if name:
            return ContactDraft(name=name, title=title, mobile=mobile, email=email)
        if title or self.text("mobile") or self.text("email"):
            self.problem("contact_name", "required")
        return None


def _cell_text(value: object) -> str:
    """A cell as people read it: dates as YYYY-MM-DD, 13800001111.0 as 13800001111."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- the whole file --------------------------------------------------------------------------


@dataclass
class _Analysis:
    """The file's rows sorted into what will be imported and what will not."""

    rejected: list[RowProblem] = dataclasses.field(default_factory=list)
    duplicates: list[DuplicateRow] = dataclasses.field(default_factory=list)
    preview: list[PreviewRow] = dataclasses.field(default_factory=list)
    to_import: list[_Parsed] = dataclasses.field(default_factory=list)
    blank_rows: int = 0

    def add(self, parsed: _Parsed, duplicate: DuplicateRow | None) -> None:
        if parsed.problems:
            self.rejected.extend(parsed.problems)
            message = ";".join(f"{p.column}:{p.reason}" for p in parsed.problems)
            self.preview.append(PreviewRow(parsed.row, "rejected", parsed.values, message))
        elif duplicate is not None:
            self.duplicates.append(duplicate)
            message = f"与“{duplicate.existing}”重复"
            self.preview.append(PreviewRow(parsed.row, "duplicate", parsed.values, message))
        else:
            self.to_import.append(parsed)
            self.preview.append(PreviewRow(parsed.row, "ok", parsed.values, ""))

    def report(self, columns: _Columns, path: Path, dry_run: bool) -> ImportReport:
        return ImportReport(
            imported=len(self.to_import),
            rejected=tuple(self.rejected),
            duplicates=tuple(self.duplicates),
            blank_rows=self.blank_rows,
            rows=tuple(self.preview),
            ignored_columns=columns.ignored,
            dry_run=dry_run,
            source=str(path),
        )


class _Progress:
    """One progress bar over a job's phases (reading the rows, then writing them): each phase
    takes an equal share. Also the place where a cancel request is noticed."""

    def __init__(self, task, phases: int, span: int):
        self.task = task
        self.phases = phases
        self.span = max(1, span)

    def report(self, phase: int, done: int, of: int) -> None:
        if self.task is None:
            return
        if self.task.cancelled():
            raise CancelledError()
        share = self.span * done // of if of else self.span
        self.task.progress(phase * self.span + share, self.phases * self.span)


class _Duplicates:
    """Keys of the archive's clients and of the file's earlier good rows."""

    def __init__(self, by_name: dict[str, tuple[int, str]], by_uscc: dict[str, tuple[int, str]]):
        self.archive_names = by_name
        self.archive_usccs = by_uscc
        self.file_names: dict[str, str] = {}
        self.file_usccs: dict[str, str] = {}

    def find(self, parsed: _Parsed) -> DuplicateRow | None:
        draft = parsed.client
        key = name_key(draft.name)
        found = (draft.uscc and self.archive_usccs.get(draft.uscc)) or self.archive_names.get(key)
        if found:
            return DuplicateRow(parsed.row, found[1], found[0])
        earlier = (draft.uscc and self.file_usccs.get(draft.uscc)) or self.file_names.get(key)
        if earlier:
            return DuplicateRow(parsed.row, earlier, None)
        self.file_names[key] = draft.name
        if draft.uscc:
            self.file_usccs[draft.uscc] = draft.name
        return None


def _analyse(
    archive: Archive, path: Path, progress_phases: int, task
) -> tuple[_Columns, _Analysis, _Progress]:
    """Reads and checks every row; returns (columns, analysis, progress)."""
    table = spreadsheet.read_table(path)
    columns = _match_columns(table.heading)
    with archive.db.read() as session:
        duplicates = _Duplicates(*client_repo.existing_keys(session))
    total = len(table.rows)
    progress = _Progress(task, progress_phases, total)
    analysis = _Analysis()
    for done, (number, cells) in enumerate(table.rows, start=1):
        if done % BATCH == 0:
            progress.report(0, done, total)
        if spreadsheet.is_blank(cells):
            analysis.blank_rows += 1
            continue
        parsed = _RowReader(columns, number, cells).read()
        analysis.add(parsed, None if parsed.problems else duplicates.find(parsed))
    progress.report(0, total, total)
    return columns, analysis, progress


def preview_import(archive: Archive, path: Path, task=None) -> ImportReport:
    """What an import of `path` would do, row by row. Writes nothing."""
    path = Path(path)
    columns, analysis, _ = _analyse(archive, path, 1, task)
    return analysis.report(columns, path, dry_run=True)


def import_clients(archive: Archive, path: Path, task=None) -> ImportReport:
    """Imports every good row in one transaction: all of them, or (on error or cancel) none.

    Progress runs over two equal phases: reading the rows, then writing the good ones."""
    path = Path(path)
    columns, analysis, progress = _analyse(archive, path, 2, task)
    rows = analysis.to_import
    with archive.db.session() as session:
        today, now = archive.today(), archive.now()
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            _write_batch(session, batch, today, now)
            progress.report(1, start + len(batch), len(rows))
    return analysis.report(columns, path, dry_run=False)


def _write_batch(session, batch: Sequence[_Parsed], today: date, now: datetime) -> None:
    """Clients, their contacts and their search documents for one batch of good rows."""
    clients = [new_client_row(p.client, today, now) for p in batch]
    client_repo.insert_new_clients(session, clients)
    contacts = [
        (new_contact_row(client.id, p.contact), client.name)
        for client, p in zip(clients, batch, strict=True)
        if p.contact is not None
    ]
    client_repo.insert_new_contacts(session, [c for c, _ in contacts])
    documents = [search.client_document(c) for c in clients]
    documents += [search.contact_document(c, name) for c, name in contacts]
    search.reindex(session, documents)


# --- rejects, export, template ---------------------------------------------------------------


def write_rejects(report: ImportReport, source_path: Path, out_path: Path) -> int:
    """The rejected and duplicate rows with their original cells, in the template, plus a
    错误原因 column, so they can be fixed and imported again. Returns the rows written."""
    table = spreadsheet.read_table(Path(source_path))
    columns = _match_columns(table.heading)
    reasons = {r.row: r.message for r in report.rows if r.status != "ok"}
    rows = (
        tuple(columns.cell(cells, f) for _, f in TEMPLATE_FIELDS) + (reasons[number],)
        for number, cells in table.rows
        if number in reasons
    )
    return spreadsheet.write_table(
        Path(out_path), TEMPLATE_HEADINGS + (REASON_HEADING,), rows, sheet_title=SHEET_TITLE
    )


def export_clients(archive: Archive, out_path: Path, task=None) -> int:
    """Every client with its first contact, in id order, in the import template."""
    out_path = Path(out_path)
    as_text = spreadsheet.file_format(out_path) == "csv"
    with archive.db.read() as session:
        total = client_repo.count(session)
        rows = _export_rows(client_repo.all_for_export(session), as_text, task, total)
        return spreadsheet.write_table(out_path, TEMPLATE_HEADINGS, rows, sheet_title=SHEET_TITLE)


def _export_rows(pairs, as_text: bool, task, total: int) -> Iterator[tuple[object, ...]]:
    progress = _Progress(task, 1, total)
    for done, (client, contact) in enumerate(pairs, start=1):
        if done % BATCH == 0:
            progress.report(0, done, total)
        created_on = client.created_on.isoformat() if as_text else client.created_on
        cells = (
            client.name,
            client.uscc,
            client.tier,
            client.industry,
            client.region,
            client.address,
            client.owner,
            created_on,
            contact.name if contact else None,
            contact.title if contact else None,
            contact.mobile if contact else None,
            contact.email if contact else None,
            client.notes,
        )
        yield tuple(value or None for value in cells)
    progress.report(0, total, total)


def write_template(out_path: Path) -> None:
    """An empty template: the headings only (plus a 填写说明 sheet in .xlsx)."""
    instructions = ExtraSheet(
        "填写说明",
        ("列", "说明"),
        tuple((heading, _INSTRUCTIONS[field]) for heading, field in TEMPLATE_FIELDS),
    )
    spreadsheet.write_table(
        Path(out_path), TEMPLATE_HEADINGS, (), sheet_title=SHEET_TITLE, extra_sheets=(instructions,)
    )
