"""访问计划 / 逾期拜访 in the window: its own area with owner, tier and key-account filters, the
whole list loaded lazily, a double-click opens the client, 打印 shows the PDF in the preview and
导出 Excel writes the workbook; the monthly plan and the receivables ageing print and export
too. PDFs are read back with pypdf, workbooks with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import text

from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, clients, contracts, plans
from app.ui import application
from app.ui.context import UiContext, UiEvents
from app.ui.contracts.page import ContractsPage
from app.ui.kit.tables import ID_ROLE
from app.ui.pdf_preview import PdfPreviewDialog
from app.ui.plan.page import PlanPage
from app.ui.tasks import SynchronousTaskRunner
from app.ui.visits.overdue_page import OverduePage

LONG_AGO = date(2025, 1, 6)


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def demo_ctx(demo_450_archive, qapp):
    """`ctx` on the demo: generate_demo(clients=450, activities=0, seed=3), a copy of the
    session's (tests/conftest.py)."""
    return UiContext(demo_450_archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _client(archive, name, tier, owner="张伟", key=False, visited=None):
    """A client on file since long ago (never visited: overdue in any tier), or visited then."""
    record = clients.create_client(
        archive,
        ClientDraft(name=name, tier=tier, owner=owner, is_key_account=key, created_on=LONG_AGO),
    )
    with archive.db.session() as session:
        session.execute(
            text("UPDATE clients SET created_at = :at WHERE id = :id"),
            {"at": datetime.combine(LONG_AGO, datetime.min.time()), "id": record.id},
        )
    if visited is not None:
        activities.create_activity(
            archive,
            ActivityDraft(
                client_id=record.id,
                kind=ActivityKind.VISIT,
                started_at=datetime.combine(visited, datetime.min.time()).replace(hour=9),
                subject="拜访",
            ),
        )
    return record


@pytest.fixture
def some(ctx):
    archive = ctx.archive
    return {
        "a_key": _client(archive, "北京华信科技有限公司", Tier.A, "王芳", key=True),
        "a_late": _client(
            archive, "上海恒通贸易有限公司", Tier.A, "张伟", visited=date(2026, 10, 1)
        ),
        "b": _client(archive, "广州宏远机械有限公司", Tier.B, "王芳"),
        "c_fresh": _client(
            archive, "深圳新创电子有限公司", Tier.C, "张伟", visited=date(2026, 11, 20)
        ),
        "d": _client(archive, "杭州远景物流有限公司", Tier.D, ""),
    }


def _page(ctx, qtbot) -> OverduePage:
    page = OverduePage(ctx)
    qtbot.addWidget(page)
    page.show()  # the list is queried when first shown
    return page


def _names(page: OverduePage) -> list[str]:
    model = page.model
    return [model.row_at(row).name for row in range(model.rowCount())]


def test_the_full_list_in_visit_plan_order(ctx, qtbot, some, qtmodeltester):
    page = _page(ctx, qtbot)
    assert _names(page) == [
        "北京华信科技有限公司",  # A, never visited: counted from 2025-01-06
        "上海恒通贸易有限公司",  # A, last visit 2026-10-01: 56 days ago, 49 overdue
        "广州宏远机械有限公司",
        "杭州远景物流有限公司",
    ]  # 深圳新创 was visited six days ago: not overdue
    model = page.model
    assert [model.index(1, c).data() for c in range(model.columnCount())] == [
        "A",
        "",
        "上海恒通贸易有限公司",
        "张伟",
        "2026-10-01",
        "7",
        "49",
    ]
    assert model.index(0, 1).data() == "★" and model.index(0, 4).data() == "Never"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#d9363e"
    assert model.index(3, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # tier D
    assert page.count_label.text() == "4 client(s) overdue for a visit"
    qtmodeltester.check(model)


def test_filters_by_tier_owner_and_key_account(ctx, qtbot, some):
    page = _page(ctx, qtbot)
    page.tier_boxes[Tier.C].setChecked(False)
    page.tier_boxes[Tier.D].setChecked(False)
    assert _names(page) == ["北京华信科技有限公司", "上海恒通贸易有限公司", "广州宏远机械有限公司"]
    page.owner.setCurrentIndex(page.owner.findData("王芳"))
    assert _names(page) == ["北京华信科技有限公司", "广州宏远机械有限公司"]
    page.key_only.setChecked(True)
    assert _names(page) == ["北京华信科技有限公司"]
    page.key_only.setChecked(False)
    page.owner.setCurrentIndex(page.owner.findData(""))  # clients without an account manager
    page.tier_boxes[Tier.D].setChecked(True)
    assert _names(page) == ["杭州远景物流有限公司"]
    assert [page.owner.itemText(i) for i in range(page.owner.count())] == [
        "All account managers",
        "张伟",
        "王芳",
        "(none)",
    ]
    for box in page.tier_boxes.values():
        box.setChecked(False)
    assert _names(page) == [] and page.table.is_empty_shown()
    assert not page.print_button.isEnabled()


def test_a_visit_recorded_elsewhere_takes_the_client_off(ctx, qtbot, some):
    page = _page(ctx, qtbot)
    assert "广州宏远机械有限公司" in _names(page)
    activities.create_activity(
        ctx.archive,
        ActivityDraft(
            client_id=some["b"].id,
            kind=ActivityKind.VISIT,
            started_at=datetime(2026, 11, 25, 9, 0),
            subject="回访",
        ),
    )
    ctx.events.changed.emit("activity")
    assert "广州宏远机械有限公司" not in _names(page)


def test_enter_and_double_click_open_the_client(ctx, qtbot, some):
    page = _page(ctx, qtbot)
    opened = []
    ctx.events.open_record.connect(lambda kind, record_id: opened.append((kind, record_id)))
    index = page.model.index(0, 2)
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    centre = page.table.visualRect(page.model.index(2, 2)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened == [("client", some["a_key"].id), ("client", some["b"].id)]


def test_a_long_list_is_fetched_as_it_scrolls(demo_ctx, qtbot):
    ctx = demo_ctx  # generate_demo(ctx.archive, clients=450, activities=0, seed=3)
    with ctx.archive.db.session() as session:  # all of them on file since long ago
        session.execute(text("UPDATE clients SET created_at = '2025-01-06 00:00:00'"))
    page = _page(ctx, qtbot)
    model = page.model
    total = model.total()
    assert total > 300
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == min(400, total)
    tiers = [model.row_at(row).tier for row in range(model.rowCount())]
    assert tiers == sorted(tiers)  # A first, D last
    assert model.index(250, 0).data(ID_ROLE) == model.ids[250]


def test_print_shows_the_whole_filtered_list_in_the_preview(ctx, qtbot, some):
    page = _page(ctx, qtbot)
    page.tier_boxes[Tier.D].setChecked(False)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    preview = page.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.addWidget(preview)
    assert preview.save_suggestion == "逾期拜访清单.pdf"
    reader = PdfReader(str(preview.pdf_path))
    text_ = "\n".join(page_text(p) for p in reader.pages)
    assert "逾期拜访清单" in text_ and "A、B、C 级" in text_ and "共 3 家" in text_
    assert "北京华信科技有限公司" in text_ and "杭州远景物流有限公司" not in text_
    assert "第 1 页 共 1 页" in text_
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert_cjk_font_embedded(preview.pdf_path)


def test_export_writes_the_filtered_list(ctx, qtbot, some, tmp_path):
    page = _page(ctx, qtbot)
    page.owner.setCurrentIndex(page.owner.findData("王芳"))
    said = []
    ctx.events.status_message.connect(said.append)
    page.export(tmp_path / "逾期")
    book = load_workbook(tmp_path / "逾期.xlsx")
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("等级", "大客户", "客户名称")
    assert [r[2] for r in rows[1:]] == ["北京华信科技有限公司", "广州宏远机械有限公司"]
    assert rows[1][4] == "从未拜访" and isinstance(rows[1][6], int)
    assert said == [f"2 client(s) exported to {tmp_path / '逾期.xlsx'}"]


def test_the_window_has_the_area(archive, qtbot, some):
    window = application.build_window(archive, SynchronousTaskRunner(), "en")
    qtbot.addWidget(window)
    window.show()
    assert "Overdue visits" in window.area_names()
    window.show_area("visits")
    page = window.stack.currentWidget()
    assert isinstance(page, OverduePage) and page.model.total() == 4
    window.show_area("home")  # the home page's panel has the first 200; its button the rest
    qtbot.mouseClick(window.home_page.all_overdue_button, Qt.MouseButton.LeftButton)
    assert window.current_area() == "visits"


# --- the monthly plan and the receivables ageing ----------------------------------------------


def test_the_monthly_plan_prints_and_exports(ctx, qtbot, tmp_path):
    plans.set_targets(ctx.archive, 2026, 11, plans.PlanTargets(visits=20, receipts=Decimal("5e5")))
    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(page.preview)
    assert page.preview.save_suggestion == "月计划2026-11.pdf"
    text_ = "\n".join(page_text(p) for p in PdfReader(str(page.preview.pdf_path)).pages)
    assert "2026年11月 月计划" in text_ and "计划完成情况(截至 2026-11-26" in text_
    assert "500,000.00" in text_
    page.export(tmp_path / "plan.xlsx")
    book = load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames[:4] == ["目标2026-11", "按旬", "按周", "按工作日"]
    team = list(book.worksheets[0].iter_rows(values_only=True))[-1]
    assert team[0] == "团队" and team[2] == 20 and team[6] == 500000


def test_the_receivables_ageing_prints_and_exports(ctx, qtbot, tmp_path):
    client = clients.create_client(ctx.archive, ClientDraft(name="北京华信科技有限公司"))
    contracts.create_contract(
        ctx.archive,
        contracts.ContractDraft(
            number="HT-2026-001",
            client_id=client.id,
            signed_on=date(2026, 8, 1),
            payment_days=30,
            lines=(contracts.ContractLineDraft("服务器", "2", "台", Decimal("45000")),),
        ),
    )
    page = ContractsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(2)
    assert page.print_ageing_button.isVisible()
    qtbot.mouseClick(page.print_ageing_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(page.preview)
    text_ = "\n".join(page_text(p) for p in PdfReader(str(page.preview.pdf_path)).pages)
    assert "应收账款账龄表" in text_ and "北京华信科技有限公司" in text_ and "90,000.00" in text_
    page.export_receivables(tmp_path / "ageing.xlsx")
    rows = list(load_workbook(tmp_path / "ageing.xlsx").active.iter_rows(values_only=True))
    assert rows[1][:3] == ("北京华信科技有限公司", None, 90000)  # no account manager
    assert rows[-1][0] == "合计" and rows[-1][2] == 90000
    mine = ContractsPage(ctx, client_id=client.id)  # on the client page: no outputs there
    qtbot.addWidget(mine)
    mine.show()
    mine.tabs.setCurrentIndex(2)
    assert not mine.print_ageing_button.isVisible()
