"""The 来往函 page: registering by typing and clicking, scans by drop, overdue in red, export."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QHeaderView

from app.domain.documents import LetterDirection, LetterStatus
from app.domain.enums import Tier
from app.domain.records import ClientDraft
from app.services import clients, letters
from app.services.letters import LetterDraft
from app.ui.context import UiContext, UiEvents
from app.ui.letters.dialog import LetterDialog
from app.ui.letters.page import LettersPage
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _drop(widget, paths) -> None:
    """Drags files from a file manager and drops them on the widget."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    position = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(position.toPoint(), actions, mime, buttons, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(position, actions, mime, buttons, modifiers))


def test_register_incoming_letter_with_a_dropped_scan(ctx, qtbot, tmp_path):
    client = clients.create_client(
        ctx.archive, ClientDraft(name="北京恒信贸易有限公司", tier=Tier.A)
    )
    scan = tmp_path / "来函扫描.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    register = page.incoming
    qtbot.mouseClick(register.add_button, Qt.MouseButton.LeftButton)
    dialog: LetterDialog = register.active_dialog
    qtbot.addWidget(dialog)
    dialog.client_picker.set_client(client.id, client.name)
    assert dialog.counterpart.text() == "北京恒信贸易有限公司"
    qtbot.keyClicks(dialog.their_number, "HX-2026-08")
    dialog.title_edit.setText("关于调整供货价格的函")
    dialog.reply_due.set_value(date(2026, 11, 20))
    dialog.dated_on.setDate(dialog.dated_on.date().addDays(-20))
    _drop(dialog, [scan])
    assert dialog.scan_names()[0].startswith("来函扫描.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == LetterDialog.DialogCode.Accepted

    assert register.model.rowCount() == 1
    row = register.model.row_at(0)
    assert row.number == "收〔2026〕1号" and row.client_id == client.id and row.overdue
    assert [s.original_name for s in letters.scans(ctx.archive, row.id)] == ["来函扫描.pdf"]
    due_column = [c.sort for c in register.model.columns].index("reply_due")
    index = register.model.index(0, due_column)
    assert register.model.data(index, Qt.ItemDataRole.ForegroundRole).color() == QColor("#c0392b")
    assert "overdue" in register.count_label.text() or "逾期" in register.count_label.text()

    register.overdue_only.setChecked(True)
    assert register.model.rowCount() == 1
    dialog = register.open_dialog(row.id)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData(LetterStatus.DONE.value))
    assert dialog.save()
    assert register.model.rowCount() == 0  # no longer overdue


def test_bad_input_is_marked_and_nothing_saved(ctx, qtbot):
    dialog = LetterDialog(ctx, LetterDirection.OUTGOING)
    qtbot.addWidget(dialog)
    dialog.counterpart.setText("某单位")
    assert not dialog.save()
    assert dialog.errors.message("letter_title")
    assert letters.list_letters(ctx.archive) == []


def test_export_and_print_through_the_runner(ctx, qtbot, tmp_path, monkeypatch):
    letters.add_letter(ctx.archive, LetterDraft(LetterDirection.OUTGOING, "报价函", "乙单位"))
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(1)
    out = tmp_path / "out.xlsx"
    page.outgoing.export_to(out)
    assert load_workbook(out)["发文登记"]["C2"].value == "报价函"
    shown = []
    monkeypatch.setattr("app.ui.list_printing.show", lambda _page, pdf, *_: shown.append(pdf))
    page.outgoing.print_register()
    assert shown and shown[0].stat().st_size > 1000


def test_letter_models(ctx, qtbot, qtmodeltester):
    letters.add_letter(
        ctx.archive,
        LetterDraft(LetterDirection.INCOMING, "询价函", "甲单位", reply_due=date(2026, 12, 1)),
    )
    letters.add_letter(ctx.archive, LetterDraft(LetterDirection.OUTGOING, "报价函", "乙单位"))
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    for register in (page.incoming, page.outgoing):
        assert register.model.rowCount() == 1
        qtmodeltester.check(register.model)


def test_client_tab_shows_the_clients_documents_and_letters(ctx, qtbot):
    from app.services import documents
    from app.ui.letters.client_tab import ClientCorrespondence

    mine = clients.create_client(ctx.archive, ClientDraft(name="北京恒信贸易有限公司", tier=Tier.A))
    other = clients.create_client(ctx.archive, ClientDraft(name="上海某公司", tier=Tier.C))
    documents.create_document(ctx.archive, "letter", "letter", "给恒信的函", client_id=mine.id)
    letters.add_letter(
        ctx.archive,
        LetterDraft(LetterDirection.INCOMING, "恒信来函", mine.name, client_id=mine.id),
    )
    letters.add_letter(
        ctx.archive,
        LetterDraft(LetterDirection.INCOMING, "上海来函", other.name, client_id=other.id),
    )
    tab = ClientCorrespondence(ctx)
    qtbot.addWidget(tab)
    assert tab.documents.model.rowCount() == 0 and tab.letters.incoming.model.rowCount() == 0
    tab.set_client(mine.id)
    assert tab.documents.model.row_at(0).title == "给恒信的函"
    assert [tab.letters.incoming.model.row_at(i).title for i in range(1)] == ["恒信来函"]
    assert tab.letters.incoming.model.rowCount() == 1
    dialog = tab.letters.incoming.open_dialog(None)
    qtbot.addWidget(dialog)
    assert dialog.client_picker.client_id == mine.id
    editor = tab.documents.open_editor(None)
    qtbot.addWidget(editor)
    assert editor.client_picker.client_id == mine.id


