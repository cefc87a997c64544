"""Agreements, notices, letters and faxes: drafted from templates, kept in versions, sent
through review, numbered when issued (发文字号) and printed as PDF."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.db.models import Document, DocumentReview, DocumentTemplate, DocumentVersion, Letter
from app.db.repositories import documents as repo
from app.db.repositories import settings as settings_repo
from app.db.repositories.documents import DocumentFilter
from app.domain import documents as rules
from app.domain.amounts import rmb_capitals
from app.domain.documents import (
    FINAL_STATUSES,
    KIND_ZH,
    NUMBERED_KINDS,
    ContractLine,
    DocStatus,
    DocumentKind,
    LetterStatus,
    Placeholder,
    ReviewAction,
    dump_values,
    load_values,
    search_text,
)
from app.domain.errors import AppError, CancelledError, NotFoundError, ValidationError
from app.domain.money import (
    MAX_QUANTITY,
    AmountError,
    format_yuan,
    parse_yuan,
    shown_amount,
    too_large,
)
from app.domain.text import clean
from app.exports.document_html import blocks_html
from app.exports.document_pdf import render_document
from app.exports.pdf_blocks import Block, Fields, Gap, Grid, Heading, Para, Signature
from app.paths import RESOURCES
from app.services import indexing, recycle_bin, settings
from app.services.archive import Archive

__all__ = ["ContractLine", "DocumentFilter", "search_text"]

TEMPLATE_DIR = RESOURCES / "templates"
PREFIX_KEY = "documents.prefix."
NUMBER_SCOPE = "document"  # one sequence per year for every outgoing document: numbers never clash
MISSING_MARK = "【未填:{label}】"
DRAFT_MARK = "草稿"
# An agreement is dated when it is signed: until then its 签订日期 is a line to fill in by hand.
BLANK_DATE = "＿＿＿＿年＿＿月＿＿日"  # a line to write the date on when signing
# A notice, letter or fax draft has no 发文字号 yet: it is given when the document is issued.
UNNUMBERED = "(发文时编号)"
LINE_HEADERS = ("序号", "产品名称", "规格型号", "数量", "单位", "单价(元)", "金额(元)")


@dataclass(frozen=True)
class TemplateRecord:
    key: str
    kind: DocumentKind
    name: str
    body: str
    builtin: bool  # a file under resources/templates (read-only in the app)


@dataclass(frozen=True)
class VersionRecord:
    version: int
    author: str
    note: str
    created_at: datetime


@dataclass(frozen=True)
class ReviewRecord:
    version: int
    action: str
    from_status: str
    to_status: str
    actor: str
    comment: str
    at: datetime


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: DocumentKind
    title: str
    client_id: int | None
    client_name: str
    status: DocStatus
    doc_number: str
    issued_on: date | None
    updated_at: datetime


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    kind: DocumentKind
    title: str
    template_key: str
    client_id: int | None
    client_name: str
    contact_id: int | None
    status: DocStatus
    doc_number: str
    issued_on: date | None
    approved_version: int | None
    version: int
    body: str
    values: dict[str, str]
    lines: tuple[ContractLine, ...]
    versions: tuple[VersionRecord, ...]
    reviews: tuple[ReviewRecord, ...]
    created_at: datetime
    updated_at: datetime

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def actions(self) -> list[ReviewAction]:
        """Review actions possible now (editing aside)."""
        return [a for a in rules.allowed_actions(self.status) if a != ReviewAction.EDIT]

    @property
    def editable(self) -> bool:
        return ReviewAction.EDIT in rules.allowed_actions(self.status)

    @property
    def can_issue(self) -> bool:
        return self.kind in NUMBERED_KINDS and self.status in FINAL_STATUSES and not self.doc_number


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    draft: bool


@dataclass(frozen=True)
class Edit:
    """What a save changes; None leaves a part as it is."""

    title: str | None = None
    body: str | None = None
    values: Mapping[str, str] | None = None
    lines: Sequence[ContractLine] | None = None
    client_id: int | None = field(default=None)
    contact_id: int | None = field(default=None)
    relink: bool = False  # True: client_id/contact_id are set as given (None unlinks)


class DocumentIncomplete(AppError):
    """Printing refused: these placeholders have no value."""

    code = "document_incomplete"

    def __init__(self, missing: Sequence[Placeholder]):
        super().__init__(
            fields=tuple(p.key for p in missing), missing="、".join(p.label for p in missing)
        )
        self.missing = tuple(missing)


# --- templates -----------------------------------------------------------------------------------


def file_templates() -> list[TemplateRecord]:
    out = []
    for path in sorted(TEMPLATE_DIR.glob("*.tpl")):
        parsed = rules.parse_template_file(path.read_text(encoding="utf-8"), path.stem)
        out.append(TemplateRecord(path.stem, parsed.kind, parsed.name, parsed.body, True))
    return out


def _template_record(row: DocumentTemplate) -> TemplateRecord:
    return TemplateRecord(row.key, DocumentKind(row.kind), row.title, row.body, False)


def list_templates(archive: Archive, kind: DocumentKind | None = None) -> list[TemplateRecord]:
    """The shipped templates, then the user's templates from the archive."""
    with archive.db.read() as session:
        user = [_template_record(t) for t in repo.templates(session)]
    every = file_templates() + user
    return [t for t in every if kind is None or t.kind == kind]


