"""Importing the client list people keep in Excel, and exporting the whole client archive.

A row is imported, rejected (with every problem: row number, column as written, reason) or
reported as a duplicate (of a client in the archive or of an earlier row of the file); it is
never lost and never guessed at. The import writes all good rows in one transaction, or none;
a rejects file asked for with the import is written before that transaction commits.

The export is one row per client with every field of the client, then every contact as a group
of columns: 联系人, 职务, 手机, 座机, 邮箱, 生日, 决策人, 联系人备注 for the first contact, the same
headings numbered 联系人2, 职务2, ... for the second, and so on. The template's headings are the
export's (the first contact's columns are the template's contact columns), so the import reads
the team's filled-in templates and the export alike, and an export imported into a new archive
exports again cell for cell."""

from __future__ import annotations

import contextlib
import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.db.repositories import clients as client_repo
from app.domain.blocks import ExtraSheet
from app.domain.enums import ClientStatus, Tier
from app.domain.errors import CancelledError, ValidationError
from app.domain.messages import reason_text
from app.domain.parsing import (
    parse_date,
    parse_email,
    parse_landline,
    parse_mobile,
    parse_tier,
    parse_uscc,
)
from app.domain.records import NAME_MAX, ClientDraft, ContactDraft
from app.domain.text import clean, clean_multiline, name_key
from app.exports import spreadsheet
from app.services import history, indexing
from app.services.archive import Archive
from app.services.clients import new_client_values, new_contact_values
from app.services.collections_pace import fewer_collections

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

# Every field of a client, in the export's order (the import reads them in any order).
CLIENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("客户名称", "name"),
    ("统一社会信用代码", "uscc"),
    ("客户等级", "tier"),
    ("大客户", "is_key_account"),
    ("状态", "status"),
    ("行业", "industry"),
    ("地区", "region"),
    ("地址", "address"),
    ("客户经理", "owner"),
    ("来源", "source"),
    ("建档日期", "created_on"),
    ("服务政策", "service_policy"),
    ("备注", "notes"),
)
# Every field of a contact: one group of columns per contact, numbered from the second on.
CONTACT_FIELDS: tuple[tuple[str, str], ...] = (
    ("联系人", "contact_name"),
    ("职务", "title"),
    ("手机", "mobile"),
    ("座机", "phone"),
    ("邮箱", "email"),
    ("生日", "birthday"),
    ("决策人", "is_decision_maker"),
    ("联系人备注", "contact_notes"),
)
_CONTACT_FIELD_NAMES = frozenset(f for _, f in CONTACT_FIELDS)
# The preview shows the template's columns first, then the other fields of a client and of its
# first contact, then the names of its further contacts.
OTHER_CONTACTS_HEADING = "其他联系人"
_PREVIEW_EXTRA = ("is_key_account", "status", "source", "service_policy") + tuple(
    f for _, f in CONTACT_FIELDS if f not in dict(TEMPLATE_FIELDS).values()
)
_HEADING_OF = {f: h for h, f in CLIENT_FIELDS + CONTACT_FIELDS}
PREVIEW_HEADINGS: tuple[str, ...] = (
    TEMPLATE_HEADINGS + tuple(_HEADING_OF[f] for f in _PREVIEW_EXTRA) + (OTHER_CONTACTS_HEADING,)
)
YES, NO = "是", "否"

