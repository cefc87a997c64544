"""登记发文: an approved notice, letter or fax that is sent out goes into the outgoing register
(来往函) with its 发文字号, the day it left, its scan (the file given, else the printed PDF) and
the 收文 it answers, which then shows 已复函 and leaves the 待复 list."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.db.repositories import letters as letter_repo
from app.domain.errors import ValidationError
from app.domain.text import clean
from app.services import attachments, letters
from app.services.archive import Archive
from app.services.documents.approval import issue_in
from app.services.documents.printing import DocumentIncomplete, prepare_print, print_document
from app.services.documents.records import index_document, load_document
from app.services.letters import OWNER_KIND, LetterRow


@dataclass(frozen=True)
class Sending:
    dated_on: date | None = None  # 发文日期; today when not given
    scan: Path | None = None  # the scanned letter as sent; the printed PDF when not given
    reply_to_id: int | None = None  # the 收文 it answers
    handler: str = ""  # 签发人


def send_document(archive: Archive, document_id: int, sending: Sending = Sending()) -> LetterRow:
    """Registers the document as sent (issuing it first when it has no number yet) and keeps
    its scan with the register entry. Refused, with nothing changed, for a document that is not
    an approved notice, letter or fax, a missing scan file or a 所复收文 that is not a 收文."""
    scan = Path(sending.scan) if sending.scan else None
    if scan is not None and not scan.is_file():
        raise ValidationError("scan", "no_such_file", value=str(scan))
    if scan is None:
        _printable(archive, document_id)
    with archive.db.session() as session:
        document = load_document(session, document_id)
        letters.check_reply_to(session, sending.reply_to_id)
        letter = letter_repo.for_document(session, document.id) if document.doc_number else None
        if letter is None:
            letter = issue_in(archive, session, document, sending.handler)
        before = letter.reply_to_id
        letter.dated_on = sending.dated_on or archive.today()
        letter.reply_to_id = sending.reply_to_id
        letter.status = letters.LetterStatus.SENT.value
        if clean(sending.handler):
            letter.handler = clean(sending.handler)
        session.flush()
        letters.answer_in(archive, session, letter, before)
        index_document(session, document)
        letter_id, number = letter.id, letter.number
    if scan is not None:
        attachments.add(archive, OWNER_KIND, letter_id, scan)
    elif not letters.scans(archive, letter_id):
        _attach_printed(archive, document_id, letter_id, number)
    return letters.get_letter(archive, letter_id)


def _printable(archive: Archive, document_id: int) -> None:
    """The PDF to keep can be printed: refused now, before anything is written, when a value is
    missing (the 发文字号 aside: registering gives it)."""
    try:
        prepare_print(archive, document_id)
    except DocumentIncomplete as exc:
        rest = [p for p in exc.missing if p.key != "doc.number"]
        if rest:
            raise DocumentIncomplete(rest) from None


def _attach_printed(archive: Archive, document_id: int, letter_id: int, number: str) -> None:
    """The document as printed, kept as the scan of what was sent."""
    with tempfile.TemporaryDirectory(prefix="sc-send-") as folder:
        out = Path(folder) / "sent.pdf"
        print_document(archive, document_id, out)
        attachments.add(archive, OWNER_KIND, letter_id, out, original_name=f"{number}.pdf")