def get_template(archive: Archive, key: str) -> TemplateRecord:
    with archive.db.read() as session:
        row = repo.template(session, key)
        if row is not None:
            return _template_record(row)
    for template in file_templates():
        if template.key == key:
            return template
    raise NotFoundError("template", key)


def save_template(
    archive: Archive, key: str, name: str, body: str, kind: DocumentKind | str | None = None
) -> TemplateRecord:
    """Creates or updates a user template in the archive. Shipped templates cannot be replaced:
    copy one under a new key instead (see copy_template)."""
    key, name = clean(key), clean(name)
    if not key:
        raise ValidationError("template_key", "required")
    if any(t.key == key for t in file_templates()):
        raise ValidationError("template_key", "builtin_template", value=key)
    if not name:
        raise ValidationError("template_name", "required")
    if not (body or "").strip():
        raise ValidationError("template_body", "required")
    with archive.db.session() as session:
        row = repo.template(session, key)
        if row is None:
            if kind is None:
                raise ValidationError("document_kind", "required")
            row = DocumentTemplate(key=key)
            session.add(row)
        if kind is not None:
            row.kind = rules.parse_kind(str(kind)).value
        row.title, row.body, row.updated_at = name, body, archive.now()
        session.flush()
        return _template_record(row)


def new_template_key(archive: Archive) -> str:
    """An unused key for a user template made in the window, where only its name is asked
    (keys are internal: the command line names templates by them)."""
    with archive.db.read() as session:
        taken = {t.key for t in repo.templates(session)} | {t.key for t in file_templates()}
    number = len(taken) + 1
    while f"own_{number}" in taken:
        number += 1
    return f"own_{number}"


def copy_template(archive: Archive, source_key: str, new_key: str, name: str) -> TemplateRecord:
    source = get_template(archive, source_key)
    with archive.db.read() as session:
        if repo.template(session, clean(new_key)) is not None:
            raise ValidationError("template_key", "template_exists", value=new_key)
    return save_template(archive, new_key, name, source.body, source.kind)


def delete_template(archive: Archive, key: str) -> None:
    with archive.db.session() as session:
        row = repo.template(session, key)
        if row is None:
            raise NotFoundError("template", key)
        session.delete(row)


# --- number prefixes --------------------------------------------------------------------------------


def number_prefixes(archive: Archive) -> dict[DocumentKind, str]:
    with archive.db.read() as session:
        return number_prefixes_in(session)


def number_prefixes_in(session) -> dict[DocumentKind, str]:
    stored = settings_repo.get_prefix(session, PREFIX_KEY)
    return {k: str(stored.get(PREFIX_KEY + k.value, "")) for k in NUMBERED_KINDS}


def next_doc_number(archive: Archive, prefix: str) -> str:
    """The 发文字号 the next issued document would get with `prefix` (nothing is taken), as the
    prefix dialog shows it while the prefix is typed: 华信函〔2026〕13号."""
    year = archive.today().year
    with archive.db.read() as session:
        seq = repo.last_number(session, NUMBER_SCOPE, year) + 1
    return rules.format_doc_number(year, seq, clean(prefix))


