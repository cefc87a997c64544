"""The letters register (来往函): 收文登记 and 发文登记 with scans, reply-due dates and the
handling status; printed as a table PDF and exported to .xlsx."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from app.db.list_filters import LetterFilter
from app.db.models import Letter
from app.db.repositories import documents as document_repo
from app.db.repositories import letters as repo
from app.domain.blocks import ExtraSheet
from app.domain.blocks import RegisterColumn as Column
from app.domain.documents import (
    CLOSED_LETTER_STATUSES,
    DIRECTION_ZH,
    DocumentKind,
    LetterDirection,
    LetterStatus,
    format_incoming_number,
)
from app.domain.errors import CancelledError, NotFoundError, ValidationError
from app.domain.text import clean
from app.exports.spreadsheet import write_table
from app.services import attachments, indexing, record_versions, recycle_bin, settings
from app.services.archive import Archive
from app.services.documents.approval import take_doc_number
from app.services.letter_list import LetterRow, letter_row, list_letters

__all__ = ["LetterDirection", "LetterFilter", "LetterRow", "LetterStatus", "list_letters"]

OWNER_KIND = "letter"
INCOMING_SCOPE = "incoming"

INCOMING_HEADINGS = (
    "收文号",
    "收文日期",
    "来文单位",
    "来文字号",
    "标题/事由",
    "份数",
    "承办人",
    "办理情况",
    "复函期限",
    "归档日期",
    "关联客户",
    "备注",
)
OUTGOING_HEADINGS = (
    "发文字号",
    "发文日期",
    "标题",
    "发往单位",
    "份数",
    "签发人",
    "状态",
    "复函期限",
    "关联客户",
    "备注",
)


@dataclass(frozen=True)
class LetterDraft:
    direction: LetterDirection
    title: str
    counterpart: str
    dated_on: date | None = None
    number: str = ""  # empty: the next number of the year is given
    their_number: str = ""
    copies: int = 1
    handler: str = ""  # 承办人 (incoming) or 签发人 (outgoing)
    status: str = ""
    reply_due: date | None = None
    archived_on: date | None = None
    notes: str = ""
    client_id: int | None = None
    reply_to_id: int | None = None  # a 发文: the 收文 it answers (that one then shows 已复函)


def draft_of(row: LetterRow) -> LetterDraft:
    return LetterDraft(
        row.direction,
        row.title,
        row.counterpart,
        row.dated_on,
        row.number,
        row.their_number,
        row.copies,
        row.handler,
        row.status,
        row.reply_due,
        row.archived_on,
        row.notes,
        row.client_id,
        row.reply_to_id,
    )


def _validate(draft: LetterDraft, today: date) -> LetterDraft:
    direction = LetterDirection(draft.direction)
    title, counterpart = clean(draft.title), clean(draft.counterpart)
    if not title:
        raise ValidationError("letter_title", "required")
    if not counterpart:
        field = "from_unit" if direction == LetterDirection.INCOMING else "to_unit"
        raise ValidationError(field, "required")
    for name, value, limit in (
        ("letter_title", title, 300),
        ("from_unit", counterpart, 200),
        ("letter_number", clean(draft.number), 40),
        ("their_number", clean(draft.their_number), 60),
    ):
        if len(value) > limit:
            raise ValidationError(name, "too_long", limit=limit)
    if not isinstance(draft.copies, int) or draft.copies < 1 or draft.copies > 999:
        raise ValidationError("copies", "bad_count", value=draft.copies)
    dated_on = draft.dated_on or today
    if draft.reply_due is not None and draft.reply_due < dated_on:
        raise ValidationError("reply_due", "before_letter_date")
    default = LetterStatus.PENDING if direction == LetterDirection.INCOMING else LetterStatus.SENT
    status = clean(draft.status) or default.value
    if status not in {s.value for s in LetterStatus}:
        raise ValidationError("letter_status", "unknown_kind", value=status)
    return replace(
        draft,
        direction=direction,
        title=title,
        counterpart=counterpart,
        dated_on=dated_on,
        number=clean(draft.number),
        their_number=clean(draft.their_number),
        handler=clean(draft.handler),
        status=status,
        notes=(draft.notes or "").strip(),
    )


def _next_number(session, draft: LetterDraft) -> str:
    year = draft.dated_on.year
    if draft.direction == LetterDirection.OUTGOING:
        return take_doc_number(session, DocumentKind.LETTER, year)[0]  # the 函 counter
    while True:  # skipping a number typed by hand ahead of the counter
        number = format_incoming_number(
            year, document_repo.next_number(session, INCOMING_SCOPE, year)
        )
        probe = Letter(direction=draft.direction.value, number=number)
        if repo.number_holder(session, probe) is None:
            return number


def _check_number_free(session, letter: Letter) -> None:
    """A 收文号 or 发文字号 names one letter: a number typed that another letter (or, for a 发文,
    another document) already holds is refused, nothing saved."""
    if repo.number_holder(session, letter) is not None:
        raise ValidationError("letter_number", "letter_number_taken", value=letter.number)


def _apply(letter: Letter, draft: LetterDraft) -> None:
    letter.direction = draft.direction.value
    letter.number = draft.number
    letter.dated_on = draft.dated_on
    letter.counterpart = draft.counterpart
    letter.their_number = draft.their_number
    letter.title = draft.title
    letter.copies = draft.copies
    letter.handler = draft.handler
    letter.status = draft.status
    letter.reply_due = draft.reply_due
    letter.archived_on = draft.archived_on
    letter.notes = draft.notes
    letter.client_id = draft.client_id
    if draft.direction == LetterDirection.OUTGOING:
        letter.reply_to_id = draft.reply_to_id


def add_letter(archive: Archive, draft: LetterDraft) -> LetterRow:
    """Registers a letter; an empty number gets the next 收文号 / 发文字号 of its year."""
    draft = _validate(draft, archive.today())
    with archive.db.session() as session:
        _check_client(session, draft.client_id)
        if draft.direction == LetterDirection.OUTGOING:
            check_reply_to(session, draft.reply_to_id)
        if not draft.number:
            draft = replace(draft, number=_next_number(session, draft))
        letter = Letter(created_at=archive.now())
        _apply(letter, draft)
        _check_number_free(session, letter)
        session.add(letter)
        session.flush()
        answer_in(archive, session, letter, None)
        return _after_write(archive, session, letter)


def update_letter(
    archive: Archive, letter_id: int, draft: LetterDraft, expected_version: int | None = None
) -> LetterRow:
    """Saves the letter; refused when it changed after `expected_version` (ConflictError,
    nothing saved; None: no check)."""
    draft = _validate(draft, archive.today())
    with archive.db.session() as session:
        letter = _get(session, letter_id)
        record_versions.check(session, "letter", letter, expected_version)
        _check_client(session, draft.client_id)
        if letter.direction == LetterDirection.OUTGOING.value:
            check_reply_to(session, draft.reply_to_id)
            if draft.reply_to_id == letter.id:
                raise ValidationError("reply_to", "not_incoming", value=letter.id)
        if not draft.number:
            draft = replace(draft, number=letter.number)
        before, number = letter.reply_to_id, letter.number
        _apply(letter, replace(draft, direction=LetterDirection(letter.direction)))
        if letter.number != number:
            _check_number_free(session, letter)
        session.flush()
        answer_in(archive, session, letter, before)
        return _after_write(archive, session, letter)


def set_status(archive: Archive, letter_id: int, status: LetterStatus | str) -> LetterRow:
    row = get_letter(archive, letter_id)
    return update_letter(archive, letter_id, replace(draft_of(row), status=str(status)))


def _after_write(archive: Archive, session, letter: Letter) -> LetterRow:
    name = document_repo.client_name(session, letter.client_id)
    indexing.reindex(session, [indexing.letter_document(letter, name or letter.counterpart)])
    return letter_row(letter, name, archive.today())


def answer_in(archive: Archive, session, letter: Letter, before: int | None) -> None:
    """A 发文 naming the 收文 it answers marks that one 已复函 (it leaves the 待复 list); the 收文
    it no longer answers goes back to 待办理 when nothing else answers it."""
    if letter.reply_to_id is not None:
        answered = _incoming(session, letter.reply_to_id)
        if answered.status not in CLOSED_LETTER_STATUSES:
            answered.status = LetterStatus.REPLIED.value
            _after_write(archive, session, answered)
    if before is not None and before != letter.reply_to_id:
        old = repo.get(session, before)
        if (
            old is not None
            and old.status == LetterStatus.REPLIED
            and not repo.replies_to(session, before)
        ):
            old.status = LetterStatus.PENDING.value
            _after_write(archive, session, old)


def check_reply_to(session, letter_id: int | None) -> None:
    """The 所复收文 named exists and is a 收文 (checked before anything is written)."""
    if letter_id is not None:
        _incoming(session, letter_id)


def _incoming(session, letter_id: int) -> Letter:
    letter = repo.get(session, letter_id)
    if letter is None:
        raise NotFoundError("letter", letter_id)
    if letter.direction != LetterDirection.INCOMING.value:
        raise ValidationError("reply_to", "not_incoming", value=letter_id)
    return letter


def _check_client(session, client_id: int | None) -> None:
    if client_id is not None and document_repo.client(session, client_id) is None:
        raise NotFoundError("client", client_id)


def delete_letter(archive: Archive, letter_id: int) -> None:
    """Moves the letter, with its scans, to the recycle bin."""

    with archive.db.session() as session:
        _get(session, letter_id)
        recycle_bin.move_to_bin(archive, session, "letter", letter_id)


def _get(session, letter_id: int) -> Letter:
    letter = repo.get(session, letter_id)
    if letter is None:
        raise NotFoundError("letter", letter_id)
    return letter


def get_letter(archive: Archive, letter_id: int) -> LetterRow:
    with archive.db.read() as session:
        letter = _get(session, letter_id)
        return letter_row(
            letter, document_repo.client_name(session, letter.client_id), archive.today()
        )


def years(archive: Archive) -> list[int]:
    """The years that have letters, newest first (the register is kept per year)."""
    with archive.db.read() as session:
        return repo.years(session)


def awaiting_reply(archive: Archive, keep: int | None = None) -> list[LetterRow]:
    """收文 a 发文 could answer: those neither done nor answered, soonest due first (the 所复收文
    pickers); `keep` (the one chosen already) is listed whatever its state."""
    rows = [
        r
        for r in list_letters(archive, LetterFilter(direction=LetterDirection.INCOMING))
        if r.status not in CLOSED_LETTER_STATUSES or r.id == keep
    ]
    return sorted(rows, key=lambda r: (r.reply_due is None, r.reply_due or r.dated_on, r.id))


def overdue_letters(archive: Archive) -> list[LetterRow]:
    """Letters whose reply is overdue, oldest due first."""
    return replies_due(archive, within_days=-1)


def replies_due(
    archive: Archive, within_days: int = 3, limit: int | None = None
) -> list[LetterRow]:
    """Open letters whose reply is due within the next days (or already overdue), oldest due
    first: the home page's 待复函件."""
    before = archive.today() + timedelta(days=within_days + 1)
    rows = list_letters(archive, LetterFilter(reply_due_before=before))
    return sorted(rows, key=lambda r: (r.reply_due, r.id))[:limit]


