"""文号前缀: the 机关代字 printed before 〔year〕 in the number of each numbered kind of document,
with the number the next document of that kind would get as it is typed (华信函〔2026〕12号):
each kind counts its own numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.domain.documents import DocumentKind
from app.services import documents
from app.services.archive import Archive
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.forms import FormDialog, error_line
from app.ui.kit.labels import shown
from app.ui.widgets import error_text

# What a prefix looks like for each numbered kind (the placeholder of its box).
PREFIX_EXAMPLES = {
    DocumentKind.NOTICE: "华信通",
    DocumentKind.LETTER: "华信函",
    DocumentKind.FAX: "华信传",
}


def save_prefixes(archive: Archive, prefixes: dict[DocumentKind, str]) -> None:
    """Saves the prefixes that changed, in the order of the form (the first refused stops)."""
    for kind, prefix in prefixes.items():
        documents.save_number_prefix(archive, kind, prefix)


class NumberPrefixDialog(FormDialog):
    """One box per numbered kind, named, and beside it the next number with what is typed."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Number prefixes"))
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "The issuing code printed before 〔year〕 in the number of each kind of "
                "document. Left empty, the number starts with 〔year〕."
            )
        )
        intro.setWordWrap(True)
        self.saved_prefixes = documents.number_prefixes(ctx.archive)
        self.edits: dict[DocumentKind, QLineEdit] = {}
        self.examples: dict[DocumentKind, QLabel] = {}
        form = QFormLayout()
        for kind in (k for k in DocumentKind if k in self.saved_prefixes):
            form.addRow(self.tr("{0}:").format(shown(kind, self.ctx.lang)), self._row(kind))
        self.error = error_line()
        layout = boxes.column(intro, form, self.error, parent=self)
        layout.addWidget(self.save_buttons(self.save))  # Enter saves; closing with changes asks

    def _row(self, kind: DocumentKind) -> QHBoxLayout:
        edit = QLineEdit(self.saved_prefixes[kind])
        edit.setPlaceholderText(self.tr("e.g. {0}").format(PREFIX_EXAMPLES.get(kind, "")))
        example = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        edit.textChanged.connect(lambda _text: self.show_example(kind))
        self.edits[kind], self.examples[kind] = edit, example
        self.show_example(kind)
        return boxes.row((edit, 1), (example, 1))

    def show_example(self, kind: DocumentKind) -> None:
        number = documents.next_doc_number(self.ctx.archive, self.edits[kind].text(), kind)
        self.examples[kind].setText(self.tr("Next number: {0}").format(number))

    def save(self) -> None:
        """Saves the changed prefixes in the background, then closes; a prefix refused is
        said under the form."""
        self.error.clear()
        changed = {
            kind: edit.text()
            for kind, edit in self.edits.items()
            if edit.text().strip() != self.saved_prefixes[kind]
        }
        ops.write(
            self,
            save_prefixes,
            self.ctx.archive,
            changed,
            changes={"number_prefix"},
            on_done=lambda _none: self.accept(),
            on_error=lambda exc: self.error.setText(error_text(exc, self.ctx.lang)),
        )
