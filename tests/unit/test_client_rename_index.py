"""Renaming a client reindexes everything that carries its name, as a full rebuild would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from app.db import search_index
from app.domain.documents import LetterDirection
from app.domain.enums import ActivityKind
from app.domain.minutes import MeetingDraft
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.domain.tenders import TenderDraft
from app.services import (
    activities,
    clients,
    contracts,
    documents,
    indexing,
    letters,
    minutes,
    rebates,
    search,
    tenders,
)
from app.services.letters import LetterDraft

pytestmark = pytest.mark.both_backends

OLD = "北京华信科技有限公司"
NEW = "深圳恒达电子有限公司"
OLD_KEY, NEW_KEY = "北京华信", "深圳恒达"  # no character in common
LINKED = ("contact", "activity", "tender", "document", "letter")
LINKED += ("contract", "receipt", "rebate", "meeting")


@pytest.fixture
def linked(archive) -> dict[str, int]:
    """A client with one record of every kind that shows its name, and the ids of those."""
    client = clients.create_client(archive, ClientDraft(OLD, owner="张伟"), [ContactDraft("王五")])
    other = clients.create_client(archive, ClientDraft("广州恒通贸易有限公司"))
    cid = client.id
    activity = activities.create_activity(
        archive, ActivityDraft(cid, ActivityKind.VISIT, datetime(2026, 11, 3, 9), "上门拜访")
    )
    tender = tenders.create_tender(archive, TenderDraft("CT 采购项目", client_id=cid))
    document = documents.create_document(
        archive, "letter", "letter", client_id=cid, values={"subject": "对账"}
    )
    letter = letters.add_letter(
        archive,
        LetterDraft(LetterDirection.INCOMING, "关于调整价格的函", "办公室", client_id=cid),
    )
    contract = contracts.create_contract(
        archive,
        contracts.ContractDraft(
            "HT-7",
            cid,
            date(2026, 3, 2),
            lines=(
                contracts.ContractLineDraft("服务器", "1", "台", D("80000")),
                contracts.ContractLineDraft("交换机", "2", "台", D("10000")),
            ),
        ),
    )
    receipt = contracts.add_receipt(
        archive, contracts.ReceiptDraft(cid, date(2026, 4, 1), D("50000"), contract.id)
    )
    rebate = rebates.apply(archive, cid, date(2026, 1, 1), date(2026, 12, 31), "李娜")
    meeting = minutes.create_meeting(
        archive,
        MeetingDraft("周例会", datetime(2026, 11, 2, 9, 30), client_ids=(other.id, cid)),
    )
    return {
        "client": cid,
        "contact": client.contacts[0].id,
        "activity": activity.id,
        "tender": tender.id,
        "document": document.id,
        "letter": letter.id,
        "contract": contract.id,
        "receipt": receipt.id,
        "rebate": rebate.id,
        "meeting": meeting.id,
    }


def _found(archive, text: str) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for hit in search.search(archive, text, limit=50):
        found.setdefault(hit.kind, set()).add(hit.id)
    return found


def _dump(archive) -> list[tuple]:
    with archive.db.read() as session:
        return search_index.dump(session)


def _rename(archive, client_id: int, name: str) -> None:
    record = clients.get_client(archive, client_id)
    clients.update_client(archive, client_id, replace(record.draft(), name=name))


def test_the_old_name_finds_every_linked_record_before_the_rename(archive, linked):
    found = _found(archive, OLD_KEY)
    for kind in ("client", *LINKED):
        assert linked[kind] in found.get(kind, set()), kind


def test_rename_reindexes_every_record_that_shows_the_client_name(archive, linked):
    _rename(archive, linked["client"], NEW)

    found = _found(archive, NEW_KEY)
    for kind in ("client", *LINKED):
        assert linked[kind] in found.get(kind, set()), kind
    stale = _found(archive, OLD_KEY)
    for kind in ("client", *LINKED):
        assert linked[kind] not in stale.get(kind, set()), kind


def test_index_after_a_rename_equals_a_full_rebuild(archive, linked):
    queries = (NEW_KEY, OLD_KEY, "恒通", "周例会", "HT-7", "服务器", "王五", "szhd")
    _rename(archive, linked["client"], NEW)
    after_rename = _dump(archive)
    hits_after_rename = {q: _hit_set(archive, q) for q in queries}
    search.rebuild_index(archive)
    assert _dump(archive) == after_rename
    assert {q: _hit_set(archive, q) for q in queries} == hits_after_rename


def _hit_set(archive, query: str) -> set[tuple]:
    return {(h.kind, h.id, h.title, h.snippet) for h in search.search(archive, query, limit=50)}


def test_client_documents_are_the_rebuild_documents_of_that_client(archive, linked):
    _rename(archive, linked["client"], NEW)
    with archive.db.read() as session:
        mine = list(indexing.client_documents(session, linked["client"]))
        everything = {(d.kind, d.ref_id): d for d in indexing.all_documents(session)}
    assert {d.kind for d in mine} == {"client", *LINKED}
    assert {(d.kind, d.ref_id) for d in mine} == {(k, linked[k]) for k in ("client", *LINKED)}
    assert all(everything[(d.kind, d.ref_id)] == d for d in mine)


def test_an_unchanged_name_reindexes_the_client_only(archive, linked):
    record = clients.get_client(archive, linked["client"])
    clients.update_client(archive, linked["client"], replace(record.draft(), industry="贸易"))
    assert linked["client"] in _found(archive, "贸易").get("client", set())
    after_edit = _dump(archive)
    search.rebuild_index(archive)
    assert _dump(archive) == after_edit
