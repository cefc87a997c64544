"""The list and show commands of the follow-up (actions), the minutes, letters, documents,
tenders and the recycle bin read an archive file with sqlite3 alone (issue 11) and print exactly
what the session path prints: each is run through the real entry point both ways (see
test_plain_reads.both_ways) on the demo archive and on an archive with binned records, empty
fields and Chinese names to sort."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest
from cli_runner import run_cli
from test_plain_reads import both_ways

from app.demo import create_demo_archive
from app.domain.documents import LetterDirection
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft
from app.services import clients, documents, letters, minutes, tenders
from app.services.archive import open_archive
from app.services.letters import LetterDraft

TODAY = date.today()
NOON = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=12)


def _edge_cases(archive) -> dict[str, int]:
    ids: dict[str, int] = {}
    ids["client"] = clients.create_client(archive, ClientDraft(name="阿尔法贸易有限公司")).id
    other = clients.create_client(archive, ClientDraft(name="中文排序有限公司")).id
    items = (
        ActionItemDraft("送样", "王五", due_on=TODAY - timedelta(days=3)),
        ActionItemDraft("今日到期", "李四", helpers="赵六、钱七", due_on=TODAY),
        ActionItemDraft("无期限", "王五"),
        ActionItemDraft(
            "进行中", "张三", due_on=TODAY + timedelta(days=2), status=ActionStatus.IN_PROGRESS
        ),
        ActionItemDraft("已办", "王五", status=ActionStatus.DONE, result="已办结"),
    )
    ids["meeting"] = minutes.create_meeting(
        archive,
        MeetingDraft(
            "季度沟通会",
            NOON - timedelta(days=2),
            place="会议室",
            host="王五",
            decisions=("第一条", "第二条"),
            actions=items,
            client_ids=(ids["client"], other),
        ),
    ).id
    ids["empty"] = minutes.create_meeting(archive, MeetingDraft("空白", NOON)).id  # empty fields
    binned = minutes.create_meeting(
        archive, MeetingDraft("回收站会议", NOON, actions=(ActionItemDraft("废弃事项", "王五"),))
    ).id
    minutes.delete_meeting(archive, binned)
    ids["binned_meeting"] = binned
    _letters_and_documents(archive, ids)
    return ids


def _letters_and_documents(archive, ids: dict[str, int]) -> None:
    """Letters with and without a client, one overdue for its reply, one binned; documents of
    a client and of none, one binned."""
    incoming, outgoing = LetterDirection.INCOMING, LetterDirection.OUTGOING
    overdue = LetterDraft(
        incoming, "关于到货延迟的函", "阿尔法贸易有限公司", dated_on=TODAY - timedelta(days=20),
        reply_due=TODAY - timedelta(days=1), client_id=ids["client"],
    )  # fmt: skip
    letters.add_letter(archive, overdue)
    letters.add_letter(archive, LetterDraft(outgoing, "通知", "某某单位", dated_on=TODAY))
    gone = letters.add_letter(archive, LetterDraft(incoming, "回收站函件", "乙方", dated_on=TODAY))
    letters.delete_letter(archive, gone.id)
    documents.create_document(archive, "notice", "notice", "年度通知", client_id=ids["client"])
    documents.create_document(archive, "fax", "fax_cover", "")  # an empty title, no client
    gone = documents.create_document(archive, "fax", "fax_cover", "回收站传真")
    documents.delete_document(archive, gone.id)
    deadline = NOON + timedelta(days=9)
    tenders.create_tender(
        archive, TenderDraft("服务器采购", client_id=ids["client"])
    )  # no deadline
    tenders.create_tender(
        archive, TenderDraft("网络设备采购", client_id=ids["client"], bid_deadline=deadline)
    )
    gone = tenders.create_tender(archive, TenderDraft("回收站投标", client_id=ids["client"]))
    tenders.delete_tender(archive, gone.id)
    binned = clients.create_client(archive, ClientDraft(name="回收站客户有限公司")).id
    clients.delete_client(archive, binned)


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lists")
    demo = folder / "demo.sqlite3"
    create_demo_archive(demo, 60, 300, seed=11)
    edge = folder / "edge.sqlite3"
    create_demo_archive(edge, 5, 10, seed=3)
    archive = open_archive(edge)
    try:
        ids = _edge_cases(archive)
    finally:
        archive.close()
    return demo, edge, ids


def _each(archives, monkeypatch, *command):
    demo, edge, ids = archives
    command = [str(ids[word]) if word in ids else word for word in command]
    both_ways(monkeypatch, *command, "--db", demo)
    return both_ways(monkeypatch, *command, "--db", edge)


@pytest.mark.parametrize(
    "command",
    [
        ("actions",),
        ("actions", "--json", "--limit", "1000"),
        ("actions", "--limit", "2"),
        ("actions", "--overdue"),
        ("actions", "--owner", "王五"),
        ("actions", "--owner", "没有这个人"),
        ("actions", "--client", "client"),
        ("minutes", "list"),
        ("minutes", "list", "--json"),
        ("minutes", "list", "--text", "会议室"),
        ("minutes", "list", "--client", "client"),
        ("minutes", "show", "meeting"),
        ("minutes", "show", "meeting", "--json"),
        ("minutes", "show", "empty"),
        ("minutes", "show", "binned_meeting"),
        ("letters", "list"),
        ("letters", "list", "--json"),
        ("letters", "list", "--overdue"),
        ("letters", "list", "--incoming", "--overdue"),
        ("letters", "list", "--outgoing"),
        ("documents", "list"),
        ("documents", "list", "--json"),
        ("documents", "list", "--kind", "fax", "--status", "草稿"),
        ("documents", "list", "--client", "client"),
        ("tender", "list"),
        ("tender", "list", "--json"),
        ("tender", "list", "--status", "跟踪中"),
        ("bin", "list"),
        ("bin", "list", "--json"),
        ("bin", "list", "--kind", "meeting"),
        ("bin", "list", "--kind", "client"),
        ("bin", "list", "--kind", "bogus"),
    ],
    ids=" ".join,
)
def test_the_lists_print_the_same_both_ways(archives, monkeypatch, command):
    _each(archives, monkeypatch, *command)


def test_the_edge_cases_are_there(archives, monkeypatch):
    """The comparisons above see what they are meant to: overdue, due today, no due day, the
    binned meeting gone, a meeting with empty fields."""
    _, edge, ids = archives
    shown = both_ways(monkeypatch, "actions", "--db", edge).stdout
    assert "逾期 3 天" in shown and "今日到期" in shown and "无期限" in shown
    assert "废弃事项" not in shown and "已办" not in shown
    gone = both_ways(monkeypatch, "minutes", "show", ids["binned_meeting"], "--db", edge)
    assert gone.returncode == 1 and "不存在" in gone.stderr
    listed = both_ways(monkeypatch, "minutes", "list", "--db", edge).stdout
    assert "空白" in listed and "回收站会议" not in listed
    listed = both_ways(monkeypatch, "letters", "list", "--overdue", "--db", edge).stdout
    assert "关于到货延迟的函" in listed and "通知" not in listed
    listed = both_ways(monkeypatch, "letters", "list", "--db", edge).stdout
    assert "通知" in listed and "回收站函件" not in listed
    listed = both_ways(monkeypatch, "documents", "list", "--db", edge).stdout
    assert "年度通知" in listed and "回收站传真" not in listed
    listed = both_ways(monkeypatch, "tender", "list", "--db", edge).stdout
    assert "截止 —" in listed and "回收站投标" not in listed
    listed = both_ways(monkeypatch, "bin", "list", "--db", edge).stdout
    for title in ("回收站会议", "回收站函件", "回收站传真", "回收站投标", "回收站客户有限公司"):
        assert title in listed


TEXTS = [
    "华",
    "华瑞",
    "华 瑞",
    "拜访",
    "2026",
    "２０２６",
    "王",
    "abc",
    "hx",
    "华x",
    "%",
    "_",
    "华%",
    "没有",
]


@pytest.mark.parametrize("paged", [10_000, 0], ids=["index-paged", "index-counted"])
@pytest.mark.parametrize("text", TEXTS)
def test_the_activity_text_filter_finds_the_same_through_the_index(
    archives, monkeypatch, text, paged
):
    """`activities --text` narrows the list down through the search index for CJK characters
    and digits (a million activities are not read for the count, issue 11) and finds exactly
    what the filter finds (subject, client name or participants containing the text; Latin
    letters in any case; no pinyin initials: the filter never took them), the first page
    narrowed down too (index-paged) or walked along the time column (index-counted)."""
    from app.db import plain_activities

    monkeypatch.setattr(plain_activities, "MAX_PAGED", paged)
    for command in (("--limit", "5000"), ("--kind", "visit", "--json", "--limit", "5000")):
        _each(archives, monkeypatch, "activities", "--text", text, *command)


def test_the_index_narrows_down_only_what_it_can_promise():
    from app.db.plain_activities import indexed_phrase

    assert indexed_phrase("华 瑞") == '{title body} : "华 瑞"'
    assert indexed_phrase("2026") == '{title body} : "2 0 2 6"'
    for text in ("abc", "华x", "华%", "华_", "  ", "华-瑞", "２０２６"):
        assert indexed_phrase(text) is None, text


def test_a_common_phrase_counts_in_one_pass(archives, monkeypatch):
    """Past MAX_COUNTED documents the count reads the activities once, and finds the same."""
    from app.db import plain_activities

    monkeypatch.setattr(plain_activities, "MAX_COUNTED", 0)
    monkeypatch.setattr(plain_activities, "MAX_PAGED", 0)
    _each(archives, monkeypatch, "activities", "--text", "华")


def test_a_team_archive_lists_through_its_session(team_address):
    """On PostgreSQL the same commands read through a session (no plain reader there), and
    show the same records: the filters and rows the plain modules share came out of the
    repositories without changing them."""
    made = run_cli("demo", "--clients", "5", "--activities", "10", "--db", team_address)
    assert made.returncode == 0, made.stderr
    archive = open_archive(team_address)
    try:
        ids = _edge_cases(archive)
    finally:
        archive.close()
    shown = {}
    for command in (
        ("actions",),
        ("minutes", "list"),
        ("minutes", "show", str(ids["meeting"])),
        ("letters", "list", "--overdue"),
        ("documents", "list"),
        ("tender", "list"),
        ("bin", "list"),
        ("activities", "--text", "华"),
    ):
        result = run_cli(*command, "--db", team_address)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        shown[command[0]] = result.stdout
    assert "逾期 3 天" in shown["actions"] and "废弃事项" not in shown["actions"]
    assert "季度沟通会" in shown["minutes"] and "第一条" in shown["minutes"]
    assert "关于到货延迟的函" in shown["letters"] and "年度通知" in shown["documents"]
    assert "截止 —" in shown["tender"] and "回收站投标" in shown["bin"]
    show = run_cli("tender", "show", "1", "--db", team_address)  # read through its session
    assert show.returncode == 0 and show.stdout.startswith("#1 "), show.stderr
    assert "[提示] 需签字、盖章的章节" in show.stdout


def test_an_index_not_current_is_not_used_to_narrow_down(tmp_path, monkeypatch):
    """An archive file opened read-only is not reindexed: when its index is of an older
    version or waits for a rebuild, `activities --text` reads the activities themselves (an
    index missing a record would otherwise leave it out)."""
    from app.db import plain_activities
    from app.db.search_terms import INDEX_VERSION_KEY, REBUILD_NEEDED_KEY

    path = tmp_path / "stale.sqlite3"
    create_demo_archive(path, 5, 20, seed=3)
    con = sqlite3.connect(path)
    [(subject,)] = con.execute("SELECT subject FROM activities ORDER BY id LIMIT 1")
    with con:
        con.execute("DELETE FROM search_docs WHERE kind = 'activity'")  # what a stale index lacks
        con.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        con.execute(f"UPDATE settings SET value = '1' WHERE key = '{INDEX_VERSION_KEY}'")
    con.close()
    narrowed = []
    real = plain_activities._narrowed

    def spy(*args):
        narrowed.append(real(*args))
        return narrowed[-1]

    monkeypatch.setattr(plain_activities, "_narrowed", spy)
    shown = both_ways(monkeypatch, "activities", "--text", subject[:2], "--db", path)
    assert narrowed and not any(narrowed) and "(0)" not in shown.stdout
    with sqlite3.connect(path) as con:
        con.execute(f"UPDATE settings SET value = '3' WHERE key = '{INDEX_VERSION_KEY}'")
        con.execute(f"INSERT INTO settings (key, value) VALUES ('{REBUILD_NEEDED_KEY}', 'true')")
    narrowed.clear()
    both_ways(monkeypatch, "activities", "--text", subject[:2], "--db", path)
    assert narrowed and not any(narrowed)
