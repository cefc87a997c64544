"""合同明细 rows copied in Excel or Word paste in as lines: Ctrl+V on the table, or a paste into
a cell being edited, spreads the tab-separated cells over 产品, 型号规格, 数量, 单位 and 单价
(a heading row and a 序号 column dropped), never one line whose 产品 holds every cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from app.domain.documents import ContractLine
from app.domain.records import ClientDraft
from app.services import clients
from app.ui.context import UiContext, UiEvents
from app.ui.documents.editor import DocumentEditor
from app.ui.tasks import SynchronousTaskRunner

COPIED = "序号\t产品\t型号规格\t数量\t单位\t单价\n1\t服务器\tR740\t2\t台\t45800\n2\t交换机\tS5735\t4\t台\t3,200.5\n"


@pytest.fixture
def editor(archive, qapp, qtbot):
    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
    client = clients.create_client(archive, ClientDraft(name="北京恒信贸易有限公司"))
    editor = DocumentEditor(ctx, client_id=client.id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _cells(editor) -> list[list[str]]:
    table = editor.lines_table
    return [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]


def test_ctrl_v_on_the_lines_pastes_rows_copied_in_excel(editor, qtbot):
    editor.add_line(("路由器", "AR6140", "1", "台", "12000"))
    table = editor.lines_table
    table.setCurrentCell(0, 0)
    table.setFocus()
    QGuiApplication.clipboard().setText(COPIED)

    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    assert _cells(editor) == [
        ["服务器", "R740", "2", "台", "¥45,800.00"],
        ["交换机", "S5735", "4", "台", "¥3,200.50"],
    ]
    assert editor.current_lines() == (
        ContractLine("服务器", "R740", Decimal(2), "台", Decimal("45800.00")),
        ContractLine("交换机", "S5735", Decimal(4), "台", Decimal("3200.50")),
    )


def test_rows_pasted_into_a_cell_being_edited_become_lines(editor, qtbot):
    table = editor.lines_table
    editor.add_line()  # 添加一行: the cursor is in its 产品 cell, editing
    qtbot.wait(20)
    [cell] = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    QGuiApplication.clipboard().setText("服务器\tR740\t2\t台\t45800\n交换机\tS5735\t4\t台\t3200.5")

    qtbot.keyClick(cell, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)

    assert _cells(editor) == [
        ["服务器", "R740", "2", "台", "¥45,800.00"],
        ["交换机", "S5735", "4", "台", "¥3,200.50"],
    ]


def test_one_value_pastes_into_the_current_cell(editor, qtbot):
    editor.add_line(("服务器", "R740", "1", "台", "45800"))
    table = editor.lines_table
    table.setCurrentCell(0, 2)
    table.setFocus()
    QGuiApplication.clipboard().setText("6\n")

    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    assert _cells(editor) == [["服务器", "R740", "6", "台", "¥45,800.00"]]
