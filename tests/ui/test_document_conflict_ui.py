"""Two people on one document, in the 文书 editor (issue 14 §3): a save made on an older version is
refused with who changed what and the same choices as every form (载入最新 / 取消); the typing is
kept until 载入最新 is chosen, and a save on the latest version goes through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
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


class _Comments:
    """Stands in for the comment dialog: records the comment offered, answers as told."""

    def __init__(self, *answers: str):
        self.answers, self.offered = list(answers), []

    def ask(self, _title, _parent=None, text: str = "") -> str:
        self.offered.append(text)
        return self.answers.pop(0)


def test_a_review_step_on_a_document_someone_else_moved_on_is_refused_and_refreshed(
    ctx, other, qtbot, monkeypatch
):
    from app.domain.documents import DocStatus, ReviewAction
    from app.ui.documents import editor as editor_module

    letter = documents.create_document(ctx.archive, "letter", "letter", values={"subject": "对账"})
    letter = documents.review(ctx.archive, letter.id, ReviewAction.SUBMIT, "张三")
    editor = DocumentEditor(ctx, letter.id)
    qtbot.addWidget(editor)
    editor.show()
    documents.review(other, letter.id, ReviewAction.RETURN, "赵六", "抬头写错")  # meanwhile
    documents.review(other, letter.id, ReviewAction.SUBMIT, "张三")

    comments = _Comments("金额有误", "金额有误")
    monkeypatch.setattr(editor_module, "ReviewCommentDialog", comments)
    answers = Answers(forms.KEEP)
    monkeypatch.setattr(forms, "choose", answers)
    qtbot.mouseClick(editor.review_buttons[ReviewAction.RETURN], Qt.MouseButton.LeftButton)

    text, buttons = answers.asked[0]
    lines = text.splitlines()
    assert lines[0] == "此记录已被 王五 于 2026-11-26 10:35 修改："
    assert lines[-1] == "Your step was not taken; the document now shows as it is."
    assert buttons == ["OK"]
    now = documents.get_document(ctx.archive, letter.id)
    assert [r.actor for r in now.reviews] == ["张三", "赵六", "张三"]  # nothing of the refused
    assert editor.record.record_version == now.record_version  # the view shows it as it is
    assert [r.actor for r in editor.reviews_model.rows] == ["张三", "赵六", "张三"]

    qtbot.mouseClick(editor.review_buttons[ReviewAction.RETURN], Qt.MouseButton.LeftButton)
    assert comments.offered == ["", "金额有误"]  # the comment typed is not lost
    assert len(answers.asked) == 1  # on the version shown the step is taken
    taken = documents.get_document(ctx.archive, letter.id)
    assert taken.status == DocStatus.RETURNED and len(taken.reviews) == 4
    assert ("", "金额有误") in [(r.actor, r.comment) for r in taken.reviews]  # 10:30, listed first
    assert editor.record.status == DocStatus.RETURNED