# Other headings people write for each field (English, other Chinese words; traditional
# characters are folded to simplified ones before matching, see _heading_key).
_ENGLISH_HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("name", "client name", "client", "company", "company name", "客户", "公司名称"),
    "uscc": ("uscc", "unified social credit code", "credit code", "信用代码"),
    "tier": ("tier", "level", "grade", "等级"),
    "is_key_account": ("key account", "是否大客户"),
    "status": ("status", "客户状态"),
    "industry": ("industry",),
    "region": ("region", "area"),
    "address": ("address",),
    "owner": ("owner", "account manager", "manager"),
    "source": ("source", "客户来源"),
    "created_on": ("created on", "date on file", "created"),
    "service_policy": ("service policy",),
    "notes": ("notes", "note", "remarks", "comments"),
    "contact_name": ("contact", "contact name", "联系人姓名", "联络人"),
    "title": ("title", "position", "job title", "职位"),
    "mobile": ("mobile", "mobile phone", "cell phone", "手机号", "手机号码", "行动电话"),
    "phone": ("phone", "landline", "telephone", "tel", "固定电话", "办公电话", "电话"),
    "email": ("email", "e-mail", "mail", "电子邮箱", "电子邮件"),
    "birthday": ("birthday", "date of birth", "出生日期"),
    "is_decision_maker": ("decision maker", "是否决策人", "关键决策人"),
    "contact_notes": ("contact notes", "contact remarks"),
}
# Traditional characters of the headings above -> simplified (a Big5 file from Taiwan or Hong
# Kong cannot even spell 客户名称: 户 and 称 are not in Big5).
_TRADITIONAL = str.maketrans(
    "戶稱統會碼級業區經檔聯繫絡職務機號郵備註決來狀態電話動籤說員類",
    "户称统会码级业区经档联系络职务机号邮备注决来状态电话动签说员类",
)
_INSTRUCTIONS: dict[str, str] = {
    "name": "必填。与档案中已有客户同名（忽略空格和全角/半角）视为重复",
    "uscc": "选填。18 位，登记管理部门、机构类别须合 GB 32100，校验位必须正确；不能是身份证号；与已有客户相同视为重复",
    "tier": "A/B/C/D，也可写 A类、b级、重点、主要、一般、潜在；留空为 C",
    "industry": "选填",
    "region": "选填，如 广州",
    "address": "选填",
    "owner": "选填，负责的客户经理",
    "created_on": "选填。2024-03-05、2024/3/5、2024年3月5日 或 Excel 日期；留空为导入当天",
    "contact_name": "选填。填写后同时建立一位联系人；填写职务/手机/邮箱时必填",
    "title": "选填，联系人的职务",
    "mobile": "选填，11 位手机号，可带空格、横线或 +86",
    "email": "选填，如 name@example.com",
    "notes": "选填",
}
# The columns the template leaves out, which the import reads too (an export has them all).
_MORE_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("大客户", "选填。是/否；留空为否"),
    ("状态", "选填。潜在、合作中、暂停 或 流失；留空为合作中"),
    ("来源", "选填，如 展会、老客户介绍"),
    ("服务政策", "选填，可以多行"),
    ("座机", "选填，联系人的固定电话，如 010-62345678、020-12345678转123"),
    ("生日", "选填，联系人的生日，写法同建档日期"),
    ("决策人", "选填。是/否；留空为否"),
    ("联系人备注", "选填，联系人的备注，可以多行"),
    ("联系人2、职务2、手机2……", "选填。第二位及以后的联系人：联系人各列的列名后加序号"),
)


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
    values: tuple[str, ...]  # cell texts in PREVIEW_HEADINGS order
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
    rejects_saved: int | None = None  # rows written to the rejects file asked for, if any

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
    folded = unicodedata.normalize("NFKC", clean(text)).translate(_TRADITIONAL)
    folded = "".join(folded.split()).rstrip("*").casefold()
    return folded


def _heading_fields() -> dict[str, str]:
    """Folded heading (Chinese or English) -> field."""
    fields = {}
    for heading, field in CLIENT_FIELDS + CONTACT_FIELDS:
        fields[_heading_key(heading)] = field
        for alias in _ENGLISH_HEADINGS[field]:
            fields[_heading_key(alias)] = field
    return fields


_HEADING_FIELDS = _heading_fields()
_NUMBERED = re.compile(r"^(.+?)[(\[]?(\d{1,3})[)\]]?$")


def contact_key(field: str, group: int) -> str:
    """The column key of a contact field in the `group`th contact's columns: 'mobile',
    'mobile2', ..."""
    return field if group == 1 else f"{field}{group}"


