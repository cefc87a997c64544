"""The import dialog: choose a file, preview every row with its status and reason, import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.domain.queries import ClientQuery
from app.domain.records import ClientDraft
from app.exports import spreadsheet
from app.services import client_transfer, clients
from app.ui.clients.import_dialog import ImportDialog, PreviewModel
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner, TaskRunner

HEADINGS = client_transfer.TEMPLATE_HEADINGS
GOOD_USCC = "91110108MA01KPGY4C"


def _row(name, uscc="", tier="A类", created="2024/3/5", contact="王芳", mobile="138 0013 8000"):
    values = dict.fromkeys(HEADINGS, "")
    values.update(
        {"客户名称": name, "统一社会信用代码": uscc, "客户等级": tier, "建档日期": created}
    )
    values.update({"联系人": contact, "手机": mobile, "地区": "北京"})
    return tuple(values[h] for h in HEADINGS)


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client_file(tmp_path, archive):
    clients.create_client(archive, ClientDraft(name="上海东方贸易有限公司"))
    rows = [
        _row("北京华信科技有限公司", GOOD_USCC),
        _row("", tier="B"),  # no name
        _row("深圳华南电子有限公司", "91110108MA01KPGY4X"),  # wrong check character
        ("",) * len(HEADINGS),  # blank
        _row("上海东方贸易有限公司"),  # already in the archive
        _row("广州南方物流", tier=" c ", created="2024年1月15日", mobile="+86 139-1234-5678"),
    ]
    path = tmp_path / "客户名单.xlsx"
    spreadsheet.write_table(path, HEADINGS, rows)
    return path


def _column(dialog, column):
    model = dialog.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _names(archive):
    ids = clients.list_client_ids(archive, ClientQuery())
    return sorted(row.name for row in clients.client_rows(archive, ids))


def test_preview_shows_every_row_with_reasons_and_counts(
    ctx, client_file, qtbot, qtmodeltester, monkeypatch
):
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    chosen = (str(client_file), "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: chosen)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == 1
    assert dialog.counts.text() == (
        "Will import 2 rows, reject 2 rows, 1 duplicate rows, 1 blank rows"
    )
    assert _column(dialog, 0) == ["2", "3", "4", "6", "7"]
    assert _column(dialog, 1) == ["Import", "Rejected", "Rejected", "Duplicate", "Import"]
    reasons = _column(dialog, 2)
    assert "客户名称" in reasons[1] and "不能为空" in reasons[1]
    assert "统一社会信用代码" in reasons[2] and "校验位" in reasons[2]
    assert "上海东方贸易有限公司" in reasons[3]
    assert _column(dialog, 3)[0] == "北京华信科技有限公司"
    assert dialog.import_button.text() == "Import 2 rows"
    assert _names(ctx.archive) == ["上海东方贸易有限公司"]  # the preview writes nothing
    qtmodeltester.check(dialog.model)

    dialog.filter.setCurrentIndex(1)  # only problems
    assert _column(dialog, 0) == ["3", "4", "6"]


def test_import_adds_the_good_rows_and_saves_the_rejects(ctx, client_file, qtbot, tmp_path):
    changes = []
    ctx.events.changed.connect(changes.append)
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(client_file)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert dialog.stack.currentIndex() == 2
    assert dialog.result_label.text().startswith("2 clients imported.")
    assert _names(ctx.archive) == ["上海东方贸易有限公司", "北京华信科技有限公司", "广州南方物流"]
    assert changes == ["client"]
    assert dialog.rejects_button.isVisibleTo(dialog)

    out = tmp_path / "rejected.xlsx"
    dialog.save_rejects(out)
    table = spreadsheet.read_table(out)
    assert table.heading[-1] == "错误原因"
    assert len(table.rows) == 3
    assert "3 rows saved" in dialog.rejects_message.text()


def test_cancelled_import_leaves_the_archive_unchanged(ctx, client_file, qtbot):
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(client_file)

    class CancellingRunner(SynchronousTaskRunner):
        def _start(self, handle, fn, args, kwargs):
            handle.cancel()  # the user pressed Cancel before the job got anywhere
            super()._start(handle, fn, args, kwargs)

    ctx.runner = CancellingRunner()
    dialog.start_import()
    assert dialog.stack.currentIndex() == 1
    assert "The archive is unchanged" in dialog.task_message.text()
    assert _names(ctx.archive) == ["上海东方贸易有限公司"]


def test_unreadable_file_is_explained(ctx, qtbot, tmp_path):
    bad = tmp_path / "clients.txt"
    bad.write_text("hello", encoding="utf-8")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(bad)
    assert dialog.task_message.text() != ""
    assert not dialog.import_button.isEnabled()


def test_empty_template_is_written(ctx, qtbot, tmp_path):
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    target = tmp_path / "template.xlsx"
    dialog.save_template(target)
    assert (
        spreadsheet.read_table(target).heading[: len(HEADINGS)] == list(HEADINGS)
        or tuple(spreadsheet.read_table(target).heading[: len(HEADINGS)]) == HEADINGS
    )
    assert "Template saved" in dialog.choose_message.text()


def test_preview_model_on_no_rows(qtmodeltester, qapp):
    model = PreviewModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_preview_and_import_on_a_real_worker_thread(archive, client_file, qtbot):
    runner = TaskRunner()
    ctx = UiContext(archive, runner, UiEvents(), "zh_CN")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    try:
        dialog.load_file(client_file)
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10000)
        assert dialog.counts.text().startswith("Will import 2 rows")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 2, timeout=10000)
        assert dialog.result_label.text().startswith("2 clients imported.")
    finally:
        assert runner.wait(10000)


def test_rejected_rows_can_be_saved_from_the_preview_before_anything_is_imported(
    ctx, client_file, qtbot, tmp_path, monkeypatch
):
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(client_file)
    assert dialog.preview_rejects_button.isVisibleTo(dialog)
    out = tmp_path / "to-fix.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.preview_rejects_button, Qt.MouseButton.LeftButton)
    assert len(spreadsheet.read_table(out).rows) == 3
    assert "3 rows saved" in dialog.task_message.text()
    assert _names(ctx.archive) == ["上海东方贸易有限公司"]  # nothing imported yet


def test_preview_shows_every_field_of_an_export(ctx, qtbot, tmp_path):
    heading = ("客户名称", "状态", "大客户", "联系人", "座机", "联系人2", "联系人3")
    path = tmp_path / "export.xlsx"
    spreadsheet.write_table(
        path, heading, [("甲公司", "暂停", "是", "周强", "010-62345678", "孙丽", "赵磊")]
    )
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    headers = dialog.model.headers
    row = {h: dialog.model.index(0, i).data() for i, h in enumerate(headers)}
    assert (row["状态"], row["大客户"], row["座机"], row["其他联系人"]) == (
        "暂停",
        "是",
        "010-62345678",
        "孙丽、赵磊",
    )


def test_a_damaged_workbook_is_explained_in_words(ctx, qtbot, tmp_path):
    bad = tmp_path / "clients.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is no workbook")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(bad)
    assert "不是有效的 Excel 工作簿" in dialog.task_message.text()
    assert "Error" not in dialog.task_message.text()


def test_rejects_that_cannot_be_saved_are_explained_in_words(ctx, client_file, qtbot, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(client_file)
    dialog.save_rejects(blocker / "to-fix.xlsx")
    text = dialog.rejects_message.text()
    assert "blocker" in text and "Error" not in text


# -- on the kit -----------------------------------------------------------------------------------


def test_the_rejected_rows_are_written_off_the_window_thread(archive, client_file, qtbot, tmp_path):
    """Saving the rejected rows reads the spreadsheet again: a background job (ops), so the
    window never waits for it."""
    import threading

    runner = TaskRunner()
    ctx = UiContext(archive, runner, UiEvents(), "en")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    threads = []

    def writer(report, source, out):
        threads.append(threading.current_thread())
        return client_transfer.write_rejects(report, source, out)

    dialog.rejects_writer = writer
    out = tmp_path / "to-fix.xlsx"
    try:
        dialog.load_file(client_file)
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
        dialog.save_rejects(out)
        qtbot.waitUntil(lambda: "3 rows saved" in dialog.task_message.text(), timeout=10000)
    finally:
        assert runner.wait(10000)
    assert threads and threads[0] is not threading.main_thread()
    assert len(spreadsheet.read_table(out).rows) == 3


def test_an_import_announces_the_clients_once(ctx, client_file, qtbot):
    heard = []
    ctx.events.changes.connect(heard.append)
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(client_file)
    assert heard == []  # the preview writes nothing, says nothing
    dialog.start_import()
    assert [changes.kinds for changes in heard] == [frozenset({"client"})]


def test_other_headings_for_another_import(qtmodeltester, qapp):
    """The receipts import shows its own headings after the row, status and reason."""
    model = PreviewModel()
    model.headers = [*model.headers[:3], "客户名称", "金额"]
    assert model.headers[3:] == ["客户名称", "金额"] and model.columnCount() == 5
    model.set_rows([client_transfer.PreviewRow(2, "rejected", ("甲公司",), "金额：不能为空")])
    assert [model.index(0, c).data() for c in range(5)] == [
        "2",
        "Rejected",
        "金额：不能为空",
        "甲公司",
        "",
    ]
    assert model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == "金额：不能为空"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # tinted
    qtmodeltester.check(model)
    model.set_problems_only(True)
    assert model.rowCount() == 1


def _receipts_file(archive, tmp_path):
    clients.create_client(archive, ClientDraft(name="深圳恒达电子有限公司"))
    path = tmp_path / "回款.csv"
    path.write_text(
        "回款日期,客户名称,金额\n2026-11-20,深圳恒达电子有限公司,1000\n2026-11-21,无此客户,5\n",
        encoding="utf-8",
    )
    return path


def test_the_receipts_import_is_this_dialog_with_the_receipts_services(ctx, qtbot, tmp_path):
    """Preview, import (announcing the receipts once), rejected rows and the template: the
    same steps, the receipts' own services, nothing run or announced by hand."""
    from app.services import contracts
    from app.ui.contracts.receipt_import_dialog import ReceiptImportDialog

    path = _receipts_file(ctx.archive, tmp_path)
    heard = []
    ctx.events.changes.connect(heard.append)
    dialog = ReceiptImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    assert [row.status for row in dialog.model.rows] == ["ok", "rejected"]
    assert heard == [] and contracts.list_receipts(ctx.archive) == []
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [changes.kinds for changes in heard] == [frozenset({"receipt"})]
    assert dialog.result_label.text().startswith("1 receipts imported.")
    assert len(contracts.list_receipts(ctx.archive)) == 1

    dialog.save_rejects(tmp_path / "to-fix.xlsx")
    ((_number, rejected),) = spreadsheet.read_table(tmp_path / "to-fix.xlsx").rows
    assert "无此客户" in rejected and "1 rows saved" in dialog.rejects_message.text()
    dialog.save_template(tmp_path / "template.xlsx")
    heading = spreadsheet.read_table(tmp_path / "template.xlsx").heading
    assert tuple(heading[: len(contracts.RECEIPT_HEADINGS)]) == contracts.RECEIPT_HEADINGS