# --- scans -------------------------------------------------------------------------------------------


def attach_scan(archive: Archive, letter_id: int, path: Path) -> attachments.AttachmentRecord:
    get_letter(archive, letter_id)
    return attachments.add(archive, OWNER_KIND, letter_id, Path(path))


def scans(archive: Archive, letter_id: int) -> list[attachments.AttachmentRecord]:
    return attachments.list_for(archive, OWNER_KIND, letter_id)


# --- register: xlsx and PDF ----------------------------------------------------------------------


def _cells(row: LetterRow) -> tuple[object, ...]:
    if row.direction == LetterDirection.INCOMING:
        return (
            row.number,
            row.dated_on,
            row.counterpart,
            row.their_number,
            row.title,
            row.copies,
            row.handler,
            row.status,
            row.reply_due,
            row.archived_on,
            row.client_name,
            row.notes,
        )
    return (
        row.number,
        row.dated_on,
        row.title,
        row.counterpart,
        row.copies,
        row.handler,
        row.status,
        row.reply_due,
        row.client_name,
        row.notes,
    )


def _ordered(rows: Sequence[LetterRow]) -> list[LetterRow]:
    return sorted(rows, key=lambda r: (r.dated_on, r.id))


def export_xlsx(archive: Archive, out: Path, flt: LetterFilter | None = None, task=None) -> int:
    """Both registers in one workbook (收文登记, then 发文登记); returns the number of letters."""
    flt = flt or LetterFilter()
    incoming = _ordered(list_letters(archive, replace(flt, direction=LetterDirection.INCOMING)))
    outgoing = _ordered(list_letters(archive, replace(flt, direction=LetterDirection.OUTGOING)))
    if flt.direction == LetterDirection.OUTGOING:
        incoming = []
    if flt.direction == LetterDirection.INCOMING:
        outgoing = []
    if task is not None and task.cancelled():
        raise CancelledError()
    first, first_title, first_rows = INCOMING_HEADINGS, "收文登记", incoming
    extra = [ExtraSheet("发文登记", OUTGOING_HEADINGS, tuple(_cells(r) for r in outgoing))]
    if flt.direction == LetterDirection.OUTGOING:
        first, first_title, first_rows, extra = OUTGOING_HEADINGS, "发文登记", outgoing, []
    elif flt.direction == LetterDirection.INCOMING:
        extra = []
    write_table(
        Path(out),
        first,
        (_cells(r) for r in first_rows),
        sheet_title=first_title,
        extra_sheets=extra,
    )
    return len(incoming) + len(outgoing)


