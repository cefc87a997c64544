"""导入 Word 模板… and 导出 Word… in the templates dialog, 导出 Word… in the document editor and
the character-level version comparison, driven through the real widgets (issue 12 §4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from word_samples import W, document_xml, paragraphs, write_docx

from app.domain.documents import DocumentKind
from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft
from app.services import clients, documents, settings
from app.services.documents import ContractLine, Edit
from app.ui.context import UiContext, UiEvents
from app.ui.documents.editor import DocumentEditor
from app.ui.documents.page import DocumentsPage
from app.ui.documents.word_import_dialog import WordImportDialog
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(
        "app.ui.documents.templates_dialog.show_error", lambda _p, exc, _l: shown.append(exc)
    )
    monkeypatch.setattr("app.ui.documents.editor.show_error", lambda _p, exc, _l: shown.append(exc))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    return shown


@pytest.fixture
def client_id(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    draft = ClientDraft(name="北京恒信贸易有限公司", tier=Tier.A, status=ClientStatus.ACTIVE)
    return clients.create_client(archive, draft, []).id


def _templates_dialog(ctx, qtbot):
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    dialog = page.open_templates()
    qtbot.addWidget(dialog)
    return dialog


def test_import_a_word_template_by_clicking_lists_it_with_its_fields(
    ctx, qtbot, tmp_path, monkeypatch, errors
):
    dialog = _templates_dialog(ctx, qtbot)
    source = write_docx(tmp_path / "法务合同.docx")
    monkeypatch.setattr(
        "app.ui.documents.templates_dialog.user_settings.open_file", lambda *a, **k: str(source)
    )

    def answer(self):
        assert self.name_edit.text() == "法务合同"  # the file's name offered
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(DocumentKind.AGREEMENT.value))
        self.name_edit.setText("法务购销合同")
        return True

    monkeypatch.setattr(WordImportDialog, "exec", answer)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not errors
    current = dialog.current()
    assert current.name == "法务购销合同" and current.docx
    assert "法务购销合同" in dialog.list.currentItem().text()
    assert "Word" in dialog.list.currentItem().text()
    assert "交货地点" in dialog.info.text() and "客户名称" in dialog.info.text()
    editor = DocumentEditor(ctx)
    qtbot.addWidget(editor)
    assert editor.template_combo.findData(current.key) >= 0


def test_a_broken_word_file_is_refused_with_a_message_and_nothing_listed(
    ctx, qtbot, tmp_path, errors
):
    dialog = _templates_dialog(ctx, qtbot)
    count = dialog.list.count()
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    assert not dialog.import_word(str(bad), DocumentKind.AGREEMENT, "坏")
    assert len(errors) == 1 and "template_file" in errors[0].fields
    assert dialog.list.count() == count


def test_export_a_builtin_template_as_word(ctx, qtbot, tmp_path, monkeypatch, errors):
    dialog = _templates_dialog(ctx, qtbot)
    dialog.list.setCurrentRow([t.key for t in dialog.templates].index("notice"))
    out = tmp_path / "通知.docx"
    monkeypatch.setattr(
        "app.ui.documents.templates_dialog.user_settings.save_file", lambda *a, **k: str(out)
    )
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not errors and out.exists()
    tags = {t.get(f"{{{W}}}val") for t in document_xml(out).iter(f"{{{W}}}tag")}
    assert "doc.number" in tags and "signature" in tags


def test_editor_exports_word_and_compares_versions_by_character(
    ctx, qtbot, tmp_path, monkeypatch, errors, client_id
):
    documents_service = documents
    from app.services.documents import word

    word.import_template(ctx.archive, write_docx(tmp_path / "法务.docx"), "agreement", "法务合同")
    doc = documents_service.create_document(
        ctx.archive,
        "agreement",
        "法务合同",
        client_id=client_id,
        values={"delivery_place": "甲方仓库", "warranty": "十二个月"},
        lines=[ContractLine("服务器", "R740", Decimal("2"), "台", Decimal("45000"))],
    )
    documents_service.save_document(
        ctx.archive, doc.id, Edit(values={**doc.values, "warranty": "十八个月"})
    )
    editor = DocumentEditor(ctx, doc.id)
    qtbot.addWidget(editor)
    out = tmp_path / "给对方.docx"
    monkeypatch.setattr("app.ui.documents.editor.user_settings.save_file", lambda *a, **k: str(out))
    qtbot.mouseClick(editor.word_button, Qt.MouseButton.LeftButton)
    assert not errors and "质保期十八个月。" in paragraphs(out)

    editor.old_version.setCurrentIndex(editor.old_version.findData(1))
    editor.new_version.setCurrentIndex(editor.new_version.findData(2))
    qtbot.mouseClick(editor.compare_button, Qt.MouseButton.LeftButton)
    assert "~ 质保期十二八个月。" in editor.diff_view.toPlainText()
    # exactly the one character struck out and the one put in are marked
    html = editor.diff_view.toHtml()
    struck = [
        p.split(">", 1)[1].split("<", 1)[0] for p in html.split("<span")[1:] if "line-through" in p
    ]
    added = [
        p.split(">", 1)[1].split("<", 1)[0] for p in html.split("<span")[1:] if "font-weight" in p
    ]
    assert struck == ["二"] and added == ["八"]