def test_a_clients_registers_fit_their_columns_and_share_the_rest_between_the_texts(ctx, qtbot):
    """In the narrow tab of a client's page: dates, numbers and counts fit their contents, the
    title and the correspondent share the rest, no client column, no sideways scroll."""
    from app.ui.letters.client_tab import ClientCorrespondence, column_of

    tab = ClientCorrespondence(ctx)
    qtbot.addWidget(tab)
    for register in (tab.letters.incoming, tab.letters.outgoing):
        view, header = register.view, register.view.horizontalHeader()
        stretched = {
            column.sort
            for number, column in enumerate(register.model.columns)
            if header.sectionResizeMode(number) == QHeaderView.ResizeMode.Stretch
        }
        assert stretched == {"title", "counterpart"}
        fitted = header.sectionResizeMode(column_of(view, "dated_on"))
        assert fitted == QHeaderView.ResizeMode.ResizeToContents
        assert view.isColumnHidden(column_of(view, "client_name"))
        assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    whole = LettersPage(ctx)  # the letters area keeps its widths
    qtbot.addWidget(whole)
    header = whole.incoming.view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive


def test_year_filter(ctx, qtbot):
    for year in (2025, 2026):
        letters.add_letter(
            ctx.archive,
            LetterDraft(LetterDirection.INCOMING, f"{year}来函", "甲", dated_on=date(year, 6, 1)),
        )
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    register = page.incoming
    assert [register.year_filter.itemData(i) for i in range(3)] == [None, 2026, 2025]
    assert register.model.rowCount() == 2
    register.year_filter.setCurrentIndex(register.year_filter.findData(2025))
    assert [register.model.row_at(0).title] == ["2025来函"] and register.model.rowCount() == 1


def test_client_page_has_the_correspondence_tab(ctx, qtbot):
    from app.ui.clients.client_page import ClientPage

    client = clients.create_client(
        ctx.archive, ClientDraft(name="北京恒信贸易有限公司", tier=Tier.A)
    )
    letters.add_letter(
        ctx.archive,
        LetterDraft(LetterDirection.INCOMING, "恒信来函", client.name, client_id=client.id),
    )
    page = ClientPage(ctx)
    qtbot.addWidget(page)
    page.show_client(client.id)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert page.tabs.widget(titles.index("Documents (1)")) is page.correspondence
    assert page.correspondence.letters.incoming.model.rowCount() == 1


# --- on the kit (issue 10) ----------------------------------------------------------------------


def test_the_register_filter_waits_for_typing_and_enter_opens_the_letter(ctx, qtbot):
    for title in ("询价函", "报价函"):
        letters.add_letter(ctx.archive, LetterDraft(LetterDirection.INCOMING, title, "甲单位"))
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    register = page.incoming
    register.text_filter.setText("询价")
    assert register.text_filter.pending() and register.model.rowCount() == 2
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)
    register.view.setFocus()
    register.view.selectRow(0)
    qtbot.keyClick(register.view, Qt.Key.Key_Return)
    dialog = register.active_dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, LetterDialog) and dialog.title_edit.text() == "询价函"
    dialog.close()


def test_an_overdue_reply_is_red_bold_and_said(ctx, qtbot):
    letters.add_letter(
        ctx.archive,
        LetterDraft(
            LetterDirection.INCOMING,
            "询价函",
            "甲单位",
            dated_on=date(2026, 1, 5),
            reply_due=date(2026, 1, 10),
        ),
    )
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    model = page.incoming.model
    due = model.index(0, [c.sort for c in model.columns].index("reply_due"))
    assert model.data(due, Qt.ItemDataRole.FontRole).bold()
    assert model.data(due, Qt.ItemDataRole.ToolTipRole) == "The reply is overdue"
    title = model.index(0, [c.sort for c in model.columns].index("title"))
    assert model.data(title, Qt.ItemDataRole.FontRole) is None


def test_an_empty_register_offers_to_register_and_to_clear_filters(ctx, qtbot):
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    register = page.incoming
    assert register.view.is_empty_shown()
    qtbot.mouseClick(register.view.empty_state.button, Qt.MouseButton.LeftButton)
    dialog = register.active_dialog
    qtbot.addWidget(dialog)
    dialog.counterpart.setText("甲单位")
    dialog.title_edit.setText("询价函")
    assert dialog.save()  # both registers hear of it: no reload by hand
    assert register.model.rowCount() == 1 and not register.view.is_empty_shown()
    register.overdue_only.setChecked(True)
    assert register.view.is_empty_shown() and "matches" in register.view.empty_state.text()
    qtbot.mouseClick(register.view.empty_state.button, Qt.MouseButton.LeftButton)
    assert not register.overdue_only.isChecked() and register.model.rowCount() == 1


def test_delete_from_the_menu_asks_and_the_register_hears(ctx, qtbot, monkeypatch):
    letters.add_letter(ctx.archive, LetterDraft(LetterDirection.OUTGOING, "报价函", "乙单位"))
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    register = page.outgoing
    menu = register.view.context_menu_for(0)
    assert [action.text() for action in menu.actions()] == ["Edit", "Delete"]
    monkeypatch.setattr("app.ui.letters.page.confirm", lambda *_a: True)
    menu.actions()[1].trigger()
    assert register.model.rowCount() == 0 and letters.list_letters(ctx.archive) == []
