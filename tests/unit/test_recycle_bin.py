"""The recycle bin (回收站): every kind of record goes in with everything that hangs on it and
comes back whole (same ids, same links, same files, found by the search again); a restore that
cannot be done says which record must come back first; purging deletes only files nothing else
uses; the retention period empties the bin by itself."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import archive_sql
import pytest
from clock import FIXED_NOW

from app.domain.enums import ActivityKind
from app.domain.errors import AppError, NotFoundError
from app.domain.messages import describe
from app.domain.queries import ActivityQuery, ClientQuery
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import (
    activities,
    attachments,
    clients,
    contracts,
    documents,
    identity,
    letters,
    minutes,
    news,
    qualifications,
    rebates,
    recycle_bin,
    search,
    tenders,
)
from app.services.archive import copy_database, open_archive

pytestmark = pytest.mark.both_backends

# Tables whose rows are records (the bin's own table, the history, the search index and the
# settings are compared separately or not at all).
SKIPPED_TABLES = {"recycle_bin", "change_log", "settings", "alembic_version", "search_docs"}

DELETE = {
    "client": clients.delete_client,
    "contact": clients.delete_contact,
    "activity": activities.delete_activity,
    "tender": tenders.delete_tender,
    "qualification": qualifications.delete,
    "document": documents.delete_document,
    "letter": letters.delete_letter,
    "contract": contracts.delete_contract,
    "receipt": contracts.delete_receipt,
    "minutes": minutes.delete_meeting,
    "rebate": rebates.delete_rebate,
    "news": news.delete_news,  # issue 13: 客户动态
}
GET = {
    "client": clients.get_client,
    "activity": activities.get_activity,
    "tender": tenders.get_tender,
    "qualification": qualifications.get,
    "document": documents.get_document,
    "letter": letters.get_letter,
    "contract": contracts.get_contract,
    "receipt": contracts.get_receipt,
    "minutes": minutes.get_meeting,
    "rebate": rebates.get_rebate,
    "news": news.get_news,
}
SEARCH_KIND = {"minutes": "meeting"}
# A record of each kind with as much hanging on it as the demo has, and deletable today.
PICK = {
    "client": """SELECT id FROM clients WHERE id IN (SELECT client_id FROM contacts)
        AND id IN (SELECT client_id FROM activities)
        AND id NOT IN (SELECT client_id FROM tenders UNION SELECT client_id FROM contracts
            UNION SELECT client_id FROM receipts UNION SELECT client_id FROM rebates)""",
    "contact": "SELECT contact_id FROM activity_contacts",
    "activity": "SELECT activity_id FROM activity_contacts",
    "tender": """SELECT tender_id FROM packet_sections s JOIN packet_files f
        ON f.section_id = s.id WHERE tender_id IN (SELECT tender_id FROM tender_items)""",
    "qualification": "SELECT qualification_id FROM packet_files WHERE qualification_id > 0",
    "document": "SELECT document_id FROM document_reviews",
    "letter": "SELECT id FROM letters",
    "contract": """SELECT contract_id FROM contract_lines
        WHERE contract_id NOT IN (SELECT contract_id FROM receipts WHERE contract_id > 0)""",
    "receipt": "SELECT id FROM receipts WHERE contract_id IS NOT NULL",
    "minutes": """SELECT meeting_id FROM action_items
        WHERE meeting_id IN (SELECT meeting_id FROM meeting_clients)""",
    "rebate": "SELECT rebate_id FROM rebate_steps",
    "news": "SELECT id FROM client_news",
}
# Record kinds that carry attachments themselves, and the owner a test file is attached to.
OWNER = {
    "client": "SELECT 'client', {id}",
    "activity": "SELECT 'activity', {id}",
    "qualification": "SELECT 'qualification', {id}",
    "letter": "SELECT 'letter', {id}",
    "news": "SELECT 'news', {id}",
    "tender": "SELECT 'packet_section', MIN(id) FROM packet_sections WHERE tender_id = {id}",
}


# --- the demo archive, built once and copied for each test ----------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    from app.demo import generate_demo

    path = tmp_path_factory.mktemp("bin-demo") / "demo.sqlite3"
    built = open_archive(path, clock=lambda: FIXED_NOW)
    try:
        generate_demo(built, 12, None, 7, None)
    finally:
        built.close()
    return path


@pytest.fixture
def demo(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite3"
    copy_database(demo_template, path)
    store = demo_template.with_name(demo_template.stem + ".files")
    if store.exists():
        shutil.copytree(store, path.with_name(path.stem + ".files"))
    opened = open_archive(path, clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


def _query(archive, sql: str, *params) -> list[tuple]:
    return archive_sql.rows(archive, sql, *params)


def _rows(archive) -> dict[str, list[tuple]]:
    """Every record row of the archive, by table."""
    tables = [
        name
        for (name,) in _query(archive, "SELECT name FROM sqlite_master WHERE type = 'table'")
        if name not in SKIPPED_TABLES and not name.startswith(("sqlite_", "search_fts"))
    ]
    return {t: sorted(_query(archive, f'SELECT * FROM "{t}"'), key=repr) for t in tables}


def _search_docs(archive) -> list[tuple]:
    return sorted(_query(archive, "SELECT kind, ref_id, title, body FROM search_docs"))


def _listed(archive, kind: str, record: dict) -> set[int]:
    """The ids the kind's own list shows (a contact: its client's contacts)."""
    if kind == "client":
        return set(clients.list_client_ids(archive, ClientQuery()))
    if kind == "contact":
        return {c.id for c in clients.get_client(archive, record["client_id"]).contacts}
    if kind == "activity":
        return set(activities.list_activity_ids(archive, ActivityQuery()))
    lists = {
        "tender": tenders.list_tenders,
        "qualification": qualifications.list_all,
        "document": documents.list_documents,
        "letter": letters.list_letters,
        "contract": contracts.list_contracts,
        "receipt": contracts.list_receipts,
        "minutes": minutes.list_meetings,
        "rebate": rebates.list_rebates,
        "news": news.list_news,
    }
    return {row.id for row in lists[kind](archive)}


def _found(archive, kind: str, record_id: int, title: str) -> bool:
    search_kind = SEARCH_KIND.get(kind, kind)
    hits = search.search(archive, title[:20], limit=200, kinds=(search_kind,))
    return any(h.id == record_id for h in hits)


def _file_bytes(archive, attachment_id: int, folder: Path) -> bytes:
    return attachments.copy_out(archive, attachment_id, folder).read_bytes()


# --- every kind, delete and restore ------------------------------------------------------------------


@pytest.mark.parametrize("kind", recycle_bin.KINDS)
def test_every_kind_goes_to_the_bin_and_comes_back_whole(demo, kind, tmp_path):
    archive = demo
    record_id = _query(archive, PICK[kind] + " ORDER BY 1 LIMIT 1")[0][0]
    table = recycle_bin.TABLES[kind]
    columns = [c[1] for c in _query(archive, f"PRAGMA table_info({table})")]
    values = _query(archive, f"SELECT * FROM {table} WHERE id = ?", record_id)[0]
    record = dict(zip(columns, values, strict=True))
    attached = None
    if kind in OWNER:
        owner_kind, owner_id = _query(archive, OWNER[kind].format(id=record_id))[0]
        scan = tmp_path / "扫描件.pdf"
        scan.write_bytes(f"%PDF-1.4 {kind} scan".encode())
        attached = attachments.add(archive, owner_kind, owner_id, scan)
    (search_title,) = _query(
        archive,
        "SELECT title FROM search_docs WHERE kind = ? AND ref_id = ?",
        SEARCH_KIND.get(kind, kind),
        record_id,
    )[0]
    assert _found(archive, kind, record_id, search_title)
    before, indexed = _rows(archive), _search_docs(archive)

    DELETE[kind](archive, record_id)

    assert record_id not in _listed(archive, kind, record)
    assert not _found(archive, kind, record_id, search_title)
    if kind in GET:
        with pytest.raises(NotFoundError):
            GET[kind](archive, record_id)
    [item] = recycle_bin.list_items(archive, kind)
    assert (item.kind, item.record_id) == (kind, record_id)
    assert item.deleted_at == FIXED_NOW
    assert item.deleted_by == identity.current_user(archive)
    assert item.title
    assert recycle_bin.list_items(archive) == [item]
    if attached is not None:  # the file stays on disk while the record is in the bin
        assert attached.sha256 in recycle_bin.blob_digests(archive, item.id)
        assert archive.blobs.exists(attached.sha256)

    restored = recycle_bin.restore(archive, kind, record_id)

    assert (restored.kind, restored.record_id, restored.title) == (kind, record_id, item.title)
    assert _rows(archive) == before  # every row back, same ids, same links
    assert _search_docs(archive) == indexed  # as the index was, document for document
    assert record_id in _listed(archive, kind, record)
    assert _found(archive, kind, record_id, search_title)
    assert recycle_bin.list_items(archive) == []
    if attached is not None:
        content = _file_bytes(archive, attached.id, tmp_path / "out")
        assert content == f"%PDF-1.4 {kind} scan".encode()
    actions = _query(
        archive,
        "SELECT action FROM change_log WHERE kind = ? AND record_id = ? ORDER BY id",
        kind,
        record_id,
    )
    assert [a for (a,) in actions if a in ("delete", "restore")] == ["delete", "restore"]


# --- links to records that are in the bin too ---------------------------------------------------------


@pytest.fixture
def client_with_contact(archive):
    return clients.create_client(
        archive, ClientDraft(name="北京恒信贸易有限公司"), [ContactDraft(name="张伟")]
    )


def test_a_contact_whose_client_is_in_the_bin_waits_for_its_client(archive, client_with_contact):
    client = client_with_contact
    contact = client.contacts[0]
    clients.delete_contact(archive, contact.id)
    clients.delete_client(archive, client.id)

    with pytest.raises(AppError) as refused:
        recycle_bin.restore(archive, "contact", contact.id)
    assert refused.value.code == "restore_parent_in_bin"
    assert describe(refused.value) == (
        "不能恢复联系人“张伟（北京恒信贸易有限公司）”：它所属的客户“北京恒信贸易有限公司”"
        "也在回收站中。请先恢复客户“北京恒信贸易有限公司”。"
    )
    assert len(recycle_bin.list_items(archive)) == 2  # nothing changed

    recycle_bin.restore(archive, "client", client.id)
    recycle_bin.restore(archive, "contact", contact.id)
    assert [c.name for c in clients.get_client(archive, client.id).contacts] == ["张伟"]


def test_a_contact_deleted_with_its_client_comes_back_with_it(archive, client_with_contact):
    client = client_with_contact
    clients.delete_client(archive, client.id)
    with pytest.raises(AppError) as refused:
        recycle_bin.restore(archive, "contact", client.contacts[0].id)
    assert refused.value.code == "deleted_with"
    assert "北京恒信贸易有限公司" in describe(refused.value)
    recycle_bin.restore(archive, "client", client.id)
    assert clients.get_client(archive, client.id).contacts == client.contacts


def test_an_activity_restored_before_its_contact_gets_the_link_back_with_the_contact(
    archive, client_with_contact
):
    client = client_with_contact
    contact = client.contacts[0]
    visit = activities.create_activity(
        archive,
        ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.VISIT,
            started_at=datetime(2026, 11, 2, 9, 0),
            subject="季度拜访",
            contact_ids=(contact.id,),
        ),
    )
    activities.delete_activity(archive, visit.id)
    assert clients.get_client(archive, client.id).last_visit_on is None
    clients.delete_contact(archive, contact.id)

    recycle_bin.restore(archive, "activity", visit.id)  # its contact is still in the bin
    assert activities.get_activity(archive, visit.id).contact_ids == ()
    assert clients.get_client(archive, client.id).last_visit_on == date(2026, 11, 2)

    recycle_bin.restore(archive, "contact", contact.id)
    assert activities.get_activity(archive, visit.id).contact_ids == (contact.id,)


def test_documents_of_a_deleted_client_are_linked_again_when_it_comes_back(
    archive, client_with_contact
):
    from app.services.letters import LetterDraft

    client = client_with_contact
    letter = letters.add_letter(
        archive,
        LetterDraft(
            direction=letters.LetterDirection.INCOMING,
            dated_on=date(2026, 11, 1),
            counterpart=client.name,
            title="关于调整供货价格的函",
            client_id=client.id,
        ),
    )
    clients.delete_client(archive, client.id)
    assert letters.get_letter(archive, letter.id).client_id is None  # the letter stays
    recycle_bin.restore(archive, "client", client.id)
    assert letters.get_letter(archive, letter.id).client_id == client.id


def test_a_client_with_contracts_is_not_deleted(archive, client_with_contact):
    client = client_with_contact
    contracts.create_contract(
        archive,
        contracts.ContractDraft(
            number="HT-2026-001",
            client_id=client.id,
            signed_on=date(2026, 10, 1),
            amount=Decimal("1000"),
        ),
    )
    with pytest.raises(AppError) as refused:
        clients.delete_client(archive, client.id)
    assert refused.value.code == "delete_blocked"
    assert describe(refused.value) == (
        "不能删除客户“北京恒信贸易有限公司”：还有关联的合同（1）。"
        "请先删除这些记录（它们也会进回收站）。"
    )
    assert clients.get_client(archive, client.id).name == "北京恒信贸易有限公司"
    assert recycle_bin.list_items(archive) == []


def test_a_client_whose_name_was_taken_meanwhile_says_so(archive, client_with_contact):
    client = client_with_contact
    clients.delete_client(archive, client.id)
    newer = clients.create_client(archive, ClientDraft(name="北京恒信贸易有限公司"))
    assert newer.id > client.id  # ids are never given out twice
    with pytest.raises(AppError) as refused:
        recycle_bin.restore(archive, "client", client.id)
    assert refused.value.code == "restore_duplicate"
    assert describe(refused.value) == (
        f"不能恢复客户“北京恒信贸易有限公司”：客户名称“北京恒信贸易有限公司”已被现有记录"
        f"（#{newer.id}）使用。请先修改或删除那条记录。"
    )
    clients.update_client(archive, newer.id, ClientDraft(name="北京恒信贸易有限公司（新）"))
    recycle_bin.restore(archive, "client", client.id)
    assert clients.get_client(archive, client.id).contacts[0].name == "张伟"


def test_ids_of_binned_records_are_never_given_out_again(archive):
    first = clients.create_client(archive, ClientDraft(name="甲公司"))
    clients.delete_client(archive, first.id)
    second = clients.create_client(archive, ClientDraft(name="乙公司"))
    assert second.id == first.id + 1
    recycle_bin.restore(archive, "client", first.id)
    assert clients.get_client(archive, first.id).name == "甲公司"


# --- purging ----------------------------------------------------------------------------------------


def _attach_same_file(archive, client_id: int, tmp_path: Path):
    scan = tmp_path / f"营业执照-{client_id}.pdf"
    scan.write_bytes(b"%PDF-1.4 the same licence scan")
    return attachments.add(archive, "client", client_id, scan)


def test_purging_deletes_a_file_only_when_nothing_else_uses_it(archive, tmp_path):
    first = clients.create_client(archive, ClientDraft(name="甲公司"))
    second = clients.create_client(archive, ClientDraft(name="乙公司"))
    kept = _attach_same_file(archive, first.id, tmp_path)
    _attach_same_file(archive, second.id, tmp_path)

    clients.delete_client(archive, first.id)
    recycle_bin.purge_item(archive, recycle_bin.find_item(archive, "client", first.id).id)
    assert archive.blobs.exists(kept.sha256)  # the other client still has it

    clients.delete_client(archive, second.id)
    assert archive.blobs.exists(kept.sha256)  # in the bin, still on disk
    recycle_bin.purge_item(archive, recycle_bin.find_item(archive, "client", second.id).id)
    assert not archive.blobs.exists(kept.sha256)
    assert recycle_bin.list_items(archive) == []
    actions = _query(archive, "SELECT action, record_id FROM change_log WHERE action = 'purge'")
    assert sorted(actions) == [("purge", first.id), ("purge", second.id)]


def test_removing_an_attachment_keeps_a_file_a_binned_record_still_needs(archive, tmp_path):
    first = clients.create_client(archive, ClientDraft(name="甲公司"))
    second = clients.create_client(archive, ClientDraft(name="乙公司"))
    binned = _attach_same_file(archive, first.id, tmp_path)
    other = _attach_same_file(archive, second.id, tmp_path)
    clients.delete_client(archive, first.id)
    attachments.remove(archive, other.id)
    assert archive.blobs.exists(binned.sha256)
    recycle_bin.restore(archive, "client", first.id)
    assert _file_bytes(archive, binned.id, tmp_path / "out") == b"%PDF-1.4 the same licence scan"
    from app.services.archive import check

    assert check(archive) == []


def test_old_items_are_purged_by_the_retention_period(archive):
    old = clients.create_client(archive, ClientDraft(name="甲公司"))
    recent = clients.create_client(archive, ClientDraft(name="乙公司"))
    archive.clock = lambda: FIXED_NOW - timedelta(days=91)
    clients.delete_client(archive, old.id)
    archive.clock = lambda: FIXED_NOW - timedelta(days=89)
    clients.delete_client(archive, recent.id)
    archive.clock = lambda: FIXED_NOW

    assert recycle_bin.retention_days(archive) == 90
    assert recycle_bin.purge_expired(archive) == 1
    assert [i.record_id for i in recycle_bin.list_items(archive)] == [recent.id]

    recycle_bin.set_retention_days(archive, 30)
    assert recycle_bin.purge_expired(archive) == 1
    assert recycle_bin.list_items(archive) == []
    with pytest.raises(AppError):
        recycle_bin.set_retention_days(archive, 0)


def test_purge_older_than_days_and_emptying_the_bin(archive):
    for n, days_ago in enumerate((40, 20, 1)):
        created = clients.create_client(archive, ClientDraft(name=f"测试公司{n}"))
        archive.clock = lambda d=days_ago: FIXED_NOW - timedelta(days=d)
        clients.delete_client(archive, created.id)
    archive.clock = lambda: FIXED_NOW
    assert [i.title for i in recycle_bin.older_than(archive, 30)] == ["测试公司0"]
    assert recycle_bin.purge_older_than(archive, 30) == 1
    assert recycle_bin.purge_older_than(archive, 0) == 2  # 0: everything
    assert recycle_bin.list_items(archive) == []


def test_a_restore_of_an_item_that_is_gone_says_so(archive):
    with pytest.raises(AppError) as refused:
        recycle_bin.restore(archive, "client", 99)
    assert describe(refused.value) == "回收站中没有客户 #99。请用 bin list 查看回收站。"
    with pytest.raises(AppError):
        recycle_bin.kind_of("order")
    assert recycle_bin.kind_of("meeting") == "minutes"