def save_number_prefix(archive: Archive, kind: DocumentKind | str, prefix: str) -> None:
    """The 机关代字 before the year, e.g. 华信函 for letters: 华信函〔2026〕12号."""
    kind = rules.parse_kind(str(kind))
    prefix = clean(prefix)
    if kind not in NUMBERED_KINDS:
        raise ValidationError("document_kind", "not_numbered", value=KIND_ZH[kind])
    if len(prefix) > 20:
        raise ValidationError("number_prefix", "too_long", limit=20)
    with archive.db.session() as session:
        settings_repo.put(session, PREFIX_KEY + kind.value, prefix)


# --- reading --------------------------------------------------------------------------------------


def _load(version: DocumentVersion | None) -> tuple[dict[str, str], tuple[ContractLine, ...]]:
    return load_values(version.values if version is not None else "")


def _record(session, document: Document) -> DocumentRecord:
    versions = repo.versions(session, document.id)
    latest = versions[-1] if versions else None
    values, lines = _load(latest)
    return DocumentRecord(
        document.id,
        DocumentKind(document.kind),
        document.title,
        document.template_key,
        document.client_id,
        repo.client_name(session, document.client_id) or "",
        document.contact_id,
        DocStatus(document.status),
        document.doc_number or "",
        document.issued_on,
        document.approved_version,
        latest.version if latest else 0,
        latest.body if latest else "",
        values,
        lines,
        tuple(VersionRecord(v.version, v.author, v.note, v.created_at) for v in versions),
        tuple(
            ReviewRecord(r.version, r.action, r.from_status, r.to_status, r.actor, r.comment, r.at)
            for r in repo.reviews(session, document.id)
        ),
        document.created_at,
        document.updated_at,
    )


def _row(document: Document, client_name: str | None) -> DocumentRow:
    return DocumentRow(
        document.id,
        DocumentKind(document.kind),
        document.title,
        document.client_id,
        client_name or "",
        DocStatus(document.status),
        document.doc_number or "",
        document.issued_on,
        document.updated_at,
    )


def get_document(archive: Archive, document_id: int) -> DocumentRecord:
    with archive.db.read() as session:
        return _record(session, _get(session, document_id))


def _get(session, document_id: int) -> Document:
    document = repo.get(session, document_id)
    if document is None:
        raise NotFoundError("document", document_id)
    return document


def list_documents(archive: Archive, flt: DocumentFilter | None = None) -> list[DocumentRow]:
    with archive.db.read() as session:
        return [_row(d, name) for d, name in repo.list_rows(session, flt or DocumentFilter())]


def status_counts(archive: Archive) -> dict[str, int]:
    with archive.db.read() as session:
        return repo.count_by_status(session)


# --- writing --------------------------------------------------------------------------------------


def parse_lines(rows: Sequence[Sequence[str]]) -> tuple[ContractLine, ...]:
    """Contract lines from text cells (product, spec, quantity, unit, unit price); empty rows
    are skipped, a bad number names its row."""
    out = []
    total = Decimal("0")
    for number, row in enumerate(rows, start=1):
        cells = [clean(c) for c in row] + [""] * (5 - len(row))
        product, spec, quantity, unit, price = cells[:5]
        if not (product or spec or unit or price) and quantity in ("", "1"):
            continue  # empty, or a new row with nothing but its default quantity 1
        if not product:
            raise ValidationError("line_product", "required", row=number)
        try:
            qty = Decimal(quantity or "1")
        except InvalidOperation as exc:
            raise ValidationError("quantity", "bad_quantity", value=quantity) from exc
        if not qty.is_finite() or qty <= 0 or qty >= MAX_QUANTITY:
            raise ValidationError("quantity", "bad_quantity", value=quantity)
        try:
            unit_price = parse_yuan(price) or Decimal("0.00")
        except AmountError as exc:  # not a number, finer than the fen, or too large
            raise ValidationError("unit_price", exc.code, value=price) from exc
        if unit_price < 0:
            raise ValidationError("unit_price", "negative_amount")
        try:
            line_total = qty * unit_price
            total += line_total
        except ArithmeticError:  # a quantity such as 1E+999999
            raise ValidationError("quantity", "bad_quantity", value=quantity) from None
        if too_large(line_total) or too_large(total):  # the total is printed in capitals
            shown = line_total if too_large(line_total) else total
            raise ValidationError("amount", "too_large", value=shown_amount(shown))
        out.append(ContractLine(product, spec, qty, unit, unit_price))
    return tuple(out)