def _field_of_key(key: str) -> str:
    """'mobile2' -> 'mobile' (the field named in messages); other keys are fields already."""
    base = key.rstrip("0123456789")
    return base if base != key and base in _CONTACT_FIELD_NAMES else key


def _key_of_heading(cell: object) -> str | None:
    folded = _heading_key(cell)
    field = _HEADING_FIELDS.get(folded)
    if field is not None:
        return field
    numbered = _NUMBERED.match(folded)
    if numbered:
        field = _HEADING_FIELDS.get(numbered.group(1))
        group = int(numbered.group(2))
        if field in _CONTACT_FIELD_NAMES and group >= 1:
            return contact_key(field, group)
    return None


def _default_label(key: str) -> str:
    field = _field_of_key(key)
    heading = _HEADING_OF.get(field, key)
    return heading + key[len(field) :] if field != key else heading


@dataclass(frozen=True)
class _Columns:
    """Where each field sits in the file, and its heading as the file writes it. Contact
    fields of the second and later contacts have numbered keys ('contact_name2')."""

    index: dict[str, int]
    written: dict[str, str]
    ignored: tuple[str, ...]
    groups: tuple[int, ...] = (1,)  # the contacts a row can hold, by number

    def cell(self, cells: Sequence[object], field: str) -> object:
        i = self.index.get(field)
        return cells[i] if i is not None and i < len(cells) else None

    def label(self, field: str) -> str:
        return self.written.get(field) or _default_label(field)

    def label_of_column(self, column: int, heading: Sequence[object]) -> tuple[str, str]:
        """(heading as written, field) of a column by its index."""
        for key, i in self.index.items():
            if i == column:
                return self.label(key), _field_of_key(key)
        text = clean(heading[column]) if column < len(heading) else ""
        return text or f"第 {column + 1} 列", "row"


def _match_columns(heading: Sequence[object]) -> _Columns:
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for i, cell in enumerate(heading):
        text = clean(cell)
        key = _key_of_heading(cell)
        if key is None or key in index:
            if text:
                ignored.append(text)
            continue
        index[key] = i
        written[key] = text
    if "name" not in index:
        raise ValidationError("heading", "missing_heading", value="客户名称")
    groups = {1} | {
        int(key[len(_field_of_key(key)) :] or 1)
        for key in index
        if _field_of_key(key) in _CONTACT_FIELD_NAMES
    }
    return _Columns(index, written, tuple(ignored), tuple(sorted(groups)))


# --- one row ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    row: int
    values: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    client: ClientDraft | None
    contacts: tuple[ContactDraft, ...] = ()


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
        value = self.raw(field)
        return "" if value is None else clean(_cell_text(value))

    def problem(self, field: str, code: str, **details: object) -> None:
        reason = reason_text(code, details)
        label = self.columns.label(field)
        self.problems.append(RowProblem(self.row, label, reason, _field_of_key(field), code))

    def parse(self, field: str, parser) -> object:
        value = self.raw(field)
        if value is None:  # every parser reads an empty cell as None
            return None
        try:
            return parser(value, field)
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
        key_account = self.parse("is_key_account", parse_yes_no)
        status = self.parse("status", parse_status)
        created_on = self.parse("created_on", parse_date)
        contacts = tuple(c for c in map(self._contact, self.columns.groups) if c is not None)
        values = self._preview_values()
        if self.problems:
            return _Parsed(self.row, values, tuple(self.problems), None)
        client = ClientDraft(
            name=name,
            uscc=uscc,
            tier=tier or Tier.C,
            is_key_account=bool(key_account),
            industry=self.text("industry"),
            region=self.text("region"),
            address=self.text("address"),
            owner=self.text("owner"),
            status=status or ClientStatus.ACTIVE,
            source=self.text("source"),
            created_on=created_on,
            service_policy=self.multiline("service_policy"),
            notes=self.multiline("notes"),
        )
        return _Parsed(self.row, values, (), client, contacts)

    def multiline(self, field: str) -> str:
        return clean_multiline(_cell_text(self.raw(field)))

    def _contact(self, group: int) -> ContactDraft | None:
        def key(field: str) -> str:
            return contact_key(field, group)

        name = self.text(key("contact_name"))
        title = self.text(key("title"))
        mobile = self.parse(key("mobile"), parse_mobile)
        phone = self.parse(key("phone"), parse_landline)
        email = self.parse(key("email"), parse_email)
        birthday = self.parse(key("birthday"), parse_date)
        decision_maker = self.parse(key("is_decision_maker"), parse_yes_no)
        notes = self.multiline(key("contact_notes"))
        if name:
            return ContactDraft(
                name=name,
                title=title,
                mobile=mobile,
                phone=phone,
                email=email,
                birthday=birthday,
                is_decision_maker=bool(decision_maker),
                notes=notes,
            )
        details = (key(f) for f in ("mobile", "phone", "email", "birthday"))
        if title or notes or decision_maker or any(self.text(k) for k in details):
            self.problem(key("contact_name"), "required")
        return None

    def _preview_values(self) -> tuple[str, ...]:
        cells = [_cell_text(self.raw(f)) for _, f in TEMPLATE_FIELDS]
        cells += [_cell_text(self.raw(f)) for f in _PREVIEW_EXTRA]
        others = (self.text(contact_key("contact_name", g)) for g in self.columns.groups[1:])
        cells.append("、".join(name for name in others if name))
        return tuple(cells)


