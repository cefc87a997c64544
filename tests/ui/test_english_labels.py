"""The window in English on the demo archive: no stored Chinese status, kind or method is shown
as it is (合作中, 跟踪中, 草稿, 待办理, 未开始, 公开招标, 拜访…). Every page, the client page with its
timeline, and the dialogs that show a status are walked: each model's cells and headers, each
combo box's items and each label."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clock import FIXED_NOW
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QTabWidget

from app.demo import generate_demo
from app.domain import labels
from app.domain.enums import Tier
from app.domain.tenders import TenderStatus
from app.services import documents, letters, minutes, tenders
from app.services.archive import copy_database, open_archive
from app.ui import application
from app.ui.context import UiContext, UiEvents
from app.ui.documents.editor import DocumentEditor
from app.ui.letters.dialog import open_letter_dialog
from app.ui.minutes.close_action_dialog import CloseActionDialog
from app.ui.minutes.minutes_dialog import MinutesDialog
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.tender_dialog import TenderDialog

# What a cell is cut into before its pieces are compared with the stored words ("活动 · 拜访",
# "Status: 草稿", "提交审核(草稿→审核中)"); a title such as "传真:年度对账" is data, one piece.
PIECES = re.compile(r"[\s·,，;；()（）\[\]【】→/|]+")
MAX_ROWS = 1000


def status_words() -> set[str]:
    """The Chinese words of every closed vocabulary (stored values and their labels)."""
    words = set()
    for vocabulary, pairs in labels.LABELS.items():
        if vocabulary is Tier:
            continue  # shown as the letter only
        for value, (zh, _en) in pairs.items():
            words |= {zh, value}
    return {w for w in words if re.search(r"[\u4e00-\u9fff]", w)}


WORDS = status_words()


def chinese_words_in(text: object) -> list[str]:
    return [p for p in PIECES.split(str(text or "")) if p in WORDS]


def model_cells(model: QAbstractItemModel, limit: int = MAX_ROWS) -> list[tuple[object, str]]:
    """(where, text) of every header and display cell, more rows fetched up to `limit`."""
    root = QModelIndex()
    while model.canFetchMore(root) and model.rowCount(root) < limit:
        model.fetchMore(root)
    found = []
    rows = min(model.rowCount(root), limit)
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model (QAbstractListModel keeps columnCount private)
        columns = 1
    for orientation, count in (
        (Qt.Orientation.Horizontal, columns),
        (Qt.Orientation.Vertical, rows),
    ):
        for section in range(count):
            found.append((("header", section), model.headerData(section, orientation)))
    for row in range(rows):
        for column in range(columns):
            text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            found.append(((row, column), text))
    return [(where, text) for where, text in found if isinstance(text, str)]


def chinese_status_texts(root) -> list[tuple[str, object, str]]:
    """Every place under `root` (tabs visited in turn) that shows a stored Chinese word."""
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
    leaks = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None:
            name = type(model).__name__
            leaks += [(name, where, t) for where, t in model_cells(model) if chinese_words_in(t)]
    for combo in root.findChildren(QComboBox):
        texts = [combo.itemText(i) for i in range(combo.count())]
        leaks += [("combo", i, t) for i, t in enumerate(texts) if chinese_words_in(t)]
    for label in root.findChildren(QLabel):
        if chinese_words_in(label.text()):
            leaks.append(("label", label.objectName(), label.text()))
    return list(dict.fromkeys(leaks))  # a combo box's popup list is a view of the same items


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    built = open_archive(path, clock=lambda: FIXED_NOW)
    generate_demo(built, clients=300)
    built.close()
    return path


@pytest.fixture
def demo(tmp_path, demo_template, qapp):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    path = tmp_path / "demo.sqlite3"
    copy_database(demo_template, path)
    opened = open_archive(path, clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


def test_the_helper_finds_a_stored_word():
    assert chinese_words_in("提交审核(草稿→审核中)") == ["提交审核", "草稿", "审核中"]
    assert chinese_words_in("Activity · 拜访") == ["拜访"]
    assert chinese_words_in("北京华信科技有限公司") == []
    assert chinese_words_in("Draft") == []


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_page_shows_statuses_in_the_window_language(demo, qtbot, lang):
    window = application.build_window(demo, SynchronousTaskRunner(), lang)
    qtbot.addWidget(window)
    window.show()
    leaks = []
    for key in window.AREAS:
        window.show_area(key)
        leaks += [(key, *leak) for leak in chinese_status_texts(window.stack.currentWidget())]
    client_id = next(iter(tenders.list_tenders(demo))).client_id  # one with a tender
    window.show_client(client_id)
    leaks += [("client", *leak) for leak in chinese_status_texts(window.client_page)]
    if lang == "en":
        assert leaks == [], "\n".join(map(str, leaks))
    else:  # the same walk finds the Chinese words: the test looks where they are
        assert {leak[0] for leak in leaks} >= {"clients", "tenders", "documents", "letters"}


def test_dialogs_show_statuses_in_english(demo, qtbot):
    ctx = UiContext(demo, SynchronousTaskRunner(), UiEvents(), "en")
    tender = tenders.list_tenders(demo)[0]
    document = documents.list_documents(demo)[0]
    letter = letters.list_letters(demo)[0]
    meeting = minutes.list_meetings(demo)[0]
    action = minutes.open_actions(demo, limit=1).rows[0]
    dialogs = [
        TenderDialog(ctx, tender.id),
        DocumentEditor(ctx, document.id),
        open_letter_dialog(ctx, letter.id),
        MinutesDialog(ctx, meeting.id),
        CloseActionDialog(ctx, action),
    ]
    leaks = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        leaks += [(type(dialog).__name__, *leak) for leak in chinese_status_texts(dialog)]
    assert leaks == []
    english = {en for _zh, en in labels.LABELS[TenderStatus].values()}
    assert dialogs[0].status_combo.currentText() in english
