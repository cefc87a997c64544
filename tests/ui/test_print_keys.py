"""Ctrl+P prints the document of what is shown, everywhere there is one: the key reaches the
place's own print button, the PDF is made, the preview opens and goes straight to the system's
print dialog. The print dialog is played by the test: it chooses a PDF file as the printer, and
the file is read back with pypdf."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest

from app.domain.minutes import ActionItemDraft, MeetingDraft
from app.domain.records import ClientDraft
from app.services import clients, contracts, documents, minutes, rebates, settings, tenders
from app.ui import application
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def printed(tmp_path, monkeypatch):
    """What reached the printer: each print job written to a PDF file of its own, with the title
    the print dialog had. A modal preview (the tender packet's) is closed after printing."""
    jobs: list[dict] = []

    def accept(print_dialog):
        printer = print_dialog.printer()
        out = tmp_path / f"printed-{len(jobs) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)
        jobs.append({"title": print_dialog.windowTitle(), "file": out})
        preview = print_dialog.parent()
        if preview is not None and preview.isModal():
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, preview.accept)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return jobs


def press_ctrl_p(widget) -> None:
    QTest.keySequence(widget.window().windowHandle(), QKeySequence("Ctrl+P"))


def pages(job: dict) -> int:
    return len(PdfReader(job["file"]).pages)


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.fixture
def window(archive, qtbot):
    return shown(qtbot, application.build_window(archive, SynchronousTaskRunner(), "zh_CN"))


@pytest.fixture
def client(archive):
    return clients.create_client(archive, ClientDraft("北京恒信医疗器械有限公司", owner="王芳"))


def _meeting(archive, client) -> int:
    return minutes.create_meeting(
        archive,
        MeetingDraft(
            "恒信项目推进会",
            datetime(2026, 11, 2, 9, 30),
            actions=(ActionItemDraft("提交最终报价单", "王芳", due_on=date(2026, 11, 20)),),
            client_ids=(client.id,),
        ),
    ).id


def close_previews(qtbot, owner) -> None:
    from app.ui.pdf_preview import PdfPreviewDialog

    for preview in owner.findChildren(PdfPreviewDialog):
        qtbot.addWidget(preview)
        preview.close()


# -- dialogs: the record's document ------------------------------------------------------------


def test_ctrl_p_in_a_document_prints_it(ctx, client, qtbot, printed):
    from app.ui.documents.editor import DocumentEditor

    settings.save_company(ctx.archive, settings.CompanySettings(name="北京华信科技有限公司"))
    record = documents.create_document(
        ctx.archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    editor = shown(qtbot, DocumentEditor(ctx, record.id))
    assert "(Ctrl+P)" in editor.print_button.toolTip()
    press_ctrl_p(editor)
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert printed[0]["title"] == "Print 关于调价的通知.pdf"
    assert pages(printed[0]) == 2  # a 公文: its 版记 at the foot of the last, even, page
    close_previews(qtbot, editor)


def test_ctrl_p_in_the_minutes_prints_them(ctx, client, qtbot, printed):
    from app.ui.minutes.minutes_dialog import MinutesDialog

    dialog = shown(qtbot, MinutesDialog(ctx, _meeting(ctx.archive, client)))
    press_ctrl_p(dialog)
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert "恒信项目推进会" in printed[0]["title"] and pages(printed[0]) >= 1
    close_previews(qtbot, dialog)


def test_ctrl_p_in_the_overdue_digest_prints_it(ctx, client, qtbot, printed, monkeypatch):
    from app.ui.minutes.digest_dialog import DigestDialog

    ctx.archive.clock = lambda: datetime(2026, 11, 25, 9, 0)
    _meeting(ctx.archive, client)
    dialog = shown(qtbot, DigestDialog(ctx))
    press_ctrl_p(dialog)
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert printed[0]["title"] == "Print 督促落实催办单.pdf" and pages(printed[0]) >= 1
    close_previews(qtbot, dialog)


def test_ctrl_p_in_the_tender_packet_prints_the_packet(ctx, client, qtbot, printed, monkeypatch):
    from app.ui.tenders.packet_builder import PacketBuilderDialog

    settings.save_company(ctx.archive, settings.CompanySettings(name="北京华信科技有限公司"))
    tender = tenders.create_tender(
        ctx.archive,
        tenders.TenderDraft(
            title="医疗设备采购项目", client_id=client.id, budget=Decimal("1000000")
        ),
    )
    monkeypatch.setattr(
        "app.ui.tenders.packet_printing.choose", lambda *a, **k: "draft"
    )  # 打印草稿
    dialog = shown(qtbot, PacketBuilderDialog(ctx, tender.id))
    press_ctrl_p(dialog)
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert "医疗设备采购项目" in printed[0]["title"]
    assert pages(printed[0]) == dialog.printer.last_preview.page_count() > 3


# -- areas of the window: the selected record's document, or the area's report ----------------


def test_ctrl_p_on_the_minutes_area_prints_the_selected_minutes(window, client, qtbot, printed):
    _meeting(window.ctx.archive, client)
    window.show_area("minutes")
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.view.selectRow(0)
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    press_ctrl_p(window)
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert "恒信项目推进会" in printed[0]["title"] and pages(printed[0]) >= 1
    close_previews(qtbot, window)


def test_ctrl_p_on_the_letters_area_prints_the_register(window, qtbot, printed):
    from app.domain.documents import LetterDirection
    from app.services import letters
    from app.services.letters import LetterDraft

    letters.add_letter(
        window.ctx.archive, LetterDraft(LetterDirection.INCOMING, "关于报价的函", "甲单位")
    )
    window.show_area("letters")
    press_ctrl_p(window)
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert printed[0]["title"] == "Print 收文登记簿.pdf"
    first = PdfReader(printed[0]["file"]).pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # A4 landscape
    close_previews(qtbot, window)


def test_ctrl_p_on_the_rebates_area_prints_the_application_form(window, client, qtbot, printed):
    archive = window.ctx.archive
    contracts.create_contract(
        archive,
        contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=Decimal("300000")),
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 3, 4), Decimal("123456.78"))
    )
    record = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30))
    window.show_area("rebates")
    window.stack.currentWidget().reload(record.id)
    press_ctrl_p(window)
    qtbot.waitUntil(lambda: len(printed) == 1)
    assert "Print " in printed[0]["title"] and pages(printed[0]) >= 1
    close_previews(qtbot, window)


def test_ctrl_p_on_the_analysis_area_prints_the_monthly_report(window, qtbot, printed):
    import analysis_samples

    analysis_samples.build(window.ctx.archive)
    window.show_area("analysis")
    press_ctrl_p(window)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=20000)
    assert "大客户月报" in printed[0]["title"] and pages(printed[0]) >= 1
    close_previews(qtbot, window)


def test_ctrl_p_where_there_is_nothing_to_print_says_so(window, qtbot, printed):
    window.show_area("home")
    press_ctrl_p(window)
    assert printed == []
    assert window.statusBar().currentMessage() == "Nothing to print here."
