"""The rows of a technical or commercial response/deviation table (响应/偏离表) in the packet
builder. Rows copied in Excel or Word paste in with Ctrl+V (or 粘贴行): tab-separated text,
or the HTML table when there is no text; a 序号 column and a heading row are dropped. 导入文件…
appends the rows of a .xlsx or .csv (read by the builder, which has the archive's runner)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain import deviation_rows
from app.ui.kit import boxes

DEVIATIONS = ("无偏离", "正偏离", "负偏离")
COLUMNS = 4
DEVIATION_COLUMN = 2


class DeviationTable(QTableWidget):
    """The grid: Ctrl+V pastes rows (or one value into the current cell)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            event.accept()
            return
        super().keyPressEvent(event)

    def paste_clipboard(self) -> int:
        """Pastes what the clipboard holds; returns the number of rows pasted."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return 0
        text = mime.text() if mime.hasText() else ""
        html = mime.html() if mime.hasHtml() else ""
        single = text.strip("\r\n")
        if single and "\t" not in single and "\n" not in single and self.currentRow() >= 0:
            self._set_cell(self.currentRow(), max(0, self.currentColumn()), single.strip())
            return 1
        rows = deviation_rows.from_clipboard(text, html)
        if not rows:
            return 0
        start = self._paste_start()
        for offset, values in enumerate(rows):
            self.insert_row(start + offset, values)
        self.setCurrentCell(start, 0)
        return len(rows)

    def _paste_start(self) -> int:
        """Pasted rows go after the current row, or over it when it is blank; at the end when
        no row is current."""
        row = self.currentRow()
        if row < 0:
            return self.rowCount()
        if not any(self.text(row, c) for c in (0, 1, 3)):
            self.removeRow(row)
            return row
        return row + 1

    def insert_row(self, row: int, values: list | None = None) -> None:
        values = [str(v) for v in (list(values or []) + [""] * COLUMNS)[:COLUMNS]]
        self.insertRow(row)
        for column in (0, 1, 3):
            self.setItem(row, column, QTableWidgetItem(values[column]))
        combo = QComboBox()
        combo.setEditable(True)  # a pasted 偏离情况 other than the three is kept as it is
        combo.addItems(DEVIATIONS)
        combo.setCurrentText(values[DEVIATION_COLUMN] or DEVIATIONS[0])
        self.setCellWidget(row, DEVIATION_COLUMN, combo)

    def _set_cell(self, row: int, column: int, text: str) -> None:
        if column == DEVIATION_COLUMN:
            self.cellWidget(row, column).setCurrentText(text)
        else:
            self.setItem(row, column, QTableWidgetItem(text))

    def text(self, row: int, column: int) -> str:
        if column == DEVIATION_COLUMN:
            combo = self.cellWidget(row, column)
            return combo.currentText().strip() if combo else ""
        item = self.item(row, column)
        return item.text().strip() if item else ""


class DeviationEditor(QWidget):
    """The rows of a technical or commercial response/deviation table."""

    HEADERS = ("招标文件要求", "投标响应", "偏离情况", "说明")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = DeviationTable(0, COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tender requirement"),
                self.tr("Our response"),
                self.tr("Deviation"),
                self.tr("Remark"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 220)
        self.add_button = QPushButton(self.tr("Add row"), clicked=lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.remove_button.clicked.connect(self.remove_rows)
        self.paste_button = QPushButton(self.tr("Paste rows"))
        self.paste_button.setToolTip(
            self.tr("Rows copied in Excel or Word (Ctrl+V in the table does the same)")
        )
        self.paste_button.clicked.connect(self.table.paste_clipboard)
        self.import_button = QPushButton(self.tr("Import file…"))
        self.import_button.setToolTip(
            self.tr(
                "Rows of an Excel (.xlsx) or CSV file: requirement, response, deviation, remark"
            )
        )
        hint = QLabel(
            self.tr("Empty, the table prints numbered rows filling its page, to fill in by hand.")
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        buttons = boxes.row(
            self.add_button, self.remove_button, self.paste_button, self.import_button, ...
        )
        boxes.column(self.table, buttons, hint, parent=self, margin=0)

    def show_rows(self, rows: list) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self.add_row(list(row))

    def append_rows(self, rows: list[list[str]]) -> None:
        """Rows read from a file, after the rows there (blank trailing rows give way)."""
        while self.table.rowCount() and not any(
            self.table.text(self.table.rowCount() - 1, c) for c in (0, 1, 3)
        ):
            self.table.removeRow(self.table.rowCount() - 1)
        for values in rows:
            self.add_row(list(values))

    def add_row(self, values: list | None = None) -> int:
        row = self.table.rowCount()
        self.table.insert_row(row, values)
        self.table.setCurrentCell(row, 0)
        return row

    def remove_rows(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def rows(self) -> list[list[str]]:
        result = []
        for row in range(self.table.rowCount()):
            texts = [self.table.text(row, column) for column in range(COLUMNS)]
            if texts[0] or texts[1] or texts[3]:
                result.append(texts)
        return result
