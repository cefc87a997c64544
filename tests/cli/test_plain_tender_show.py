"""`tender show` (and --json) reads an archive file with sqlite3 alone (issue 11) and prints
exactly what the session path prints: the tender, its computed dates and the packet checklist,
whose checks are the same pure functions on both paths (app.services.tender_checks). Run through
the real entry point both ways (test_plain_reads.both_ways) on every tender of the demo archive
and on an archive with a tender without a packet, a qualification without scans, an expired one,
a waived deposit (免收) and a binned tender. Neither path writes: a tender without a packet is
checked against the template's sections in memory."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from test_plain_reads import both_ways

from app.demo import create_demo_archive
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft
from app.services import clients, qualifications, tender_packet, tenders
from app.services.archive import open_archive
from app.services.qualifications import QualificationDraft
from app.services.tenders import TenderItemLine

TODAY = date.today()
NOON = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=12)
SHOWS = (("tender", "show"), ("tender", "show", "--json"))


def _edge_tenders(archive, folder) -> dict[str, int]:
    scan = folder / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    client = clients.create_client(archive, ClientDraft(name="阿尔法医院")).id
    deadline = NOON + timedelta(days=9)
    ids = {"no_packet": tenders.create_tender(archive, TenderDraft("服务器采购", client)).id}
    waived = TenderDraft(
        "免收保证金项目", client, budget=Decimal("100000"), bid_deadline=deadline,
        bid_deposit=Decimal("0"),
    )  # fmt: skip
    ids["waived"] = tenders.create_tender(archive, waived).id
    line = TenderItemLine("服务器", "X1", Decimal("2"), "台", Decimal("60000"))
    tenders.set_items(archive, ids["waived"], [line])  # above the budget
    paid = TenderDraft(
        "资质核对项目", client, budget=Decimal("500000"), ceiling=Decimal("100000"),
        bid_deadline=deadline, bid_deposit=Decimal("5000"), deposit_paid_on=TODAY,
    )  # fmt: skip
    ids["packet"] = tenders.create_tender(archive, paid).id
    tenders.set_items(archive, ids["packet"], [line])
    library = (
        (QualificationDraft("营业执照"), [scan]),
        (QualificationDraft("安全生产许可证", expires_on=TODAY + timedelta(days=3)), []),
        (QualificationDraft("ISO9001认证", expires_on=TODAY + timedelta(days=300)), [scan]),
    )
    for draft, scans in library:
        qid = qualifications.add(archive, draft, scans).id
        tender_packet.attach_qualification(archive, ids["packet"], qid)
    files = tender_packet.find_file_section(archive, ids["packet"], "业绩证明")
    tender_packet.attach_file(archive, files.id, scan, "某医院合同")
    gone = tenders.create_tender(archive, TenderDraft("回收站投标", client))
    tenders.delete_tender(archive, gone.id)
    ids["binned"] = gone.id
    return ids


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    folder = tmp_path_factory.mktemp("show")
    demo = folder / "demo.sqlite3"
    create_demo_archive(demo, 60, 300, seed=11)
    edge = folder / "edge.sqlite3"
    create_demo_archive(edge, 5, 10, seed=3)
    archive = open_archive(edge)
    try:
        ids = _edge_tenders(archive, folder)
    finally:
        archive.close()
    return demo, edge, ids


def _packet_rows(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM packet_sections").fetchone()[0]


def test_every_demo_tender_shows_the_same_both_ways(archives, monkeypatch):
    demo, _, _ = archives
    with sqlite3.connect(demo) as con:
        ids = [i for (i,) in con.execute("SELECT id FROM tenders ORDER BY id")]
    assert len(ids) >= 5
    before = _packet_rows(demo)
    for tender_id in ids:
        for command in SHOWS:
            shown = both_ways(monkeypatch, *command[:2], tender_id, *command[2:], "--db", demo)
            assert shown.returncode == 0 and shown.stdout
    assert _packet_rows(demo) == before  # looking wrote no packet


@pytest.mark.parametrize("case", ["no_packet", "waived", "packet", "binned"])
@pytest.mark.parametrize("command", SHOWS, ids=" ".join)
def test_the_edge_tenders_show_the_same_both_ways(archives, monkeypatch, case, command):
    _, edge, ids = archives
    before = _packet_rows(edge)
    both_ways(monkeypatch, *command[:2], ids[case], *command[2:], "--db", edge)
    assert _packet_rows(edge) == before


def test_the_checklist_sees_what_the_edge_cases_hold(archives, monkeypatch):
    """The comparisons above see what they are meant to: the template's sections for a tender
    without a packet, 免收 and a total above the budget, an expired qualification and one
    without scans (and none for those with a scan), a binned tender refused."""
    _, edge, ids = archives

    def shown(case: str) -> str:
        return both_ways(monkeypatch, "tender", "show", ids[case], "--db", edge).stdout

    bare = shown("no_packet")
    assert "[问题] 章节“资格证明文件”还没有文件" in bare
    assert "[问题] 投标保证金未填写" in bare and "[注意] 未填写投标截止时间" in bare
    assert "“授权委托书”未填写" in bare and "需签字、盖章的章节：投标函" in bare
    waived = shown("waived")
    assert "[提示] 投标保证金：免收" in waived and "超过预算金额 ¥100,000.00" in waived
    packet = shown("packet")
    assert "资质“安全生产许可证”于" in packet and "早于投标截止日" in packet
    assert packet.count("没有扫描件") == 1 and "资质“安全生产许可证”没有扫描件" in packet
    assert "营业执照”没有扫描件" not in packet and "ISO9001" not in packet
    assert "业绩证明" not in packet and "超过最高限价" in packet
    gone = both_ways(monkeypatch, "tender", "show", ids["binned"], "--db", edge)
    assert gone.returncode == 1 and "不存在" in gone.stderr and not gone.stdout


def test_english_shows_the_same_both_ways(archives, monkeypatch):
    _, edge, ids = archives
    for case in ("waived", "packet"):
        shown = both_ways(monkeypatch, "tender", "show", ids[case], "--db", edge, env_lang="en")
        assert "  Purchaser: 阿尔法医院" in shown.stdout


def test_the_window_checks_a_new_packet_as_the_command_did(archives, tmp_path):
    """The packet builder stores the template when it opens a tender without a packet; its
    checklist is then what `tender show` printed before (the same pure checks)."""
    _, edge, ids = archives
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(edge.read_bytes())
    archive = open_archive(path)
    try:
        before = tender_packet.checklist(archive, ids["no_packet"])
        stored = tender_packet.sections(archive, ids["no_packet"])
        after = tender_packet.checklist(archive, ids["no_packet"])
    finally:
        archive.close()
    assert [s.title for s in stored][:3] == ["投标函", "开标一览表", "投标分项报价表"]
    assert all(s.id for s in stored) and before == after
