"""The 文书 page and the DocumentEditor, driven by clicking and typing."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.documents import DocStatus, ReviewAction
from app.domain.enums import ClientStatus, Tier
from app.domain.messages import describe
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, documents, letters, settings
from app.ui.context import UiContext, UiEvents
from app.ui.documents.editor import DocumentEditor
from app.ui.documents.page import DocumentsPage
from app.ui.tasks import SynchronousTaskRunner

CONTRACT_VALUES = {
    "contract_no": "HX-2026-007",
    "sign_place": "北京",
    "quality_standard": "随附技术规格书",
    "warranty": "一年",
    "delivery_date": "2026年12月10日前",
    "delivery_place": "甲方仓库",
    "delivery_method": "乙方送货",
    "acceptance_days": "5",
    "payment_terms": "验收合格后三十日内付清。",
    "court": "乙方所在地人民法院",
    "copies": "贰",
}


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="华信科技有限公司",
            uscc="91110108MA01ABCD2H",
            address="北京市海淀区",
            phone="010-88886666",
            bank="工行",
            bank_account="0200",
        ),
    )
    return clients.create_client(
        archive,
        ClientDraft(
            name="北京恒信贸易有限公司",
            uscc="91110105MA00HX1235",
            tier=Tier.A,
            status=ClientStatus.ACTIVE,
            invoice_address="北京市朝阳区建国路88号 010-65001234",
            bank="招商银行北京分行",
            bank_account="1109 0123 4567 890",
        ),
        [ContactDraft(name="刘洋", title="采购经理")],
    )


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr("app.ui.documents.editor.show_error", lambda _p, exc, _l: shown.append(exc))
    return shown


def _fill_contract(editor: DocumentEditor) -> None:
    for key, value in CONTRACT_VALUES.items():
        editor.set_value(key, value)
    editor.add_line(("服务器", "R740", "2", "台", "45000.50"))
    editor.refresh_preview()


def test_new_contract_through_review_by_clicking(ctx, client, qtbot, no_message_boxes, monkeypatch):
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor: DocumentEditor = page.active_dialog
    qtbot.addWidget(editor)
    editor.client_picker.set_client(client.id, client.name)
    editor.refresh_preview()
    assert editor.template_combo.currentData() == "purchase_contract"
    assert "交货地点" in editor.missing_labels()
    assert editor.lines_group.isVisibleTo(editor)
    _fill_contract(editor)
    editor.actor_edit.setText("张三")
    assert editor.missing_labels() == []
    assert "玖万零壹元整" in editor.preview_view.toPlainText()

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.record is not None and editor.record.version == 1
    assert page.model.rowCount() == 1

    editor.set_value("warranty", "两年")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.record.version == 2 and "质保期" in editor.record.versions[-1].note
    editor.old_version.setCurrentIndex(0)
    editor.new_version.setCurrentIndex(1)
    qtbot.mouseClick(editor.compare_button, Qt.MouseButton.LeftButton)
    # the one character changed is marked, in the line that holds it
    assert "~ 质量保证期为自验收合格之日起一两年" in editor.diff_view.toPlainText()
    assert re.search(r"line-through[^>]*>一</span>", editor.diff_view.toHtml())

    assert not editor.review_buttons[ReviewAction.APPROVE].isEnabled()
    qtbot.mouseClick(editor.review_buttons[ReviewAction.SUBMIT], Qt.MouseButton.LeftButton)
    assert editor.record.status == DocStatus.IN_REVIEW
    assert not editor.save_button.isEnabled()
    assert not editor.review_buttons[ReviewAction.SUBMIT].isEnabled()

    monkeypatch.setattr(editor, "ask_comment", lambda _action: "付款条款需分期")
    qtbot.mouseClick(editor.review_buttons[ReviewAction.RETURN], Qt.MouseButton.LeftButton)
    assert editor.record.status == DocStatus.RETURNED
    assert editor.reviews_model.index(1, 3).data() == "付款条款需分期"

    editor.set_value("payment_terms", "预付30%,验收后付清余款。")
    qtbot.mouseClick(editor.review_buttons[ReviewAction.SUBMIT], Qt.MouseButton.LeftButton)
    assert editor.record.status == DocStatus.IN_REVIEW and editor.record.version == 3

    monkeypatch.setattr(editor, "ask_comment", lambda _action: "同意")
    # issue 13 §4: the author does not approve their own draft
    qtbot.mouseClick(editor.review_buttons[ReviewAction.APPROVE], Qt.MouseButton.LeftButton)
    assert editor.record.status == DocStatus.IN_REVIEW
    [refused] = no_message_boxes
    assert describe(refused) == "审批人：“张三”是本文书草稿的起草人，不能审批自己起草的文书"
    no_message_boxes.clear()
    editor.actor_edit.setText("王经理")
    qtbot.mouseClick(editor.review_buttons[ReviewAction.APPROVE], Qt.MouseButton.LeftButton)
    assert editor.record.status == DocStatus.APPROVED
    qtbot.mouseClick(editor.review_buttons[ReviewAction.SIGN], Qt.MouseButton.LeftButton)
    assert editor.record.status == DocStatus.SIGNED
    assert [r.actor for r in editor.record.reviews] == ["张三"] * 3 + ["王经理"] * 2

    opened = []
    monkeypatch.setattr(editor, "_show_pdf", opened.append)
    qtbot.mouseClick(editor.print_button, Qt.MouseButton.LeftButton)
    assert opened and not opened[0].draft and opened[0].path.exists()
    assert not no_message_boxes

    page.status_filter.setCurrentIndex(page.status_filter.findData(DocStatus.SIGNED.value))
    assert page.model.rowCount() == 1
    page.status_filter.setCurrentIndex(page.status_filter.findData(DocStatus.DRAFT.value))
    assert page.model.rowCount() == 0


def test_printing_with_missing_values_is_refused_and_listed(ctx, client, qtbot, no_message_boxes):
    editor = DocumentEditor(ctx, client_id=client.id)
    qtbot.addWidget(editor)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("notice"))
    assert editor.template_combo.currentData() == "notice"
    editor.set_value("subject", "春节放假安排")
    editor.refresh_preview()
    assert "主送单位" in editor.missing_labels() and "正文" in editor.missing_labels()
    assert editor.print_preview() is None
    assert "主送单位" in no_message_boxes[-1]
    assert documents.get_document(ctx.archive, editor.record.id).title == "关于春节放假安排的通知"


def test_issue_notice_from_the_editor(ctx, client, qtbot, monkeypatch):
    record = documents.create_document(
        ctx.archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    monkeypatch.setattr(editor, "ask_comment", lambda _action: "")
    assert editor.issue_button.isVisibleTo(editor) and not editor.issue_button.isEnabled()
    editor.review(ReviewAction.SUBMIT)
    editor.review(ReviewAction.APPROVE)
    assert editor.issue_button.isEnabled()
    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)
    assert editor.record.doc_number == "〔2026〕1号"
    assert "〔2026〕1号" in editor.number_label.text()
    assert [r.number for r in letters.list_letters(ctx.archive)] == ["〔2026〕1号"]


def test_document_model(ctx, client, qtbot, qtmodeltester):
    for title in ("甲", "乙"):
        documents.create_document(ctx.archive, "letter", "letter", title, client_id=client.id)
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)


def test_client_tab_lists_only_that_client(ctx, client, qtbot):
    other = clients.create_client(ctx.archive, ClientDraft(name="上海某公司", tier=Tier.C))
    documents.create_document(ctx.archive, "letter", "letter", "给恒信", client_id=client.id)
    documents.create_document(ctx.archive, "letter", "letter", "给上海", client_id=other.id)
    page = DocumentsPage(ctx, client_id=client.id)
    qtbot.addWidget(page)
    assert [page.model.row_at(i).title for i in range(page.model.rowCount())] == ["给恒信"]


def test_templates_dialog_copies_and_edits_a_user_template(ctx, qtbot):
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    dialog = page.open_templates()
    qtbot.addWidget(dialog)
    keys = [t.key for t in dialog.templates]
    dialog.list.setCurrentRow(keys.index("letter"))
    assert dialog.body_edit.isReadOnly() and not dialog.save_button.isEnabled()
    assert dialog.copy_current("our_letter", "我司函件")
    assert dialog.current().key == "our_letter" and not dialog.body_edit.isReadOnly()
    dialog.body_edit.setPlainText(dialog.body_edit.toPlainText() + "此致\n{{closing|结束语}}\n")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "结束语" in documents.get_template(ctx.archive, "our_letter").body
    editor = DocumentEditor(ctx)
    qtbot.addWidget(editor)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("letter"))
    assert editor.template_combo.findData("our_letter") >= 0


def test_print_opens_the_pdf_preview(ctx, client, qtbot):
    record = documents.create_document(
        ctx.archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    handle = editor.print_preview()
    assert handle is not None and handle.done
    preview = editor.preview_dialog
    qtbot.addWidget(preview)
    # GB/T 9704: the notice's 版记 goes on the back of the sheet, an even page
    assert preview.document.pageCount() == 2
    assert preview.save_suggestion == "关于调价的通知.pdf"


def test_the_approval_form_button_previews_the_form_to_sign(ctx, client, qtbot, monkeypatch):
    from pypdf import PdfReader

    record = documents.create_document(
        ctx.archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    monkeypatch.setattr(editor, "ask_comment", lambda _action: "")
    editor.review(ReviewAction.SUBMIT)
    assert editor.form_button.isEnabled()
    qtbot.mouseClick(editor.form_button, Qt.MouseButton.LeftButton)
    preview = editor.preview
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1
    text = "".join(PdfReader(str(preview.pdf_path)).pages[0].extract_text().split())
    assert "发文审批单" in text and "关于调价的通知" in text and "签发人（签字）" in text

    blank = DocumentEditor(ctx)  # nothing saved yet: no form to print
    qtbot.addWidget(blank)
    assert not blank.form_button.isEnabled()


def test_letter_search_hit_opens_its_dialog(ctx, qtbot):
    from app.domain.documents import LetterDirection
    from app.services.letters import LetterDraft
    from app.ui.letters.dialog import open_letter_dialog

    row = letters.add_letter(ctx.archive, LetterDraft(LetterDirection.OUTGOING, "报价函", "乙单位"))
    dialog = open_letter_dialog(ctx, row.id)
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "报价函" and dialog.direction == LetterDirection.OUTGOING


def test_main_window_areas_and_search_hits_open_documents_and_letters(archive, qtbot, client):
    from PySide6.QtCore import QSettings

    from app.domain.documents import LetterDirection
    from app.services.letters import LetterDraft
    from app.ui import application
    from app.ui.documents.page import DocumentsPage as Page
    from app.ui.letters.dialog import LetterDialog
    from app.ui.letters.page import LettersPage

    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(archive.path.parent)
    )
    doc = documents.create_document(archive, "letter", "letter", "对账函", client_id=client.id)
    letter = letters.add_letter(
        archive, LetterDraft(LetterDirection.INCOMING, "询价函", client.name, client_id=client.id)
    )
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.show_area("documents")
    assert isinstance(window.stack.currentWidget(), Page)
    assert window.stack.currentWidget().model.rowCount() == 1
    window.show_area("letters")
    assert isinstance(window.stack.currentWidget(), LettersPage)
    window.ctx.events.open_record.emit("document", doc.id)
    assert isinstance(window.active_dialog, DocumentEditor)
    assert window.active_dialog.record.id == doc.id
    window.active_dialog.close()
    window.ctx.events.open_record.emit("letter", letter.id)
    assert isinstance(window.active_dialog, LetterDialog)
    assert window.active_dialog.title_edit.text() == "询价函"
    window.active_dialog.close()


def test_preview_renders_the_template_like_the_pdf(ctx, client, qtbot):
    """Field rows as a table, 需方/供方 lines flush left, no template markup on screen."""
    editor = DocumentEditor(ctx, client_id=client.id)
    qtbot.addWidget(editor)
    _fill_contract(editor)
    shown = editor.preview_view.toPlainText()
    page = editor.preview_view.toHtml()
    for markup in ("| 合同编号", "|", "< 需方", "{{", "## 第一条"):
        assert markup not in shown, markup
    assert (
        "合同编号:" in shown
        and "HX-2026-007" in shown
        and "需方(甲方):北京恒信贸易有限公司" in shown
    )
    assert "第一条 标的、数量及价款" in shown
    assert page.count("<table") >= 3  # header fields, contract lines, signing table
    assert "90,001.00" in shown and "单价(元)" in shown
    editor.set_value("court", "")
    editor.refresh_preview()
    assert "【未填:管辖法院】" in editor.preview_view.toPlainText()
    assert "#c0392b" in editor.preview_view.toHtml()


def test_unit_prices_show_as_money_and_plain_numbers_are_accepted(ctx, client, qtbot):
    editor = DocumentEditor(ctx, client_id=client.id)
    qtbot.addWidget(editor)
    editor.add_line(("服务器", "R740", "2", "台", "45800"))
    assert editor.lines_table.item(0, 4).text() == "¥45,800.00"
    editor.lines_table.item(0, 4).setText("1234.5")  # typed over
    assert editor.lines_table.item(0, 4).text() == "¥1,234.50"
    assert editor.current_lines()[0].unit_price == Decimal("1234.50")


def test_missing_box_says_nothing_is_missing_and_long_items_wrap(ctx, client, qtbot):
    editor = DocumentEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    editor.refresh_preview()
    label = next(x for x in editor.missing_labels() if x.startswith("签署栏"))
    item = editor.missing_list.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    assert item.toolTip() == label and editor.missing_list.wordWrap()
    assert editor.missing_list.isVisible() and not editor.nothing_missing.isVisible()
    editor.client_picker.set_client(client.id, client.name)
    _fill_contract(editor)
    assert editor.missing_labels() == []
    assert not editor.missing_list.isVisible() and editor.nothing_missing.isVisible()
    assert editor.nothing_missing.text()


def test_template_manager_shows_the_kind_never_the_internal_key(ctx, qtbot, monkeypatch):
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    dialog = page.open_templates()
    qtbot.addWidget(dialog)
    for row in range(dialog.list.count()):
        dialog.list.setCurrentRow(row)
        assert dialog.current().key not in dialog.info.text()
        assert dialog.current().key not in dialog.list.item(row).text()
    dialog.list.setCurrentRow([t.key for t in dialog.templates].index("fax_cover"))
    assert "传真" in dialog.info.text()
    monkeypatch.setattr(
        "app.ui.documents.templates_dialog.QInputDialog.getText", lambda *a, **k: ("我的传真", True)
    )
    assert dialog.copy_current()  # only the name is asked
    assert dialog.current().name == "我的传真" and dialog.current().kind.value == "fax"


# --- on the kit (issue 10): the list, its filter, Enter, the empty state, Changes ---------------


def test_the_text_filter_waits_for_typing_to_pause_and_enter_opens(ctx, client, qtbot):
    for title in ("对账函", "报价函"):
        documents.create_document(ctx.archive, "letter", "letter", title, client_id=client.id)
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.text_filter.setText("对账")
    assert page.text_filter.pending() and page.model.rowCount() == 2  # not read on every key
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    editor = page.active_dialog
    qtbot.addWidget(editor)
    assert isinstance(editor, DocumentEditor) and editor.record.title == "对账函"
    editor.close()


def test_an_empty_list_says_what_to_do(ctx, client, qtbot):
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.view.is_empty_shown() and "No documents yet" in page.view.empty_state.text()
    qtbot.mouseClick(page.view.empty_state.button, Qt.MouseButton.LeftButton)
    editor = page.active_dialog
    qtbot.addWidget(editor)
    assert isinstance(editor, DocumentEditor) and editor.record is None
    editor.close()
    documents.create_document(ctx.archive, "letter", "letter", "对账函", client_id=client.id)
    page.status_filter.setCurrentIndex(page.status_filter.findData(DocStatus.SIGNED.value))
    assert page.view.is_empty_shown() and "matches" in page.view.empty_state.text()
    qtbot.mouseClick(page.view.empty_state.button, Qt.MouseButton.LeftButton)  # Clear filters
    assert page.status_filter.currentIndex() == 0 and page.model.rowCount() == 1


def test_delete_asks_then_the_list_and_the_bin_hear_of_it(ctx, client, qtbot, monkeypatch):
    from app.services import recycle_bin

    documents.create_document(ctx.archive, "letter", "letter", "对账函", client_id=client.id)
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    heard = []
    ctx.events.changes.connect(heard.append)
    menu = page.view.context_menu_for(0)
    assert [action.text() for action in menu.actions()] == ["Open", "Delete"]
    asked = []
    monkeypatch.setattr(
        "app.ui.documents.page.confirm", lambda _p, _t, text: asked.append(text) or True
    )
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "对账函" in asked[0] and page.model.rowCount() == 0
    assert [c.kinds for c in heard] == [frozenset({"document"})]  # announced once
    assert [item.title for item in recycle_bin.list_items(ctx.archive, "document")] == ["对账函"]


def test_issuing_a_notice_refreshes_the_outgoing_register(ctx, client, qtbot, monkeypatch):
    from app.ui.letters.page import LettersPage

    record = documents.create_document(
        ctx.archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    register = LettersPage(ctx)
    qtbot.addWidget(register)
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    monkeypatch.setattr(editor, "ask_comment", lambda _action: "")
    editor.review(ReviewAction.SUBMIT)
    editor.review(ReviewAction.APPROVE)
    assert register.outgoing.model.rowCount() == 0
    assert editor.issue()
    assert [register.outgoing.model.row_at(0).number] == ["〔2026〕1号"]
    assert register.outgoing.year_filter.findData(2026) > 0


def test_versions_and_review_steps_are_kit_lists(ctx, client, qtbot, qtmodeltester):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.documents.review_dialog import ReviewCommentDialog

    record = documents.create_document(
        ctx.archive, "letter", "letter", "对账函", client_id=client.id, values={"body": "甲"}
    )
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    editor.set_value("body", "乙")
    asked = []

    def answer() -> None:  # the comment is asked in a form of its own (Esc there asks first)
        dialog = QApplication.activeModalWidget()
        asked.append(dialog)
        dialog.comment.setPlainText("付款条款需分期")
        dialog.ok_button.click()

    assert editor.review(ReviewAction.SUBMIT)  # the edit is saved first: version 2
    QTimer.singleShot(0, answer)
    assert editor.review(ReviewAction.RETURN)
    assert isinstance(asked[0], ReviewCommentDialog)
    assert editor.record.status == DocStatus.RETURNED
    assert [editor.versions_model.index(r, 0).data() for r in range(2)] == ["v1", "v2"]
    assert editor.reviews_model.index(1, 3).data() == "付款条款需分期"
    assert "→" in editor.reviews_model.index(1, 2).data()
    for model in (editor.versions_model, editor.reviews_model):
        qtmodeltester.check(model)


def test_a_notice_previews_in_the_gongwen_layout_it_prints_in(ctx, client, qtbot):
    """GB/T 9704-2012: 发文机关标志 in red above a red rule, 标题 centred, 主送机关 flush left,
    正文 indented two characters, 署名 and 成文日期 右空四字 — the preview shows the page the PDF
    prints, not the ordinary document layout."""
    record = documents.create_document(
        ctx.archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    editor.refresh_preview()
    shown = editor.preview_view.toPlainText()
    lines = [line.strip() for line in shown.splitlines() if line.strip()]
    assert lines[0] == "华信科技有限公司文件"  # the masthead of a notice: 机关全称 + 文件
    assert lines.index("各单位：") < lines.index("自下月起调价。")
    page = editor.preview_view.toHtml()
    assert "#d00000" in page  # the red masthead and rule
    assert re.search(r"align=\"center\"[^>]*>\s*<span[^>]*>关于调价的通知", page)
    assert "华信科技有限公司" in lines[-4:]  # 署名 at the foot, before the 版记
    assert any(line.endswith("印发") for line in lines[-2:])


def test_a_letter_previews_with_the_double_rule_and_a_missing_value_in_red(ctx, client, qtbot):
    record = documents.create_document(
        ctx.archive, "letter", "letter", client_id=client.id, values={"subject": "对账"}
    )
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    editor.refresh_preview()
    shown = editor.preview_view.toPlainText()
    assert shown.strip().splitlines()[0].strip() == "华信科技有限公司"  # a 函: the name alone
    assert "【未填：正文】" in shown and "#c0392b" in editor.preview_view.toHtml()