def _clean_values(values: Mapping[str, object] | None) -> dict[str, str]:
    return {str(k): str(v).strip() for k, v in (values or {}).items() if str(v or "").strip()}


def _check_links(session, client_id: int | None, contact_id: int | None) -> None:
    if client_id is not None and repo.client(session, client_id) is None:
        raise NotFoundError("client", client_id)
    if contact_id is not None:
        contact = repo.contact(session, contact_id)
        if contact is None:
            raise NotFoundError("contact", contact_id)
        if client_id is not None and contact.client_id != client_id:
            raise ValidationError("contact_name", "contact_of_other_client")


def _check_amount(values: Mapping[str, str]) -> None:
    if values.get("amount"):
        try:
            parse_yuan(values["amount"])
        except AmountError as exc:
            raise ValidationError("amount", exc.code, value=values["amount"]) from exc


def create_document(
    archive: Archive,
    kind: DocumentKind | str,
    template_key: str,
    title: str = "",
    client_id: int | None = None,
    contact_id: int | None = None,
    values: Mapping[str, object] | None = None,
    lines: Sequence[ContractLine] = (),
    author: str = "",
) -> DocumentRecord:
    """A new draft (version 1) from a template. The title defaults to the template's title."""
    kind = rules.parse_kind(str(kind))
    template = get_template(archive, template_key)
    cleaned = _clean_values(values)
    _check_amount(cleaned)
    title = (
        clean(title) or clean(rules.fill(rules.title_of(template.body), cleaned)) or template.name
    )
    if len(title) > 300:
        raise ValidationError("document_title", "too_long", limit=300)
    now = archive.now()
    with archive.db.session() as session:
        _check_links(session, client_id, contact_id)
        document = Document(
            kind=kind.value,
            title=title,
            template_key=template.key,
            client_id=client_id,
            contact_id=contact_id,
            status=DocStatus.DRAFT.value,
            created_at=now,
            updated_at=now,
        )
        session.add(document)
        session.flush()
        session.add(
            DocumentVersion(
                document_id=document.id,
                version=1,
                body=template.body,
                values=dump_values(cleaned, lines),
                author=clean(author),
                note=f"由模板“{template.name}”创建",
                created_at=now,
            )
        )
        session.flush()
        _index(session, document)
        return _record(session, document)


def save_document(
    archive: Archive, document_id: int, edit: Edit, author: str = "", note: str = ""
) -> DocumentRecord:
    """Saves an edit as a new version (who, when, what changed). Only a draft or a returned
    document can be edited; a returned one becomes a draft again."""
    with archive.db.session() as session:
        document = _get(session, document_id)
        target = rules.next_status(DocStatus(document.status), ReviewAction.EDIT)
        latest = repo.latest_version(session, document_id)
        old_values, old_lines = _load(latest)
        old_body = latest.body if latest else ""
        body = old_body if edit.body is None else edit.body
        values = old_values if edit.values is None else _clean_values(edit.values)
        lines = old_lines if edit.lines is None else tuple(edit.lines)
        _check_amount(values)
        if not body.strip():
            raise ValidationError("document_body", "required")
        changes = _apply_header(session, document, edit)
        text_note = rules.change_note(
            old_body, body, _with_lines(old_values, old_lines), _with_lines(values, lines)
        )
        if text_note == "未修改" and not changes:
            return _record(session, document)
        note = clean(note) or ";".join(
            filter(None, [*changes, "" if text_note == "未修改" else text_note])
        )
        session.add(
            DocumentVersion(
                document_id=document.id,
                version=(latest.version if latest else 0) + 1,
                body=body,
                values=dump_values(values, lines),
                author=clean(author),
                note=note[:300],
                created_at=archive.now(),
            )
        )
        document.status = target.value
        document.updated_at = archive.now()
        session.flush()
        _index(session, document)
        return _record(session, document)


def _with_lines(values: Mapping[str, str], lines: Sequence[ContractLine]) -> dict[str, object]:
    return {**values, "lines": dump_values({}, lines)} if lines else dict(values)


