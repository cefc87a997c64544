"""Two people on one document, in the 文书 editor (issue 14 §3): a save made on an older version is
refused with who changed what and the same choices as every form (载入最新 / 取消); the typing is
kept until 载入最新 is chosen, and a save on the latest version goes through."""

from __future__ import annotations

import pytest
from user_input import Answers, type_text

from app.services import documents
from app.services.documents import Edit
from app.ui.context import UiContext, UiEvents
from app.ui.documents.editor import DocumentEditor
from app.ui.kit import forms
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def test_a_document_saved_by_someone_else_meanwhile_is_refused_and_reloaded(
    ctx, other, qtbot, monkeypatch
):
    letter = documents.create_document(ctx.archive, "letter", "letter", values={"subject": "对账"})
    editor = DocumentEditor(ctx, letter.id)
    qtbot.addWidget(editor)
    editor.show()
    documents.save_document(other, letter.id, Edit(title="对账函之二"))

    editor.title_edit.clear()
    type_text(editor.title_edit, "对账函之三")
    answers = Answers(forms.KEEP, forms.RELOAD)
    monkeypatch.setattr(forms, "choose", answers)
    editor.save()

    text, buttons = answers.asked[0]
    lines = text.splitlines()
    assert lines[0] == "此记录已被 王五 于 2026-11-26 10:35 修改："
    assert "标题 由" in text and "“对账函之二”" in text and lines[-1] == "您的修改尚未保存。"
    assert buttons == ["Load latest", "Cancel"]
    assert editor.title_edit.text() == "对账函之三"  # 取消: the typing stays
    assert editor.save_button.isEnabled()
    assert documents.get_document(ctx.archive, letter.id).title == "对账函之二"

    editor.save()  # refused again; this time 载入最新
    assert editor.title_edit.text() == "对账函之二"
    assert editor.record.version == 2 and not editor.has_unsaved_changes()

    editor.title_edit.clear()
    type_text(editor.title_edit, "对账函之三")
    assert editor.save()  # on the latest version it saves
    saved = documents.get_document(ctx.archive, letter.id)
    assert (saved.title, saved.version) == ("对账函之三", 3)
