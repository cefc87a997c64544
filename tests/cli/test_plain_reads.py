"""The everyday read commands on an archive file read it with sqlite3 alone (app.db.plain_*,
issue 11) and print exactly what the session path prints: each command is run through the real
entry point twice, once as it runs (the plain reader) and once with the plain reader refused
(the session path a team archive or a writable archive takes), and the outputs compared byte
for byte, on an archive with the edge cases of each filter, deleted records, empty answers and
an encrypted copy."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from cli_runner import run_cli

from app.db import engine as db_engine
from app.db import file_reader
from app.demo import create_demo_archive
from app.domain.enums import ActivityKind, ClientStatus, Tier
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.domain.tenders import TenderDraft
from app.services import activities, attachments, clients, encryption, minutes, tenders
from app.services.archive import Archive, open_archive

PASSWORD = "读者 plain 2026"
TODAY = date.today()


def _client(archive: Archive, name: str, **values) -> int:
    contacts = values.pop("contacts", ())
    return clients.create_client(archive, ClientDraft(name=name, **values), contacts).id


def _activity(archive: Archive, client_id: int, days_ago: int, **values) -> int:
    started = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time())
    values.setdefault("kind", ActivityKind.CALL)
    values.setdefault("subject", "回访")
    draft = ActivityDraft(client_id=client_id, started_at=started + timedelta(hours=9), **values)
    return activities.create_activity(archive, draft).id


def _edge_cases(archive: Archive, folder) -> dict[str, int]:
    """Clients and activities at the edges of each filter and of the overdue rule."""
    ids = {}
    ids["latin"] = _client(archive, "ABC Trading Co", tier=Tier.A, owner="", region="华东")
    ids["never"] = _client(  # never visited, 建档 long ago: counted from the day it was entered
        archive, "久未拜访贸易有限公司", tier=Tier.A, created_on=TODAY - timedelta(days=400)
    )
    ids["future"] = _client(  # 建档日期 after it was entered: counted from the 建档日期
        archive, "新建档科技有限公司", tier=Tier.B, created_on=TODAY + timedelta(days=3)
    )
    ids["paused"] = _client(archive, "暂停合作有限公司", tier=Tier.A, status=ClientStatus.PAUSED)
    ids["key"] = _client(
        archive,
        "重点联系人有限公司",
        tier=Tier.A,
        is_key_account=True,
        owner="王五",
        uscc="91110108MA01ABCD2H",
        bank="招商银行",
        bank_account="1109 0123",
        invoice_address="北京市朝阳区建国路88号",
        contacts=(
            ContactDraft(name="赵一", title="总经理", mobile="13800138000", is_decision_maker=True),
            ContactDraft(name="钱二", email="qian@example.com", birthday=date(1980, 2, 29)),
            ContactDraft(name="孙三"),
        ),
    )
    _activity(archive, ids["key"], 30, kind=ActivityKind.VISIT, subject="拜访 abc")
    _activity(
        archive, ids["key"], 2, next_step="寄样品", next_step_due=TODAY, expense=Decimal("12.5")
    )
    ids["complaint"] = _activity(
        archive, ids["key"], 1, kind=ActivityKind.COMPLAINT, subject="投诉 到货延迟"
    )
    closed = _activity(archive, ids["latin"], 1, kind=ActivityKind.COMPLAINT, subject="投诉 已处理")
    activities.close_complaint(archive, closed, "已换货")
    gone = _activity(archive, ids["key"], 0, kind=ActivityKind.VISIT, subject="删除的拜访")
    activities.delete_activity(archive, gone)  # the last visit falls back to 30 days ago
    binned = _client(archive, "回收站客户有限公司", tier=Tier.A, owner="王五")
    _activity(archive, binned, 5, subject="回收站里的活动")
    clients.delete_client(archive, binned)
    ids["binned"] = binned
    contact = clients.add_contact(archive, ids["key"], ContactDraft(name="已删联系人"))
    clients.delete_contact(archive, contact.id)
    _meetings_and_tenders(archive, ids["key"])
    scan = folder / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 licence")
    attachments.add(archive, "client", ids["key"], scan)
    attachments.add(archive, "client", ids["key"], scan, original_name="副本.pdf")
    attachments.add(archive, "activity", ids["complaint"], scan)
    return ids


def _build(path, clients_count: int, activities_count: int) -> dict[str, int]:
    create_demo_archive(path, clients_count, activities_count, seed=5)
    archive = open_archive(path)
    try:
        return _edge_cases(archive, path.parent)
    finally:
        archive.close()


def _meetings_and_tenders(archive: Archive, client_id: int) -> None:
    """For the client's timeline: a meeting with open and closed action items, one without
    any, and tenders placed by their bid deadline, their publication day or their entry."""
    noon = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=12)
    done = ActionItemDraft("报价", "王五", status=ActionStatus.DONE, result="已报价")
    actions = (ActionItemDraft("送样", "王五"), ActionItemDraft("回访", "李四"), done)
    for title, held, items in (("季度沟通会", 3, actions), ("技术交流会", 10, ())):
        draft = MeetingDraft(
            title,
            noon - timedelta(days=held),
            place="会议室",
            actions=items,
            client_ids=(client_id,),
        )
        minutes.create_meeting(archive, draft)
    for title, values in (
        ("服务器采购", {"bid_deadline": noon + timedelta(days=7)}),
        ("网络设备采购", {"published_on": TODAY - timedelta(days=4)}),
        ("运维服务", {}),
    ):
        tenders.create_tender(archive, TenderDraft(title, client_id=client_id, **values))


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plain")
    path = folder / "archive.sqlite3"
    ids = _build(path, 40, 300)
    encrypted = folder / "encrypted" / "archive.sqlite3"
    encrypted.parent.mkdir()
    encrypted_ids = _build(encrypted, 10, 60)
    encryption.encrypt(encrypted, PASSWORD)
    return path, encrypted, ids, encrypted_ids


def _run(monkeypatch, plain: bool, *args, **kwargs):
    """The command, and how many SQLAlchemy engines and plain connections it made."""
    made = {"engines": 0, "plain": 0}
    engine_class, connector = db_engine.Database, file_reader.read_only_connector

    class CountedDatabase(engine_class):
        def __init__(self, *a, **kw):
            made["engines"] += 1
            super().__init__(*a, **kw)

    def counted_connector(*a, **kw):
        made["plain"] += 1
        return connector(*a, **kw)

    with monkeypatch.context() as m:
        m.setattr(db_engine, "Database", CountedDatabase)
        m.setattr(file_reader, "read_only_connector", counted_connector)
        if not plain:
            m.setattr(Archive, "plain", lambda self: None)
        result = run_cli(*args, **kwargs)
    return result, made


def both_ways(monkeypatch, *args, **kwargs):
    """Runs the command on the plain reader and on the session path; the same exit status,
    stdout and stderr, and each path really taken (a command refused before it reads, like an
    unknown sort, takes neither)."""
    plain, plain_made = _run(monkeypatch, True, *args, **kwargs)
    session, session_made = _run(monkeypatch, False, *args, **kwargs)
    assert (plain.returncode, plain.stdout, plain.stderr) == (
        session.returncode,
        session.stdout,
        session.stderr,
    )
    assert "Traceback" not in plain.stderr
    assert plain_made["engines"] == 0, plain_made
    if plain.returncode == 0:
        assert plain_made["plain"] >= 1 and session_made["engines"] == 1, (plain_made, session_made)
    return plain


COMMANDS = [
    ("clients",),
    ("clients", "--limit", "1000", "--json"),
    ("clients", "--text", "abc"),  # Latin letters in any case, and pinyin initials
    ("clients", "--text", "ABC", "--sort", "owner", "--desc"),
    ("clients", "--text", "华", "--sort", "region", "--limit", "500"),
    ("clients", "--tier", "A", "--tier", "b", "--key", "--status", "合作中", "--json"),
    ("clients", "--owner", "王五", "--sort", "last_visit_on", "--desc", "--limit", "500"),
    ("clients", "--sort", "last_visit_on", "--limit", "500"),
    ("clients", "--sort", "created_on", "--desc", "--limit", "500"),
    ("clients", "--sort", "uscc", "--limit", "500"),
    ("clients", "--region", "华东", "--status", "潜在"),
    ("clients", "--text", "没有这样的客户"),  # empty answer
    ("clients", "--text", "a\x00bc"),  # a NUL pasted into the filter finds what "abc" finds
    ("clients", "--sort", "bogus"),
    ("clients", "--limit", "0"),
    ("overdue",),
    ("overdue", "--limit", "1000", "--json"),
    ("overdue", "--tier", "A,B", "--key"),
    ("overdue", "--owner", ""),
    ("overdue", "--owner", "王五", "--tier", "A"),
    ("overdue", "--owner", "没有这个人"),
    ("activities",),
    ("activities", "--limit", "2000", "--json"),
    ("activities", "--text", "abc"),
    ("activities", "--text", "投诉", "--kind", "complaint"),
    ("activities", "--kind", "投诉", "--open-complaints", "--json"),
    ("activities", "--client", "99999"),
    ("activities", "--kind", "bogus"),
    ("activities", "--limit", "0"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_list_commands_print_the_same_both_ways(archives, monkeypatch, command):
    path, *_ = archives
    both_ways(monkeypatch, *command, "--db", path)


def test_one_client_and_its_attachments_print_the_same_both_ways(archives, monkeypatch):
    path, _, ids, _ = archives
    shown = both_ways(monkeypatch, "client", ids["key"], "--db", path)
    assert "联系人：赵一 总经理 13800138000" in shown.stdout
    assert "已删联系人" not in shown.stdout  # a deleted contact is in the bin, not here
    shown = both_ways(monkeypatch, "client", ids["key"], "--json", "--db", path)
    assert '"birthday": "1980-02-29"' in shown.stdout
    for client_id in (1, ids["latin"], ids["never"]):
        both_ways(monkeypatch, "client", client_id, "--db", path)
    gone = both_ways(monkeypatch, "client", ids["binned"], "--db", path)
    assert gone.returncode == 1 and "不存在" in gone.stderr
    listed = both_ways(monkeypatch, "attachments", "client", ids["key"], "--db", path)
    assert listed.stdout.count("字节") == 2 and "副本.pdf" in listed.stdout
    both_ways(monkeypatch, "attachments", "client", ids["key"], "--json", "--db", path)
    both_ways(monkeypatch, "attachments", "activity", ids["complaint"], "--db", path)
    both_ways(monkeypatch, "attachments", "client", ids["latin"], "--db", path)  # none
    missing = both_ways(monkeypatch, "attachments", "activity", 999_999, "--db", path)
    assert missing.returncode == 1 and "不存在" in missing.stderr
    both_ways(monkeypatch, "attachments", "client", ids["binned"], "--db", path)


def test_a_clients_timeline_prints_the_same_both_ways(archives, monkeypatch):
    path, _, ids, _ = archives
    key = ids["key"]
    shown = both_ways(monkeypatch, "client", key, "--timeline", "--db", path).stdout
    assert "季度沟通会  未办结事项 2" in shown and "技术交流会  未办结事项 0" in shown
    assert "服务器采购" in shown and "运维服务" in shown and "删除的拜访" not in shown
    both_ways(monkeypatch, "client", key, "--timeline", "--json", "--db", path)
    for kinds in (("meeting", "tender"), ("activity",)):
        flags = [word for kind in kinds for word in ("--kind", kind)]
        both_ways(monkeypatch, "client", key, "--timeline", *flags, "--db", path)
    both_ways(monkeypatch, "client", key, "--timeline", "--limit", "2", "--db", path)
    both_ways(monkeypatch, "client", key, "--timeline", "--limit", "0", "--db", path)
    both_ways(monkeypatch, "client", ids["paused"], "--timeline", "--db", path)  # empty
    gone = both_ways(monkeypatch, "client", ids["binned"], "--timeline", "--db", path)
    assert gone.returncode == 1 and "不存在" in gone.stderr


def test_the_overdue_rule_reaches_both_readers(archives, monkeypatch):
    """Paused clients are never overdue, a deleted visit no longer counts, a client never
    visited is counted from when it entered the archive or its later 建档日期."""
    path, _, ids, _ = archives
    shown = both_ways(monkeypatch, "overdue", "--limit", "1000", "--db", path).stdout
    assert "暂停合作有限公司" not in shown and "新建档科技有限公司" not in shown
    assert "回收站客户有限公司" not in shown
    english = both_ways(monkeypatch, "overdue", "--tier", "A", "--db", path, env_lang="en")
    assert "days overdue" in english.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("clients", "--text", "重点"),
        ("client", "1"),
        ("client", "key", "--timeline"),
        ("overdue",),
        ("activities", "--limit", "5"),
        ("attachments", "client", "key"),
        ("tender", "show", "1"),
    ],
    ids=" ".join,
)
def test_an_encrypted_archive_reads_the_same_both_ways(archives, monkeypatch, command):
    _, encrypted, _, ids = archives
    env = {"SALES_COMPASS_PASSWORD": PASSWORD}
    command = [str(ids[word]) if word in ids else word for word in command]
    shown = both_ways(monkeypatch, *command, "--db", encrypted, env=env)
    assert shown.returncode == 0 and shown.stdout
