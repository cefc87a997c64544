"""Who changed it, at the engine's depth (issue 14 §3): whatever versioned record a save
changes (a client, a contact, a visit, a tender, minutes and their action items, a letter, a
contract, a receipt, a rebate, a document), when someone else's save lands between its read
and its write, the refusal names that person and when, and says what they changed; nothing of
the refused save is kept. The services carry no wrapper of their own: the engine tells it. The
command line exits 3 with the words. On both back ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from beaten import beaten_by
from cli_runner import run_cli
from clock import FIXED_NOW, LATER

from app.domain.documents import LetterDirection
from app.domain.enums import ActivityKind
from app.domain.errors import ConflictError
from app.domain.messages import describe
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.domain.tenders import TenderDraft
from app.services import activities, clients, contracts, letters, minutes, tenders

pytestmark = pytest.mark.both_backends

HEAD = "此记录已被 王五 于 2026-11-26 10:35 修改"


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="北京恒信科技有限公司", address="北京市海淀区"),
        [ContactDraft(name="张伟", phone="010-62345678")],
    )


def _refused(save, theirs) -> ConflictError:
    """`save` (mine, on the version I read) beaten by `theirs`: the refusal."""
    with pytest.raises(ConflictError) as refused, beaten_by(theirs) as ran:
        save()
    assert ran == [True]
    return refused.value


def _named(error: ConflictError, kind: str, record_id: int) -> str:
    assert (error.kind, error.record_id, error.who, error.at) == (kind, record_id, "王五", LATER)
    words = describe(error)
    assert words.startswith(HEAD + "：") and words.endswith("您的修改尚未保存。")
    return words


def test_a_client_and_a_contact(archive, other, client):
    error = _refused(
        lambda: clients.update_client(
            archive, client.id, replace(client.draft(), notes="周三回访"), client.version
        ),
        lambda: clients.update_client(
            other, client.id, replace(client.draft(), address="上海市浦东新区")
        ),
    )
    assert _named(error, "client", client.id).startswith(
        HEAD + "：地址 由“北京市海淀区”改为“上海市浦东新区”"
    )
    now = clients.get_client(archive, client.id)
    assert (now.notes, now.address) == ("", "上海市浦东新区")

    contact = client.contacts[0]
    error = _refused(
        lambda: clients.update_contact(
            archive, contact.id, replace(contact.draft(), title="采购经理"), contact.version
        ),
        lambda: clients.update_contact(
            other, contact.id, replace(contact.draft(), phone="010-88886666")
        ),
    )
    assert "010-88886666" in _named(error, "contact", contact.id)
    assert clients.get_client(archive, client.id).contacts[0].title == ""


def test_a_visit_a_tender_and_a_letter(archive, other, client):
    visit = activities.create_activity(
        archive, ActivityDraft(client.id, ActivityKind.VISIT, FIXED_NOW, "拜访")
    )
    error = _refused(
        lambda: activities.update_activity(
            archive, visit.id, replace(visit.draft(), notes="带样品"), visit.version
        ),
        lambda: activities.update_activity(other, visit.id, replace(visit.draft(), subject="回访")),
    )
    assert "“拜访”改为“回访”" in _named(error, "activity", visit.id)
    assert activities.get_activity(archive, visit.id).notes == ""

    tender = tenders.create_tender(archive, TenderDraft(title="某项目", client_id=client.id))
    error = _refused(
        lambda: tenders.update_tender(
            archive, tender.id, replace(tender.draft, agency="某代理"), tender.version
        ),
        lambda: tenders.update_tender(other, tender.id, replace(tender.draft, number="ZB-1")),
    )
    assert "ZB-1" in _named(error, "tender", tender.id)
    assert tenders.get_tender(archive, tender.id).draft.agency == ""

    letter = letters.add_letter(
        archive, letters.LetterDraft(LetterDirection.INCOMING, "关于对账的函", "某单位")
    )
    error = _refused(
        lambda: letters.update_letter(
            archive, letter.id, replace(letters.draft_of(letter), notes="x"), letter.version
        ),
        lambda: letters.update_letter(
            other, letter.id, replace(letters.draft_of(letter), copies=2)
        ),
    )
    _named(error, "letter", letter.id)


def test_a_contract_and_a_receipt(archive, other, client):
    contract = contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", client.id, date(2026, 11, 1), amount=Decimal(100))
    )
    draft = contracts.draft_of(contract)
    error = _refused(
        lambda: contracts.update_contract(
            archive, contract.id, replace(draft, notes="我的"), contract.version
        ),
        lambda: contracts.update_contract(other, contract.id, replace(draft, notes="他的")),
    )
    assert "“他的”" in _named(error, "contract", contract.id)
    assert contracts.get_contract(archive, contract.id).notes == "他的"

    receipt = contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 11, 2), Decimal(50), contract.id)
    )
    draft = contracts.draft_of_receipt(receipt)
    error = _refused(
        lambda: contracts.update_receipt(
            archive, receipt.id, replace(draft, method="支票"), receipt.version
        ),
        lambda: contracts.update_receipt(other, receipt.id, replace(draft, notes="b")),
    )
    _named(error, "receipt", receipt.id)


def test_minutes_and_an_action_item_closed_from_the_follow_up_list(archive, other):
    meeting = minutes.create_meeting(
        archive, MeetingDraft("周例会", FIXED_NOW, actions=(ActionItemDraft("报价", "李娜"),))
    )
    error = _refused(
        lambda: minutes.update_meeting(
            archive, meeting.id, replace(meeting.draft(), place="会议室"), meeting.version
        ),
        lambda: minutes.update_meeting(other, meeting.id, replace(meeting.draft(), place="三楼")),
    )
    assert "三楼" in _named(error, "minutes", meeting.id)

    action = meeting.actions[0].id
    error = _refused(  # the item moves with its minutes: the minutes' history tells who
        lambda: minutes.close_action(archive, action, "已报价"),
        lambda: minutes.close_action(other, action, "已电话报价"),
    )
    _named(error, "minutes", meeting.id)
    detail = minutes.get_meeting(archive, meeting.id)
    assert detail.actions[0].status == ActionStatus.DONE
    assert detail.actions[0].result == "已电话报价"


def test_the_command_line_exits_3_naming_who(archive, other, client):
    where = archive.path or str(archive.server)
    with beaten_by(
        lambda: clients.update_client(other, client.id, replace(client.draft(), region="华北"))
    ) as ran:
        done = run_cli(
            "edit-client", client.id, "--notes", "周三回访", "--if-version", client.version,
            "--db", where,
        )  # fmt: skip
    assert ran == [True]
    assert done.returncode == 3, done.stderr
    assert HEAD + "：" in done.stderr and "华北" in done.stderr
    assert "Traceback" not in done.stderr
    assert clients.get_client(archive, client.id).notes == ""
