"""Scans added straight to a packet section in the packet builder (添加文件… and a drop from the
desktop) reach the printed packet: 生成并预览 used to stop with DetachedInstanceError."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from data.scans import certificate_pdf, rotated_scan
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.domain.tenders import TenderDraft
from app.services import tender_packet, tenders
from app.services.tenders import TenderItemLine
from app.ui.context import UiContext, UiEvents
from app.ui.pdf_preview import PdfPreviewDialog
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.packet_builder import PacketBuilderDialog


@pytest.fixture
def dialog(archive, qapp, qtbot, monkeypatch):
    record = tenders.create_tender(
        archive,
        TenderDraft(
            title="某市智慧政务平台采购项目",
            purchaser_name="某市政务服务中心",
            budget=Decimal("1200000"),
            bid_deadline=datetime(2026, 12, 10, 9, 30),
        ),
    )
    tenders.set_items(
        archive, record.id, [TenderItemLine("服务器", "X1", Decimal("2"), "台", Decimal("1000"))]
    )
    errors: list[BaseException] = []
    for where in ("packet_builder", "packet_printing"):
        monkeypatch.setattr(
            f"app.ui.tenders.{where}.show_error", lambda _w, exc, _l: errors.append(exc)
        )
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: 0)
    shown = PacketBuilderDialog(
        UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN"), record.id
    )
    shown.errors_shown = errors
    qtbot.addWidget(shown)
    return shown


def _select(dialog, title: str) -> None:
    dialog.section_list.setCurrentRow([s.title for s in dialog.sections].index(title))


def _preview(dialog) -> PdfReader:
    dialog.printer.draft_box.setChecked(
        True
    )  # the checklist has errors: a draft prints without asking
    dialog.printer.preview_button.click()
    assert dialog.errors_shown == []
    assert dialog.printer.last_pdf is not None and dialog.printer.last_pdf.exists()
    return PdfReader(dialog.printer.last_pdf)


def test_added_from_disk_then_previewed(dialog, tmp_path, monkeypatch):
    _select(dialog, "业绩证明")
    files = [
        certificate_pdf(tmp_path / "合同.pdf", "政务云服务合同"),
        rotated_scan(tmp_path / "验收.pdf", 270, "项目验收报告"),
    ]
    monkeypatch.setattr(
        "app.ui.user_settings.QFileDialog.getOpenFileNames",
        lambda *a, **k: ([str(f) for f in files], ""),
    )
    dialog.add_from_disk()
    assert dialog.files_editor.files.count() == 2
    reader = _preview(dialog)
    texts = [page.extract_text() for page in reader.pages]
    assert any("政务云服务合同" in t for t in texts) and any("项目验收报告" in t for t in texts)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "业绩证明" in titles
    assert dialog.printer.last_preview.page_count() == len(reader.pages)


def test_dropped_on_the_section_then_previewed(dialog, archive, tmp_path):
    _select(dialog, "资格证明文件")
    mime = QMimeData()
    mime.setUrls(
        [QUrl.fromLocalFile(str(certificate_pdf(tmp_path / "营业执照.pdf", "营业执照副本")))]
    )
    event = QDropEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.files_editor.files.dropEvent(event)
    section = next(
        s for s in tender_packet.sections(archive, dialog.tender_id) if s.title == "资格证明文件"
    )
    assert [f.label for f in section.files] == ["营业执照"]
    reader = _preview(dialog)
    assert any("营业执照副本" in page.extract_text() for page in reader.pages)