# The printed registers: numbers, dates and names are printed whole (never broken); the
# counterpart and the title share the rest of the landscape page.
PDF_INCOMING = (
    Column("收文号", whole=True),
    Column("收文日期", whole=True),
    Column("来文单位"),
    Column("来文字号", whole=True),
    Column("标题/事由"),
    Column("份数", whole=True, align="CENTER"),
    Column("承办人", whole=True),
    Column("办理情况", whole=True),
    Column("复函期限", whole=True),
    Column("归档日期", whole=True),
)
PDF_OUTGOING = (
    Column("发文字号", whole=True),
    Column("发文日期", whole=True),
    Column("标题"),
    Column("发往单位"),
    Column("份数", whole=True, align="CENTER"),
    Column("签发人", whole=True),
    Column("状态", whole=True),
    Column("复函期限", whole=True),
    Column("所复收文", whole=True),
    Column("备注"),
)


def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _pdf_cells(row: LetterRow, answered: dict[int, str]) -> tuple[str, ...]:
    """One register row; `answered`: the 收文号 of each incoming letter a 发文 answers."""
    due = _day(row.reply_due) + ("\n逾期" if row.overdue and row.reply_due else "")
    if row.direction == LetterDirection.INCOMING:
        return (
            row.number,
            _day(row.dated_on),
            row.counterpart,
            row.their_number,
            row.title,
            str(row.copies),
            row.handler,
            row.status,
            due,
            _day(row.archived_on),
        )
    return (
        row.number,
        _day(row.dated_on),
        row.title,
        row.counterpart,
        str(row.copies),
        row.handler,
        row.status,
        due,
        answered.get(row.reply_to_id, "") if row.reply_to_id else "",
        row.notes,
    )


