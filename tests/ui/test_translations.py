"""The Simplified Chinese translation of the window: the compiled .qm translates, the .ts has
no unfinished message, and every tr() string in app/ui is in the .ts (a new untranslated
string fails here). Finally the real widgets, built with the translator installed, show no
English source text that has a translation (which catches tr() contexts that do not match)."""

from __future__ import annotations

import importlib.util
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)

from app.domain.documents import LetterDirection
from app.domain.enums import Tier
from app.domain.records import ClientDraft, ContactDraft
from app.domain.tenders import TenderDraft
from app.services import clients, tenders
from app.ui import application
from app.ui.activities.dialog import ActivityDialog
from app.ui.analysis.page import AnalysisPage
from app.ui.clients.client_dialog import ClientDialog
from app.ui.clients.client_page import ClientPage
from app.ui.clients.import_dialog import ImportDialog
from app.ui.context import UiContext, UiEvents
from app.ui.contracts.contract_dialog import ContractDialog
from app.ui.contracts.page import ContractsPage
from app.ui.contracts.receipt_dialog import ReceiptDialog
from app.ui.contracts.receipt_import_dialog import ReceiptImportDialog
from app.ui.documents.editor import DocumentEditor
from app.ui.documents.page import DocumentsPage
from app.ui.documents.templates_dialog import TemplatesDialog
from app.ui.letters.dialog import LetterDialog
from app.ui.letters.page import LettersPage
from app.ui.minutes.digest_dialog import DigestDialog
from app.ui.minutes.due_panel import DueActionsPanel
from app.ui.minutes.followup_page import FollowUpPage
from app.ui.minutes.list_page import MinutesPage
from app.ui.minutes.minutes_dialog import MinutesDialog
from app.ui.plan.page import PlanPage
from app.ui.qualifications.dialog import QualificationDialog
from app.ui.qualifications.page import QualificationsPage
from app.ui.rebates.apply_dialog import ApplyDialog
from app.ui.rebates.page import RebatesPage
from app.ui.rebates.tiers_dialog import TiersDialog
from app.ui.settings.dialog import SettingsDialog
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.list_page import TendersPage
from app.ui.tenders.packet_builder import PacketBuilderDialog
from app.ui.tenders.tender_dialog import TenderDialog

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_translations.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tools = _load_script()
TS = tools.ts_path("zh_CN")
QM = tools.qm_path("zh_CN")


@pytest.fixture(scope="module")
def messages():
    return tools.current(tools.read_messages(TS))


@pytest.fixture
def translator(qapp):
    loaded = QTranslator()
    assert loaded.load(str(QM)), f"cannot load {QM}"
    return loaded


