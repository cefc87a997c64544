"""One qualification of the library (营业执照, 资质证书…) with its validity and its scans (a button or
a drop; PDF, JPG or PNG), saved in the background."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.domain.errors import AppError, FieldProblem
from app.domain.messages import problem_text
from app.services import attachments, qualifications
from app.services.archive import Archive
from app.services.qualifications import KINDS, SCAN_SUFFIXES, QualificationDraft
from app.services.qualifications import QualificationRecord as Record
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.files import DropsFiles, open_attachment, show_file
from app.ui.kit.forms import FieldErrors, FormDialog, OptionalDate, problems_of
from app.ui.widgets import error_text, format_size, message_lang


def is_scan(path: Path) -> bool:
    return path.suffix.lower() in SCAN_SUFFIXES


def save_qualification(
    archive: Archive,
    qualification_id: int | None,
    draft: QualificationDraft,
    new_files: Sequence[Path],
    removed_ids: Sequence[int],
    expected_version: int | None = None,
) -> Record:
    """The form's save, on a worker thread: the fields, the scans removed and the scans added
    (nothing when someone else changed the qualification after `expected_version`)."""
    if qualification_id is None:
        return qualifications.add(archive, draft, new_files)
    qualifications.update(archive, qualification_id, draft, expected_version)
    for attachment_id in removed_ids:
        attachments.remove(archive, attachment_id)
    return qualifications.add_files(archive, qualification_id, new_files)


class QualificationDialog(DropsFiles, FormDialog):
    """Add or edit one qualification with its scans (button or drag and drop; PDF/JPG/PNG)."""

    def __init__(
        self, ctx: UiContext, qualification_id: int | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.qualification_id = qualification_id
        self.record = (
            qualifications.get(ctx.archive, qualification_id) if qualification_id else None
        )
        self.saved: Record | None = None
        self.new_files: list[Path] = []
        self.removed_ids: set[int] = set()
        self.errors = FieldErrors(ctx.lang)
        self.setWindowTitle(
            self.tr("New qualification") if self.record is None else self.tr("Edit qualification")
        )
        self.setMinimumWidth(520)
        self.setAcceptDrops(True)
        self._build()
        if self.record is not None:
            self._fill(self.record)
        self.reload_files()

    def extra_state(self) -> object:
        return (tuple(self.new_files), frozenset(self.removed_ids))  # scans added or removed

    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #a61b1b; background: #fdecea; padding: 6px;")
        self.banner.hide()
        self.title_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self, editable=True)
        self.kind_combo.addItems(KINDS)
        self.kind_combo.setCurrentIndex(-1)
        self.issuer_edit = QLineEdit(self)
        today = self.ctx.archive.today()
        self.valid_from = OptionalDate("", today, self)
        self.expires = OptionalDate("", today, self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(50)
        form = QFormLayout()
        for label, name, widget in (
            (self.tr("Title *"), "qualification_title", self.title_edit),
            (self.tr("Kind"), "kind", self.kind_combo),
            (self.tr("Issuer"), "issuer", self.issuer_edit),
            (self.tr("Valid from"), "valid_from", self.valid_from),
            (self.tr("Expires on"), "expires_on", self.expires),
            (self.tr("Notes"), "notes", self.notes_edit),
            (self.tr("Scans"), "file", self._files_box()),
        ):
            form.addRow(label, self.errors.wrap(name, widget))
        layout = boxes.column(self.banner, form, parent=self)
        # Enter saves; closing with changes asks
        layout.addWidget(self.save_buttons(self.save, self.tr("Save"), self.tr("Cancel")))

    def _files_box(self) -> QWidget:
        box = QWidget(self)
        self.file_list = QListWidget(box, minimumHeight=90)
        self.file_list.itemDoubleClicked.connect(lambda _item: self.open_selected_file())
        add = QPushButton(self.tr("Add scans…"), box, clicked=self.choose_files)
        self.open_file_button = QPushButton(self.tr("Open"), box, clicked=self.open_selected_file)
        self.remove_file_button = QPushButton(self.tr("Remove"), box)
        self.remove_file_button.clicked.connect(self.remove_selected_file)
        column = boxes.column(add, self.open_file_button, self.remove_file_button, ...)
        hint = QLabel(self.tr("PDF, JPG or PNG; drop files here. Pages are merged in this order."))
        hint.setStyleSheet("color: gray;")
        hint.setWordWrap(True)
        left = boxes.column(self.file_list, hint, margin=0)
        boxes.row((left, 1), column, parent=box, margin=0)
        return box

    def _fill(self, record: Record) -> None:
        self.title_edit.setText(record.title)
        self.kind_combo.setCurrentText(record.kind)
        self.issuer_edit.setText(record.issuer)
        self.valid_from.set_value(record.valid_from)
        self.expires.set_value(record.expires_on)
        self.notes_edit.setPlainText(record.notes)
        fetch = functools.partial(qualifications.get, self.ctx.archive, record.id)
        self.edits_version(record.version, fetch, self._refill)

    def _refill(self, record: Record) -> None:
        """The qualification as it is now (载入最新 after a refused save)."""
        self.record = record
        self._fill(record)
        self.reload_files()

    # --- scans ----------------------------------------------------------------------------
    def reload_files(self) -> None:
        self.file_list.clear()
        for stored in self.record.files if self.record else ():
            if stored.id not in self.removed_ids:
                text = f"{stored.original_name}  ({format_size(stored.size)})"
                self._add_item(text, stored.id)
        for path in self.new_files:
            self._add_item(self.tr("{0}  (new)").format(path.name), str(path))

    def _add_item(self, text: str, data: int | str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        self.file_list.addItem(item)

    def file_names(self) -> list[str]:
        return [self.file_list.item(i).text() for i in range(self.file_list.count())]

    def choose_files(self) -> None:
        names = user_settings.open_files(
            self, "scans", self.tr("Add scans"), self.tr("Scans (*.pdf *.jpg *.jpeg *.png)")
        )
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> list[Path]:
        """Queues scans for saving; returns the files refused (not PDF/JPG/PNG)."""
        refused = [p for p in paths if not is_scan(p) or not p.is_file()]
        self.new_files.extend(p for p in paths if p not in refused and p not in self.new_files)
        self.errors.clear()
        if refused:
            names = "、".join(p.name for p in refused)
            self.errors.show([FieldProblem("file", "unsupported_scan", {"value": names})])
        self.reload_files()
        return refused

    def _selected(self) -> int | str | None:
        item = self.file_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def open_selected_file(self) -> None:
        selected = self._selected()
        if isinstance(selected, int):
            open_attachment(self, selected)
        elif isinstance(selected, str):
            show_file(selected)

    def remove_selected_file(self) -> None:
        selected = self._selected()
        if isinstance(selected, int):
            self.removed_ids.add(selected)
        elif isinstance(selected, str):
            self.new_files = [p for p in self.new_files if str(p) != selected]
        self.reload_files()

    # --- saving ---------------------------------------------------------------------------
    def draft(self) -> QualificationDraft:
        return QualificationDraft(
            title=self.title_edit.text(),
            kind=self.kind_combo.currentText(),
            issuer=self.issuer_edit.text(),
            valid_from=self.valid_from.value(),
            expires_on=self.expires.value(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> None:
        """Saves in the background; the dialog closes when it is saved, else shows why not."""
        self.errors.clear()
        self.banner.hide()
        ops.write(
            self,
            self.versioned(save_qualification),
            self.ctx.archive,
            self.qualification_id,
            self.draft(),
            tuple(self.new_files),
            tuple(self.removed_ids),
            changes={"qualification"},
            on_done=self._saved,
            on_error=self._refused,
        )

    def _saved(self, record: Record) -> None:
        self.qualification_id, self.record, self.saved = record.id, record, record
        self.new_files, self.removed_ids = [], set()
        self.accept()

    def _refused(self, exc: Exception) -> None:
        problems = problems_of(exc) if isinstance(exc, AppError) else []
        unplaced = self.errors.show(problems) if problems else []
        if unplaced or not problems:
            lang = message_lang(self.ctx.lang)
            words = [problem_text(p.field, p.code, p.details, lang) for p in unplaced]
            self.banner.setText("\n".join(words) or error_text(exc, self.ctx.lang))
            self.banner.show()

    def field_error(self, name: str) -> str:
        label = self.errors.labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""
