"""导入 Word 模板: the file chosen, its kind and the name it is listed under."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.documents import DocumentKind
from app.ui.kit.forms import FormDialog
from app.ui.kit.labels import add_choices


class WordImportDialog(FormDialog):
    """Asks the kind and the name of a Word template about to be imported."""

    def __init__(self, path: Path, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Word template"))
        self.path = Path(path)
        self.kind_combo = QComboBox()
        add_choices(self.kind_combo, DocumentKind, lang)
        self.name_edit = QLineEdit(self.path.stem)
        hint = QLabel(
            self.tr(
                "Placeholders are Word plain-text content controls whose tag is the field's key"
                " (client.name, amount.capitals, lines_table …) and whose title is its label;"
                " {{key|label}} typed as text works too. An import under an existing name"
                " replaces that template."
            ),
            wordWrap=True,
            styleSheet="color: #666;",
        )
        form = QFormLayout()
        form.addRow(self.tr("File"), QLabel(self.path.name))
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Name"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.save_buttons(self.accept, self.tr("Import")))
        self.set_form_buttons(self.save_button, guard=False)
        self.resize(520, 220)

    def kind(self) -> DocumentKind:
        return DocumentKind(self.kind_combo.currentData())

    def name(self) -> str:
        return self.name_edit.text().strip()