def _apply_header(session, document: Document, edit: Edit) -> list[str]:
    changes = []
    if edit.title is not None:
        title = clean(edit.title)
        if not title:
            raise ValidationError("document_title", "required")
        if len(title) > 300:
            raise ValidationError("document_title", "too_long", limit=300)
        if title != document.title:
            document.title = title
            changes.append("修改标题")
    if edit.relink:
        _check_links(session, edit.client_id, edit.contact_id)
        if (edit.client_id, edit.contact_id) != (document.client_id, document.contact_id):
            document.client_id, document.contact_id = edit.client_id, edit.contact_id
            changes.append("修改客户/联系人")
    return changes


def review(
    archive: Archive,
    document_id: int,
    action: ReviewAction | str,
    actor: str = "",
    comment: str = "",
) -> DocumentRecord:
    """Submit, approve, return (a comment is required) or sign; illegal moves raise."""
    action = ReviewAction(action)
    if action == ReviewAction.EDIT:
        raise ValidationError("document_status", "unknown_kind", value=action.value)
    with archive.db.session() as session:
        document = _get(session, document_id)
        current = DocStatus(document.status)
        target = rules.next_status(current, action, comment)
        latest = repo.latest_version(session, document_id)
        version = latest.version if latest else 0
        session.add(
            DocumentReview(
                document_id=document.id,
                version=version,
                action=action.value,
                from_status=current.value,
                to_status=target.value,
                actor=clean(actor),
                comment=(comment or "").strip(),
                at=archive.now(),
            )
        )
        document.status = target.value
        if action == ReviewAction.APPROVE:
            document.approved_version = version
        document.updated_at = archive.now()
        session.flush()
        _index(session, document)
        return _record(session, document)


def issue_document(archive: Archive, document_id: int, actor: str = "") -> DocumentRecord:
    """Gives an approved notice, letter or fax its 发文字号 (next of the year, never reused) and
    enters it in the outgoing letters register."""
    today = archive.today()
    with archive.db.session() as session:
        prefixes = number_prefixes_in(session)
        document = _get(session, document_id)
        kind = DocumentKind(document.kind)
        if kind not in NUMBERED_KINDS:
            raise ValidationError("document_kind", "not_numbered", value=KIND_ZH[kind])
        if document.doc_number:
            raise ValidationError("doc_number", "already_issued", value=document.doc_number)
        if DocStatus(document.status) not in FINAL_STATUSES:
            raise ValidationError("document_status", "not_approved", current=document.status)
        seq = repo.next_number(session, NUMBER_SCOPE, today.year)
        document.doc_number = rules.format_doc_number(today.year, seq, prefixes.get(kind, ""))
        document.number_year, document.number_seq = today.year, seq
        document.issued_on = today
        document.updated_at = archive.now()
        values, _lines = _load(repo.latest_version(session, document_id))
        counterpart = (
            repo.client_name(session, document.client_id) or values.get("recipient", "") or "—"
        )
        letter = Letter(
            direction="out",
            number=document.doc_number,
            dated_on=today,
            counterpart=counterpart[:200],
            title=document.title,
            copies=1,
            handler=clean(actor),
            status=LetterStatus.SENT.value,
            client_id=document.client_id,
            document_id=document.id,
            created_at=archive.now(),
        )
        session.add(letter)
        session.flush()
        _index(session, document)
        indexing.reindex(session, [indexing.letter_document(letter, counterpart)])
        return _record(session, document)


def delete_document(archive: Archive, document_id: int) -> None:
    """Moves a document, with its versions and reviews, to the recycle bin; its 发文字号 is
    never given out again."""
    with archive.db.session() as session:
        _get(session, document_id)
        recycle_bin.move_to_bin(archive, session, "document", document_id)


def _index(session, document: Document) -> None:
    latest = repo.latest_version(session, document.id)
    name = repo.client_name(session, document.client_id)
    values = latest.values if latest else ""
    indexing.reindex(session, [indexing.document_document(document, name, search_text(values))])


# --- filling and printing ---------------------------------------------------------------------------


