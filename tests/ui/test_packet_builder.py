"""The tender packet builder window driven like a user: reorder, rename, deviation rows, the
qualification library, the checklist, a draft printed through the task runner and its preview."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.domain.tenders import TenderDraft
from app.services import qualifications, settings, tender_packet, tenders
from app.services.tenders import TenderItemLine
from app.ui.context import UiContext, UiEvents
from app.ui.pdf_preview import PdfPreviewDialog
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.packet_builder import LEVEL_COLOURS, PacketBuilderDialog
from app.ui.tenders.qualification_picker import QualificationPicker


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
            uscc="91110105948219939U",
            address="北京市朝阳区建国路88号",
            legal_representative="王建国",
            phone="010-88886666",
        ),
    )
    record = tenders.create_tender(
        archive,
        TenderDraft(
            title="某市智慧政务平台采购项目",
            number="ZB-2026-001",
            purchaser_name="某市政务服务中心",
            budget=Decimal("1200000"),
            bid_deadline=datetime(2026, 12, 10, 9, 30),
            delivery_period="60日",
        ),
    )
    tenders.set_items(
        archive,
        record.id,
        [TenderItemLine("服务器", "X1", Decimal("2"), "台", Decimal("100000.00"))],
    )
    licence = qualifications.add(
        archive,
        qualifications.QualificationDraft("营业执照", "营业执照", expires_on=date(2030, 1, 1)),
        [scan(tmp_path / "licence.pdf")],
    )
    tender_packet.attach_qualification(archive, record.id, licence.id)
    # Valid today (2026-11-26) but expired on the bid deadline (2026-12-10).
    qualifications.add(
        archive,
        qualifications.QualificationDraft(
            "安全生产许可证", "资质证书", expires_on=date(2026, 12, 1)
        ),
        [scan(tmp_path / "permit.pdf")],
    )
    return record


@pytest.fixture
def dialog(ctx, tender, qtbot):
    shown = PacketBuilderDialog(ctx, tender.id)
    qtbot.addWidget(shown)
    return shown


def titles(archive, tender_id) -> list[str]:
    return [s.title for s in tender_packet.sections(archive, tender_id)]


def select(dialog, title: str) -> None:
    row = [s.title for s in dialog.sections].index(title)
    dialog.section_list.setCurrentRow(row)


def test_sections_listed_in_order_with_required_marked(dialog, archive, tender):
    shown = [dialog.section_list.item(i).text() for i in range(dialog.section_list.count())]
    assert shown == titles(archive, tender.id)
    letter = dialog.section_list.item(0)
    assert not letter.icon().isNull() and letter.font().bold()
    optional = dialog.section_list.item(shown.index("授权委托书"))
    assert optional.icon().isNull() and not optional.font().bold()


def test_reorder_by_buttons_is_saved(dialog, archive, tender):
    select(dialog, "开标一览表")
    dialog.up_button.click()
    assert titles(archive, tender.id)[:2] == ["开标一览表", "投标函"]
    assert dialog.section_list.currentItem().text() == "开标一览表"
    assert not dialog.up_button.isEnabled()
    dialog.down_button.click()
    dialog.down_button.click()
    assert titles(archive, tender.id)[:3] == ["投标函", "投标分项报价表", "开标一览表"]


def test_drag_reorder_is_saved(dialog, archive, tender, qtbot):
    # What a drop inside the list does to its model (QListWidget.dropEvent, Qt 6).
    model = dialog.section_list.model()
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    qtbot.waitUntil(lambda: titles(archive, tender.id)[0] == "投标分项报价表")
    assert titles(archive, tender.id)[:3] == ["投标分项报价表", "投标函", "开标一览表"]
    model.moveRow(QModelIndex(), 0, QModelIndex(), 4)  # down: in front of the old row 4
    qtbot.waitUntil(lambda: titles(archive, tender.id)[3] == "投标分项报价表")
    assert titles(archive, tender.id)[:4] == [
        "投标函",
        "开标一览表",
        "法定代表人身份证明",
        "投标分项报价表",
    ]
    assert dialog.section_list.section_ids() == [
        s.id for s in tender_packet.sections(archive, tender.id)
    ]


def test_rename_in_place(dialog, archive, tender, qtbot):
    select(dialog, "业绩证明")
    qtbot.keyClick(dialog.section_list, Qt.Key.Key_F2)
    editor = dialog.section_list.findChild(QLineEdit)
    assert editor is not None and editor.text() == "业绩证明"
    editor.setText("类似项目业绩")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "类似项目业绩" in titles(archive, tender.id))
    assert "业绩证明" not in titles(archive, tender.id)
    assert dialog.section_list.currentItem().text() == "类似项目业绩"


def test_rename_to_blank_is_refused(dialog, archive, tender, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "app.ui.tenders.packet_builder.show_error", lambda *a, **k: shown.append(a[1])
    )
    select(dialog, "业绩证明")
    dialog.section_list.currentItem().setText("   ")
    assert shown and "业绩证明" in titles(archive, tender.id)
    assert dialog.section_list.currentItem().text() == "业绩证明"


def test_add_deviation_row_is_saved(dialog, archive, tender):
    select(dialog, "技术响应/偏离表")
    assert dialog.editor_stack.currentWidget() is dialog.deviation_editor
    editor = dialog.deviation_editor
    editor.add_button.click()
    row = editor.table.rowCount() - 1
    editor.table.item(row, 0).setText("CPU 不少于 32 核")
    editor.table.item(row, 1).setText("64 核")
    editor.table.cellWidget(row, 2).setCurrentText("正偏离")
    editor.table.item(row, 3).setText("优于要求")
    dialog.save_section_button.click()
    saved = next(
        s for s in tender_packet.sections(archive, tender.id) if s.form == "tech_deviation"
    )
    assert saved.content["rows"] == [["CPU 不少于 32 核", "64 核", "正偏离", "优于要求"]]
    # Remove it again; switching sections saves without a click.
    editor.table.setCurrentCell(0, 0)
    editor.remove_button.click()
    select(dialog, "投标函")
    saved = next(
        s for s in tender_packet.sections(archive, tender.id) if s.form == "tech_deviation"
    )
    assert saved.content["rows"] == []


def test_deviation_rows_import_from_a_file_and_a_bad_file_is_named(
    dialog, archive, tender, tmp_path, monkeypatch
):
    """导入文件…: a sheet's rows (heading and 序号 dropped) follow the rows typed; 保存本节
    keeps them. A file with no rows says so and changes nothing."""
    from app.ui import user_settings

    sheet = tmp_path / "偏离表.csv"
    sheet.write_text(
        "序号,招标文件要求,投标响应,偏离情况,说明\n1,内存≥256GB,512GB,正偏离,\n2,质保3年,质保5年,正偏离,原厂\n",
        encoding="utf-8",
    )
    shown = []
    monkeypatch.setattr("app.ui.tenders.packet_builder.show_error", lambda *a: shown.append(a[1]))
    monkeypatch.setattr(user_settings, "open_file", lambda *a, **k: str(sheet))
    select(dialog, "技术响应/偏离表")
    editor = dialog.deviation_editor
    editor.add_row(["CPU 不少于 32 核", "64 核", "正偏离", ""])
    editor.import_button.click()
    assert editor.rows() == [
        ["CPU 不少于 32 核", "64 核", "正偏离", ""],
        ["内存≥256GB", "512GB", "正偏离", ""],
        ["质保3年", "质保5年", "正偏离", "原厂"],
    ]
    dialog.save_section_button.click()
    saved = next(
        s for s in tender_packet.sections(archive, tender.id) if s.form == "tech_deviation"
    )
    assert len(saved.content["rows"]) == 3
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setattr(user_settings, "open_file", lambda *a, **k: str(empty))
    editor.import_button.click()
    assert len(shown) == 1 and getattr(shown[0], "field", "") == "deviation_file"
    assert len(editor.rows()) == 3


def test_form_fields_are_typed_and_saved(dialog, archive, tender):
    select(dialog, "授权委托书")
    inputs = dialog.form_editor.inputs
    assert set(inputs) == {"agent_name", "agent_id_number", "agent_position", "agent_phone"}
    inputs["agent_name"].setText("李明")
    shown = [w.text() for w in dialog.form_editor.findChildren(QLabel)]
    assert "¥200,000.00  贰拾万元整" in shown and "ZB-2026-001" in shown
    select(dialog, "售后服务承诺")
    assert type(dialog.form_editor.inputs["text"]).__name__ == "QPlainTextEdit"
    saved = next(s for s in tender_packet.sections(archive, tender.id) if s.form == "authorization")
    assert saved.content["agent_name"] == "李明"


def test_add_qualification_from_library_shows_expiry_on_deadline(
    dialog, archive, tender, monkeypatch
):
    select(dialog, "资格证明文件")
    assert dialog.editor_stack.currentWidget() is dialog.files_editor

    def pick(self):
        assert [r.title for r in self.records] == ["营业执照", "安全生产许可证"]
        assert self.model.index(0, 3).data() == "already in this section"
        self.select_ids([r.id for r in self.records])  # the one already there is not selectable
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QualificationPicker, "exec", pick)
    dialog.files_editor.library_button.click()
    files = dialog.files_editor.files
    assert files.count() == 2
    permit = files.item(1)
    assert "安全生产许可证" in permit.text() and "expired" in permit.text()
    assert permit.foreground().color() == QColor("#c0392b")
    assert any("安全生产许可证" in t for t in dialog.checklist_texts("error"))


def test_picker_marks_expired_red(ctx, tender, qtbot):
    picker = QualificationPicker(ctx, date(2026, 12, 10))
    qtbot.addWidget(picker)
    model = picker.model
    assert model.index(1, 3).data() == "expired"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#c0392b")
    assert model.index(0, 3).data() == "valid"


def test_checklist_shows_deposit_problem_in_red(dialog):
    errors = dialog.checklist_texts("error")
    assert any("保证金" in t for t in errors)
    view = dialog.checklist_view
    items = [view.item(i) for i in range(view.count())]
    deposit = next(i for i in items if "保证金" in i.text())
    assert deposit.foreground().color() == QColor(LEVEL_COLOURS["error"])


def test_checklist_refreshes_after_change(dialog, archive, tender):
    select(dialog, "业绩证明")
    assert any("业绩证明" in t for t in dialog.checklist_texts("warning"))
    dialog.add_files([scan(archive.path.parent / "contract.pdf", "CONTRACT")])
    assert not any("业绩证明" in t for t in dialog.checklist_texts("warning"))
    assert dialog.files_editor.files.count() == 1


def test_files_dropped_from_disk_are_added(dialog, archive, tender, tmp_path):
    select(dialog, "业绩证明")
    files = dialog.files_editor.files
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan(tmp_path / "合同.pdf")))])
    event = QDropEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    files.dropEvent(event)
    section = next(s for s in tender_packet.sections(archive, tender.id) if s.title == "业绩证明")
    assert [f.label for f in section.files] == ["合同"]


def test_add_and_remove_section(dialog, archive, tender, monkeypatch):
    dialog.add_actions["text"].trigger()
    assert titles(archive, tender.id)[-1] == "文字章节"
    assert dialog.section_list.currentItem().text() == "文字章节"
    monkeypatch.setattr("app.ui.tenders.packet_builder.confirm", lambda *a: True)
    dialog.remove_button.click()
    assert "文字章节" not in titles(archive, tender.id)


def test_generate_draft_and_preview(dialog, archive, tender, monkeypatch, tmp_path):
    select(dialog, "开标一览表")
    dialog.up_button.click()
    monkeypatch.setattr(
        "app.ui.tenders.packet_printing.choose", lambda *a, **k: "draft"
    )  # 打印草稿
    opened = []

    def show(self):
        opened.append(self.document.pageCount())
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", show)
    dialog.printer.preview_button.click()
    assert dialog.printer.last_pdf is not None and dialog.printer.last_pdf.exists()
    reader = PdfReader(dialog.printer.last_pdf)
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks.index("开标一览表") < bookmarks.index("投标函")
    assert opened == [len(reader.pages)] and len(reader.pages) > 5
    assert "草稿" in dialog.printer.last_preview.save_suggestion
    assert dialog.printer.last_preview.page_count() == len(reader.pages)
    printed = dialog.printer.last_pdf.parent
    dialog.printer.last_preview.close()
    dialog.reject()  # 关闭
    assert not printed.exists()  # the preview's working copy goes with the dialog


def test_refusing_the_draft_prints_nothing(dialog, monkeypatch):
    monkeypatch.setattr("app.ui.tenders.packet_printing.choose", lambda *a, **k: "back")  # 返回修改
    dialog.printer.preview_button.click()
    assert dialog.printer.last_pdf is None


def test_save_pdf_when_ready(dialog, archive, tender, monkeypatch, tmp_path):
    record = tenders.get_tender(archive, tender.id)
    from dataclasses import replace

    tenders.update_tender(
        archive,
        tender.id,
        replace(record.draft, bid_deposit=Decimal("20000"), deposit_paid_on=date(2026, 11, 20)),
    )
    for section in tender_packet.sections(archive, tender.id):
        if section.form in ("tech_deviation", "biz_deviation"):
            tender_packet.set_content(
                archive, section.id, {"rows": [["要求", "响应", "无偏离", ""]]}
            )
    dialog.refresh_checklist()
    assert dialog.checklist_texts("error") == []
    target = tmp_path / "out" / "正本"
    target.parent.mkdir()
    monkeypatch.setattr(
        "app.ui.user_settings.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    dialog.printer.copy_combo.setCurrentIndex(1)
    dialog.printer.save_pdf_button.click()
    saved = target.with_name("正本.pdf")
    assert saved.exists()
    text = PdfReader(saved).pages[0].extract_text()
    assert "副本" in text and "草稿" not in text
    QApplication.processEvents()


def test_printing_in_the_background_can_be_cancelled(archive, tender, qtbot, monkeypatch):
    import threading

    from app.ui.tasks import TaskRunner

    started = threading.Event()

    def slow_build(archive, tender_id, out, task=None, **options):
        started.set()
        while not task.cancelled():
            threading.Event().wait(0.01)
        task.raise_if_cancelled()

    monkeypatch.setattr(tender_packet, "build_pdf", slow_build)
    monkeypatch.setattr(
        "app.ui.tenders.packet_printing.choose", lambda *a, **k: "draft"
    )  # 打印草稿
    runner = TaskRunner()
    ctx = UiContext(archive, runner, UiEvents(), "zh_CN")
    dialog = PacketBuilderDialog(ctx, tender.id)
    qtbot.addWidget(dialog)
    dialog.printer.preview_button.click()
    assert started.wait(5)
    assert (
        not dialog.printer.preview_button.isEnabled()
        and not dialog.printer.save_pdf_button.isEnabled()
    )
    assert dialog.printer.progress_dialog.isEnabled()
    with qtbot.waitSignal(dialog.printer.print_handle.finished, timeout=5000):
        dialog.printer.progress_dialog.canceled.emit()
    qtbot.waitUntil(lambda: dialog.printer.preview_button.isEnabled())
    assert dialog.printer.last_pdf is None and dialog.printer.last_preview is None
    runner.wait()


def test_printing_on_a_worker_thread_reaches_the_preview(archive, tender, qtbot, monkeypatch):
    from app.ui.tasks import TaskRunner

    monkeypatch.setattr(
        "app.ui.tenders.packet_printing.choose", lambda *a, **k: "draft"
    )  # 打印草稿
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: 0)
    runner = TaskRunner()
    dialog = PacketBuilderDialog(UiContext(archive, runner, UiEvents(), "zh_CN"), tender.id)
    qtbot.addWidget(dialog)
    dialog.printer.preview_button.click()
    qtbot.waitUntil(lambda: dialog.printer.last_preview is not None, timeout=20000)
    assert dialog.printer.last_preview.page_count() == len(PdfReader(dialog.printer.last_pdf).pages)
    runner.wait()


def test_enter_in_a_field_presses_no_button(dialog, archive, tender, qtbot):
    dialog.show()
    qtbot.waitExposed(dialog)
    select(dialog, "授权委托书")
    before = titles(archive, tender.id)
    edit = dialog.form_editor.inputs["agent_name"]
    edit.setFocus()
    edit.setText("李明")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and titles(archive, tender.id) == before


# --- on the kit: the picker's list, Changes, Ctrl+S, closing saves, a stopped build -------------


def test_the_picker_is_a_list_where_enter_adds(ctx, tender, qtbot, qtmodeltester):
    picker = QualificationPicker(ctx, date(2026, 12, 10), already=frozenset({1}))
    qtbot.addWidget(picker)
    qtmodeltester.check(picker.model)
    assert not picker.model.flags(picker.model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert picker.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color() == QColor(
        "#999999"
    )
    picker.show()
    qtbot.waitExposed(picker)
    picker.table.selectRow(1)
    assert picker.selected_ids() == [picker.records[1].id]
    qtbot.keyClick(picker.table, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted


def test_a_packet_change_is_announced_and_the_radar_hears_it(ctx, archive, tender, qtbot):
    from app.ui.tenders.radar_panel import DeadlineRadarPanel

    radar = DeadlineRadarPanel(ctx)
    qtbot.addWidget(radar)
    assert not any("安全生产许可证" in line.what for line in radar.model.rows)
    dialog = PacketBuilderDialog(ctx, tender.id)
    qtbot.addWidget(dialog)
    announced = []
    ctx.events.changes.connect(announced.append)
    select(dialog, "资格证明文件")
    permit = next(r for r in qualifications.list_all(archive) if r.title == "安全生产许可证")
    dialog.attach_qualifications([permit.id])
    assert [c.kinds for c in announced] == [frozenset({"packet"})]
    assert any("安全生产许可证" in line.what for line in radar.model.rows)  # lapses before the bid


def test_ctrl_s_saves_the_open_section_and_closing_saves_what_is_typed(
    dialog, archive, tender, qtbot
):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    dialog.show()
    qtbot.waitExposed(dialog)
    select(dialog, "授权委托书")
    dialog.form_editor.inputs["agent_name"].setText("李明")
    dialog.form_editor.inputs["agent_name"].setFocus()
    assert "(Ctrl+S)" in dialog.save_section_button.toolTip()
    QTest.keySequence(dialog.windowHandle(), QKeySequence("Ctrl+S"))

    def authorization():
        return next(
            s for s in tender_packet.sections(archive, tender.id) if s.form == "authorization"
        )

    assert authorization().content["agent_name"] == "李明" and dialog.isVisible()
    dialog.form_editor.inputs["agent_phone"].setText("13800000000")
    dialog.reject()  # 关闭 (Esc): nothing to ask, what was typed is kept
    assert not dialog.isVisible()
    assert authorization().content["agent_phone"] == "13800000000"


def test_a_packet_stopped_half_way_leaves_no_file(archive, tender, tmp_path, monkeypatch):
    from app.domain.errors import CancelledError
    from app.ui.tasks import TaskContext
    from app.ui.tenders.packet_printing import build_packet

    def stopped(archive, tender_id, out, task=None, **options):
        out.write_bytes(b"%PDF-1.4 half")
        raise CancelledError()

    monkeypatch.setattr(tender_packet, "build_pdf", stopped)
    out = tmp_path / "正本.pdf"
    with pytest.raises(CancelledError):
        build_packet(archive, tender.id, out, {"copy": "正本"}, TaskContext())
    assert not out.exists()
