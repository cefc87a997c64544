"""Two people editing the same record (issue 14 §3): every edited record carries a version; a save
made on an older version is refused with who changed what since, and nothing is saved; no
version (a script) saves as before; each save moves the version on by one."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from clock import FIXED_NOW, LATER

from app.domain.documents import LetterDirection
from app.domain.enums import ActivityKind
from app.domain.errors import ConflictError, MissedChange
from app.domain.messages import describe
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.domain.tenders import TenderDraft
from app.services import activities, clients, contracts, letters, minutes, refresh, tenders


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="北京恒信科技有限公司", address="北京市海淀区"),
        [ContactDraft(name="张伟", phone="010-62345678")],
    )


def _history_count(archive) -> int:
    conn = sqlite3.connect(archive.path)
    try:
        return conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    finally:
        conn.close()


def test_a_save_on_an_older_version_is_refused_with_who_what_and_when(archive, other, client):
    assert client.version == 1
    theirs = clients.update_client(
        other, client.id, replace(client.draft(), address="上海市浦东新区"), client.version
    )
    assert theirs.version == 2
    entries = _history_count(archive)

    mine = replace(client.draft(), notes="周三回访", address="北京市朝阳区")
    with pytest.raises(ConflictError) as refused:
        clients.update_client(archive, client.id, mine, expected_version=client.version)

    error = refused.value
    assert (error.code, error.kind, error.record_id) == ("record_changed_by_other", "client", 1)
    assert (error.expected, error.current) == (1, 2)
    assert error.who == "王五"
    assert error.at == LATER
    assert error.changes == (MissedChange("address", "北京市海淀区", "上海市浦东新区"),)
    assert error.fields == ("address",)
    assert describe(error) == (
        "此记录已被 王五 于 2026-11-26 10:35 修改：地址 由“北京市海淀区”改为“上海市浦东新区”；"
        "您的修改尚未保存。"
    )
    now = clients.get_client(archive, client.id)  # nothing of the refused save was written
    assert (now.address, now.notes, now.version) == ("上海市浦东新区", "", 2)
    assert _history_count(archive) == entries


def test_every_change_since_is_told_each_field_from_then_to_now(archive, other, client):
    step = clients.update_client(other, client.id, replace(client.draft(), address="上海"))
    clients.update_client(other, client.id, replace(step.draft(), address="广州", owner="李娜"))
    with pytest.raises(ConflictError) as refused:
        clients.update_client(archive, client.id, client.draft(), expected_version=1)
    assert refused.value.changes == (
        MissedChange("address", "北京市海淀区", "广州"),
        MissedChange("owner", None, "李娜"),
    )
    assert refused.value.current == 3


def test_no_version_given_saves_as_before_and_the_version_moves_on(archive, other, client):
    clients.update_client(other, client.id, replace(client.draft(), address="上海"))
    saved = clients.update_client(archive, client.id, replace(client.draft(), notes="脚本"))
    assert (saved.notes, saved.address, saved.version) == ("脚本", "北京市海淀区", 3)


def test_the_current_version_saves_and_each_save_adds_one(archive, client):
    record = client
    for n in range(3):
        record = clients.update_client(
            archive, client.id, replace(record.draft(), notes=f"第{n}次"), record.version
        )
        assert record.version == 2 + n
    assert clients.get_client(archive, client.id).version == 4
    assert clients.client_rows(archive, [client.id])[0].version == 4  # the list carries it too


def test_a_contact_is_checked_on_its_own_version(archive, other, client):
    contact = client.contacts[0]
    assert contact.version == 1
    clients.update_contact(other, contact.id, replace(contact.draft(), phone="010-62345679"), 1)
    with pytest.raises(ConflictError) as refused:
        clients.update_contact(archive, contact.id, replace(contact.draft(), title="经理"), 1)
    assert refused.value.changes == (MissedChange("phone", "010-62345678", "010-62345679"),)
    assert clients.get_client(archive, client.id).contacts[0].title == ""


def test_a_visit_logged_meanwhile_does_not_refuse_the_client_form(archive, other, client):
    """The last visit date is derived (a Core update, not a person's edit of the client): it
    moves no version, so the client form opened before the visit still saves."""
    activities.create_activity(
        other, ActivityDraft(client.id, ActivityKind.VISIT, FIXED_NOW, "拜访张总")
    )
    assert clients.get_client(archive, client.id).last_visit_on == FIXED_NOW.date()
    saved = clients.update_client(archive, client.id, replace(client.draft(), notes="x"), 1)
    assert (saved.version, saved.last_visit_on) == (2, FIXED_NOW.date())


def test_activity_tender_letter_contract_receipt_and_minutes_are_checked(archive, other, client):
    visit = activities.create_activity(
        archive, ActivityDraft(client.id, ActivityKind.VISIT, FIXED_NOW, "拜访")
    )
    activities.update_activity(other, visit.id, replace(visit.draft(), subject="回访"), 1)
    with pytest.raises(ConflictError) as refused:
        activities.update_activity(archive, visit.id, replace(visit.draft(), notes="带样品"), 1)
    assert refused.value.changes == (MissedChange("subject", "拜访", "回访"),)

    tender = tenders.create_tender(archive, TenderDraft(title="某项目", client_id=client.id))
    assert tender.version == 1
    tenders.update_tender(other, tender.id, replace(tender.draft, number="ZB-1"), 1)
    with pytest.raises(ConflictError):
        tenders.update_tender(archive, tender.id, replace(tender.draft, agency="某代理"), 1)
    assert tenders.get_tender(archive, tender.id).draft.agency == ""

    letter = letters.add_letter(
        archive, letters.LetterDraft(LetterDirection.INCOMING, "关于对账的函", "某单位")
    )
    letters.update_letter(other, letter.id, replace(letters.draft_of(letter), copies=2), 1)
    with pytest.raises(ConflictError):
        letters.update_letter(archive, letter.id, replace(letters.draft_of(letter), notes="x"), 1)

    contract = contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", client.id, date(2026, 11, 1), amount=Decimal(100))
    )
    contracts.update_contract(
        other, contract.id, replace(contracts.draft_of(contract), notes="a"), 1
    )
    with pytest.raises(ConflictError):
        contracts.update_contract(archive, contract.id, contracts.draft_of(contract), 1)
    receipt = contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 11, 2), Decimal(50), contract.id)
    )
    draft = contracts.draft_of_receipt(receipt)
    assert contracts.update_receipt(other, receipt.id, replace(draft, notes="b"), 1).version == 2
    with pytest.raises(ConflictError):
        contracts.update_receipt(archive, receipt.id, replace(draft, method="支票"), 1)

    meeting = minutes.create_meeting(
        archive,
        MeetingDraft("周例会", FIXED_NOW, actions=(ActionItemDraft("报价", "李娜"),)),
    )
    assert meeting.version == 1
    # closing an action item from the follow-up list moves the minutes on: a minutes form
    # opened before would otherwise put the item back to open
    minutes.close_action(other, meeting.actions[0].id, "已报价")
    with pytest.raises(ConflictError) as refused:
        minutes.update_meeting(archive, meeting.id, replace(meeting.draft(), place="会议室"), 1)
    assert refused.value.changes[0].field == "action.1.status"
    detail = minutes.get_meeting(archive, meeting.id)
    assert detail.actions[0].status == ActionStatus.DONE and detail.place == ""


def test_a_race_between_the_check_and_the_write_is_refused_too(archive, other, client):
    """The ORM's version column: an UPDATE made on a version read before another write lands
    matches no row, and the save is refused as a conflict (what catches a race on PostgreSQL)."""
    from app.db.models import Client

    with pytest.raises(ConflictError), archive.db.session() as session:
        row = session.get(Client, client.id)
        clients.update_client(other, client.id, replace(client.draft(), notes="先到"))
        row.notes = "后到"
    assert clients.get_client(archive, client.id).notes == "先到"


def test_the_change_counter_tells_others_writes_and_never_ones_own(archive, other, client):
    start = refresh.change_counter(archive)
    clients.update_client(archive, client.id, replace(client.draft(), notes="自己改的"))
    counter, kinds = refresh.changes_since(archive, start)
    assert counter.newest > start.newest and kinds == frozenset()  # the window announced it already

    clients.create_client(other, ClientDraft(name="上海联拓信息技术有限公司"))
    minutes.create_meeting(other, MeetingDraft("周例会", FIXED_NOW))
    clients.delete_client(other, client.id)
    counter2, kinds = refresh.changes_since(archive, counter)
    assert counter2.newest > counter.newest
    assert {"client", "minutes", "meeting", "action", "recycle_bin"} <= kinds
    assert refresh.changes_since(archive, counter2) == (counter2, frozenset())


def test_versions_are_plain_numbers_in_the_records_the_window_holds(archive, client):
    assert isinstance(client.version, int)
    assert "version" not in vars(client.draft())  # a draft never carries it back by mistake


def test_a_qualification_and_a_news_item_are_checked_too(archive, other, client):
    from app.services import news, qualifications

    cert = qualifications.add(archive, qualifications.QualificationDraft("ISO 9001 认证证书"))
    assert cert.version == 1
    qualifications.update(other, cert.id, qualifications.QualificationDraft("ISO 9001", "认证"), 1)
    with pytest.raises(ConflictError) as refused:
        qualifications.update(archive, cert.id, qualifications.QualificationDraft("x"), 1)
    assert [c.field for c in refused.value.changes] == ["title", "kind"]
    assert qualifications.get(archive, cert.id).title == "ISO 9001"

    item = news.add_news(archive, news.NewsDraft(client.id, date(2026, 11, 20), "中标公告"))
    news.update_news(other, item.id, replace(item.draft(), source="官网"), None, 1)
    with pytest.raises(ConflictError) as refused:
        news.update_news(archive, item.id, replace(item.draft(), notes="转发"), None, 1)
    # the news has no history of its own: who and what are not known, the refusal still is
    assert describe(refused.value) == "此记录已被 他人 修改；您的修改尚未保存。"
    assert news.get_news(archive, item.id).notes == ""


def test_the_refusal_in_english_and_as_lines_for_a_message_box():
    from datetime import datetime

    from app.domain.conflicts import conflict_lines

    error = ConflictError(
        "client", 1, 1, 3, "王五", datetime(2026, 12, 6, 10, 5),
        (MissedChange("address", "北京", "上海"), MissedChange("owner", None, "李娜")),
    )  # fmt: skip
    assert conflict_lines(error) == [
        "此记录已被 王五 于 2026-12-06 10:05 修改：",
        "地址 由“北京”改为“上海”",
        "客户经理 由（空）改为“李娜”",
        "您的修改尚未保存。",
    ]
    assert describe(error, "en") == (
        "王五 changed this record at 2026-12-06 10:05: Address from “北京” to “上海”;"
        " Account manager from (empty) to “李娜”; your changes are not saved yet."
    )
