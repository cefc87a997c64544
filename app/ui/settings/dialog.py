"""Settings: our company (printed on documents), visit intervals per tier, language and fonts,
and the holiday calendar (节假日, app.ui.settings.holidays)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from app.domain.enums import Tier
from app.domain.errors import ValidationError
from app.domain.visits import DEFAULT_VISIT_INTERVAL_DAYS
from app.services import identity, settings
from app.services.archive import Archive
from app.services.settings import CompanySettings
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes
from app.ui.kit.forms import FieldErrors, FormDialog, error_line, problems_of
from app.ui.settings.holidays import HolidayCalendarPanel
from app.ui.widgets import error_text

# Language names are shown in their own language, whatever the window speaks.
LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))


def save_settings(
    archive: Archive, company: CompanySettings, days: dict[Tier, int], user_name: str
) -> None:
    """What the dialog keeps in the archive: our company, the visit intervals, the name
    recorded for changes (the company first: its problems are marked first)."""
    settings.save_company(archive, company)
    settings.save_visit_intervals(archive, days)
    identity.set_user_name(archive, user_name)


class SettingsDialog(FormDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors(ctx.lang)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._company_tab(), self.tr("Company"))
        self.tabs.addTab(self._visits_tab(), self.tr("Visit intervals"))
        self.tabs.addTab(self._interface_tab(), self.tr("Interface"))
        self.holidays = HolidayCalendarPanel(ctx, self)
        self.tabs.addTab(self.holidays, self.tr("Holidays"))
        self.summary = error_line()
        self.summary.hide()
        layout = boxes.column(self.tabs, self.summary, parent=self)
        # Enter saves; closing with changes asks
        layout.addWidget(self.save_buttons(self.save, self.tr("Save"), self.tr("Cancel")))
        self._load()

    # -- tabs ------------------------------------------------------------------------------

    def _company_tab(self) -> QWidget:
        labels = {
            "name": self.tr("Company name"),
            "uscc": self.tr("Unified social credit code"),
            "address": self.tr("Address"),
            "legal_representative": self.tr("Legal representative"),
            "legal_rep_title": self.tr("Legal representative's title"),
            "legal_rep_id_number": self.tr("Legal representative's ID number"),
            "phone": self.tr("Phone"),
            "fax": self.tr("Fax"),
            "bank": self.tr("Bank"),
            "bank_account": self.tr("Bank account"),
            "masthead": self.tr("Issuing authority mark (notices, letters)"),
            "print_office": self.tr("Printing office (notices)"),
        }
        page = QWidget()
        form = QFormLayout(page)
        note = QLabel(self.tr("Printed on agreements, notices, faxes and letters."))
        note.setStyleSheet("color: gray;")
        form.addRow(note)
        self.company_fields: dict[str, QLineEdit] = {}
        for field in fields(CompanySettings):
            edit = QLineEdit()
            self.company_fields[field.name] = edit
            form.addRow(labels[field.name], self.errors.wrap(field.name, edit))
        self.company_fields["phone"].setPlaceholderText("010-12345678")
        self.company_fields["fax"].setPlaceholderText("010-12345679")
        self.company_fields["masthead"].setPlaceholderText(self.tr("Default: the company name"))
        self.company_fields["print_office"].setPlaceholderText(self.tr("Default: the company name"))
        return page

    def _visits_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        note = QLabel(
            self.tr(
                "A client is overdue for a visit when its last visit is older than its tier's "
                "interval. Visit A and B clients first."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")
        form.addRow(note)
        tier_names = {
            Tier.A: self.tr("A (key)"),
            Tier.B: self.tr("B (major)"),
            Tier.C: self.tr("C (ordinary)"),
            Tier.D: self.tr("D (small or potential)"),
        }
        self.interval_boxes: dict[Tier, QSpinBox] = {}
        for tier in Tier:
            box = QSpinBox()
            box.setRange(1, 3650)
            box.setMaximumWidth(160)
            box.setSuffix(self.tr(" days"))
            box.setToolTip(self.tr("Default: {0} days").format(DEFAULT_VISIT_INTERVAL_DAYS[tier]))
            self.interval_boxes[tier] = box
            form.addRow(tier_names[tier], box)
        defaults = QPushButton(self.tr("Restore defaults (7 / 14 / 30 / 90 days)"))
        defaults.clicked.connect(self.restore_default_intervals)
        defaults.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        form.addRow("", defaults)
        return page

    def _interface_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        # who made a change, as the change history (修改记录) and the recycle bin record it
        self.user_name = QLineEdit(placeholderText=identity.os_login())
        form.addRow(self.tr("Changes recorded as"), self.errors.wrap("user_name", self.user_name))
        user_hint = QLabel(
            self.tr("The name kept with every change. Leave empty for your login name.")
        )
        user_hint.setWordWrap(True)
        user_hint.setStyleSheet("color: gray;")
        form.addRow("", user_hint)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        form.addRow(self.tr("Language"), self.language)
        restart = QLabel(self.tr("A new language applies the next time Sales Compass starts."))
        restart.setStyleSheet("color: gray;")
        form.addRow("", restart)
        self.document_font = QLineEdit()
        self.document_font.setPlaceholderText(self.tr("Bundled Song face (Compass Serif SC)"))
        browse = QPushButton(self.tr("Choose…"), clicked=self._choose_font)
        reset = QPushButton(self.tr("Use bundled font"), clicked=self.document_font.clear)
        row = QWidget()
        boxes.row((self.document_font, 1), browse, reset, parent=row, margin=0)
        form.addRow(self.tr("Document font"), self.errors.wrap("document_font", row))
        hint = QLabel(
            self.tr(
                "A TrueType font file (.ttf or .ttc) for the body of PDF documents, for example "
                "SimSun. Leave empty for the bundled Song face. Notices and letters (公文) print "
                "their body in FangSong: the system's when installed, else the bundled one."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        form.addRow("", hint)
        self._rare_font_rows(form)
        return page

    def _rare_font_rows(self, form: QFormLayout) -> None:
        """补充字体: a font for the rare characters (a name in CJK Extension B) that no
        document face has; empty: one found on this machine (SimSun-ExtB on Windows)."""
        self.rare_font = QLineEdit()
        self.rare_font.setPlaceholderText(self.tr("Found on this computer"))
        browse = QPushButton(self.tr("Choose…"), clicked=lambda: self._choose_font(self.rare_font))
        browse.setAccessibleName(self.tr("Choose the rare characters font"))
        reset = QPushButton(self.tr("Find automatically"), clicked=self.rare_font.clear)
        row = QWidget()
        boxes.row((self.rare_font, 1), browse, reset, parent=row, margin=0)
        form.addRow(self.tr("Rare characters font"), self.errors.wrap("rare_font", row))
        hint = QLabel(
            self.tr(
                "A TrueType font file (.ttf or .ttc) for the characters no document font has, "
                "such as a name in CJK Extension B, for example SimSun-ExtB (simsunb.ttf) "
                "or HanaMinB. Leave empty to use one found on this computer; a character no font "
                "has prints as a box, to be written in by hand."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        form.addRow("", hint)

    def tracks(self, widget: QWidget) -> bool:
        # the 节假日 tab saves each change at once: nothing of it is left unsaved
        return not self.holidays.isAncestorOf(widget)

    def _choose_font(self, edit: QLineEdit | None = None) -> None:
        path = user_settings.open_file(
            self,
            "fonts",
            self.tr("Choose a TrueType font"),
            self.tr("TrueType fonts (*.ttf *.ttc)"),
        )
        if path:
            (edit or self.document_font).setText(path)

    # -- load and save ---------------------------------------------------------------------

    def _load(self) -> None:
        company = settings.company(self.ctx.archive)
        for name, edit in self.company_fields.items():
            edit.setText(getattr(company, name))
        self._show_intervals(settings.visit_intervals(self.ctx.archive).days)
        # the language and the font are this user's (QSettings), not the archive's
        index = self.language.findData(user_settings.language() or self.ctx.lang)
        self.language.setCurrentIndex(max(index, 0))
        self.document_font.setText(user_settings.document_font())
        self.rare_font.setText(user_settings.rare_font())
        self.user_name.setText(identity.chosen_user_name(self.ctx.archive))
        self.user_name.setReadOnly(self.ctx.archive.server is not None)  # the login's (issue 14)

    def _show_intervals(self, days: dict[Tier, int]) -> None:
        for tier, box in self.interval_boxes.items():
            box.setValue(days.get(tier, DEFAULT_VISIT_INTERVAL_DAYS[tier]))

    def restore_default_intervals(self) -> None:
        self._show_intervals(DEFAULT_VISIT_INTERVAL_DAYS)

    def company_values(self) -> CompanySettings:
        return CompanySettings(**{n: e.text() for n, e in self.company_fields.items()})

    def save(self) -> None:
        """Writes the archive's settings (in the background), then this user's language and
        font; a refused value is marked on its field and nothing of this user's is changed."""
        self.errors.clear()
        self.summary.hide()
        font = self.document_font.text().strip()
        if font and not Path(font).is_file():
            self._mark_font_missing()
            return
        rare = self.rare_font.text().strip()
        if rare and not self._rare_font_usable(rare):
            return
        self.write(
            save_settings,
            self.ctx.archive,
            self.company_values(),
            {tier: box.value() for tier, box in self.interval_boxes.items()},
            self.user_name.text(),
            changes={"settings"},
            on_done=lambda _: self._saved(font, rare),
            on_error=self._show_error,
        )

    def _saved(self, font: str, rare: str = "") -> None:
        user_settings.set_language(self.language.currentData())
        user_settings.set_document_font(font)
        user_settings.set_rare_font(rare)
        user_settings.apply_to_archive(self.ctx.archive)
        self.accept()

    def _mark_font_missing(self) -> None:
        label = self.errors.labels["document_font"]
        label.setText(self.tr("This font file does not exist."))
        label.show()
        self.errors.reveal_first()  # the Interface tab, the font box focused

    def _rare_font_usable(self, path: str) -> bool:
        """A 补充字体 that is missing or not a TrueType font is marked on its field."""
        try:
            settings.check_font_file(path, "rare_font")
        except ValidationError as refused:
            label = self.errors.labels["rare_font"]
            if refused.code == "font_missing":
                label.setText(self.tr("This font file does not exist."))
            else:
                label.setText(self.tr("This is not a TrueType font (.ttf or .ttc)."))
            label.show()
            self.errors.reveal_first()
            return False
        return True

    def _show_error(self, exc: Exception) -> None:
        unplaced = self.errors.show(problems_of(exc))
        marked = [p.field for p in problems_of(exc) if p.field in self.company_fields]
        if unplaced or not marked:
            self.summary.setText(error_text(exc, self.ctx.lang))
            self.summary.show()
