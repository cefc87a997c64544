"""Import, export and PDFs work the same on an encrypted archive: the tender packet merges the
scans (decrypted only into the private temp folder), exports are readable by their owner only."""

from __future__ import annotations

import os

import pytest
from clock import FIXED_NOW
from encrypted_archives import PASSWORD, new_process
from pypdf import PdfReader
from test_tender_packet_pdf import ready_tender  # noqa: F401 - the packet, on the archive below

from app.db import cipher
from app.domain.records import ClientDraft
from app.services import archive as archive_service
from app.services import client_transfer, clients, search, tender_packet


@pytest.fixture
def archive(tmp_path):
    """An encrypted archive (it replaces the plain one of conftest for these tests)."""
    opened = archive_service.open_archive(
        tmp_path / "encrypted.sqlite3", clock=lambda: FIXED_NOW, password=PASSWORD
    )
    assert cipher.is_encrypted(opened.path)
    yield opened
    opened.close()
    new_process()


def test_the_tender_packet_prints_from_an_encrypted_archive(archive, ready_tender, tmp_path):  # noqa: F811
    out = tmp_path / "packet.pdf"
    result = tender_packet.build_pdf(archive, ready_tender.id, out, copy="正本")
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    assert result.pages >= 4  # cover, contents, forms and the two merged scans
    if os.name != "nt":
        assert oct(out.stat().st_mode & 0o777) == oct(0o600)


def test_export_and_import_clients_on_encrypted_archives(archive, tmp_path):
    for name in ("北京恒信科技有限公司", "上海明远贸易有限公司", "广州南方医疗设备有限公司"):
        clients.create_client(archive, ClientDraft(name, region=name[:2]))
    sheet = tmp_path / "clients.xlsx"
    assert client_transfer.export_clients(archive, sheet) == 3
    if os.name != "nt":
        assert oct(sheet.stat().st_mode & 0o777) == oct(0o600)

    other = archive_service.open_archive(
        tmp_path / "other.sqlite3", clock=lambda: FIXED_NOW, password="另一个密码"
    )
    try:
        report = client_transfer.import_clients(other, sheet)
        assert report.imported == 3
        assert clients.client_count(other) == 3
        assert [h.title for h in search.search(other, "明远")] == ["上海明远贸易有限公司"]
    finally:
        other.close()
