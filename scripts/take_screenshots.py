"""Screenshots of every screen in Simplified Chinese, to look at texts that are cut off or awkward.

    .venv/bin/sales-compass demo --clients 300 --db /tmp/i18n_demo.sqlite3
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_screenshots.py \
        --db /tmp/i18n_demo.sqlite3 --out /tmp/screens [--readme]

Writes one PNG per screen into --out; with --readme also docs/screenshot.png (the main window on
the client list). Pages that are not in the main window yet (tenders, documents, letters) are
shot on their own when their module exists.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import traceback
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.domain.enums import ActivityKind  # noqa: E402
from app.domain.queries import ActivityQuery, ClientQuery  # noqa: E402
from app.services import activities, clients  # noqa: E402
from app.services.archive import Archive, open_archive  # noqa: E402
from app.ui import application  # noqa: E402
from app.ui.context import UiContext, UiEvents  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.tasks import SynchronousTaskRunner  # noqa: E402

WINDOW_SIZE = (1280, 800)
SAMPLES = ROOT.parent / "shared" / "samples"
SAMPLE_XLSX = SAMPLES / "clients_sample.xlsx"
SAMPLE_PDF = SAMPLES / "qualification_scan.pdf"


class Shooter:
    def __init__(self, out: Path):
        self.out = out
        self.taken: list[Path] = []

    def shot(self, name: str, widget: QWidget) -> Path:
        if not widget.isVisible():
            widget.show()
        for _ in range(3):
            QApplication.processEvents()
        path = self.out / f"{len(self.taken) + 1:02d}-{name}.png"
        widget.grab().save(str(path))
        self.taken.append(path)
        return path

    def dialog(self, name: str, dialog: QWidget, tabs: str = "tabs") -> None:
        """The dialog, and each of its tabs when it has a QTabWidget called `tabs`."""
        dialog.show()
        pages = getattr(dialog, tabs, None)
        if pages is None:
            self.shot(name, dialog)
        else:
            for index in range(pages.count()):
                pages.setCurrentIndex(index)
                self.shot(f"{name}-tab{index + 1}", dialog)
        dialog.close()


def first_key_account(archive: Archive) -> int:
    ids = clients.list_client_ids(archive, ClientQuery(key_account=True))
    return ids[0] if ids else clients.list_client_ids(archive, ClientQuery())[0]


def first_complaint(archive: Archive) -> int | None:
    ids = activities.list_activity_ids(
        archive, ActivityQuery(kinds=(ActivityKind.COMPLAINT.value,))
    )
    return ids[0] if ids else None


def shoot_main_window(shooter: Shooter, window: MainWindow, readme: Path | None) -> None:
    window.resize(*WINDOW_SIZE)
    window.show()
    window.show_area("clients")
    path = shooter.shot("client-list", window)
    if readme is not None:
        readme.parent.mkdir(parents=True, exist_ok=True)
        readme.write_bytes(path.read_bytes())
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
        shooter.shot(f"menu-{len(shooter.taken)}", menu)
        menu.hide()
    for area in window.AREAS:
        if area != "clients":
            window.show_area(area)
            shooter.shot(area, window)
    client_id = first_key_account(window.ctx.archive)
    window.show_client(client_id)
    for index in range(window.client_page.tabs.count()):
        window.client_page.tabs.setCurrentIndex(index)
        shooter.shot(f"client-page-tab{index + 1}", window)
    window.show_area("clients")
    window.search_field.setText("北京")
    window._search_text_edited("北京")
    window.search_popup._timer.stop()
    window.search_popup._run_query()  # at once instead of after the typing pause
    shooter.shot("search", window)
    window.search_popup.hide()


def shoot_dialogs(shooter: Shooter, ctx: UiContext) -> None:
    from app.ui.activities.dialog import ActivityDialog
    from app.ui.clients.client_dialog import ClientDialog
    from app.ui.clients.contact_dialog import ContactDialog
    from app.ui.clients.import_dialog import ImportDialog
    from app.ui.settings.dialog import SettingsDialog

    client_id = first_key_account(ctx.archive)
    shooter.dialog("client-new", ClientDialog(ctx))
    shooter.dialog("client-edit", ClientDialog(ctx, client_id))
    shooter.dialog("contact-new", ContactDialog(ctx, client_id))
    shooter.dialog("activity-new", ActivityDialog(ctx, client_id=client_id))
    complaint = first_complaint(ctx.archive)
    if complaint is not None:
        shooter.dialog("complaint-edit", ActivityDialog(ctx, activity_id=complaint))
    shooter.dialog("settings", SettingsDialog(ctx))
    dialog = ImportDialog(ctx)
    shooter.dialog("import-start", dialog, tabs="")
    if SAMPLE_XLSX.exists():
        dialog.load_file(SAMPLE_XLSX)
        dialog.resize(1000, 700)
        shooter.dialog("import-preview", dialog, tabs="")


def sample_tender(archive: Archive) -> int:
    """A tender to open (the demo may have none yet): 2 weeks ahead, with a deposit."""
    from app.domain.tenders import TenderDraft
    from app.services import tenders

    rows = tenders.list_tenders(archive)
    if rows:
        return rows[0].id
    now = archive.now().replace(hour=9, minute=30, second=0, microsecond=0)
    draft = TenderDraft(
        title="市第一人民医院医疗设备采购项目",
        purchaser_name="市第一人民医院",
        number="ZFCG-2026-118",
        agency="华夏招标代理有限公司",
        budget=Decimal("1280000"),
        bid_deadline=now + timedelta(days=14),
        opening_place="市公共资源交易中心 3 楼开标室",
        bid_deposit=Decimal("20000"),
    )
    return tenders.create_tender(archive, draft).id


def optional_screens(ctx: UiContext) -> list[tuple[str, Callable[[], QWidget]]]:
    """Pages and dialogs that other work adds; each is skipped while its module is missing."""

    def build(module: str, name: str, *args, **kwargs) -> Callable[[], QWidget]:
        def make() -> QWidget:
            widget = getattr(importlib.import_module(f"app.ui.{module}"), name)(
                ctx, *args, **kwargs
            )
            widget.resize(*WINDOW_SIZE)
            return widget

        return make

    def pdf_preview() -> QWidget:
        from app.ui.pdf_preview import PdfPreviewDialog

        return PdfPreviewDialog(SAMPLE_PDF, save_suggestion="资质文件.pdf")

    from app.domain.documents import LetterDirection

    tender_id = sample_tender(ctx.archive)
    return [
        ("tender-edit", build("tenders.tender_dialog", "TenderDialog", tender_id)),
        ("tender-packet", build("tenders.packet_builder", "PacketBuilderDialog", tender_id)),
        ("qualifications", build("qualifications.page", "QualificationsPage")),
        ("qualification-new", build("qualifications.dialog", "QualificationDialog")),
        ("document-templates", build("documents.templates_dialog", "TemplatesDialog")),
        ("pdf-preview", pdf_preview),
        ("plan", build("plan.page", "PlanPage")),
        ("contracts", build("contracts.page", "ContractsPage")),
        ("contract-new", build("contracts.contract_dialog", "ContractDialog")),
        ("receipt-new", build("contracts.receipt_dialog", "ReceiptDialog")),
        ("rebates", build("rebates.page", "RebatesPage")),
        ("rebate-apply", build("rebates.apply_dialog", "ApplyDialog")),
        ("rebate-tiers", build("rebates.tiers_dialog", "TiersDialog")),
        ("minutes", build("minutes.list_page", "MinutesPage")),
        ("minutes-new", build("minutes.minutes_dialog", "MinutesDialog")),
        ("follow-up", build("minutes.followup_page", "FollowUpPage")),
        ("analysis", build("analysis.page", "AnalysisPage")),
        ("tenders", build("tenders.list_page", "TendersPage")),
        ("tender-new", build("tenders.tender_dialog", "TenderDialog")),
        ("documents", build("documents.page", "DocumentsPage")),
        ("document-new", build("documents.editor", "DocumentEditor")),
        ("letters", build("letters.page", "LettersPage")),
        ("letter-in", build("letters.dialog", "LetterDialog", LetterDirection.INCOMING)),
        ("letter-out", build("letters.dialog", "LetterDialog", LetterDirection.OUTGOING)),
    ]


def shoot_optional(shooter: Shooter, ctx: UiContext) -> None:
    try:
        screens = optional_screens(ctx)
    except (ImportError, AttributeError) as exc:
        print(f"skipped the optional screens: {exc}")
        return
    for name, make in screens:
        try:
            shooter.dialog(name, make())
        except Exception:  # another engineer's page in progress must not stop the others
            print(f"skipped {name}:\n{traceback.format_exc(limit=2)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a demo archive")
    parser.add_argument("--out", type=Path, default=Path("/tmp/screens"))
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--readme", action="store_true", help="also write docs/screenshot.png")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(options.out))
    application.register_bundled_font(app)
    application.install_translators(app, options.lang)
    copy = options.out / "archive.sqlite3"  # the screens add a sample tender: not to the original
    shutil.copyfile(options.db, copy)
    archive = open_archive(copy)
    try:
        window = application.build_window(archive, SynchronousTaskRunner(), options.lang)
        shooter = Shooter(options.out)
        readme = ROOT / "docs" / "screenshot.png" if options.readme else None
        shoot_main_window(shooter, window, readme)
        ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), options.lang)
        shoot_dialogs(shooter, ctx)
        shoot_optional(shooter, ctx)
        window.close()
    finally:
        archive.close()
    print(f"{len(shooter.taken)} screenshots in {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
