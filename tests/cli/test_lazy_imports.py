"""A command imports only what it runs (issue 11): --help, search and the everyday readers start
without the PDF, spreadsheet, number-to-words or window libraries. The evidence is the process's
own module table after the command ran (what `python -X importtime` would list)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from agreement_samples import agreement_values
from cli_runner import PROJECT

HEAVY = ("reportlab", "openpyxl", "pypdf", "cn2an", "PySide6", "PIL", "python_calamine", "lxml")

PROBE = """
import json, sys
{prelude}
from app.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = {heavy!r}
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def loaded_after(*args: object, heavy: tuple[str, ...] = HEAVY, prelude: str = "") -> list[str]:
    probe = PROBE.format(heavy=heavy, prelude=prelude)
    result = subprocess.run(
        [sys.executable, "-c", probe, *map(str, args)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    from app.services.archive import open_archive

    path = tmp_path_factory.mktemp("lazy") / "archive.sqlite3"
    open_archive(path).close()
    return path


def test_help_loads_no_heavy_library_and_no_command():
    """--help lists the commands from a table: not even the database layer loads."""
    assert loaded_after("--help", heavy=(*HEAVY, "sqlalchemy", "app.cli.client_cmds")) == []


@pytest.mark.parametrize(
    "command",
    [
        ("search", "华"),
        ("clients",),
        ("company",),
        ("activities",),
        ("overdue",),
        ("letters", "list"),
        ("documents", "templates"),
    ],
)
def test_everyday_commands_load_no_heavy_library(archive_path, command):
    assert loaded_after(*command, "--db", archive_path) == []


@pytest.mark.parametrize(
    "command", [("clients",), ("clients", "--text", "华"), ("contracts",), ("receipts",)]
)
def test_commands_on_an_archive_file_load_no_postgresql_dialect(archive_path, command):
    """SQLAlchemy's PostgreSQL dialect (~40 ms) is for a team archive; the models, which
    `contracts` and `receipts` read through (`clients` reads with sqlite3 alone), no longer
    load it for their partial indexes (app.db.models._partial_index)."""
    postgresql = ("sqlalchemy.dialects.postgresql",)
    assert loaded_after(*command, "--db", archive_path, heavy=postgresql) == []


def test_a_printing_command_does_load_the_pdf_library(archive_path, tmp_path):
    """The probe sees a library when a command uses it (the test above is not vacuous)."""
    out = tmp_path / "overdue.pdf"
    assert "reportlab" in loaded_after("overdue", "--pdf", out, "--db", archive_path)
    assert out.exists()


def test_printing_one_kind_loads_only_that_kind(archive_path, tmp_path):
    """`pdf digest` runs its handler from the minutes commands; the other kinds' services
    (the monthly report's analysis, the tender packet, rebates) and command modules stay out."""
    others = (
        "app.services.analysis",
        "app.services.tender_packet",
        "app.services.rebates",
        "app.cli.sales_cmds",
        "app.cli.minutes_cmds",
    )
    out = tmp_path / "digest.pdf"
    loaded = loaded_after("pdf", "digest", out, "--db", archive_path, heavy=others)
    assert loaded == ["app.cli.minutes_cmds"]  # its own handler's module, and nothing else
    assert out.exists()


def test_exporting_a_word_template_loads_lxml_and_no_pdf_library(archive_path, tmp_path):
    """lxml is loaded by the command that writes a .docx, and only there."""
    out = tmp_path / "notice.docx"
    loaded = loaded_after("documents", "template-export", "notice", out, "--db", archive_path)
    assert loaded == ["lxml"] and out.exists()


def test_search_loads_no_model_and_no_repository(archive_path):
    """`search` reads the index alone, and `company` (showing) the settings alone: the ORM models (declaring 37 mapped classes costs about
    0.08 s) and the record types' repositories, which only indexing a record needs, stay out."""
    others = (
        "app.db.models",
        "app.services.indexing",
        "app.services.change_tracking",
        "app.db.repositories.clients",
        "app.db.repositories.attachments",
    )
    assert loaded_after("search", "华", "--db", archive_path, heavy=others) == []
    shown = loaded_after("company", "--db", archive_path, heavy=others)  # read-only
    assert shown == ["app.services.change_tracking"]  # its names only, not the history
    # the probe sees what a command does load: the full overdue list's file reads by session
    out = archive_path.parent / "overdue-models.xlsx"
    loaded = loaded_after("overdue", "--xlsx", out, "--force", "--db", archive_path, heavy=others)
    assert "app.db.repositories.clients" in loaded


def test_listing_activities_by_text_loads_no_code_checker(archive_path):
    """python-stdnum (its tables, and ssl and email under them) checks a 统一社会信用代码 or an
    ID number being saved; `activities --text` and `clients` only list (issue 11)."""
    for command in (("activities", "--text", "华"), ("clients", "--text", "华")):
        assert loaded_after(*command, "--db", archive_path, heavy=("stdnum", "ssl")) == []
    assert loaded_after("intervals", "--db", archive_path, heavy=("stdnum",)) == []


@pytest.mark.parametrize("command", [("search", "华"), ("company",), ("intervals",)])
def test_looking_at_an_archive_file_loads_no_sqlalchemy(archive_path, command):
    """Importing SQLAlchemy alone takes 0.25-0.35 s on a modest laptop, more than a whole
    `company` or `search` may take: a read-only archive file is read with sqlite3 alone."""
    assert loaded_after(*command, "--db", archive_path, heavy=("sqlalchemy",)) == []


@pytest.fixture(scope="module")
def filled_path(tmp_path_factory):
    """An archive with a client, its contact, an activity and an attachment of each, a
    meeting with an open action item, and two tenders (one with a packet)."""
    from datetime import datetime

    from app.domain.enums import ActivityKind
    from app.domain.minutes import ActionItemDraft, MeetingDraft
    from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
    from app.services import activities, attachments, clients, minutes
    from app.services.archive import open_archive

    folder = tmp_path_factory.mktemp("filled")
    path = folder / "archive.sqlite3"
    scan = folder / "licence.pdf"
    scan.write_bytes(b"%PDF-1.4")
    archive = open_archive(path)
    try:
        client = clients.create_client(
            archive, ClientDraft(name="华信科技有限公司"), [ContactDraft(name="张三")]
        )
        draft = ActivityDraft(client.id, ActivityKind.VISIT, datetime(2026, 11, 2, 9), "拜访")
        activity = activities.create_activity(archive, draft)
        attachments.add(archive, "client", client.id, scan)
        attachments.add(archive, "activity", activity.id, scan)
        meeting = MeetingDraft(
            "周例会", datetime(2026, 11, 3, 9), actions=(ActionItemDraft("送样", "张三"),)
        )
        minutes.create_meeting(archive, meeting)
        _tenders(archive, client.id, scan)
    finally:
        archive.close()
    return path


def _tenders(archive, client_id: int, scan) -> None:
    """Tender 1 with a packet holding a qualification with its scan; tender 2 without one."""
    from app.domain.tenders import TenderDraft
    from app.services import qualifications, tender_packet, tenders

    first = tenders.create_tender(archive, TenderDraft("服务器采购", client_id)).id
    licence = qualifications.add(archive, qualifications.QualificationDraft("营业执照"), [scan])
    tender_packet.attach_qualification(archive, first, licence.id)
    tenders.create_tender(archive, TenderDraft("网络设备采购", client_id))


EVERYDAY_READS = [
    ("clients",),
    ("clients", "--text", "hx", "--tier", "C", "--sort", "owner", "--desc", "--json"),
    ("client", "1"),
    ("client", "1", "--json"),
    ("client", "1", "--timeline", "--kind", "activity", "--kind", "meeting"),
    ("overdue",),
    ("overdue", "--tier", "A,B", "--key", "--json"),
    ("activities",),
    ("activities", "--text", "拜访", "--client", "1", "--json"),
    ("attachments", "client", "1"),
    ("attachments", "activity", "1", "--json"),
    ("activities", "--text", "拜访"),
    ("actions",),
    ("actions", "--overdue", "--owner", "张三", "--json"),
    ("minutes", "list"),
    ("minutes", "list", "--text", "会", "--json"),
    ("minutes", "show", "1"),
    ("letters", "list"),
    ("letters", "list", "--overdue", "--json"),
    ("documents", "list"),
    ("documents", "list", "--kind", "fax", "--json"),
    ("tender", "list"),
    ("tender", "list", "--json"),
    ("tender", "show", "1"),
    ("tender", "show", "1", "--json"),
    ("tender", "show", "2"),
    ("bin", "list"),
    ("bin", "list", "--kind", "client", "--json"),
]


@pytest.mark.parametrize("command", EVERYDAY_READS, ids=" ".join)
def test_the_everyday_reads_of_an_archive_file_load_no_sqlalchemy(filled_path, command):
    """clients, client (and its timeline), overdue, activities, attachments, the follow-up,
    the minutes, letters, documents and tenders lists, `tender show` and the recycle bin read a
    file with sqlite3 alone: neither SQLAlchemy (0.2-0.35 s) nor the ORM models (0.08 s) load
    (tests/cli/test_plain_reads, test_plain_lists and test_plain_tender_show compare their
    output with the session path's)."""
    heavy = ("sqlalchemy", "app.db.models", "app.db.repositories.clients")
    assert loaded_after(*command, "--db", filled_path, heavy=heavy) == []


def test_a_read_the_plain_reader_does_not_serve_loads_sqlalchemy(filled_path):
    """The probe sees SQLAlchemy when a reading command needs a session (the test above is
    not vacuous): the contracts register is read through the ORM's engine."""
    loaded = loaded_after("contracts", "--db", filled_path, heavy=("sqlalchemy",))
    assert loaded == ["sqlalchemy"]


def test_a_command_that_writes_does_load_sqlalchemy(archive_path):
    """The probe sees SQLAlchemy when it is used (the test above is not vacuous)."""
    loaded = loaded_after("company", "--name", "宏达", "--db", archive_path, heavy=("sqlalchemy",))
    assert loaded == ["sqlalchemy"]


@pytest.fixture(scope="module")
def agreement_id(archive_path) -> int:
    """A complete agreement (购销合同 with a contract line and both parties' 开票信息)."""
    from decimal import Decimal

    from app.domain.enums import ClientStatus, Tier
    from app.domain.records import ClientDraft
    from app.services import clients, documents, settings
    from app.services.archive import open_archive

    values = agreement_values(contract_no="HX-2026-018", delivery_place="甲方指定仓库")
    company = settings.CompanySettings(
        name="华信科技有限公司",
        uscc="91110108MA01ABCD2H",
        address="北京市海淀区中关村大街1号",
        phone="010-88886666",
        bank="中国工商银行",
        bank_account="0200004509001234567",
    )
    client = ClientDraft(
        name="北京恒信贸易有限公司",
        uscc="91110105MA00HX1235",
        tier=Tier.A,
        status=ClientStatus.ACTIVE,
        invoice_address="北京市朝阳区建国路88号",
        bank="招商银行北京分行",
        bank_account="1109 0123 4567 890",
    )
    line = documents.ContractLine("服务器", "R740", Decimal(2), "台", Decimal("12345.60"))
    archive = open_archive(archive_path)
    try:
        settings.save_company(archive, company)
        client_id = clients.create_client(archive, client).id
        doc = documents.create_document(
            archive,
            "agreement",
            "purchase_contract",
            client_id=client_id,
            values=values,
            lines=[line],
        )
    finally:
        archive.close()
    return doc.id


def test_printing_a_document_does_not_load_pypdf(archive_path, agreement_id, tmp_path):
    """A document of generated pages only: ReportLab draws its footer and bookmark itself, so
    pypdf (50 ms) stays out, cn2an spells the amounts without proces's address patterns, the
    archive, at head, opens without alembic, and the company settings are read without the
    checks that saving them needs (python-stdnum's tables, issue 11)."""
    out = tmp_path / "document.pdf"
    heavy = ("reportlab", "pypdf", "proces.masking", "alembic", "stdnum")
    loaded = loaded_after("pdf", "document", agreement_id, out, "--db", archive_path, heavy=heavy)
    assert loaded == ["reportlab"]
    assert out.exists()


# what reading a document through a session brings (0.3 s of the 0.5 s goal, issue 11)
SESSION_MODULES = ("sqlalchemy", "app.db.models", "app.db.repositories.documents")
# as on a team archive or a writable one: the archive has no plain reader, a session reads
NO_PLAIN_READER = "from app.services.archive import Archive; Archive.plain = lambda self: None"


def test_printing_a_document_of_an_archive_file_loads_no_sqlalchemy(
    archive_path, agreement_id, tmp_path
):
    """`pdf document` reads the document, its version, client, contact and the company with
    sqlite3 alone: neither SQLAlchemy nor the ORM models are imported."""
    out = tmp_path / "document.pdf"
    args = ("pdf", "document", agreement_id, out, "--db", archive_path)
    assert loaded_after(*args, heavy=SESSION_MODULES) == []
    assert out.exists() and out.stat().st_size > 0


def test_printing_a_document_through_a_session_does_load_sqlalchemy(
    archive_path, agreement_id, tmp_path
):
    """The probe sees SQLAlchemy when the same command reads through a session (the test above
    is not vacuous): here, an archive without a plain reader, as a team archive is."""
    out = tmp_path / "document.pdf"
    args = ("pdf", "document", agreement_id, out, "--db", archive_path)
    loaded = loaded_after(*args, heavy=SESSION_MODULES, prelude=NO_PLAIN_READER)
    assert loaded == sorted(SESSION_MODULES)
    assert out.exists()