def _context(archive: Archive, session, document: Document, values, lines) -> dict[str, str]:
    """The automatic values (client, contact, company, document, amount) overlaid by typed ones."""
    company = settings.company(archive)
    out: dict[str, str] = {f"company.{k}": v for k, v in company.__dict__.items()}
    client = repo.client(session, document.client_id)
    if client is not None:
        out.update(
            {
                "client.name": client.name,
                "client.uscc": client.uscc or "",
                "client.address": client.address,
                "client.region": client.region,
            }
        )
    contact = repo.contact(session, document.contact_id)
    if contact is not None:
        out.update(
            {
                "contact.name": contact.name,
                "contact.title": contact.title,
                "contact.mobile": contact.mobile or "",
                "contact.phone": contact.phone or contact.mobile or "",
                "contact.email": contact.email or "",
            }
        )
    out.update(_document_values(archive, session, document, values, lines))
    out.update({k: v for k, v in values.items() if v})
    final = DocStatus(document.status) in FINAL_STATUSES
    if not out.get("doc.number") and DocumentKind(document.kind) in NUMBERED_KINDS and not final:
        out["doc.number"] = UNNUMBERED
    out["signature"] = "1" if _signature_ready(document, out) else ""
    return out


def _document_values(
    archive: Archive, session, document: Document, values, lines
) -> dict[str, str]:
    out = {
        "doc.number": document.doc_number or "",
        "doc.date": _doc_date(archive, session, document),
        "doc.title": document.title,
        "lines_table": "1" if lines else "",
    }
    amount = _amount(values, lines)
    if amount is not None:
        out["amount.figures"] = f"¥{format_yuan(amount)}"
        out["amount.capitals"] = rmb_capitals(amount)
    return out


def _doc_date(archive: Archive, session, document: Document) -> str:
    """成文日期 of a notice, letter or fax: its issue date, today while not issued. 签订日期 of an
    agreement: the day it was signed (the 签订 review step), a blank line to fill in by hand
    before that, so a reprint never changes the date."""
    if DocumentKind(document.kind) not in rules.TWO_PARTY_KINDS:
        return rules.format_cn_date(document.issued_on or archive.today())
    signed = None
    if DocStatus(document.status) == DocStatus.SIGNED and document.id is not None:
        signed = repo.last_review(session, document.id, ReviewAction.SIGN.value)
    return rules.format_cn_date(signed.at.date()) if signed is not None else BLANK_DATE


def _amount(values: Mapping[str, str], lines: Sequence[ContractLine]) -> Decimal | None:
    if lines:
        return sum((line.amount for line in lines), Decimal("0.00"))
    if values.get("amount"):
        try:
            return parse_yuan(values["amount"])
        except ValueError:
            return None
    return None


def _signature_ready(document: Document, context: Mapping[str, str]) -> bool:
    if not context.get("company.name"):
        return False
    two_party = DocumentKind(document.kind) in rules.TWO_PARTY_KINDS
    return not two_party or bool(context.get("client.name"))


def _version_data(session, document_id: int, version: int | None):
    row = (
        repo.latest_version(session, document_id)
        if version is None
        else repo.version(session, document_id, version)
    )
    if row is None:
        raise NotFoundError("document_version", f"{document_id}/v{version}")
    values, lines = _load(row)
    return row, values, lines


def missing_values(
    archive: Archive, document_id: int, version: int | None = None
) -> list[Placeholder]:
    """Placeholders of the document that have no value (shown before printing)."""
    with archive.db.read() as session:
        document = _get(session, document_id)
        row, values, lines = _version_data(session, document_id, version)
        context = _context(archive, session, document, values, lines)
        return _explained(document, rules.missing_placeholders(row.body, context))


def _explained(document: Document, missing: list[Placeholder]) -> list[Placeholder]:
    out = []
    for p in missing:
        label = p.label
        if p.key == "signature":
            label = "签署栏(请在设置中填写公司名称" + (
                "并关联客户)" if DocumentKind(document.kind) in rules.TWO_PARTY_KINDS else ")"
            )
        elif p.key == "doc.number":
            label = "发文字号(请先编号发文)"
        elif p.key.startswith("company."):
            label = f"{p.label}(设置→公司信息)"
        elif p.key.startswith(("client.", "contact.")) and document.client_id is None:
            label = f"{p.label}(请关联客户)"
        out.append(Placeholder(p.key, label))
    return out


