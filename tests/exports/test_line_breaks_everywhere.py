"""Every kind of PDF the program prints, made from the demo archive, read back line by line: no
printed line starts with closing punctuation or ends with opening punctuation (禁则, GB/T 15834,
W3C clreq), whether the line is a paragraph's, a heading's or a table cell's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextLine

from app.demo import create_demo_archive
from app.domain.documents import DocumentKind, LetterDirection
from app.domain.line_breaking import violations
from app.services import analysis, minutes, printouts, rebates, tender_packet
from app.services.archive import open_archive
from app.services.documents import list_documents, print_document
from app.services.letters import register_pdf
from app.services.tenders import list_tenders

# A printed line is what stands together on the page: characters closer than half a character
# (a table cell's text is a line of its own, never run together with the next cell's).
LAYOUT = LAParams(char_margin=0.3, line_margin=0.2, word_margin=0.2)


def printed_lines(path: Path) -> list[str]:
    lines: list[str] = []

    def walk(item) -> None:
        if isinstance(item, LTTextLine):
            text = item.get_text().strip()
            if text:
                lines.append(text)
            return
        for child in getattr(item, "_objs", ()):
            walk(child)

    for page in extract_pages(str(path), laparams=LAYOUT):
        walk(page)
    return lines


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_archive(db)
    archive = open_archive(db)
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def every_pdf(demo, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    made: dict[str, Path] = {}

    def make(name: str, write) -> None:
        out = folder / f"{name}.pdf"
        write(out)
        made[name] = out

    for row in list_documents(demo):
        make(f"document-{row.id}-{row.kind.value}", lambda o, r=row: print_document(demo, r.id, o))
    meetings = minutes.list_meetings(demo)
    for meeting in meetings[:6]:
        make(f"minutes-{meeting.id}", lambda o, m=meeting: minutes.print_minutes(demo, m.id, o))
    make("digest", lambda o: minutes.digest_pdf(demo, o))
    today = demo.today()
    make(
        "monthly-report",
        lambda o: analysis.write_monthly_report(demo, today.year, today.month, o),
    )
    for direction in LetterDirection:
        make(f"register-{direction.value}", lambda o, d=direction: register_pdf(demo, o, d))
    make("overdue", lambda o: printouts.overdue_pdf(demo, o))
    make("plan", lambda o: printouts.plan_pdf(demo, o, today.year, today.month, today))
    make("receivables", lambda o: printouts.receivables_pdf(demo, o, date(today.year, 12, 31)))
    for rebate in rebates.list_rebates(demo)[:4]:
        make(f"rebate-form-{rebate.id}", lambda o, r=rebate: rebates.write_form(demo, r.id, o))
    approved = rebates.list_rebates(demo, status="approved")
    make("rebate-letter", lambda o: rebates.write_letter(demo, approved[0].id, o))
    tenders = [t for t in list_tenders(demo) if t.status == "准备投标"]
    make(
        "tender-packet",
        lambda o: tender_packet.build_pdf(demo, tenders[0].id, o, draft=True),
    )
    return made


def test_every_kind_of_pdf_is_made(every_pdf):
    kinds = {name.split("-")[0] for name in every_pdf}
    assert kinds >= {"document", "minutes", "digest", "monthly", "register", "overdue", "plan"}
    assert {"receivables", "rebate", "tender"} <= kinds
    documents = {name.rsplit("-", 1)[1] for name in every_pdf if name.startswith("document-")}
    assert documents == {kind.value for kind in DocumentKind}


def test_no_printed_line_starts_with_closing_or_ends_with_opening_punctuation(every_pdf):
    bad = {}
    for name, path in every_pdf.items():
        lines = printed_lines(path)
        assert lines, f"{name}: no text read back"
        wrong = violations(lines)
        if wrong:
            bad[name] = wrong[:5]
    assert not bad, "\n".join(f"{name}: {lines}" for name, lines in bad.items())