def _answered_numbers(archive: Archive, rows: Sequence[LetterRow]) -> dict[int, str]:
    """The 收文号 of the incoming letters these rows answer (whatever the filter shows)."""
    wanted = {r.reply_to_id for r in rows if r.reply_to_id}
    if not wanted:
        return {}
    incoming = list_letters(archive, LetterFilter(direction=LetterDirection.INCOMING))
    return {r.id: r.number for r in incoming if r.id in wanted}


def register_pdf(
    archive: Archive,
    out: Path,
    direction: LetterDirection | str,
    flt: LetterFilter | None = None,
    task=None,
) -> int:
    """The 收文登记簿 or 发文登记簿 as a table on A4 landscape; returns its page count."""
    from app.exports.register_pdf import render_register  # the PDF libraries, now

    direction = LetterDirection(direction)
    rows = _ordered(list_letters(archive, replace(flt or LetterFilter(), direction=direction)))
    if task is not None and task.cancelled():
        raise CancelledError()
    columns = PDF_INCOMING if direction == LetterDirection.INCOMING else PDF_OUTGOING
    title = f"{DIRECTION_ZH[direction]}登记簿"
    first = f"{rows[0].dated_on:%Y-%m-%d}" if rows else ""
    last = f"{rows[-1].dated_on:%Y-%m-%d}" if rows else ""
    span = f"{first} 至 {last},共 {len(rows)} 件" if rows else "本期无登记"
    answered = _answered_numbers(archive, rows)

    font = settings.print_font(archive)
    return render_register(
        title,
        span,
        columns,
        [_pdf_cells(r, answered) for r in rows],
        Path(out),
        font_path=font,
    )