@pytest.fixture
def installed(qapp, tmp_path):
    """Ours and Qt's translators, installed as the app does, for one test only (the other UI
    tests expect English)."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    translators = application.install_translators(qapp, "zh_CN")
    assert len(translators) == 2, "sales_compass_zh_CN.qm and qtbase_zh_CN.qm"
    yield translators
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


# -- (a) the compiled file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "source", "expected"),
    [
        ("MainWindow", "Home", "首页"),
        ("MainWindow", "Clients", "客户"),
        ("MainWindow", "Activities", "活动"),
        ("MainWindow", "&File", "文件(&F)"),
        ("MainWindow", "Backup…", "备份…"),
        ("MainWindow", "Restore…", "恢复…"),
        ("MainWindow", "Settings…", "设置…"),
        ("widgets", "Cancel", "取消"),
        ("ClientDialog", "Cancel", "取消"),
        ("ClientTableModel", "Account manager", "客户经理"),
        ("ClientTableModel", "Date on file", "建档日期"),
        ("ClientTableModel", "Key account", "大客户"),
        ("ActivityDialog", "Next step", "下一步"),
        ("ActivityDialog", "Due by", "期限"),
        ("ActivityTableModel", "Expense", "费用"),
        ("HomePage", "Open complaints", "未结投诉"),
        ("ImportDialog", "Import", "导入"),
    ],
)
def test_qm_translates_known_strings(translator, context, source, expected):
    assert translator.translate(context, source) == expected


def test_qm_keeps_placeholders_and_plural(installed):
    days = QCoreApplication.translate("HomePage", "{0} days overdue")
    assert days.format(3) == "逾期 3 天"
    found = QCoreApplication.translate("MainWindow", "%n problem(s) found.", "", 4)
    assert found == "发现 4 个问题。"


def test_qm_is_compiled_from_the_current_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    tools.run_lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/update_translations.py"


# -- (b) the .ts is complete ---------------------------------------------------------------------


def test_ts_has_no_unfinished_or_empty_message(messages):
    assert len(messages) > 300
    missing = [f"[{m.context}] {m.source!r}" for m in messages if m.untranslated]
    assert not missing, "untranslated (run scripts/update_translations.py):\n" + "\n".join(missing)


def test_translations_keep_placeholders_and_accelerators(messages):
    broken = [(m.source, tools.broken_placeholders(m)) for m in messages]
    assert [item for item in broken if item[1]] == []


SAME_IN_CHINESE = {"FD-{0:05d} {1} — {2}"}  # a record number, no words


def test_translations_are_chinese(messages):
    """A translation without a Chinese character was forgotten, not translated."""
    latin_only = [
        m.source
        for m in messages
        if any(c.isalpha() for c in m.source)
        and m.source not in SAME_IN_CHINESE
        and m.translations
        and not any("\u4e00" <= c <= "\u9fff" for c in "".join(m.translations))
    ]
    assert latin_only == []


# ASCII punctuation a Chinese sentence keeps: 官方(库) is the calendar's stored source name (the
# command line prints the same), “(可选)” is the templates' own mark, and menus and file
# filters follow Qt's own convention.
ASCII_PUNCTUATION_KEPT = re.compile(r"\(&[A-Z]\)|\(\*[^)]*\)|;;")
ASCII_BESIDE_HANZI = re.compile(r"[\u4e00-\u9fff] ?[,:;!?()]|[,:;!?()] ?[\u4e00-\u9fff]")


def test_translations_use_chinese_punctuation(messages):
    """“最近拜访：”, not “最近拜访:” (the printed documents and the messages already do)."""
    ascii_used = [
        f"[{m.context}] {text}"
        for m in messages
        for text in m.translations
        if ASCII_BESIDE_HANZI.search(ASCII_PUNCTUATION_KEPT.sub("", text))
    ]
    assert ascii_used == []


# -- (c) every tr() string of app/ui is in the .ts -----------------------------------------------


@pytest.fixture(scope="module")
def in_code(tmp_path_factory):
    """The messages of app/ui as they are now, extracted into a fresh .ts."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh_zh_CN.ts"
    tools.run_lupdate(fresh, "zh_CN")
    return tools.read_messages(fresh)


def test_every_ui_string_is_in_the_ts(in_code, messages):
    in_code = {m.key for m in in_code}
    assert len(in_code) > 300
    in_ts = {m.key for m in messages}
    missing = sorted(in_code - in_ts)
    assert not missing, "not in the .ts (run scripts/update_translations.py): " + repr(missing)


def test_lupdate_sees_every_tr_call(in_code):
    """Python's parser finds each tr()/translate() call; lupdate must have extracted it too."""
    calls = tools.calls_in_code()
    assert len(calls) > 300
    assert tools.unseen_calls(in_code) == []


def test_every_context_is_a_class_or_an_explicit_context(in_code):
    """A tr() on another object, or an alias of translate, files the string under a context
    that PySide never asks for: that text would stay English however it is translated."""
    stray = [(m.context, m.source, m.location) for m in tools.stray_contexts(in_code)]
    assert stray == [], "use QCoreApplication.translate('Context', ...) there: " + repr(stray)


