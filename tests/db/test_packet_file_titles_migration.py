"""Migration 0013: packet files get a title column ('' = their default name) and a dense order
that keeps the order they had; the legal representative's 职务 and 身份证号 typed into an older
法定代表人身份证明 move into the company settings; down to 0010 and up again."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

from data.scans import certificate_pdf

from app.db import archive_file
from app.domain.tenders import TenderDraft
from app.services import qualifications, settings, tender_packet, tenders
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)


def _sql(path, statement: str, *params) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def _archive_at_0010(path, tmp_path) -> tuple[int, list[str]]:
    """A packet whose qualification section holds three files, made at head and taken down to
    0010, where the files get positions as older versions left them (gaps and a tie)."""
    archive = open_archive(path, clock=lambda: NOW)
    try:
        tender = tenders.create_tender(
            archive, TenderDraft(title="某项目", purchaser_name="某市政务服务中心")
        )
        names = []
        for name in ("营业执照", "ISO9001 证书", "税务证明"):
            q = qualifications.add(
                archive,
                qualifications.QualificationDraft(name, expires_on=date(2030, 1, 1)),
                [certificate_pdf(tmp_path / f"{len(names)}.pdf", name)],
            )
            tender_packet.attach_qualification(archive, tender.id, q.id)
            names.append(name)
    finally:
        archive.close()
    archive_file.downgrade(path, "0010")
    ids = [i for (i,) in _sql(path, "SELECT id FROM packet_files ORDER BY id")]
    for file_id, position in zip(ids, (7, 3, 3), strict=True):  # order: 2nd, 3rd (tie), 1st
        _sql(path, "UPDATE packet_files SET position = ? WHERE id = ?", position, file_id)
    typed = json.dumps({"gender": "男", "position": "总经理", "id_number": "110105197803150032"})
    _sql(path, "UPDATE packet_sections SET content = ? WHERE form = 'legal_rep'", typed)
    return tender.id, [names[1], names[2], names[0]]


def test_upgrade_keeps_the_file_order_and_moves_the_legal_rep_details(tmp_path):
    path = tmp_path / "a.sqlite3"
    tender_id, order = _archive_at_0010(path, tmp_path)
    assert "title" not in [c[1] for c in _sql(path, "PRAGMA table_info(packet_files)")]
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert archive_file.current_revision(path) == archive_file.head_revision()
        section = next(
            s for s in tender_packet.sections(archive, tender_id) if s.title == "资格证明文件"
        )
        assert [f.label for f in section.files] == order
        positions = _sql(path, "SELECT position, title FROM packet_files ORDER BY position, id")
        assert positions == [(1, ""), (2, ""), (3, "")]
        company = settings.company(archive)
        assert company.legal_rep_title == "总经理"
        assert company.legal_rep_id_number == "110105197803150032"
        (sql,) = _sql(path, "SELECT sql FROM sqlite_master WHERE name = 'packet_files'")[0]
        assert "AUTOINCREMENT" in sql
        tender_packet.move_file(archive, section.files[2].id, -2)
    finally:
        archive.close()

    archive_file.downgrade(path, "0010")
    (sql,) = _sql(path, "SELECT sql FROM sqlite_master WHERE name = 'packet_files'")[0]
    assert "AUTOINCREMENT" in sql and "title" not in sql
    assert len(_sql(path, "SELECT id FROM packet_files")) == 3
    archive = open_archive(path, clock=lambda: NOW)
    try:
        section = next(
            s for s in tender_packet.sections(archive, tender_id) if s.title == "资格证明文件"
        )
        assert [f.label for f in section.files] == [order[2], order[0], order[1]]
    finally:
        archive.close()


def test_values_already_in_the_settings_are_kept(tmp_path):
    path = tmp_path / "a.sqlite3"
    _archive_at_0010(path, tmp_path)
    _sql(
        path,
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('company.legal_rep_title', ?)",
        json.dumps("董事长"),
    )
    archive = open_archive(path, clock=lambda: NOW)
    try:
        company = settings.company(archive)
        assert company.legal_rep_title == "董事长"
        assert company.legal_rep_id_number == "110105197803150032"
    finally:
        archive.close()
