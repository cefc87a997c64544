"""Issue 12 in the packet builder window, driven like a user: a section's files renamed in
place (F2) and moved (上移/下移, drag), rows copied in Excel or Word pasted into the deviation
grid (Ctrl+V through the real clipboard), and the legal representative shown from the
settings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.domain.tenders import TenderDraft
from app.services import qualifications, settings, tender_packet, tenders
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.packet_builder import PacketBuilderDialog


def scan(path, text: str = "SCAN"):
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawString(100, 700, text)
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def tender(archive, tmp_path):
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="北京华信科技有限公司",
            legal_representative="王建国",
            legal_rep_title="执行董事兼总经理",
            legal_rep_id_number="110105197803150032",
        ),
    )
    record = tenders.create_tender(
        archive,
        TenderDraft(
            title="某项目",
            purchaser_name="某市政务服务中心",
            bid_deadline=datetime(2026, 12, 10, 9, 30),
            bid_deposit=Decimal("0"),
        ),
    )
    for name in ("营业执照", "ISO9001 证书", "税务证明"):
        q = qualifications.add(
            archive,
            qualifications.QualificationDraft(name, expires_on=date(2030, 1, 1)),
            [scan(tmp_path / f"{name}.pdf", name)],
        )
        tender_packet.attach_qualification(archive, record.id, q.id)
    return record


@pytest.fixture
def dialog(ctx, tender, qtbot):
    shown = PacketBuilderDialog(ctx, tender.id)
    qtbot.addWidget(shown)
    return shown


def select(dialog, title: str) -> None:
    dialog.section_list.setCurrentRow([s.title for s in dialog.sections].index(title))


def stored_files(archive, tender_id) -> list[str]:
    packet = tender_packet.sections(archive, tender_id)
    return [f.label for f in next(s for s in packet if s.title == "资格证明文件").files]


def shown_titles(dialog) -> list[str]:
    files = dialog.files_editor.files
    return [files.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(files.count())]


def test_a_file_is_renamed_in_place(dialog, archive, tender, qtbot):
    select(dialog, "资格证明文件")
    files = dialog.files_editor.files
    files.setCurrentRow(0)
    assert files.item(0).text().startswith("营业执照")  # with its expiry and state
    qtbot.keyClick(files, Qt.Key.Key_F2)
    editor = files.findChild(QLineEdit)
    assert editor is not None and editor.text() == "营业执照"  # the title alone
    editor.setText("营业执照(副本)")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_files(archive, tender.id)[0] == "营业执照(副本)")
    assert shown_titles(dialog)[0] == "营业执照(副本)"
    assert files.currentRow() == 0 and "营业执照" in files.item(0).toolTip()
    # the 重命名 button opens the same editor; a blank title gives back the own name
    qtbot.waitUntil(lambda: files.findChild(QLineEdit) is None)  # the first editor is gone
    dialog.files_editor.rename_button.click()
    editor = files.findChild(QLineEdit)
    editor.setText("")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_files(archive, tender.id)[0] == "营业执照")


def test_files_move_by_buttons_and_drag(dialog, archive, tender, qtbot):
    select(dialog, "资格证明文件")
    editor = dialog.files_editor
    editor.files.setCurrentRow(2)
    assert not editor.down_button.isEnabled() and editor.up_button.isEnabled()
    editor.up_button.click()
    qtbot.waitUntil(
        lambda: stored_files(archive, tender.id) == ["营业执照", "税务证明", "ISO9001 证书"]
    )
    assert editor.files.currentRow() == 1  # the moved file stays selected
    editor.up_button.click()
    qtbot.waitUntil(lambda: stored_files(archive, tender.id)[0] == "税务证明")
    assert not editor.up_button.isEnabled()
    # What a drop inside the list does to its model (QListWidget.dropEvent, Qt 6).
    assert editor.files.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    qtbot.waitUntil(lambda: stored_files(archive, tender.id)[2] == "税务证明")
    assert shown_titles(dialog) == stored_files(archive, tender.id)


def _clipboard(text: str = "", html: str = "") -> None:
    mime = QMimeData()
    if text:
        mime.setText(text)
    if html:
        mime.setHtml(html)
    QGuiApplication.clipboard().setMimeData(mime)


def saved_rows(archive, tender_id) -> list[list[str]]:
    packet = tender_packet.sections(archive, tender_id)
    return next(s for s in packet if s.form == "tech_deviation").content.get("rows", [])


def test_rows_copied_in_excel_paste_with_ctrl_v(dialog, archive, tender, qtbot):
    select(dialog, "技术响应/偏离表")
    grid = dialog.deviation_editor.table
    assert grid.rowCount() == 0
    _clipboard(
        "序号\t招标文件要求\t投标响应\t偏离情况\t说明\r\n"
        '1\t"CPU 不少于\n32 核"\t64 核\t正偏离\t优于要求\r\n'
        "2\t内存 256GB\t256GB\t无偏离\t\r\n"
    )
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert grid.rowCount() == 2
    assert grid.item(0, 0).text() == "CPU 不少于\n32 核"
    assert grid.cellWidget(0, 2).currentText() == "正偏离"
    # one value pastes into the current cell; a deviation word other than the three is kept
    grid.setCurrentCell(1, 3)
    _clipboard("满足")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    grid.setCurrentCell(1, 2)
    _clipboard("部分满足")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog.save_section_button.click()
    assert saved_rows(archive, tender.id) == [
        ["CPU 不少于\n32 核", "64 核", "正偏离", "优于要求"],
        ["内存 256GB", "256GB", "部分满足", "满足"],
    ]


def test_a_word_table_pastes_after_the_current_row(dialog, archive, tender, qtbot):
    select(dialog, "技术响应/偏离表")
    editor = dialog.deviation_editor
    editor.add_row(["第一条", "响应一", "无偏离", ""])
    editor.add_row(["第三条", "响应三", "无偏离", ""])
    editor.table.setCurrentCell(0, 1)
    _clipboard(
        html="<table><tr><td>第二条</td><td>响应<br>二</td><td>负偏离</td><td>见说明</td></tr>"
        "</table>"
    )
    editor.paste_button.click()
    assert [editor.table.text(r, 0) for r in range(3)] == ["第一条", "第二条", "第三条"]
    select(dialog, "投标函")  # leaving the section saves it
    assert saved_rows(archive, tender.id)[1] == ["第二条", "响应\n二", "负偏离", "见说明"]


def test_the_legal_rep_forms_show_the_settings(dialog, qtbot):
    select(dialog, "法定代表人身份证明")
    shown = [w.text() for w in dialog.form_editor.findChildren(QLabel)]
    assert "110105197803150032" in shown and "执行董事兼总经理" in shown
    assert dialog.save_section_button.isHidden()  # nothing to type per tender
