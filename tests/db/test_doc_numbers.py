"""发文字号 per kind and 机关代字 (issue 12): each kind counts its own numbers with its prefix, a
number another kind holds is never given twice, and migration 0014 continues every kind's
sequence from the highest number already issued."""

from __future__ import annotations

import json
import sqlite3

import pytest
from migration_samples import STAMP

from app.db import archive_file
from app.domain.documents import DocumentKind, LetterDirection
from app.domain.errors import ValidationError
from app.services import documents, letters, settings
from app.services.archive import open_archive
from app.services.letters import LetterDraft

pytestmark = pytest.mark.both_backends


def _approved(archive, kind: str, subject: str):
    doc = documents.create_document(
        archive,
        kind,
        kind,
        values={
            "subject": subject,
            "recipient": "各合作单位",
            "body": "正文。",
            "sender": "张三",
            "pages": "1",
            "client.name": "某单位",
            "client.fax": "010-66668899",
        },
    )
    documents.review(archive, doc.id, "submit")
    documents.review(archive, doc.id, "approve")
    return doc


@pytest.fixture
def company(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    return archive


def test_two_kinds_and_two_prefixes_number_independently(company):
    archive = company
    documents.save_number_prefix(archive, "notice", "华信通")
    documents.save_number_prefix(archive, "letter", "华信函")
    issued = [
        documents.issue_document(archive, _approved(archive, kind, s).id).doc_number
        for kind, s in (("notice", "一"), ("letter", "二"), ("notice", "三"), ("letter", "四"))
    ]
    assert issued == [
        "华信通〔2026〕1号",
        "华信函〔2026〕1号",
        "华信通〔2026〕2号",
        "华信函〔2026〕2号",
    ]
    # a new prefix starts its own count; the old one keeps its place
    documents.save_number_prefix(archive, "letter", "华信商函")
    assert documents.next_doc_number(archive, "华信商函", "letter") == "华信商函〔2026〕1号"
    assert documents.next_doc_number(archive, "华信函", "letter") == "华信函〔2026〕3号"
    assert documents.next_doc_number(archive, "华信通", "notice") == "华信通〔2026〕3号"
    letter = documents.issue_document(archive, _approved(archive, "letter", "五").id)
    assert letter.doc_number == "华信商函〔2026〕1号"
    # a 发文 entered by hand in the register takes the 函 counter
    row = letters.add_letter(archive, LetterDraft(LetterDirection.OUTGOING, "复函", "某单位"))
    assert row.number == "华信商函〔2026〕2号"


def test_kinds_sharing_no_prefix_never_get_the_same_number(company):
    archive = company
    notice = documents.issue_document(archive, _approved(archive, "notice", "一").id)
    letter = documents.issue_document(archive, _approved(archive, "letter", "二").id)
    assert (notice.doc_number, letter.doc_number) == ("〔2026〕1号", "〔2026〕2号")


def test_one_prefix_for_two_kinds_is_refused_by_name(archive):
    documents.save_number_prefix(archive, "notice", "华信")
    with pytest.raises(ValidationError) as caught:
        documents.save_number_prefix(archive, "letter", "华信")
    assert caught.value.field == "number_prefix" and caught.value.code == "prefix_in_use"
    assert documents.number_prefixes(archive)[DocumentKind.LETTER] == ""


def _archive_at_0010_with_numbers(path) -> None:
    """Version 0010 issued every kind from one shared sequence: 1 notice, 2 letter, 3 fax, 4 a
    letter entered by hand, 5 a notice since deleted (in the recycle bin)."""
    archive_file.migrate(path, target="0010")
    conn = sqlite3.connect(path)
    with conn:
        for key, prefix in (("notice", "华信通"), ("letter", "华信函")):
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)",
                (f"documents.prefix.{key}", json.dumps(prefix, ensure_ascii=False)),
            )
        for i, (kind, number) in enumerate(
            (
                ("notice", "华信通〔2026〕1号"),
                ("letter", "华信函〔2026〕2号"),
                ("fax", "〔2026〕3号"),
            ),
            start=1,
        ):
            conn.execute(
                "INSERT INTO documents (id, kind, title, template_key, status, doc_number,"
                " number_year, number_seq, created_at, updated_at)"
                " VALUES (?, ?, '标题', ?, '已批准', ?, 2026, ?, ?, ?)",
                (i, kind, kind, number, i, STAMP, STAMP),
            )
            conn.execute(
                "INSERT INTO letters (direction, number, dated_on, counterpart, title,"
                " document_id, created_at) VALUES ('out', ?, '2026-11-01', '某单位', '标题', ?, ?)",
                (number, i, STAMP),
            )
        conn.execute(
            "INSERT INTO letters (direction, number, dated_on, counterpart, title, created_at)"
            " VALUES ('out', '华信函〔2026〕4号', '2026-11-02', '某单位', '复函', ?)",
            (STAMP,),
        )
        payload = json.dumps(
            {
                "format": 1,
                "root": ["documents", [9]],
                "tables": {
                    "documents": [{"id": 9, "kind": "notice", "doc_number": "华信通〔2026〕5号"}]
                },
            }
        )
        conn.execute(
            "INSERT INTO recycle_bin (kind, record_id, title, deleted_at, payload)"
            " VALUES ('document', 9, '已删通知', ?, ?)",
            (STAMP, payload),
        )
        conn.execute(
            "INSERT INTO number_sequences (scope, year, last) VALUES ('document', 2026, 5)"
        )
    conn.close()


