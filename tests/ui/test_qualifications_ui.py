"""The qualification library page and its form, driven as a user would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication

from app.services import qualifications
from app.services.qualifications import QualificationDraft
from app.ui.context import UiContext, UiEvents
from app.ui.qualifications import page as qualifications_page
from app.ui.qualifications.dialog import QualificationDialog
from app.ui.qualifications.page import EXPIRED_RED, EXPIRING_AMBER, QualificationsPage
from app.ui.tasks import SynchronousTaskRunner


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def scan(tmp_path) -> Path:
    path = tmp_path / "营业执照副本.png"
    image = QImage(40, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(path))
    return path


def _add(archive, title, expires=None, files=()):
    draft = QualificationDraft(title=title, kind="资质证书", expires_on=expires)
    return qualifications.add(archive, draft, files)


def _cells(model, row):
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_add_a_qualification_with_a_scan_by_typing(ctx, qtbot, scan):
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    assert page.table.is_empty_shown()  # the empty library explains itself
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "营业执照")
    dialog.kind_combo.setCurrentText("营业执照")
    type_text(dialog.issuer_edit, "南江市市场监督管理局")
    dialog.expires.check.setChecked(True)
    dialog.expires.edit.setDate(QDate(2036, 5, 31))
    dialog.add_files([scan])
    assert dialog.file_names() == ["营业执照副本.png  (new)"]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    assert not page.table.is_empty_shown()
    assert _cells(page.model, 0) == [
        "营业执照",
        "营业执照",
        "南江市市场监督管理局",
        "",
        "2036-05-31",
        "Valid",
        "1",
    ]
    stored = qualifications.scan_paths(ctx.archive, dialog.saved.id)
    assert stored[0].read_bytes() == scan.read_bytes()


def test_expiry_colours_and_states(ctx, qtbot):
    _add(ctx.archive, "ISO9001 证书", date(2026, 11, 1))  # today is 2026-11-26
    _add(ctx.archive, "安全生产许可证", date(2026, 12, 10))
    _add(ctx.archive, "纳税证明", date(2027, 6, 30))
    _add(ctx.archive, "无重大违法记录声明")
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    model = page.model
    seen = {}
    for row in range(model.rowCount()):
        brush = model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
        seen[model.index(row, 0).data()] = (
            model.index(row, 5).data(),
            brush.color() if brush else None,
        )
    assert seen == {
        "ISO9001 证书": ("Expired", EXPIRED_RED),
        "安全生产许可证": ("Expires in 14 days", EXPIRING_AMBER),
        "纳税证明": ("Valid", None),
        "无重大违法记录声明": ("No expiry", None),
    }
    assert page.summary.text() == "4 items, 1 expired, 1 expiring within 30 days"


def test_bad_input_is_marked_and_changes_nothing(ctx, qtbot, tmp_path):
    dialog = QualificationDialog(ctx)
    qtbot.addWidget(dialog)
    letter = tmp_path / "说明.docx"
    letter.write_bytes(b"not a scan")
    assert dialog.add_files([letter]) == [letter]
    assert "说明.docx" in dialog.field_error("file")
    assert dialog.file_names() == []
    dialog.valid_from.check.setChecked(True)
    dialog.valid_from.edit.setDate(QDate(2026, 6, 1))
    dialog.expires.check.setChecked(True)
    dialog.expires.edit.setDate(QDate(2026, 5, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.field_error("qualification_title") == "不能为空"
    type_text(dialog.title_edit, "财务审计报告")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.field_error("expires_on") == "早于开始时间"
    assert qualifications.list_all(ctx.archive) == []


def test_scans_can_be_dropped_on_the_form(ctx, qtbot, scan, tmp_path):
    dialog = QualificationDialog(ctx)
    qtbot.addWidget(dialog)
    other = tmp_path / "notes.txt"
    other.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan)), QUrl.fromLocalFile(str(other))])
    position = QPointF(dialog.rect().center())
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(position.toPoint(), *args)
    QApplication.sendEvent(dialog, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(dialog, QDropEvent(position, *args))
    assert dialog.file_names() == ["营业执照副本.png  (new)"]
    assert "notes.txt" in dialog.field_error("file")


def test_edit_removes_a_scan_and_adds_another(ctx, qtbot, scan, tmp_path):
    second = tmp_path / "page2.pdf"
    second.write_bytes(b"%PDF-1.4\n%%EOF\n")
    record = _add(ctx.archive, "资质证书", date(2028, 1, 1), [scan])
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    page.select_qualification(record.id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "资质证书"
    dialog.file_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_file_button, Qt.MouseButton.LeftButton)
    dialog.add_files([second])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = qualifications.get(ctx.archive, record.id)
    assert [f.original_name for f in saved.files] == ["page2.pdf"]
    assert _cells(page.model, 0)[6] == "1"


def test_open_a_scan_with_the_system_viewer(ctx, qtbot, scan, monkeypatch):
    record = _add(ctx.archive, "营业执照", None, [scan])
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    assert not page.open_button.isEnabled()
    page.select_qualification(record.id)
    assert page.open_button.isEnabled()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    copy = Path(opened[0].toLocalFile())
    assert copy.name.endswith("营业执照副本.png")
    assert copy.read_bytes() == scan.read_bytes()


def test_delete_asks_first(ctx, qtbot, scan, monkeypatch):
    record = _add(ctx.archive, "过期的证书", date(2025, 1, 1), [scan])
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    page.select_qualification(record.id)
    answers = iter([False, True])
    monkeypatch.setattr(qualifications_page, "confirm", lambda *_a: next(answers))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert page.table.is_empty_shown()


def test_model_passes_the_model_tester(ctx, qtbot, qtmodeltester, scan):
    _add(ctx.archive, "甲", date(2026, 11, 1), [scan])
    _add(ctx.archive, "乙", date(2026, 12, 1))
    _add(ctx.archive, "丙")
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model)


# --- on the kit: Enter opens, the state cell, Changes, selecting before the list is read -------


def test_enter_opens_the_selected_qualification(ctx, qtbot):
    record = _add(ctx.archive, "营业执照", date(2030, 1, 1))
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.select_qualification(record.id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.title_edit.text() == "营业执照"
    page.dialog.close()


def test_the_state_cell_is_bold_on_a_tint(ctx, qtbot):
    _add(ctx.archive, "ISO9001 证书", date(2026, 11, 1))  # expired: today is 2026-11-26
    _add(ctx.archive, "纳税证明", date(2027, 6, 30))
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    rows = {page.model.index(r, 0).data(): r for r in range(page.model.rowCount())}
    expired = page.model.index(rows["ISO9001 证书"], 5)
    assert expired.data(Qt.ItemDataRole.FontRole).bold()
    assert expired.data(Qt.ItemDataRole.BackgroundRole).color() == QColor("#fde2e2")
    valid = page.model.index(rows["纳税证明"], 5)
    assert valid.data(Qt.ItemDataRole.FontRole) is None
    assert valid.data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_qualification_saved_elsewhere_reaches_the_list_through_changes(ctx, qtbot, scan):
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    announced = []
    ctx.events.changes.connect(announced.append)
    dialog = QualificationDialog(ctx)  # not the page's: e.g. opened from the search box
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "营业执照")
    dialog.add_files([scan])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [c.kinds for c in announced] == [frozenset({"qualification"})]
    assert _cells(page.model, 0)[0] == "营业执照" and not page.table.is_empty_shown()


def test_a_qualification_asked_for_before_the_list_is_read_is_selected(archive, qapp, qtbot):
    from app.ui.tasks import TaskRunner

    wanted = _add(archive, "乙", date(2030, 1, 1))
    _add(archive, "甲", date(2030, 1, 1))
    runner = TaskRunner()
    page = QualificationsPage(UiContext(archive, runner, UiEvents(), "zh_CN"))
    qtbot.addWidget(page)
    page.select_qualification(wanted.id)  # as the search box does, the list still loading
    qtbot.waitUntil(lambda: page.current_id() == wanted.id, timeout=5000)
    assert page.edit_button.isEnabled()
    runner.wait()