def test_update_script_check_fails_on_an_untranslated_string(tmp_path, monkeypatch):
    ui = tmp_path / "app" / "ui"
    ui.mkdir(parents=True)
    (ui / "page.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class Page(QWidget):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.setWindowTitle(self.tr('A brand new page'))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(tools, "ROOT", tmp_path)
    monkeypatch.setattr(tools, "UI_DIR", ui)
    monkeypatch.setattr(tools, "I18N_DIR", tmp_path / "i18n")
    assert tools.main(["--check"]) == 1
    assert tools.main([]) == 0
    left = tools.read_messages(tools.ts_path("zh_CN"))
    assert [(m.context, m.source, m.untranslated) for m in left] == [
        ("Page", "A brand new page", True)
    ]
    assert tools.qm_path("zh_CN").exists()


# -- the widgets as a user sees them ------------------------------------------------------------


def visible_texts(root: QWidget) -> list[str]:
    """Texts a user reads: labels, buttons, tabs, combo items, headers, menus, titles."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += _texts_of(widget)
        texts += [action.text() for action in QWidget.actions(widget)]  # may be shadowed
    return [text for text in texts if text]


def _texts_of(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel | QAbstractButton):
        return [widget.text(), widget.toolTip()]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabWidget):
        return [widget.tabText(index) for index in range(widget.count())]
    if isinstance(widget, QComboBox):
        return [widget.itemText(index) for index in range(widget.count())]
    if isinstance(widget, QListWidget):
        return [widget.item(row).text() for row in range(widget.count())]
    if isinstance(widget, QHeaderView) and widget.model() is not None:
        model, orientation = widget.model(), widget.orientation()
        return [str(model.headerData(i, orientation) or "") for i in range(widget.count())]
    return []


def english_leaks(root: QWidget, messages) -> list[str]:
    """Shown texts that are still an English source string although it has a translation."""
    translated = {m.source for m in messages if m.translations and m.translations[0] != m.source}
    return sorted({text for text in visible_texts(root) if text in translated})


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="北京华信科技有限公司", tier=Tier.A, is_key_account=True, owner="王芳"),
        [ContactDraft(name="张伟", title="采购经理")],
    )


def test_main_window_speaks_chinese(installed, archive, client, qtbot, messages):
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.show()
    assert window.area_names()[:3] == ["首页", "客户", "活动"]
    assert [a.text() for a in window.menuBar().actions()] == [
        "文件(&F)",
        "编辑(&E)",
        "视图(&V)",
        "工具(&T)",
        "帮助(&H)",
    ]
    for row in range(window.sidebar.count()):  # builds every lazy page
        window.sidebar.setCurrentRow(row)
    window.show_client(client.id)
    assert english_leaks(window, messages) == []


def test_dialogs_speak_chinese(installed, archive, client, qtbot, messages):
    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
    dialogs = [
        ClientDialog(ctx),
        ClientDialog(ctx, client.id),
        ActivityDialog(ctx, client_id=client.id),
        SettingsDialog(ctx),
        ImportDialog(ctx),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert english_leaks(dialog, messages) == [], type(dialog).__name__
    assert dialogs[0].windowTitle() == "新建客户"


def test_tender_document_and_letter_screens_speak_chinese(
    installed, archive, client, qtbot, messages
):
    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
    tender = tenders.create_tender(
        archive, TenderDraft(title="医疗设备采购项目", client_id=client.id, budget=Decimal("1e6"))
    )
    screens = [
        TendersPage(ctx),
        TenderDialog(ctx),
        TenderDialog(ctx, tender.id),
        PacketBuilderDialog(ctx, tender.id),
        QualificationsPage(ctx),
        QualificationDialog(ctx),
        DocumentsPage(ctx),
        DocumentEditor(ctx),
        TemplatesDialog(ctx),
        LettersPage(ctx),
        LetterDialog(ctx, LetterDirection.INCOMING),
        LetterDialog(ctx, LetterDirection.OUTGOING),
    ]
    for screen in screens:
        qtbot.addWidget(screen)
        assert english_leaks(screen, messages) == [], type(screen).__name__
    assert screens[0].findChild(QLabel).text() == "投标"


def test_plan_contract_rebate_minutes_and_analysis_screens_speak_chinese(
    installed, archive, client, qtbot, messages
):
    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
    screens = [
        PlanPage(ctx),
        ContractsPage(ctx),
        ContractDialog(ctx),
        ReceiptDialog(ctx),
        ReceiptImportDialog(ctx),
        RebatesPage(ctx),
        ApplyDialog(ctx),
        TiersDialog(ctx),
        MinutesPage(ctx),
        MinutesDialog(ctx),
        FollowUpPage(ctx),
        DigestDialog(ctx),
        DueActionsPanel(ctx),
        AnalysisPage(ctx),
    ]
    for screen in screens:
        qtbot.addWidget(screen)
        assert english_leaks(screen, messages) == [], type(screen).__name__


# A shortcut named in a tooltip is written as Qt writes it, as Chinese Office tooltips do:
# 新建客户 (Ctrl+N).
SHORTCUT_HINT = re.compile(r" \((?:Ctrl|Shift|Alt|Del|Meta)[^)]*\)$")


def _ascii_beside_hanzi(texts) -> list[str]:
    kept = (SHORTCUT_HINT.sub("", ASCII_PUNCTUATION_KEPT.sub("", t)) for t in texts)
    return sorted({t for t in kept if ASCII_BESIDE_HANZI.search(t)})


def test_text_the_window_puts_together_is_in_chinese_punctuation(installed, archive, client, qtbot):
    """Where the window joins a translated word and a value itself: the home lists' counts
    (今日待办（1）), a client's details (客户名称：…) and timeline (下一步：寄送样品（…）), the action
    item being closed (task（owner）), the receivables' ageing (…；…), the columns an import
    ignores (…、…), a packet section's kind (…（…）) and a failed backup check (3（自动）：)."""
    from datetime import date, datetime
    from types import SimpleNamespace

    from app.domain.records import ActivityDraft
    from app.services import activities
    from app.services import backups as backups_service
    from app.ui.backups import problems_text
    from app.ui.minutes.close_action_dialog import CloseActionDialog

    activities.create_activity(
        archive,
        ActivityDraft(
            client_id=client.id, kind="call", subject="报价跟进",
            started_at=datetime(2026, 11, 20, 10), next_step="寄送样品",
            next_step_due=date(2026, 11, 26),
        ),
    )  # fmt: skip
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.show()
    for row in range(window.sidebar.count()):  # builds every lazy page
        window.sidebar.setCurrentRow(row)
    window.sidebar.setCurrentRow(0)
    titles = [box.title() for box in window.findChildren(QGroupBox)]
    assert "今日待办（1）" in titles, titles
    window.show_client(client.id)
    shown = visible_texts(window)
    assert "客户名称：" in shown and not [t for t in shown if t.endswith("客户名称:")]
    assert _ascii_beside_hanzi(shown) == []

    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
    [client_page] = window.findChildren(ClientPage)
    model = client_page.timeline_model
    details = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(4)]
    assert "下一步：寄送样品（2026-11-26）" in details, details
    row = SimpleNamespace(task="提交报价单", owner="王芳", result="")
    closing = CloseActionDialog(ctx, row)
    qtbot.addWidget(closing)
    assert "提交报价单（王芳）" in visible_texts(closing)
    contracts_page = ContractsPage(ctx)
    qtbot.addWidget(contracts_page)
    contracts_page._receivables([])
    assert "；" in contracts_page.ageing_total.text()
    report = SimpleNamespace(
        failed=[SimpleNamespace(id="3", kind=backups_service.AUTO, problems=["x"])]
    )
    assert problems_text(report).startswith("3（自动）：")
    tender = tenders.create_tender(
        archive, TenderDraft(title="医疗设备采购项目", client_id=client.id)
    )
    builder = PacketBuilderDialog(ctx, tender.id)
    qtbot.addWidget(builder)
    titles = []
    for row in range(builder.section_list.count()):
        builder.section_list.setCurrentRow(row)
        titles.append(builder.editor_title.text())
    assert [t for t in titles if t.endswith("（文件）")], titles  # 资格证明文件（文件）
    ignored = QCoreApplication.translate("ImportDialog", ", ").join(("传真", "备用电话"))
    assert ignored == "传真、备用电话"
    texts = [contracts_page.ageing_total.text(), problems_text(report), *titles, ignored]
    assert _ascii_beside_hanzi(texts) == []
