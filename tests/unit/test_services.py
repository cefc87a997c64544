"""Services on a temporary archive (fixed clock 2026-11-26 10:30, see tests/conftest.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import archive_sql
import pytest
from sqlalchemy import text

from app import demo
from app.domain.enums import ActivityKind, Tier
from app.domain.errors import (
    CancelledError,
    DuplicateError,
    NotFoundError,
    ValidationError,
    ValidationErrors,
)
from app.domain.queries import ClientQuery
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, attachments, clients, planning, search, settings

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 26)
FIXED_NOW = datetime(2026, 11, 26, 10, 30)  # the clock of the archive fixture (conftest)


def _client(archive, name: str, **fields) -> clients.ClientRecord:
    return clients.create_client(archive, ClientDraft(name, **fields))


def _activity(archive, client_id: int, days_ago: int, kind=ActivityKind.VISIT, **fields):
    started = datetime(2026, 11, 26, 9, 0) - timedelta(days=days_ago)
    subject = fields.pop("subject", "季度走访")
    return activities.create_activity(
        archive, ActivityDraft(client_id, kind, started, subject, **fields)
    )


def _count(archive, sql: str, *params) -> int:
    return archive_sql.scalar(archive, sql, *params)


def _rows(archive, sql: str) -> list[tuple]:
    return archive_sql.rows(archive, sql)


USCC = "91110000600037341L"


# --- clients ---------------------------------------------------------------


def test_create_client_cleans_and_keeps_fields(archive):
    record = clients.create_client(
        archive,
        ClientDraft(" 北京华信科技有限公司 ", uscc=USCC.lower(), tier=Tier.A, is_key_account=True),
        [ContactDraft("张伟", title="采购经理", mobile="138 1234 5678")],
    )
    assert record.name == "北京华信科技有限公司"
    assert record.uscc == USCC
    assert record.created_on == TODAY
    assert record.contacts[0].mobile == "13812345678"
    again = clients.get_client(archive, record.id)
    assert again == record


def test_duplicate_by_uscc_on_create(archive):
    first = _client(archive, "北京华信科技有限公司", uscc=USCC)
    with pytest.raises(DuplicateError) as info:
        _client(archive, "另一家公司", uscc=USCC)
    assert info.value.by == "uscc"
    assert info.value.existing_id == first.id


def test_duplicate_by_folded_name_on_create(archive):
    first = _client(archive, "华信(集团)有限公司")
    with pytest.raises(DuplicateError) as info:
        _client(archive, "华信（集团） 有限公司")
    assert info.value.by == "name"
    assert info.value.existing_title == first.name


def test_duplicate_on_edit(archive):
    _client(archive, "华信(集团)有限公司", uscc=USCC)
    other = _client(archive, "恒达贸易有限公司")
    with pytest.raises(DuplicateError) as by_name:
        clients.update_client(
            archive, other.id, replace(other.draft(), name="华信（集团）有限公司")
        )
    assert by_name.value.by == "name"
    with pytest.raises(DuplicateError) as by_uscc:
        clients.update_client(archive, other.id, replace(other.draft(), uscc=USCC))
    assert by_uscc.value.by == "uscc"
    # editing a client without touching its own name is not a duplicate of itself
    kept = clients.update_client(archive, other.id, replace(other.draft(), industry="贸易"))
    assert kept.industry == "贸易"


def test_invalid_client_lists_every_wrong_field(archive):
    with pytest.raises(ValidationErrors) as info:
        _client(archive, " ", uscc="91110000600037341M")
    assert {p.field for p in info.value.problems} == {"name", "uscc"}


def test_delete_client_cascades(archive, tmp_path):
    client = clients.create_client(archive, ClientDraft("深圳恒达电子"), [ContactDraft("李娜")])
    act = _activity(archive, client.id, 3)
    source = tmp_path / "合同.pdf"
    source.write_bytes(b"%PDF-1.4 contract")
    att_client = attachments.add(archive, "client", client.id, source)
    attachments.add(archive, "activity", act.id, source)
    clients.delete_client(archive, client.id)
    with pytest.raises(NotFoundError):
        clients.get_client(archive, client.id)
    assert _count(archive, "SELECT count(*) FROM contacts") == 0
    assert _count(archive, "SELECT count(*) FROM activities") == 0
    assert _count(archive, "SELECT count(*) FROM attachments") == 0
    assert _count(archive, "SELECT count(*) FROM search_docs") == 0
    assert search.search(archive, "恒达") == []
    # the file waits in the recycle bin with the client until the bin is emptied
    assert archive.blobs.exists(att_client.sha256)
    from app.services import recycle_bin

    recycle_bin.purge_older_than(archive, 0)
    assert not archive.blobs.exists(att_client.sha256)


# --- activities ------------------------------------------------------------


def test_last_visit_follows_add_edit_delete(archive):
    client = _client(archive, "杭州宏远机械")
    old = _activity(archive, client.id, 20)
    assert clients.get_client(archive, client.id).last_visit_on == TODAY - timedelta(days=20)
    recent = _activity(archive, client.id, 2)
    _activity(archive, client.id, 0, ActivityKind.CALL, subject="电话回访")
    assert clients.get_client(archive, client.id).last_visit_on == TODAY - timedelta(days=2)
    moved = replace(recent.draft(), started_at=datetime(2026, 11, 10, 9, 0))
    activities.update_activity(archive, recent.id, moved)
    assert clients.get_client(archive, client.id).last_visit_on == date(2026, 11, 10)
    activities.delete_activity(archive, recent.id)
    assert clients.get_client(archive, client.id).last_visit_on == TODAY - timedelta(days=20)
    activities.delete_activity(archive, old.id)
    assert clients.get_client(archive, client.id).last_visit_on is None


def test_complaint_close_needs_a_resolution(archive):
    client = _client(archive, "南京金诚化工")
    complaint = _activity(archive, client.id, 5, ActivityKind.COMPLAINT, subject="交货延迟投诉")
    assert [r.id for r in activities.open_complaints(archive)] == [complaint.id]
    with pytest.raises(ValidationErrors) as info:
        activities.close_complaint(archive, complaint.id, "  ")
    assert info.value.problems[0].field == "resolution"
    closed = activities.close_complaint(archive, complaint.id, "已补发货物")
    assert closed.closed_on == TODAY
    assert closed.resolution == "已补发货物"
    assert activities.open_complaints(archive) == []


def test_expense_is_decimal_round_trip(archive):
    client = _client(archive, "成都博通信息技术")
    record = _activity(archive, client.id, 1, expense=Decimal("1234.56"))
    again = activities.get_activity(archive, record.id)
    assert again.expense == Decimal("1234.56")
    assert isinstance(again.expense, Decimal)
    row = activities.timeline(archive, client.id)[0]
    assert row.expense == Decimal("1234.56")
    assert _count(archive, "SELECT expense_fen FROM activities") == 123456


# --- visit plan --------------------------------------------------------------


def test_overdue_list_puts_a_and_b_first_most_overdue_first(archive):
    a_late = _client(archive, "甲A迟", tier=Tier.A)
    a_later = _client(archive, "乙A更迟", tier=Tier.A)
    b_late = _client(archive, "丙B迟", tier=Tier.B)
    c_very_late = _client(archive, "丁C很迟", tier=Tier.C)
    a_fresh = _client(archive, "戊A刚拜访", tier=Tier.A)
    _activity(archive, a_late.id, 10)
    _activity(archive, a_later.id, 30)
    _activity(archive, b_late.id, 20)
    _activity(archive, c_very_late.id, 200)
    _activity(archive, a_fresh.id, 3)
    overdue = planning.overdue_visits(archive)
    assert [o.client_id for o in overdue] == [a_later.id, a_late.id, b_late.id, c_very_late.id]
    assert overdue[0].days_overdue == 30 - 7
    assert overdue[2].interval_days == 14


def test_overdue_page_in_sql_matches_the_visit_plan_order(archive):
    from app.db.repositories import clients as client_repo

    for n, (tier, days_ago) in enumerate(
        [(Tier.C, 100), (Tier.A, 9), (Tier.B, 40), (Tier.A, 25), (Tier.D, 300), (Tier.B, 15)]
    ):
        client = _client(archive, f"排序测试{n}有限公司", tier=tier, is_key_account=n % 2 == 0)
        _activity(archive, client.id, days_ago)
    intervals = settings.visit_intervals(archive)
    due = {t.value: TODAY - timedelta(days=intervals.for_tier(t)) for t in Tier}
    for key_only in (False, True):
        expected = [o.client_id for o in planning.overdue_visits(archive, key_only)]
        with archive.db.read() as session:
            page = client_repo.overdue_page(session, due, key_only, limit=100)
            second = client_repo.overdue_page(session, due, key_only, limit=2, offset=2)
            total = client_repo.overdue_count(session, due, key_only)
        assert [row[0] for row in page] == expected
        assert [row[0] for row in second] == expected[2:4]
        assert total == len(expected)


def test_a_client_never_visited_counts_from_when_it_entered_the_archive(archive):
    """An imported client with an old 建档日期 is not 1,300 days overdue on its first day."""
    old_file = _client(archive, "老档案从未拜访有限公司", tier=Tier.A)
    with archive.db.session() as session:
        session.execute(
            text("UPDATE clients SET created_on = '2023-05-02' WHERE id = :id"), {"id": old_file.id}
        )
    assert planning.overdue_visits(archive) == []  # entered today: due in 7 days
    with archive.db.session() as session:  # it entered the archive 10 days ago
        session.execute(
            text("UPDATE clients SET created_at = :at WHERE id = :id"),
            {"at": datetime(2026, 11, 16, 9, 0), "id": old_file.id},
        )
    (overdue,) = planning.overdue_visits(archive)
    assert overdue.days_overdue == 10 - 7
    with archive.db.read() as session:
        from app.db.repositories import clients as client_repo

        due = {t.value: TODAY - timedelta(days=7 if t == Tier.A else 400) for t in Tier}
        assert client_repo.overdue_count(session, due, False) == 1


def test_overdue_list_uses_intervals_from_settings(archive):
    client = _client(archive, "青岛中天物流", tier=Tier.A)
    _activity(archive, client.id, 10)
    assert [o.client_id for o in planning.overdue_visits(archive)] == [client.id]
    settings.save_visit_intervals(archive, {Tier.A: 14})
    assert planning.overdue_visits(archive) == []
    assert settings.visit_intervals(archive).for_tier(Tier.A) == 14


def test_company_settings_round_trip(archive):
    saved = settings.save_company(
        archive,
        settings.CompanySettings(
            name="销售罗盘示范有限公司",
            uscc=USCC.lower(),
            address="北京市朝阳区建国路1号",
            legal_representative="王强",
            phone="010 12345678",
            fax="010-87654321",
            bank="中国工商银行北京分行",
            bank_account="0200 0012 3456 7890",
        ),
    )
    assert saved.uscc == USCC
    assert saved.phone == "010-12345678"
    assert settings.company(archive) == saved


# --- attachments -------------------------------------------------------------


def test_same_content_is_stored_once_and_names_are_kept(archive, tmp_path):
    client = _client(archive, "厦门嘉和贸易")
    one = tmp_path / "营业执照.png"
    two = tmp_path / "copy.png"
    one.write_bytes(b"same bytes")
    two.write_bytes(b"same bytes")
    first = attachments.add(archive, "client", client.id, one)
    second = attachments.add(archive, "client", client.id, two, original_name="../../etc/x.png")
    assert first.sha256 == second.sha256
    assert _count(archive, "SELECT count(*) FROM blobs") == 1
    names = [a.original_name for a in attachments.list_for(archive, "client", client.id)]
    assert names == ["营业执照.png", "../../etc/x.png"]
    copy = attachments.copy_out(archive, second.id, tmp_path / "out")
    assert copy.parent == tmp_path / "out"
    assert copy.read_bytes() == b"same bytes"
    attachments.remove(archive, first.id)
    assert archive.blobs.exists(first.sha256)  # still used by the second
    attachments.remove(archive, second.id)
    assert not archive.blobs.exists(first.sha256)
    assert _count(archive, "SELECT count(*) FROM blobs") == 0


# --- search ------------------------------------------------------------------


@pytest.fixture
def searchable(archive):
    bj = clients.create_client(
        archive,
        ClientDraft("北京恒信科技有限公司", region="华北"),
        [ContactDraft("张伟", mobile="13812345678")],
    )
    sz = _client(archive, "深圳华达电子有限公司", region="华南")
    _client(archive, "上海恒通贸易有限公司")
    act = _activity(archive, sz.id, 4, subject="年度框架协议谈判")
    return {"bj": bj, "sz": sz, "act": act}


def _ids(hits, kind):
    return [h.id for h in hits if h.kind == kind]


def test_search_two_characters(archive, searchable):
    hits = search.search(archive, "深圳")
    assert _ids(hits, "client") == [searchable["sz"].id]


def test_search_one_character(archive, searchable):
    hits = search.search(archive, "华")
    # the name hit ranks before the client found only by its region 华北
    assert _ids(hits, "client") == [searchable["sz"].id, searchable["bj"].id]


def test_search_pinyin_initials(archive, searchable):
    hits = search.search(archive, "bjhx")
    assert _ids(hits, "client") == [searchable["bj"].id]


def test_search_contact_by_mobile_digits(archive, searchable):
    hits = search.search(archive, "12345678")
    assert _ids(hits, "contact") == [searchable["bj"].contacts[0].id]


def test_search_activity_by_subject(archive, searchable):
    hits = search.search(archive, "框架协议")
    assert _ids(hits, "activity") == [searchable["act"].id]


def test_search_results_are_grouped_by_kind(archive, searchable):
    hits = search.search(archive, "恒")
    kinds = [h.kind for h in hits]
    assert kinds == sorted(kinds, key=search.KINDS.index)
    assert kinds.count("client") == 2
    assert kinds.count("contact") == 1  # 张伟(北京恒信科技有限公司)
    assert search.search(archive, "   ") == []


def test_an_older_match_of_a_rarer_kind_is_still_found(archive):
    """The first look over every kind sees only the newest matches; the kinds it left short are
    looked up one by one."""
    old = _client(archive, "深圳恒达电子有限公司")
    _activity(archive, old.id, 1, subject="华东区域年度拜访")  # the only match of its kind
    for number in range(125):  # newer matches of another kind fill the first look (120 rows)
        _client(archive, f"华信{number:03d}号贸易有限公司")
    hits = search.search(archive, "华", limit=1, kinds=("client", "activity"))
    assert [h.kind for h in hits] == ["client", "activity"]


# --- demo archive --------------------------------------------------------------


def test_demo_fills_an_empty_archive_realistically(archive):
    from stdnum.cn import uscc as stdnum_uscc

    summary = demo.generate_demo(archive, clients=200, seed=3)
    assert (summary.clients, summary.activities) == (200, 2000)
    assert 5 <= summary.owners <= 8
    rows = clients.client_rows(archive, clients.list_client_ids(archive, ClientQuery()))
    rows = [r for r in rows if r.industry != "政府采购"]  # the demo tenders' purchasers
    assert len({r.name for r in rows}) == 200
    assert all(stdnum_uscc.is_valid(r.uscc) for r in rows)
    assert all(r.name.endswith(("有限公司", "股份有限公司")) for r in rows)
    tiers = Counter(r.tier for r in rows)
    assert tiers["A"] < tiers["B"] < tiers["C"] and tiers["A"] > 0
    key_by_tier = Counter(r.tier for r in rows if r.is_key_account)
    assert key_by_tier["A"] + key_by_tier["B"] > key_by_tier["C"] + key_by_tier["D"]
    oldest = TODAY - timedelta(days=3 * 366)
    assert all(oldest <= r.created_on <= TODAY for r in rows)
    kinds = dict(
        _rows(archive, "SELECT kind, count(*) FROM activities GROUP BY kind ORDER BY 2 DESC")
    )
    assert set(kinds) == {k.value for k in ActivityKind}
    assert max(kinds, key=kinds.get) == "visit"
    assert _count(archive, "SELECT count(*) FROM clients WHERE last_visit_on IS NOT NULL") > 100
    assert _count(
        archive, "SELECT count(*) FROM activities WHERE kind='complaint' AND closed_on IS NULL"
    )
    assert _count(archive, "SELECT count(*) FROM activities WHERE resolution != ''")
    assert _count(archive, "SELECT count(*) FROM activities WHERE next_step_done_on IS NOT NULL")
    assert activities.due_next_steps(archive)
    assert search.search(archive, rows[0].name)[0].id == rows[0].id


def test_demo_is_deterministic_per_seed(tmp_path):
    from app.services.archive import open_archive

    names = []
    for run, seed in enumerate((11, 11, 12)):
        opened = open_archive(tmp_path / f"demo{run}.sqlite3", clock=lambda: FIXED_NOW)
        demo.generate_demo(opened, clients=30, activities=100, seed=seed)
        names.append(_rows(opened, "SELECT name, uscc, tier FROM clients ORDER BY id"))
        opened.close()
    assert names[0] == names[1]
    assert names[0] != names[2]


def test_demo_refuses_an_archive_with_clients(archive):
    _client(archive, "已有客户有限公司")
    with pytest.raises(ValidationError) as info:
        demo.generate_demo(archive, clients=5)
    assert info.value.code == "archive_not_empty"


def test_demo_reports_progress_and_can_be_cancelled(archive):
    class Task:
        def __init__(self, stop_after: int):
            self.calls: list[tuple[int, int]] = []
            self.stop_after = stop_after

        def progress(self, done, total):
            self.calls.append((done, total))

        def cancelled(self):
            return len(self.calls) >= self.stop_after

        def raise_if_cancelled(self):
            if self.cancelled():
                raise CancelledError()

    task = Task(stop_after=1)
    with pytest.raises(CancelledError):
        demo.generate_demo(archive, clients=50, task=task)
    assert clients.client_count(archive) == 0
    assert _count(archive, "SELECT count(*) FROM search_docs") == 0

    task = Task(stop_after=10**9)
    demo.generate_demo(archive, clients=50, task=task)
    done = [d for d, _ in task.calls]
    assert done == sorted(done)
    assert task.calls[-1][0] == task.calls[-1][1]


def _without_id_blocks(rows: list[tuple]) -> list[tuple]:
    """A team archive's vectors also hold the blocks of their document's id ('#10.1453',
    app.db.search_pg.block_marks), which a rebuild renumbers: the rest must match."""
    import re

    def plain(value):
        return re.sub(r" ?'#\d+\.\d+'", "", value) if isinstance(value, str) else value

    return [tuple(plain(v) for v in row) for row in rows]


def test_demo_search_documents_match_the_search_services_own(archive):
    """The demo builds index documents from rows; they must equal what rebuild_index makes
    from ORM objects, so the bulk path cannot drift from app.services.search."""
    demo.generate_demo(archive, clients=20, activities=60, seed=5)
    sql = (
        "SELECT d.kind, d.ref_id, d.title, d.body, f.initials FROM search_docs d"
        " JOIN search_fts f ON f.rowid = d.id ORDER BY d.kind, d.ref_id"
    )
    if archive.server is not None:  # the index is search_docs' own tsvector columns
        sql = (
            "SELECT kind, ref_id, title, body, initials_tsv::text || ' ' || title_tsv::text"
            " || ' ' || body_tsv::text FROM search_docs ORDER BY kind, ref_id"
        )
    from_demo = _without_id_blocks(_rows(archive, sql))
    search.rebuild_index(archive)
    assert _without_id_blocks(_rows(archive, sql)) == from_demo
    bulk_written = [r for r in from_demo if r[0] in ("client", "contact", "activity")]
    purchasers = _count(archive, "SELECT count(*) FROM clients WHERE industry = '政府采购'")
    contacts = _count(archive, "SELECT count(*) FROM contacts")
    assert len(bulk_written) == 20 + purchasers + contacts + 60


def test_list_filters_match_latin_letters_in_any_case_on_both_back_ends(archive):
    """SQLite's LIKE always ignored the case of Latin letters; a team archive does the same."""
    wanted = _client(archive, "IBM中国有限公司", region="Beijing")
    _client(archive, "华为技术有限公司")
    for text_ in ("ibm", "IBM", "Ibm", "beiJING"):
        found = clients.list_client_ids(archive, ClientQuery(text=text_))
        assert list(found) == [wanted.id], text_