_YES_WORDS = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "对"})
_NO_WORDS = frozenset({"否", "n", "no", "false", "0", "×", "✗", "✘", "不是"})


def parse_yes_no(value: object, field: str) -> bool | None:
    """是/否 (also yes/no, y/n, true/false, 1/0, √/×, an Excel TRUE/FALSE); None when empty."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = clean(_cell_text(value)).casefold()
    if not text:
        return None
    if text in _YES_WORDS:
        return True
    if text in _NO_WORDS:
        return False
    raise ValidationError(field, "bad_yes_no", value=clean(_cell_text(value)))


_STATUS_WORDS = {s.value: s for s in ClientStatus} | {s.name.casefold(): s for s in ClientStatus}


def parse_status(value: object, field: str) -> ClientStatus | None:
    """潜在、合作中、暂停、流失 (or prospect, active, paused, lost); None when empty."""
    text = clean(_cell_text(value))
    if not text:
        return None
    status = _STATUS_WORDS.get(text) or _STATUS_WORDS.get(text.casefold())
    if status is None:
        raise ValidationError(field, "unknown_status", value=text)
    return status


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
) -> tuple[spreadsheet.Table, _Columns, _Analysis, _Progress]:
    """Reads and checks every row; returns (table, columns, analysis, progress)."""
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
        unreadable = unreadable_problem(table, columns, number)
        if unreadable is not None:
            reader = _RowReader(columns, number, cells)
            analysis.add(_Parsed(number, reader._preview_values(), (unreadable,), None), None)
            continue
        if spreadsheet.is_blank(cells):
            analysis.blank_rows += 1
            continue
        parsed = _RowReader(columns, number, cells).read()
        analysis.add(parsed, None if parsed.problems else duplicates.find(parsed))
    progress.report(0, total, total)
    return table, columns, analysis, progress


def unreadable_problem(table: spreadsheet.Table, columns: _Columns, row: int) -> RowProblem | None:
    """The problem of a row the file reader could not read as a row (a CSV line with a stray
    quote, a row inside a merged heading cell), or None for a row that was read."""
    bad = table.bad_rows.get(row)
    if bad is None:
        return None
    column, code = bad
    label, field = (
        columns.label_of_column(column, table.heading) if column is not None else ("", "row")
    )
    return RowProblem(row, label, reason_text(code), field, code)


def preview_import(
    archive: Archive, path: Path, task=None, rejects: Path | None = None
) -> ImportReport:
    """What an import of `path` would do, row by row. Writes nothing to the archive; with
    `rejects`, writes the rows that would not be imported there (see write_rejects)."""
    path = Path(path)
    _check_rejects_target(path, rejects)
    with fewer_collections():
        table, columns, analysis, _ = _analyse(archive, path, 1, task)
    report = analysis.report(columns, path, dry_run=True)
    if rejects is None:
        return report
    saved = _write_rejects_from(report, table, Path(rejects))
    return dataclasses.replace(report, rejects_saved=saved)


def import_clients(
    archive: Archive, path: Path, task=None, rejects: Path | None = None
) -> ImportReport:
    """Imports every good row in one transaction: all of them, or (on error or cancel) none.

    With `rejects`, the rows not imported are written to that file before the transaction
    commits: if the file cannot be written nothing is imported, and if the commit fails the file
    is removed again, so the archive and the rejects file always tell the same story.

    Progress runs over two equal phases: reading the rows, then writing the good ones."""
    with fewer_collections():
        return _import_clients(archive, Path(path), task, rejects)


def _import_clients(archive: Archive, path: Path, task, rejects: Path | None) -> ImportReport:
    _check_rejects_target(path, rejects)
    table, columns, analysis, progress = _analyse(archive, path, 2, task)
    report = analysis.report(columns, path, dry_run=False)
    rows = analysis.to_import
    with import_transaction(
        archive, rejects, lambda out: _write_rejects_from(report, table, out)
    ) as session:
        today, now = archive.today(), archive.now()
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            _write_batch(session, batch, today, now)
            progress.report(1, start + len(batch), len(rows))
        history.bulk(session, "client", len(rows), f"导入客户 {path.name}")
    if rejects is None:
        return report
    return dataclasses.replace(report, rejects_saved=_problem_rows(report))


@contextlib.contextmanager
def import_transaction(
    archive: Archive, rejects: Path | None, write_rejects: Callable[[Path], object]
) -> Iterator:
    """The one transaction of an import. When the block ends well, `write_rejects(rejects)` runs
    before the commit (a failure rolls the import back); a failed commit removes that file."""
    written = False
    try:
        with archive.db.session() as session:
            yield session
            if rejects is not None:
                write_rejects(Path(rejects))
                written = True
    except BaseException:
        if written:
            with contextlib.suppress(OSError):
                Path(rejects).unlink()
        raise


def _check_rejects_target(source: Path, rejects: Path | None) -> None:
    """Refuses, before any work, a rejects file of no known format or the source itself."""
    if rejects is None:
        return
    spreadsheet.file_format(Path(rejects))
    with contextlib.suppress(OSError):
        if Path(rejects).resolve() == Path(source).resolve():
            raise ValidationError("file", "rejects_is_source", value=str(rejects))


def _problem_rows(report: ImportReport) -> int:
    return sum(1 for r in report.rows if r.status != "ok")


def _write_batch(session, batch: Sequence[_Parsed], today: date, now: datetime) -> None:
    """Clients, their contacts and their search documents for one batch of good rows."""
    clients = [new_client_values(p.client, today, now) for p in batch]
    client_repo.insert_new_clients(session, clients)
    contacts = [
        (new_contact_values(client.id, contact), client.name)
        for client, p in zip(clients, batch, strict=True)
        for contact in p.contacts
    ]
    client_repo.insert_new_contacts(session, [c for c, _ in contacts])
    documents = [indexing.client_document(c) for c in clients]
    documents += [indexing.contact_document(c, name) for c, name in contacts]
    indexing.reindex(session, documents)


# --- rejects, export, template ---------------------------------------------------------------


def write_rejects(report: ImportReport, source_path: Path, out_path: Path) -> int:
    """The rejected and duplicate rows with their original cells under the file's own headings,
    plus a 错误原因 column, so they can be fixed and imported again. Returns the rows written."""
    table = spreadsheet.read_table(Path(source_path))
    return _write_rejects_from(report, table, Path(out_path))


def _write_rejects_from(report: ImportReport, table: spreadsheet.Table, out_path: Path) -> int:
    # Every column of the source is kept (an export's further contacts too), except an earlier
    # 错误原因, which the new reasons replace.
    keep = [i for i, cell in enumerate(table.heading) if _heading_key(cell) != _REASON_KEY]
    reasons = {r.row: r.message for r in report.rows if r.status != "ok"}
    heading = tuple(_heading_text(table.heading[i]) for i in keep) + (REASON_HEADING,)
    rows = (
        tuple(cells[i] if i < len(cells) else None for i in keep) + (reasons[number],)
        for number, cells in table.rows
        if number in reasons
    )
    return spreadsheet.write_table(out_path, heading, rows, sheet_title=SHEET_TITLE)


_REASON_KEY = _heading_key(REASON_HEADING)


def _heading_text(cell: object) -> str:
    return "" if cell is None else _cell_text(cell)


def export_clients(archive: Archive, out_path: Path, task=None) -> int:
    """Every client with every field and all its contacts, one row per client in id order
    (see the module's notes for the columns). Returns the number of clients written."""
    out_path = Path(out_path)
    spreadsheet.file_format(out_path)
    with archive.db.read() as session:
        total = client_repo.count(session)
        groups = max(1, client_repo.most_contacts(session))
        heading = export_headings(groups)
        rows = _export_rows(
            client_repo.clients_for_export(session),
            client_repo.contacts_for_export(session),
            groups,
            task,
            total,
        )
        return spreadsheet.write_table(out_path, heading, rows, sheet_title=SHEET_TITLE)


def export_headings(groups: int) -> tuple[str, ...]:
    """The export's headings for rows of up to `groups` contacts."""
    contact_columns = tuple(
        _default_label(contact_key(field, group))
        for group in range(1, groups + 1)
        for _, field in CONTACT_FIELDS
    )
    return tuple(h for h, _ in CLIENT_FIELDS) + contact_columns


def _export_rows(clients, contacts, groups: int, task, total: int) -> Iterator[tuple]:
    """Client rows joined with their contacts (both streams in client id order)."""
    progress = _Progress(task, 1, total)
    contacts = iter(contacts)
    pending = next(contacts, None)
    for done, client in enumerate(clients, start=1):
        if done % BATCH == 0:
            progress.report(0, done, total)
        while pending is not None and pending.client_id < client.id:
            pending = next(contacts, None)
        cells = list(_client_cells(client))
        while pending is not None and pending.client_id == client.id:
            cells.extend(_contact_cells(pending))
            pending = next(contacts, None)
        cells.extend([None] * (len(CLIENT_FIELDS) + groups * len(CONTACT_FIELDS) - len(cells)))
        yield tuple(cells)
    progress.report(0, total, total)


def _yes_no(flag: bool) -> str:
    return YES if flag else NO


def _client_cells(client) -> tuple[object, ...]:
    cells = (
        client.name,
        client.uscc,
        client.tier,
        _yes_no(client.is_key_account),
        client.status,
        client.industry,
        client.region,
        client.address,
        client.owner,
        client.source,
        client.created_on,
        client.service_policy,
        client.notes,
    )
    return tuple(value if value not in ("", None) else None for value in cells)


def _contact_cells(contact) -> tuple[object, ...]:
    cells = (
        contact.name,
        contact.title,
        contact.mobile,
        contact.phone,
        contact.email,
        contact.birthday,
        _yes_no(contact.is_decision_maker),
        contact.notes,
    )
    return tuple(value if value not in ("", None) else None for value in cells)


def write_template(out_path: Path) -> None:
    """An empty template: the headings only (plus a 填写说明 sheet in .xlsx)."""
    instructions = ExtraSheet(
        "填写说明",
        ("列", "说明"),
        tuple((heading, _INSTRUCTIONS[field]) for heading, field in TEMPLATE_FIELDS)
        + _MORE_INSTRUCTIONS,
    )
    spreadsheet.write_table(
        Path(out_path), TEMPLATE_HEADINGS, (), sheet_title=SHEET_TITLE, extra_sheets=(instructions,)
    )