def _sequences(path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute('SELECT scope, year, "last" FROM number_sequences').fetchall()
    finally:
        conn.close()
    return {f"{scope}/{year}": last for scope, year, last in rows}


def test_migration_continues_each_kinds_sequence_from_the_highest_number(tmp_path):
    path = tmp_path / "archive.sqlite3"
    _archive_at_0010_with_numbers(path)
    archive_file.migrate(path)
    assert _sequences(path) == {
        "out.notice.华信通/2026": 5,  # the deleted notice's number is not given again
        "out.letter.华信函/2026": 4,  # the hand-entered 发文 counts for 函
        "out.fax./2026": 3,
    }
    archive = open_archive(path)
    try:
        assert documents.next_doc_number(archive, "华信通", "notice").endswith("〔2026〕6号")
        assert documents.next_doc_number(archive, "华信函", "letter").endswith("〔2026〕5号")
        assert documents.next_doc_number(archive, "", "fax") == "〔2026〕4号"
    finally:
        archive.close()
    archive_file.downgrade(path, "0010")
    assert _sequences(path) == {"document/2026": 5}  # the shared counter, as high as any
    conn = sqlite3.connect(path)
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(letters)")}
        assert "reply_to_id" not in columns
        assert conn.execute("SELECT count(*) FROM letters").fetchone() == (4,)
    finally:
        conn.close()


def test_the_demo_numbers_with_codes_and_answers_a_letter(archive):
    from app.demo.documents import add_demo_documents
    from app.domain.enums import ClientStatus
    from app.domain.records import ClientDraft
    from app.services import clients

    for name in ("北京恒信贸易有限公司", "天津港务集团有限公司", "上海浦江物流有限公司"):
        clients.create_client(archive, ClientDraft(name=name, status=ClientStatus.ACTIVE))
    add_demo_documents(archive)
    rows = letters.list_letters(archive)
    [reply] = [r for r in rows if r.reply_to_id is not None]
    assert reply.number.startswith("华信函〔") and letters.scans(archive, reply.id)
    assert letters.get_letter(archive, reply.reply_to_id).status == "已复函"
    issued = {r.kind: r.doc_number for r in documents.list_documents(archive) if r.doc_number}
    assert issued[DocumentKind.NOTICE].startswith("华信通〔")
