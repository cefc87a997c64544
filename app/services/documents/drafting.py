"""Drafting: a new document from a template, saving edits as versions (who, when, what changed),
contract lines typed as text, and deleting a document to the recycle bin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from app.db.models import Document, DocumentVersion
from app.db.repositories import documents as repo
from app.domain import documents as rules
from app.domain.documents import ContractLine, DocStatus, DocumentKind, ReviewAction, dump_values
from app.domain.errors import NotFoundError, ValidationError
from app.domain.money import MAX_QUANTITY, AmountError, parse_yuan, shown_amount, too_large
from app.domain.text import clean
from app.services import approvers, record_versions, recycle_bin
from app.services.archive import Archive
from app.services.documents.records import (
    DocumentRecord,
    Edit,
    clean_values,
    index_document,
    load_document,
    record_of,
    version_values,
)
from app.services.documents.templates import get_template


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
    cleaned = clean_values(values)
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
                author=approvers.actor(archive, author),
                note=f"由模板“{template.name}”创建",
                created_at=now,
            )
        )
        session.flush()
        index_document(session, document)
        return record_of(session, document)


def save_document(
    archive: Archive,
    document_id: int,
    edit: Edit,
    author: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> DocumentRecord:
    """Saves an edit as a new version (who, when, what changed). Only a draft or a returned
    document can be edited; a returned one becomes a draft again. `expected_version` is the
    record_version the edit was made on: ConflictError (who saved or reviewed it since, and
    what) when someone else moved it on meanwhile, and nothing is saved; likewise a save
    racing another one (the engine names who saved first)."""
    return _save(archive, document_id, edit, author, note, expected_version)


def _save(archive, document_id, edit: Edit, author, note, expected_version):
    with archive.db.session() as session:
        document = load_document(session, document_id)
        record_versions.check(session, "document", document, expected_version)
        target = rules.next_status(DocStatus(document.status), ReviewAction.EDIT)
        latest = repo.latest_version(session, document_id)
        old_values, old_lines = version_values(latest)
        old_body = latest.body if latest else ""
        body = old_body if edit.body is None else edit.body
        values = old_values if edit.values is None else clean_values(edit.values)
        lines = old_lines if edit.lines is None else tuple(edit.lines)
        _check_amount(values)
        if not body.strip():
            raise ValidationError("document_body", "required")
        changes = _apply_header(session, document, edit)
        text_note = rules.change_note(
            old_body, body, _with_lines(old_values, old_lines), _with_lines(values, lines)
        )
        if text_note == "未修改" and not changes:
            return record_of(session, document)
        note = clean(note) or ";".join(
            filter(None, [*changes, "" if text_note == "未修改" else text_note])
        )
        session.add(
            DocumentVersion(
                document_id=document.id,
                version=(latest.version if latest else 0) + 1,
                body=body,
                values=dump_values(values, lines),
                author=approvers.actor(archive, author),
                note=note[:300],
                created_at=archive.now(),
            )
        )
        document.status = target.value
        document.updated_at = archive.now()
        session.flush()
        index_document(session, document)
        return record_of(session, document)


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


def delete_document(archive: Archive, document_id: int) -> None:
    """Moves a document, with its versions and reviews, to the recycle bin; its 发文字号 is
    never given out again."""
    with archive.db.session() as session:
        load_document(session, document_id)
        recycle_bin.move_to_bin(archive, session, "document", document_id)
