"""The kit's shared form fields: one to_qdate/from_qdate, the optional date, the client picker
(moved from the activity dialog) and completion from the values already in the archive."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain.records import ClientDraft
from app.services import clients, suggestions
from app.ui.context import UiContext, UiEvents
from app.ui.kit import forms
from app.ui.kit.dates import EMPTY_DATE, from_qdate, to_qdate, to_qdatetime
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def test_one_to_qdate_and_from_qdate():
    assert to_qdate(date(2026, 3, 1)) == QDate(2026, 3, 1)
    assert to_qdate(None) == EMPTY_DATE
    assert from_qdate(QDate(2026, 3, 1)) == date(2026, 3, 1)
    assert from_qdate(EMPTY_DATE) is None and from_qdate(QDate()) is None
    assert to_qdatetime(datetime(2026, 3, 1, 9, 30)).toPython() == datetime(2026, 3, 1, 9, 30)


def test_the_shared_fields_are_imported_from_the_kit_never_from_the_activity_dialog():
    """ClientPicker, OptionalDate and FieldErrors live in app.ui.kit.forms; no module takes
    them from the activity dialog (where they once lived) or from any other screen."""
    import ast
    from pathlib import Path

    import app

    shared = {"ClientPicker", "OptionalDate", "FieldErrors"}
    wrong = []
    for path in Path(app.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module != "app.ui.kit.forms":
                taken = shared & {alias.name for alias in node.names}
                wrong += [f"{path.name}: {name} from {node.module}" for name in sorted(taken)]
    assert wrong == []


def test_an_optional_date_is_empty_until_ticked(qtbot):
    field = forms.OptionalDate("Due by", date(2026, 11, 26))
    qtbot.addWidget(field)
    assert field.value() is None and not field.edit.isEnabled()
    field.check.setChecked(True)
    assert field.value() == date(2026, 11, 26)
    field.set_value(date(2027, 1, 5))
    assert field.value() == date(2027, 1, 5)
    field.set_value(None)
    assert field.value() is None


def test_the_client_picker_resolves_a_name_typed_in_full(ctx, qtbot):
    created = clients.create_client(ctx.archive, ClientDraft(name="华信科技有限公司"))
    picker = forms.ClientPicker(ctx)
    qtbot.addWidget(picker)
    chosen = []
    picker.chosen.connect(chosen.append)
    picker.setText("华信科技有限公司")
    assert picker.resolve() == created.id and chosen == [created.id]


def _completions(field, prefix: str) -> list[str]:
    completer = field.completer()
    completer.setCompletionPrefix(prefix)
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_industry_region_and_owner_offer_the_values_already_in_the_archive(ctx, qtbot):
    for name, industry, region in (
        ("甲公司", "机械制造", "华北"),
        ("乙公司", "精密机械", "华东"),
        ("丙公司", "化工", "华北"),
        ("丁公司", "", ""),
    ):
        clients.create_client(ctx.archive, ClientDraft(name=name, industry=industry, region=region))
    assert suggestions.client_values(ctx.archive, "industry") == ["化工", "机械制造", "精密机械"]
    with pytest.raises(ValueError):
        suggestions.client_values(ctx.archive, "name")

    page = QWidget()
    page.ctx = ctx
    qtbot.addWidget(page)
    edit = QLineEdit(page)
    forms.suggest_values(edit, suggestions.client_values, ctx.archive, "industry")
    assert _completions(edit, "机械") == ["机械制造", "精密机械"]  # any part of the value
    combo = QComboBox(page)
    combo.setEditable(True)
    forms.suggest_values(combo, suggestions.client_values, ctx.archive, "region")
    assert _completions(combo, "华") == ["华东", "华北"]


def test_the_client_dialog_completes_industry_region_and_owner(ctx, qtbot):
    from app.ui.clients.client_dialog import ClientDialog

    clients.create_client(
        ctx.archive, ClientDraft(name="甲公司", industry="机械制造", region="华北", owner="王芳")
    )
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    assert _completions(dialog.industry_edit, "机械") == ["机械制造"]
    assert _completions(dialog.region_edit, "北") == ["华北"]
    assert _completions(dialog.owner_edit, "王") == ["王芳"]


def test_a_short_timer_left_running_is_a_leftover(qtbot):
    """The conftest's check (nothing_left_running) finds a pending debounce on a test's
    window, and leaves long schedules (a daily check) alone."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "ui_conftest", Path(__file__).with_name("conftest.py")
    )
    conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conftest)
    window = QWidget()
    qtbot.addWidget(window)
    pending = QTimer(window, singleShot=True, interval=250)
    schedule = QTimer(window, interval=600_000)
    pending.start()
    schedule.start()
    assert conftest._leftovers([window]) == ["QWidget's 250 ms timer still active"]
    pending.stop()
    schedule.stop()
    assert conftest._leftovers([window]) == []


def test_every_field_stays_level_with_its_label_in_a_tall_form(ctx, qtbot):
    """A form given more height than it needs spreads its rows; a field wrapped with its error
    line, or an optional date, never sinks below its label (the letter dialog's did)."""
    from PySide6.QtWidgets import QFormLayout

    from app.domain.documents import LetterDirection
    from app.ui.letters.dialog import LetterDialog

    dialog = LetterDialog(ctx, LetterDirection.INCOMING)
    qtbot.addWidget(dialog)
    dialog.resize(800, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = 0
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or field.widget() is None:
                continue
            inner = field.widget().findChild(QWidget) or field.widget()
            top = inner.mapTo(dialog, inner.rect().topLeft()).y()
            label_top = label.widget().mapTo(dialog, label.widget().rect().topLeft()).y()
            assert abs(top - label_top) <= 8, label.widget().text()
            rows += 1
    assert rows >= 10
