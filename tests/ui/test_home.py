"""The home page: due next steps, open complaints and overdue visits, as the user sees them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, clients
from app.ui.activities.dialog import ActivityDialog
from app.ui.context import UiContext, UiEvents
from app.ui.home.page import HomePage
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _client(archive, name, tier=Tier.C, key=False, created_on=date(2026, 1, 5)):
    """A client that has been in the archive since its 建档日期 (a never-visited client is due
    counted from when it entered the archive)."""
    draft = ClientDraft(
        name=name, tier=tier, is_key_account=key, owner="张伟", created_on=created_on
    )
    created = clients.create_client(archive, draft)
    with archive.db.session() as session:
        session.execute(
            text("UPDATE clients SET created_at = :at WHERE id = :id"),
            {"at": datetime.combine(created_on, datetime.min.time()), "id": created.id},
        )
    return created


def _activity(archive, client_id, subject, kind=ActivityKind.CALL, **extra):
    started = extra.pop("started_at", datetime(2026, 11, 20, 9, 0))
    draft = ActivityDraft(
        client_id=client_id, kind=kind, started_at=started, subject=subject, **extra
    )
    return activities.create_activity(archive, draft)


def _texts(panel, column):
    return panel.column_texts(column)


def _click(qtbot, panel, row, column, double=False):
    view = panel.view
    centre = view.visualRect(panel.model.index(row, column)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_empty_archive_shows_friendly_messages(ctx, qtbot):
    page = HomePage(ctx)
    qtbot.addWidget(page)
    for panel in (page.due_panel, page.complaint_panel, page.overdue_panel):
        assert panel.view.is_empty_shown()
        assert panel.title().endswith("(0)")
    assert page.due_panel.view.empty_state.text() == "Nothing is due today. Well done!"


def test_due_next_steps_overdue_in_red_and_done_removes_them(ctx, qtbot):
    client = _client(ctx.archive, "华信科技有限公司")
    late = _activity(
        ctx.archive, client.id, "报价沟通", next_step="发正式报价", next_step_due=date(2026, 11, 23)
    )
    _activity(
        ctx.archive, client.id, "技术答疑", next_step="回电", next_step_due=date(2026, 11, 26)
    )
    _activity(ctx.archive, client.id, "以后", next_step="寄样品", next_step_due=date(2026, 12, 3))
    page = HomePage(ctx)
    qtbot.addWidget(page)

    panel = page.due_panel
    assert panel.title() == "Due today (2)"
    assert _texts(panel, 0) == ["3 days overdue", "Today"]
    assert _texts(panel, 1) == ["发正式报价", "回电"]
    foreground = panel.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert foreground.color().name() == "#d9363e"
    assert panel.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None

    assert panel.model.index(0, 4).data() == "Done"
    page.show()
    qtbot.waitExposed(page)
    _click(qtbot, panel, 0, 4)
    qtbot.waitUntil(lambda: panel.title() == "Due today (1)", timeout=2000)
    assert _texts(panel, 1) == ["回电"]
    assert activities.get_activity(ctx.archive, late.id).next_step_done_on == date(2026, 11, 26)


def test_closing_a_complaint_in_the_dialog_removes_it_from_home(ctx, qtbot):
    client = _client(ctx.archive, "华信科技有限公司")
    complaint = _activity(
        ctx.archive,
        client.id,
        "包装破损",
        ActivityKind.COMPLAINT,
        started_at=datetime(2026, 11, 16, 14, 0),
    )
    page = HomePage(ctx)
    qtbot.addWidget(page)
    assert page.complaint_panel.title() == "Open complaints (1)"
    assert _texts(page.complaint_panel, 0) == ["10 days"]
    assert _texts(page.complaint_panel, 1) == ["包装破损"]

    dialog = ActivityDialog(ctx, activity_id=complaint.id)
    qtbot.addWidget(dialog)
    dialog.resolution.setPlainText("已补发,客户确认")
    dialog.closed_on.check.setChecked(True)
    dialog.save()
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: page.complaint_panel.title() == "Open complaints (0)", timeout=2000)
    assert page.complaint_panel.view.is_empty_shown()


def test_overdue_visits_a_and_b_first_key_accounts_starred(ctx, qtbot):
    _client(ctx.archive, "丙公司", Tier.C, created_on=date(2025, 1, 1))
    _client(ctx.archive, "甲集团", Tier.A, key=True, created_on=date(2026, 10, 1))
    _client(ctx.archive, "乙公司", Tier.B, created_on=date(2026, 11, 1))
    _client(ctx.archive, "新客户", Tier.A, created_on=date(2026, 11, 25))
    page = HomePage(ctx)
    qtbot.addWidget(page)
    panel = page.overdue_panel
    assert panel.title() == "Overdue visits (3)"
    assert _texts(panel, 0) == ["A", "B", "C"]
    assert _texts(panel, 1) == ["★ 甲集团", "乙公司", "丙公司"]
    assert _texts(panel, 2) == ["Never", "Never", "Never"]
    assert _texts(panel, 3)[0] == str((date(2026, 11, 26) - date(2026, 10, 1)).days - 7)


def test_double_click_opens_the_record(ctx, qtbot):
    client = _client(ctx.archive, "甲集团", Tier.A, created_on=date(2026, 1, 1))
    complaint = _activity(ctx.archive, client.id, "交货延误", ActivityKind.COMPLAINT)
    page = HomePage(ctx)
    qtbot.addWidget(page)
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    page.show()
    qtbot.waitExposed(page)
    for panel in (page.complaint_panel, page.overdue_panel):
        _click(qtbot, panel, 0, 1, double=True)
    assert opened == [("activity", complaint.id), ("client", client.id)]


def test_panel_models_pass_the_model_tester(ctx, qtbot, qtmodeltester):
    client = _client(ctx.archive, "甲集团", Tier.A, key=True, created_on=date(2026, 1, 1))
    _activity(ctx.archive, client.id, "交货延误", ActivityKind.COMPLAINT)
    _activity(ctx.archive, client.id, "报价", next_step="回电", next_step_due=date(2026, 11, 20))
    page = HomePage(ctx)
    qtbot.addWidget(page)
    for panel in (page.due_panel, page.complaint_panel, page.overdue_panel):
        assert panel.model.rowCount() == 1
        qtmodeltester.check(panel.model)


def test_letters_waiting_for_a_reply_late_first_and_open_the_letter(ctx, qtbot):
    from app.domain.documents import LetterDirection, LetterStatus
    from app.services import letters
    from app.services.letters import LetterDraft

    def letter(title, due):
        draft = LetterDraft(
            LetterDirection.INCOMING,
            title,
            "北京恒信贸易有限公司",
            date(2026, 11, 2),
            reply_due=due,
        )
        return letters.add_letter(ctx.archive, draft)

    soon = letter("关于交货期的函", date(2026, 11, 28))
    late = letter("关于调整供货价格的函", date(2026, 11, 20))
    letter("关于年底对账的函", date(2026, 12, 20))  # not due for weeks: not on the home page
    answered = letter("关于样品的函", date(2026, 11, 21))
    letters.set_status(ctx.archive, answered.id, LetterStatus.DONE)
    page = HomePage(ctx)
    qtbot.addWidget(page)

    panel = page.replies_panel
    assert panel.title() == "Replies due (2)"
    assert _texts(panel, 0) == ["6 days overdue", "In 2 days"]
    assert _texts(panel, 1) == ["关于调整供货价格的函", "关于交货期的函"]
    # a narrow panel elides long texts instead of scrolling sideways; the tooltip has them whole
    assert panel.view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    tooltip = panel.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("关于调整供货价格的函")
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#d9363e"
    opened = []
    ctx.events.open_record.connect(lambda kind, record_id: opened.append((kind, record_id)))
    _click(qtbot, panel, 0, 1, double=True)
    assert opened == [("letter", late.id)]
    assert soon.id != late.id


def test_enter_opens_the_record_of_the_current_row(ctx, qtbot):
    client = _client(ctx.archive, "甲集团", Tier.A, created_on=date(2026, 1, 1))
    page = HomePage(ctx)
    qtbot.addWidget(page)
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    page.show()
    qtbot.waitExposed(page)
    view = page.overdue_panel.view
    view.setFocus()
    view.setCurrentIndex(page.overdue_panel.model.index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [("client", client.id)]


def test_a_write_elsewhere_refreshes_what_the_page_lists_and_nothing_else(
    ctx, qtbot, monkeypatch, qtmodeltester
):
    from app.domain.documents import LetterDirection
    from app.services import letters
    from app.services.letters import LetterDraft
    from app.ui.home import page as page_module

    page = HomePage(ctx)
    qtbot.addWidget(page)
    loads = []
    original = page_module.load_home
    monkeypatch.setattr(
        page_module, "load_home", lambda *a, **k: loads.append(1) or original(*a, **k)
    )
    draft = LetterDraft(
        LetterDirection.INCOMING,
        "关于交货期的函",
        "北京恒信贸易有限公司",
        date(2026, 11, 2),
        reply_due=date(2026, 11, 27),
    )
    letters.add_letter(ctx.archive, draft)
    ctx.events.announce({"meeting", "tender"})  # not on this page's own panels
    assert loads == [] and page.replies_panel.title() == "Replies due (0)"
    ctx.events.announce({"letter"})
    assert loads == [1]
    assert page.replies_panel.column_texts(1) == ["关于交货期的函"]
    assert page.replies_panel.column_texts(0) == ["In 1 days"]
    qtmodeltester.check(page.replies_panel.model)


def test_the_page_reads_once_when_built_and_shown_and_again_when_shown_later(
    ctx, qtbot, monkeypatch
):
    """Issue 11: built and shown at once (the area first chosen), the page reads its panels
    once, not twice; shown again later it reads them afresh."""
    from app.ui.home import page as home_page

    reads = []
    real = home_page.load_home
    monkeypatch.setattr(home_page, "load_home", lambda *a, **k: reads.append(1) or real(*a, **k))
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert len(reads) == 1
    page.hide()
    page.show()
    assert len(reads) == 2