def test_a_cancelled_receipts_import_speaks_of_receipts(ctx, qtbot, tmp_path):
    from app.services import contracts
    from app.ui.contracts.receipt_import_dialog import ReceiptImportDialog

    dialog = ReceiptImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load_file(_receipts_file(ctx.archive, tmp_path))

    class CancellingRunner(SynchronousTaskRunner):
        def _start(self, handle, fn, args, kwargs):
            handle.cancel()
            super()._start(handle, fn, args, kwargs)

    ctx.runner = CancellingRunner()
    dialog.start_import()
    assert "no receipt was imported" in dialog.task_message.text()
    assert contracts.list_receipts(ctx.archive) == []


def test_the_receipts_rejected_rows_are_written_off_the_window_thread(archive, qtbot, tmp_path):
    import threading

    from app.services import contracts
    from app.ui.contracts.receipt_import_dialog import ReceiptImportDialog

    path = _receipts_file(archive, tmp_path)
    runner = TaskRunner()
    dialog = ReceiptImportDialog(UiContext(archive, runner, UiEvents(), "en"))
    qtbot.addWidget(dialog)
    threads = []

    def writer(report, source, out):
        threads.append(threading.current_thread())
        return contracts.write_receipt_rejects(report, source, out)

    dialog.rejects_writer = writer
    try:
        dialog.load_file(path)
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
        dialog.save_rejects(tmp_path / "to-fix.xlsx")
        qtbot.waitUntil(lambda: "1 rows saved" in dialog.task_message.text(), timeout=10000)
    finally:
        assert runner.wait(10000)
    assert threads and threads[0] is not threading.main_thread()