def filled_text(archive: Archive, document_id: int, version: int | None = None) -> str:
    """The document as plain text with its values filled in (missing ones marked 【未填:…】);
    the contract lines and the signature block are written out as text lines."""
    with archive.db.read() as session:
        document = _get(session, document_id)
        row, values, lines = _version_data(session, document_id, version)
        context = _context(archive, session, document, values, lines)
        return _text_of(document, row.body, context, lines)


def _text_of(document, body: str, context: Mapping[str, str], lines) -> str:
    out = []
    for line in rules.fill(body, context, MISSING_MARK).split("\n"):
        stripped = line.strip()
        if stripped.startswith("{{lines_table"):
            out.extend(_lines_as_text(lines) or [MISSING_MARK.format(label="合同标的明细")])
        elif stripped.startswith("{{signature"):
            out.extend(_signature_text(document, context))
        else:
            out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class DraftState:
    """A document as it stands in the editor, saved or not (for the live preview)."""

    kind: str
    title: str
    body: str
    values: Mapping[str, str]
    lines: tuple[ContractLine, ...] = ()
    client_id: int | None = None
    contact_id: int | None = None
    status: str = DocStatus.DRAFT.value
    doc_number: str | None = None
    issued_on: date | None = None
    id: int | None = None  # the saved document being edited, if any


@dataclass(frozen=True)
class Preview:
    text: str
    missing: tuple[Placeholder, ...]
    html: str = ""  # the page as printed (same blocks as the PDF), missing values in red


MISSING_PATTERN = r"【未填:[^】]*】"


def preview(archive: Archive, state: DraftState) -> Preview:
    """The filled text, the page as HTML and the missing values of an unsaved state (nothing is
    written). The HTML comes from the blocks the PDF is printed from; a missing value shows as
    【未填:…】 where the PDF will have it."""
    values = _clean_values(state.values)
    with archive.db.read() as session:
        context = _context(archive, session, state, values, state.lines)
        missing = _explained(state, rules.missing_placeholders(state.body, context))
        job = PrintJob(
            state.title,
            tuple(rules.parse_lines(rules.fill(state.body, context, MISSING_MARK))),
            tuple(state.lines),
            context,
            DocumentKind(state.kind) in rules.TWO_PARTY_KINDS,
            True,
        )
        return Preview(
            _text_of(state, state.body, context, state.lines),
            tuple(missing),
            blocks_html(document_blocks(job), highlight=MISSING_PATTERN),
        )


def _lines_as_text(lines: Sequence[ContractLine]) -> list[str]:
    return [
        f"{i}. {x.product} {x.spec} {x.quantity.normalize():f}{x.unit} × ¥{format_yuan(x.unit_price)}"
        f" = ¥{format_yuan(x.amount)}".replace("  ", " ")
        for i, x in enumerate(lines, start=1)
    ]


def _signature_text(document: Document, context: Mapping[str, str]) -> list[str]:
    if not context.get("signature"):
        return [MISSING_MARK.format(label="签署栏")]
    if DocumentKind(document.kind) in rules.TWO_PARTY_KINDS:
        return [f"甲方(盖章):{context['client.name']}", f"乙方(盖章):{context['company.name']}"]
    return [f"> {context['company.name']}(盖章)", f"> {context.get('doc.date', '')}"]


def diff_versions(archive: Archive, document_id: int, old: int, new: int) -> list[rules.DiffLine]:
    """A readable line diff of two versions' filled text."""
    return rules.diff_lines(
        filled_text(archive, document_id, old), filled_text(archive, document_id, new)
    )


@dataclass(frozen=True)
class PrintJob:
    """Plain data handed to the PDF builder."""

    title: str
    lines: tuple[rules.Line, ...]
    contract_lines: tuple[ContractLine, ...]
    context: dict[str, str]
    two_party: bool
    draft: bool


def prepare_print(archive: Archive, document_id: int) -> PrintJob:
    """Everything needed to print the latest version; refuses with the missing values listed."""
    with archive.db.read() as session:
        document = _get(session, document_id)
        row, values, lines = _version_data(session, document_id, None)
        context = _context(archive, session, document, values, lines)
        missing = _explained(document, rules.missing_placeholders(row.body, context))
        if missing:
            raise DocumentIncomplete(missing)
        final = (
            DocStatus(document.status) in FINAL_STATUSES
            and document.approved_version == row.version
        )
        text = rules.fill(row.body, context)
        return PrintJob(
            document.title,
            tuple(rules.parse_lines(text)),
            lines,
            context,
            DocumentKind(document.kind) in rules.TWO_PARTY_KINDS,
            not final,
        )


