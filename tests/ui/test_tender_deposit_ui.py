"""The tender form: 免收 is a checkbox beside the bid deposit (saved as a waived deposit, shown
checked again), and amounts beyond the domain are refused on their field, never crashing the
live total and its capitals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.domain.tenders import TenderDraft
from app.services import tender_packet, tenders
from app.services.tenders import TenderItemLine
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.line_items import LineText
from app.ui.tenders.tender_dialog import TenderDialog


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _tender(archive, **extra) -> int:
    return tenders.create_tender(
        archive, TenderDraft(title="智慧政务平台", purchaser_name="某市政务服务中心", **extra)
    ).id


def test_waived_is_saved_shown_and_clears_the_amount_and_dates(ctx, qtbot):
    tender_id = _tender(
        ctx.archive, bid_deposit=Decimal("20000"), deposit_paid_on=date(2026, 11, 20)
    )
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    assert not dialog.deposit_waived.isChecked()
    assert dialog.money["bid_deposit"].text() == "20,000.00"
    dialog.deposit_waived.setChecked(True)
    assert dialog.money["bid_deposit"].text() == "" and not dialog.money["bid_deposit"].isEnabled()
    assert dialog.deposit_paid.value() is None and not dialog.deposit_paid.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None, dialog.banner.text()
    saved = tenders.get_tender(ctx.archive, tender_id).draft
    assert saved.deposit_waived and saved.bid_deposit == 0 and saved.deposit_paid_on is None
    codes = {c.code for c in tender_packet.checklist(ctx.archive, tender_id)}
    assert "deposit_waived" in codes and "deposit_missing" not in codes

    again = TenderDialog(ctx, tender_id)
    qtbot.addWidget(again)
    assert again.deposit_waived.isChecked() and again.money["bid_deposit"].text() == ""
    again.deposit_waived.setChecked(False)
    assert again.money["bid_deposit"].isEnabled() and again.deposit_paid.isEnabled()
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert tenders.get_tender(ctx.archive, tender_id).draft.bid_deposit is None  # blank again


def test_a_new_tender_with_a_waived_deposit(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("智慧教室设备采购")
    dialog.purchaser.setText("南江市教育局")
    dialog.deposit_waived.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None, dialog.banner.text()
    assert dialog.saved.draft.deposit_waived


def test_amounts_beyond_the_domain_are_refused_on_their_field(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("智慧教室设备采购")
    dialog.purchaser.setText("南江市教育局")
    dialog.money["budget"].setText("10,000,000,000,000,000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert dialog.field_error("budget").startswith("金额过大“10,000,000,000,000,000”")
    assert tenders.list_tenders(ctx.archive) == []


def test_a_huge_price_line_marks_its_cell_instead_of_crashing(ctx, qtbot):
    tender_id = _tender(ctx.archive)
    tenders.set_items(
        ctx.archive, tender_id, [TenderItemLine("服务器", "X1", Decimal("1"), "台", Decimal("100"))]
    )
    dialog = TenderDialog(ctx, tender_id)
    qtbot.addWidget(dialog)
    model = dialog.items_model
    model.set_lines([LineText("服务器", "X1", "1000000", "台", "100000000")])  # 10^14 yuan
    assert model.grand_total() is None
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is not None  # 数量 in red
    assert dialog.breakdown.capitals_label.text() == ""
    model.set_lines([LineText("服务器", "X1", "1", "台", "999999999999.99")])
    assert "玖仟玖佰玖拾玖亿" in dialog.breakdown.capitals_label.text()
    model.set_lines([LineText("服务器", "", "1", "台", "600000000000")] * 2)  # each fits, not both
    assert "金额过大" in dialog.breakdown.capitals_label.text()
    model.set_lines([LineText("服务器", "", "1E+999999", "台", "2")])
    assert model.grand_total() is None  # no decimal.Overflow on the way
