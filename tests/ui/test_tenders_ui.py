"""The tender register and the tender form, driven as a user would: type, click, look."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.amounts import rmb_capitals
from app.domain.tenders import TenderDraft, TenderMethod, TenderStatus
from app.services import clients, tenders
from app.services.tenders import TenderItemLine
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.columns import URGENT_RED
from app.ui.tenders.line_items import LineItemsModel, LineText
from app.ui.tenders.list_page import TendersPage
from app.ui.tenders.tender_dialog import TenderDialog


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _tender(archive, title, **extra) -> int:
    extra.setdefault("purchaser_name", "某市第一人民医院")
    return tenders.create_tender(archive, TenderDraft(title=title, **extra)).id


def _edit_cell(qtbot, view, row: int, column: int, text: str) -> None:
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "the cell did not open one editor"
    editor = editors[0]
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # commits queued


def test_new_tender_typed_with_a_new_purchaser_appears_in_the_list(ctx, qtbot):
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    assert page.table.is_empty_shown()  # the friendly empty state
    assert page.table.empty_state.text().startswith("No tenders yet")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "全市中小学智慧教室设备采购项目")
    type_text(dialog.number_edit, "JZCG-2026-118")
    type_text(dialog.purchaser, "南江市教育局")
    type_text(dialog.money["budget"], "1,200,000")
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("竞争性磋商"))
    dialog.tabs.setCurrentIndex(1)
    dialog.bid_deadline.check.setChecked(True)
    dialog.bid_deadline.edit.setDateTime(QDateTime(QDate(2026, 12, 8), QTime(9, 30)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.saved is not None, dialog.banner.text()
    assert not page.table.is_empty_shown()
    assert page.shown_titles() == ["全市中小学智慧教室设备采购项目"]
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[:6] == [
        "全市中小学智慧教室设备采购项目",
        "JZCG-2026-118",
        "南江市教育局",
        "竞争性磋商",
        "¥1,200,000.00",
        "2026-12-08 09:30",
    ]
    purchaser = clients.get_client(ctx.archive, dialog.saved.draft.client_id)
    assert purchaser.name == "南江市教育局"  # created as a client


def test_bad_input_marks_the_fields_and_saves_nothing(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.money["budget"], "一百万")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert "一百万" in dialog.field_error("budget")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.money["budget"].setText("1000000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.field_error("tender_title") == "不能为空"
    assert dialog.field_error("purchaser") == "不能为空"
    assert dialog.tabs.currentIndex() == 0
    assert tenders.list_tenders(ctx.archive) == []


def test_the_two_percent_deposit_warning_is_live_and_does_not_block(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "办公设备采购")
    type_text(dialog.purchaser, "南江市财政局")
    type_text(dialog.money["budget"], "500000")
    assert "¥10,000.00" in dialog.deposit_hint.text()
    type_text(dialog.money["bid_deposit"], "12000")
    assert not dialog.warning_bar.isHidden()
    assert not dialog.deposit_warning.isHidden()
    assert "2%" in dialog.deposit_warning.text()
    dialog.money["bid_deposit"].setText("10000")
    assert dialog.deposit_warning.isHidden()
    dialog.money["bid_deposit"].setText("12000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    assert dialog.saved.warnings == ("deposit_above_2_percent",)


def test_only_allowed_status_moves_are_offered(ctx, qtbot):
    submitted = _tender(ctx.archive, "已投标项目", status=TenderStatus.SUBMITTED)
    dialog = TenderDialog(ctx, submitted)
    qtbot.addWidget(dialog)
    assert dialog.status_choices() == ["已投标", "中标", "未中标", "废标"]
    assert "跟踪中" not in dialog.status_choices()
    won = _tender(
        ctx.archive, "中标项目", status=TenderStatus.WON, award_notice_on=date(2026, 11, 2)
    )
    won_dialog = TenderDialog(ctx, won)
    qtbot.addWidget(won_dialog)
    assert won_dialog.status_choices() == ["中标"]
    assert len(TenderDialog(ctx).status_choices()) == len(TenderStatus)


def test_moving_the_status_and_the_computed_dates(ctx, qtbot):
    tender_id = _tender(ctx.archive, "医疗设备采购", status=TenderStatus.SUBMITTED)
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("中标"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert dialog.field_error("award_notice_on") == "中标时必须填写"
    assert dialog.tabs.currentIndex() == 1
    assert dialog.refund_due_label.text() == "after the award notice date is entered"
    dialog.award_notice.check.setChecked(True)
    dialog.award_notice.edit.setDate(QDate(2026, 9, 30))  # the National Day holiday follows
    # the winner's deposit is counted from the contract, not from the award notice
    waiting = "after the contract signed date is entered (the winner's deposit)"
    assert dialog.refund_due_label.text() == waiting
    assert dialog.contract_due_label.text().startswith("2026-10-30")
    assert dialog.calendar_note.text() == ""
    signed = dialog.dates["contract_signed_on"]
    signed.check.setChecked(True)
    signed.edit.setDate(QDate(2026, 10, 20))  # Tuesday: 10-21, 22, 23, 26, 27
    assert dialog.refund_due_label.text().startswith("2026-10-27")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved.draft.status == TenderStatus.WON
    assert dialog.saved.refund_due == date(2026, 10, 27)


def test_a_year_without_published_holidays_says_so(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.award_notice.check.setChecked(True)
    dialog.award_notice.edit.setDate(QDate(2031, 3, 3))
    assert "调休未公布" in dialog.calendar_note.text()


def test_line_items_total_and_capitals_exactly(ctx, qtbot):
    tender_id = _tender(ctx.archive, "实验室设备", budget=Decimal("100000"))
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    view = dialog.breakdown.view
    for values in (
        ("数字示波器", "RIGOL DS1202", "2", "台", "12345.67"),
        ("探头", "PVP2350", "3", "支", "0.10"),
    ):
        dialog.breakdown.add_line()
        row = dialog.items_model.rowCount() - 1
        for column, text in enumerate(values):
            _edit_cell(qtbot, view, row, column, text)
    assert dialog.items_model.index(1, 5).data() == "¥0.30"
    assert dialog.breakdown.total_label.text() == "Total: ¥24,691.64"
    assert dialog.breakdown.capitals_label.text().endswith(rmb_capitals(Decimal("24691.64")))
    assert "贰万肆仟陆佰玖拾壹元陆角肆分" in dialog.breakdown.capitals_label.text()
    qtbot.mouseClick(dialog.breakdown.use_total_button, Qt.MouseButton.LeftButton)
    assert dialog.money["our_price"].text() == "24691.64"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = tenders.get_tender(ctx.archive, tender_id)
    assert saved.items_total == Decimal("24691.64")
    assert [i.name for i in saved.items] == ["数字示波器", "探头"]
    assert saved.draft.our_price == Decimal("24691.64")


def test_unit_price_shown_as_money_and_edited_as_a_plain_number(ctx, qtbot):
    tender_id = _tender(ctx.archive, "政务平台", budget=Decimal("2000000"))
    tenders.set_items(
        ctx.archive,
        tender_id,
        [TenderItemLine("平台软件", "V5", Decimal("1"), "套", Decimal("1306600"))],
    )
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    model, view = dialog.items_model, dialog.breakdown.view
    price, total = model.index(0, 4), model.index(0, 5)
    assert price.data() == total.data() == "¥1,306,600.00"
    assert price.data(Qt.ItemDataRole.EditRole) == "1306600.00"
    _edit_cell(qtbot, view, 0, 4, "1,250,000.5")  # typed with separators, read with parse_yuan
    assert price.data() == total.data() == "¥1,250,000.50"
    _edit_cell(qtbot, view, 0, 4, "980000")
    assert price.data() == "¥980,000.00" and price.data(Qt.ItemDataRole.EditRole) == "980000.00"
    model.setData(price, "九十万")  # unreadable: kept as typed, in red
    assert price.data() == "九十万" and price.data(Qt.ItemDataRole.BackgroundRole) is not None
    model.setData(price, "980000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert tenders.get_tender(ctx.archive, tender_id).items[0].unit_price == Decimal("980000.00")


def test_a_bad_line_is_red_and_blocks_the_save(ctx, qtbot):
    tender_id = _tender(ctx.archive, "家具采购")
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    model = dialog.items_model
    dialog.breakdown.add_line()
    model.setData(model.index(0, 0), "办公桌")
    model.setData(model.index(0, 2), "两张")
    model.setData(model.index(0, 4), "800")
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert dialog.breakdown.total_label.text() == "Total: check the red cells"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert dialog.tabs.currentIndex() == 3
    assert "Line 1" in dialog.field_error("items") and "两张" in dialog.field_error("items")
    assert tenders.get_tender(ctx.archive, tender_id).items == ()


def test_deadline_red_within_three_days_unless_submitted(ctx, qtbot):
    soon = datetime(2026, 11, 28, 9, 30)  # the clock says 2026-11-26 10:30
    _tender(ctx.archive, "临近截止", bid_deadline=soon, status=TenderStatus.PREPARING)
    _tender(ctx.archive, "已投出", bid_deadline=soon, status=TenderStatus.SUBMITTED)
    _tender(ctx.archive, "还早", bid_deadline=datetime(2026, 12, 20, 9, 30))
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    model = page.model
    colours = {}
    for row in range(model.rowCount()):
        brush = model.index(row, 5).data(Qt.ItemDataRole.ForegroundRole)
        colours[model.index(row, 0).data()] = brush.color() if brush else None
    assert colours == {"临近截止": URGENT_RED, "已投出": None, "还早": None}


def test_filters_by_status_method_text_and_deadline_range(ctx, qtbot):
    _tender(
        ctx.archive,
        "道路照明改造",
        purchaser_name="南江市城管局",
        method=TenderMethod.OPEN,
        bid_deadline=datetime(2026, 12, 3, 9, 0),
    )
    _tender(
        ctx.archive,
        "网络设备询价",
        method=TenderMethod.INQUIRY,
        status=TenderStatus.PREPARING,
        bid_deadline=datetime(2027, 1, 15, 9, 0),
    )
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    assert sorted(page.shown_titles()) == ["网络设备询价", "道路照明改造"]
    page.method_combo.setCurrentIndex(page.method_combo.findData("询价"))
    assert page.shown_titles() == ["网络设备询价"]
    page.method_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData("跟踪中"))
    assert page.shown_titles() == ["道路照明改造"]
    page.status_combo.setCurrentIndex(0)
    type_text(page.text_filter, "城管")
    qtbot.waitUntil(lambda: page.shown_titles() == ["道路照明改造"])
    page.text_filter.clear()
    page.apply_filters()
    page.date_to.check.setChecked(True)
    page.date_to.edit.setDate(QDate(2026, 12, 31))
    assert page.shown_titles() == ["道路照明改造"]
    page.date_from.check.setChecked(True)
    page.date_from.edit.setDate(QDate(2026, 12, 4))
    assert page.shown_titles() == []
    # filtered to nothing is not the empty archive
    assert page.table.empty_state.text() == "No tender matches these filters."
    assert page.count_label.text() == "0 tenders"


def test_win_rate_by_method_and_purchaser(ctx, qtbot):
    award = date(2026, 10, 9)
    for title, status in (("甲", TenderStatus.WON), ("乙", TenderStatus.LOST)):
        _tender(ctx.archive, title, status=status, award_notice_on=award)
    _tender(
        ctx.archive,
        "丙",
        status=TenderStatus.WON,
        award_notice_on=award,
        method=TenderMethod.INQUIRY,
        purchaser_name="南江市水务局",
    )
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    by_method = page.method_stats
    rows = [
        [by_method.index(r, c).data() for c in range(by_method.columnCount())]
        for r in range(by_method.rowCount())
    ]
    assert rows == [["公开招标", "1", "1", "0", "50.0%"], ["询价", "1", "0", "0", "100.0%"]]
    groups = [page.purchaser_stats.index(r, 0).data() for r in range(2)]
    assert groups == ["某市第一人民医院", "南江市水务局"]
    assert page.overall_label.text() == "Overall: 2 won, 1 lost, win rate 66.7%"


def test_double_click_opens_the_tender(ctx, qtbot):
    tender_id = _tender(ctx.archive, "双击打开")
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    view = page.table
    centre = view.visualRect(page.model.index(0, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert page.dialog is not None and page.dialog.tender_id == tender_id
    assert page.dialog.title_edit.text() == "双击打开"
    page.dialog.close()
    page.dialog = None
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.tender_id == tender_id
    page.dialog.close()


def test_calendar_export_through_the_runner(ctx, qtbot, tmp_path):
    _tender(ctx.archive, "日历项目", bid_deadline=datetime(2026, 12, 3, 9, 0))
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    target = tmp_path / "投标.ics"
    page.export_calendar(target)
    text = target.read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in text
    assert "SUMMARY:投标截止/开标：日历项目\r\n" in target.read_bytes().decode("utf-8")
    assert "DESCRIPTION:采购人 某市第一人民医院" in text  # in Chinese punctuation, as the CLI's
    assert str(target) in page.message.text()


def test_packet_button_needs_a_saved_tender(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.packet_button.isEnabled()
    tender_id = _tender(ctx.archive, "投标文件项目")
    saved = TenderDialog(ctx, tender_id)
    qtbot.addWidget(saved)
    assert saved.packet_button.isEnabled()
    pytest.importorskip("app.ui.tenders.packet_builder")
    qtbot.mouseClick(saved.packet_button, Qt.MouseButton.LeftButton)
    assert saved.packet_dialog is not None
    saved.packet_dialog.close()


def test_delete_asks_first(ctx, qtbot, monkeypatch):
    tender_id = _tender(ctx.archive, "要删除的项目")
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    answers = iter([False, True])
    monkeypatch.setattr("app.ui.tenders.tender_dialog.confirm", lambda *_a: next(answers))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert len(tenders.list_tenders(ctx.archive)) == 1
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert tenders.list_tenders(ctx.archive) == []


def test_models_pass_the_model_tester(ctx, qtbot, qtmodeltester):
    for number in range(5):
        _tender(ctx.archive, f"项目{number}", status=TenderStatus.SUBMITTED)
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    model = page.model
    assert model.rowCount() == 5
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert page.method_stats.rowCount() == 1
    qtmodeltester.check(page.method_stats)
    qtmodeltester.check(page.purchaser_stats)
    items = LineItemsModel()
    items.set_lines([LineText("a", "", "2", "台", "3.5"), LineText("b", "", "x", "", "")])
    qtmodeltester.check(items)


def _radar_fixture(archive, tmp_path):
    """An overdue refund, a qualification lapsing before a bid, and a bid deadline next week."""
    from app.services import qualifications, tender_packet
    from app.services.qualifications import QualificationDraft

    won = _tender(
        archive,
        "路灯维护",
        status=TenderStatus.WON,
        award_notice_on=date(2026, 11, 2),
        contract_signed_on=date(2026, 11, 10),  # the refund was due by 11-17
        deposit_paid_on=date(2026, 10, 20),
        bid_deposit=Decimal("8000"),
    )
    open_id = _tender(
        archive,
        "校园安防",
        status=TenderStatus.PREPARING,
        bid_deadline=datetime(2026, 12, 2, 9, 30),
    )
    scan = tmp_path / "iso.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    draft = QualificationDraft(title="ISO9001 证书", expires_on=date(2026, 11, 30))
    qid = qualifications.add(archive, draft, [scan]).id
    tender_packet.attach_qualification(archive, open_id, qid)
    return won, open_id


def test_the_radar_shows_an_overdue_refund_and_a_lapsing_qualification(ctx, qtbot, tmp_path):
    from app.ui.tenders.radar_panel import DeadlineRadarPanel, radar_model

    won, open_id = _radar_fixture(ctx.archive, tmp_path)
    panel = DeadlineRadarPanel(ctx)
    qtbot.addWidget(panel)
    model = panel.model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows[0][1:3] == ["Bid deposit refund overdue", "路灯维护"]
    assert rows[0][0].endswith("days overdue")
    assert rows[1][1:3] == ["Qualification expires: ISO9001 证书", "校园安防"]
    assert ["2026-12-02 09:30", "投标截止/开标", "校园安防", ""] in rows
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color() == URGENT_RED
    assert panel.title() == f"Tender radar ({len(rows)})"
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    panel.show()
    centre = panel.view.visualRect(model.index(0, 1)).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened == [("tender", won)]
    # Recording the refund takes it off the radar.
    record = tenders.get_tender(ctx.archive, won)
    from dataclasses import replace

    refunded = replace(record.draft, deposit_refunded_on=date(2026, 11, 20))
    tenders.update_tender(ctx.archive, won, refunded)
    ctx.events.changed.emit("tender")
    assert "Bid deposit refund overdue" not in [
        model.index(r, 1).data() for r in range(model.rowCount())
    ]
    qtmodel = radar_model()
    qtmodel.set_rows(model.rows)
    assert qtmodel.rowCount() == model.rowCount()


def test_an_empty_radar_says_so(ctx, qtbot):
    from app.ui.tenders.radar_panel import DeadlineRadarPanel

    panel = DeadlineRadarPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.view.is_empty_shown()
    assert panel.view.empty_state.text().startswith("No tender dates in the next 14 days")
    assert panel.title() == "Tender radar (0)"


def test_radar_model_passes_the_model_tester(ctx, qtmodeltester, tmp_path):
    from app.ui.tenders.radar_panel import DeadlineRadarPanel

    _radar_fixture(ctx.archive, tmp_path)
    panel = DeadlineRadarPanel(ctx)
    assert panel.model.rowCount() >= 3
    qtmodeltester.check(panel.model)


def test_client_tab_lists_the_clients_tenders_and_starts_new_ones(ctx, qtbot):
    from app.ui.tenders.client_tab import ClientTendersTab

    first = tenders.create_tender(
        ctx.archive, TenderDraft(title="采购一", purchaser_name="南江市教育局")
    )
    _tender(ctx.archive, "别家的项目", purchaser_name="南江市水务局")
    tab = ClientTendersTab(ctx)
    qtbot.addWidget(tab)
    client_id = first.draft.client_id
    assert tab.show_client(client_id) == 1
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog.purchaser.text() == "南江市教育局"
    type_text(dialog.title_edit, "采购二")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sorted(r.title for r in tab.model.rows) == ["采购一", "采购二"]
    assert tab.summary.text() == "2 tenders as purchaser, 0 won"


# --- wiring: the main window, the home page and the client page --------------------------------


@pytest.fixture
def window(archive, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.ui import application

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_sidebar_has_tenders_and_the_qualification_library(window, archive):
    _tender(archive, "侧栏里的项目")
    names = window.area_names()
    assert "Tenders" in names and "Qualifications" in names
    window.sidebar.setCurrentRow(names.index("Tenders"))
    assert window.current_area() == "tenders"
    page = window.stack.currentWidget()
    assert isinstance(page, TendersPage)
    assert page.shown_titles() == ["侧栏里的项目"]
    window.sidebar.setCurrentRow(names.index("Qualifications"))
    from app.ui.qualifications.page import QualificationsPage

    assert isinstance(window.stack.currentWidget(), QualificationsPage)


def test_open_record_opens_a_tender_and_a_qualification(window, archive):
    from app.services import qualifications
    from app.services.qualifications import QualificationDraft

    tender_id = _tender(archive, "从搜索打开")
    window.ctx.events.open_record.emit("tender", tender_id)
    dialog = window.active_dialog
    assert isinstance(dialog, TenderDialog) and dialog.tender_id == tender_id
    dialog.close()
    qid = qualifications.add(archive, QualificationDraft(title="营业执照")).id
    window.ctx.events.open_record.emit("qualification", qid)
    assert window.current_area() == "qualifications"
    assert window.stack.currentWidget().current_id() == qid


def test_home_page_shows_the_radar_and_opens_the_tender(window, archive, tmp_path):
    won, _open_id = _radar_fixture(archive, tmp_path)
    window.show_area("home")
    radar = window.home_page.radar_panel
    assert radar.model.index(0, 1).data() == "Bid deposit refund overdue"
    window.ctx.events.open_record.emit("tender", radar.model.rows[0].tender_id)
    assert window.active_dialog.tender_id == won


def test_client_page_lists_the_clients_tenders(window, archive):
    first = tenders.create_tender(
        archive, TenderDraft(title="客户页的项目", purchaser_name="南江市教育局")
    )
    window.show_client(first.draft.client_id)
    page = window.client_page
    tab = page.tenders_tab
    assert [r.title for r in tab.model.rows] == ["客户页的项目"]
    assert page.tabs.tabText(page.tabs.indexOf(tab)).endswith("(1)")
    _tender(archive, "又一个项目", client_id=first.draft.client_id)
    window.ctx.events.changed.emit("tender")
    assert page.tabs.tabText(page.tabs.indexOf(tab)).endswith("(2)")


def test_a_tender_deleted_meanwhile_is_explained(ctx, qtbot):
    tender_id = _tender(ctx.archive, "已被删除")
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    tenders.delete_tender(ctx.archive, tender_id)
    assert page.open_tender(tender_id) is None
    assert str(tender_id) in page.message.text()
    assert page.shown_titles() == []


def test_saved_amounts_come_back_readable_and_unchanged(ctx, qtbot):
    tender_id = _tender(ctx.archive, "金额回显", budget=Decimal("1234567.8"))
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    assert dialog.money["budget"].text() == "1,234,567.80"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert tenders.get_tender(ctx.archive, tender_id).draft.budget == Decimal("1234567.80")


# --- on the kit: debounced filter, empty states, Changes, the bold deadline --------------------


def test_the_text_filter_waits_for_typing_to_pause(ctx, qtbot):
    _tender(ctx.archive, "道路照明改造", purchaser_name="南江市城管局")
    _tender(ctx.archive, "网络设备询价")
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    asked = []
    ctx.events.changes.connect(asked.append)  # nothing written while filtering
    type_text(page.text_filter, "城管")
    assert page.text_filter.pending() and len(page.shown_titles()) == 2  # not yet asked
    qtbot.waitUntil(lambda: page.shown_titles() == ["道路照明改造"])
    assert not page.text_filter.pending() and asked == []
    assert page.count_label.text() == "1 tenders"


def test_filtered_to_nothing_offers_to_clear_the_filters(ctx, qtbot):
    _tender(ctx.archive, "道路照明改造")
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.status_combo.setCurrentIndex(page.status_combo.findData("中标"))
    page.date_to.check.setChecked(True)
    assert page.shown_titles() == [] and page.table.is_empty_shown()
    assert page.stats_panel.isVisibleTo(page)  # the archive has tenders: the win rates stay
    qtbot.mouseClick(page.table.empty_state.button, Qt.MouseButton.LeftButton)
    assert page.shown_titles() == ["道路照明改造"]
    assert page.status_combo.currentIndex() == 0 and not page.date_to.check.isChecked()


def test_the_empty_archive_hides_the_win_rates_and_offers_a_new_tender(ctx, qtbot):
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.stats_panel.isVisibleTo(page)
    assert page.table.empty_state.button.text() == "New tender"
    qtbot.mouseClick(page.table.empty_state.button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, TenderDialog) and page.dialog.tender_id is None
    page.dialog.close()


def test_an_urgent_deadline_is_bold_as_well_as_red(ctx, qtbot):
    soon = datetime(2026, 11, 28, 9, 30)  # the clock says 2026-11-26 10:30
    _tender(ctx.archive, "临近截止", bid_deadline=soon, status=TenderStatus.PREPARING)
    _tender(ctx.archive, "还早", bid_deadline=datetime(2026, 12, 20, 9, 30))
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    fonts = {
        page.model.index(row, 0).data(): page.model.index(row, 5).data(Qt.ItemDataRole.FontRole)
        for row in range(page.model.rowCount())
    }
    assert fonts["临近截止"].bold() and fonts["还早"] is None
    budget = page.model.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole)
    assert budget & int(Qt.AlignmentFlag.AlignRight)  # amounts line up on the right


def test_saving_a_tender_refreshes_the_list_radar_and_client_tab_through_changes(ctx, qtbot):
    from app.ui.tenders.client_tab import ClientTendersTab
    from app.ui.tenders.radar_panel import DeadlineRadarPanel

    first = tenders.create_tender(
        ctx.archive, TenderDraft(title="采购一", purchaser_name="南江市教育局")
    )
    page, radar, tab = TendersPage(ctx), DeadlineRadarPanel(ctx), ClientTendersTab(ctx)
    for widget in (page, radar, tab):
        qtbot.addWidget(widget)
    tab.show_client(first.draft.client_id)
    announced = []
    ctx.events.changes.connect(announced.append)
    dialog = TenderDialog(ctx, client_id=first.draft.client_id)
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "校园安防")
    dialog.bid_deadline.check.setChecked(True)
    dialog.bid_deadline.edit.setDateTime(QDateTime(QDate(2026, 12, 2), QTime(9, 30)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [c.kinds for c in announced] == [frozenset({"tender"})]  # once; no new purchaser
    assert sorted(page.shown_titles()) == ["校园安防", "采购一"]
    assert "校园安防" in [line.tender for line in radar.model.rows]
    assert sorted(r.title for r in tab.model.rows) == ["校园安防", "采购一"]
    assert tab.summary.text() == "2 tenders as purchaser, 0 won"


def test_a_new_purchaser_is_announced_as_a_client_too(ctx, qtbot):
    announced = []
    ctx.events.changes.connect(announced.append)
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "办公设备采购")
    type_text(dialog.purchaser, "南江市财政局")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [c.kinds for c in announced] == [frozenset({"tender", "client"})]


def test_deleting_a_tender_takes_it_off_the_list(ctx, qtbot, monkeypatch):
    tender_id = _tender(ctx.archive, "要删除的项目")
    page = TendersPage(ctx)
    qtbot.addWidget(page)
    dialog = page.open_tender(tender_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr("app.ui.tenders.tender_dialog.confirm", lambda *_a: True)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert page.shown_titles() == [] and not dialog.isVisible()


def test_a_line_total_beyond_what_an_amount_may_be_is_refused_before_saving(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("服务器采购")
    dialog.purchaser.setText("南江市教育局")
    dialog.items_model.set_lines([LineText("服务器", "X1", "1000000", "台", "100000000")])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None and dialog.tabs.currentIndex() == 3
    assert "Line 1" in dialog.field_error("items") and "金额过大" in dialog.field_error("items")
    dialog.items_model.set_lines([LineText("服务器", "", "1", "台", "600000000000")] * 2)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Line" not in dialog.field_error("items") and "金额过大" in dialog.field_error("items")
    assert tenders.list_tenders(ctx.archive) == []  # no tender saved without its lines


def test_enter_in_the_client_tab_opens_the_tender(ctx, qtbot):
    from app.ui.tenders.client_tab import ClientTendersTab

    record = tenders.create_tender(
        ctx.archive, TenderDraft(title="回车打开", purchaser_name="南江市教育局")
    )
    tab = ClientTendersTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.show_client(record.draft.client_id) == 1
    assert tab.model.columnCount() == 8  # no purchaser column: it is this client
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.dialog is not None and tab.dialog.tender_id == record.id
    tab.dialog.close()


def test_an_optional_date_and_time_is_empty_until_ticked(ctx, qtbot):
    from app.ui.kit.forms import OptionalDateTime

    field = OptionalDateTime("", datetime(2026, 12, 8, 9, 30))
    qtbot.addWidget(field)
    assert field.value() is None and not field.edit.isEnabled()
    field.check.setChecked(True)
    assert field.value() == datetime(2026, 12, 8, 9, 30) and field.edit.isEnabled()
    field.set_value(datetime(2027, 1, 5, 14, 0, 59))
    assert field.value() == datetime(2027, 1, 5, 14, 0)
    field.set_value(None)
    assert field.value() is None