def print_document(archive: Archive, document_id: int, out: Path, task=None) -> PrintResult:
    """The PDF of the latest version: A4, page numbers, signature/seal block; marked 草稿 on
    every page unless that version is approved (or signed)."""
    job = prepare_print(archive, document_id)
    if task is not None and task.cancelled():
        raise CancelledError()
    font = settings.preferences(archive).document_font or None
    pages = render_document(
        document_blocks(job),
        Path(out),
        title=job.title,
        font_path=Path(font) if font else None,
        draft_mark=DRAFT_MARK if job.draft else None,
    )
    return PrintResult(Path(out), pages, job.draft)


def document_blocks(job: PrintJob) -> list[Block]:
    blocks: list[Block] = []
    fields: list[tuple[str, str]] = []
    for line in job.lines:
        if line.kind == "field":
            fields.append((line.text, line.value))
            continue
        if fields:
            blocks.extend([Fields(tuple(fields)), Gap(4)])
            fields = []
        blocks.extend(_line_blocks(line, job))
    if fields:
        blocks.append(Fields(tuple(fields)))
    return blocks


def _line_blocks(line: rules.Line, job: PrintJob) -> list[Block]:
    if line.kind == "title":
        return [Heading(line.text, 1)]
    if line.kind == "heading":
        return [Heading(line.text, 2)]
    if line.kind == "right":
        return [Para(line.text, indent=False, align="right")]
    if line.kind == "flush":
        return [Para(line.text, indent=False)]
    if line.kind == "block" and line.text == "lines_table":
        if not job.contract_lines:  # only in a preview: printing refuses first
            return [Para(MISSING_MARK.format(label="合同标的明细"), indent=False)]
        return [_lines_grid(job.contract_lines), Gap(3)]
    if line.kind == "block":
        if not job.context.get("signature"):  # only in a preview
            return [Para(MISSING_MARK.format(label="签署栏"), indent=False)]
        return _signature_blocks(job)
    return [Para(line.text)]


def _lines_grid(lines: Sequence[ContractLine]) -> Grid:
    rows = [
        (
            str(i),
            x.product,
            x.spec,
            f"{x.quantity.normalize():f}",
            x.unit,
            format_yuan(x.unit_price),
            format_yuan(x.amount),
        )
        for i, x in enumerate(lines, start=1)
    ]
    total = sum((x.amount for x in lines), Decimal("0.00"))
    rows.append(("合计", f"人民币(大写){rmb_capitals(total)}", "", "", "", "", format_yuan(total)))
    return Grid(
        LINE_HEADERS,
        rows,
        widths=(0.07, 0.27, 0.15, 0.09, 0.07, 0.16, 0.19),
        align_right=(3, 5, 6),
        total_row=True,
    )


def _signature_blocks(job: PrintJob) -> list[Block]:
    c = job.context
    if not job.two_party:
        return [Gap(8), Signature((f"{c['company.name']}(盖章)", c.get("doc.date", "")))]
    bank = " ".join(filter(None, [c.get("company.bank", ""), c.get("company.bank_account", "")]))
    pairs = (
        ("单位名称(盖章)", c.get("client.name", ""), c.get("company.name", "")),
        ("地址", c.get("client.address", ""), c.get("company.address", "")),
        ("法定代表人或委托代理人(签字)", "\n", "\n"),
        ("电话", c.get("contact.phone", ""), c.get("company.phone", "")),
        ("开户银行及账号", c.get("client.bank", ""), bank),
        ("签订日期", c.get("doc.date") or BLANK_DATE, c.get("doc.date") or BLANK_DATE),
    )
    rows = [(f"{label}:{a}", f"{label}:{b}") for label, a, b in pairs]
    return [
        Para("(以下无正文)", indent=False, align="center"),
        Gap(4),
        Grid(("甲方(需方)", "乙方(供方)"), rows, widths=(0.5, 0.5), keep_together=True),
    ]


def today_text(archive: Archive) -> str:
    return rules.format_cn_date(archive.today())
