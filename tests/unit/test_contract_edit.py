"""Editing and deleting contracts and receipts: what is saved, what is refused (and that a
refusal changes nothing), and the search index kept in step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import NotFoundError, ValidationError, ValidationErrors
from app.domain.messages import describe
from app.domain.records import ClientDraft
from app.services import clients, contracts, indexing, search

pytestmark = pytest.mark.both_backends

D = Decimal


@pytest.fixture
def booked(archive):
    """Two clients; HT-1 with two lines and one receipt booked to it; HT-2 without receipts."""
    first = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="张伟"))
    second = clients.create_client(archive, ClientDraft("上海东方仪器有限公司", owner="李娜"))
    lines = (
        contracts.ContractLineDraft("服务器", "2", "台", D("150000")),
        contracts.ContractLineDraft("安装服务", "1", "项", D("0.10")),
    )
    paid = contracts.create_contract(
        archive,
        contracts.ContractDraft("HT-1", first.id, date(2026, 3, 2), lines, owner="王强"),
    )
    open_ = contracts.create_contract(
        archive, contracts.ContractDraft("HT-2", first.id, date(2026, 4, 1), amount=D("5000"))
    )
    receipt = contracts.add_receipt(
        archive,
        contracts.ReceiptDraft(
            first.id, date(2026, 3, 20), D("1000"), contract_id=paid.id, method="银行转账"
        ),
    )
    return first, second, paid, open_, receipt


def _edit(archive, contract_id: int, **changes) -> contracts.ContractRecord:
    """Saves the contract with `changes` over what it holds now."""
    draft = contracts.draft_of(contracts.get_contract(archive, contract_id))
    return contracts.update_contract(archive, contract_id, replace(draft, **changes))


def _kinds(archive, text: str) -> set[tuple[str, int]]:
    return {(h.kind, h.id) for h in search.search(archive, text)}


def test_update_contract_saves_every_field_and_reindexes(archive, booked):
    first, _, paid, _, receipt = booked
    changed = _edit(
        archive,
        paid.id,
        number="HT-1-补",
        lines=(contracts.ContractLineDraft("交换机", "3", "台", D("999.99")),),
        payment_days=60,
        payment_terms="验收后60天",
    )
    assert changed.number == "HT-1-补" and changed.amount == D("2999.97")
    assert [line.product for line in changed.lines] == ["交换机"]
    assert changed.owner == "王强" and changed.due_on == date(2026, 5, 1)
    assert changed.received == D("1000.00")
    assert ("contract", paid.id) in _kinds(archive, "交换机")
    assert ("contract", paid.id) not in _kinds(archive, "服务器")
    # the receipt's entry carries the new contract number
    assert ("receipt", receipt.id) in _kinds(archive, "HT-1-补")


def test_draft_of_a_record_saves_it_unchanged(archive, booked):
    _, _, paid, open_, _ = booked
    for contract_id in (paid.id, open_.id):
        before = contracts.get_contract(archive, contract_id)
        after = contracts.update_contract(archive, contract_id, contracts.draft_of(before))
        assert after == before


def test_a_refused_update_names_the_field_and_changes_nothing(archive, booked):
    _, second, paid, open_, _ = booked
    before = contracts.get_contract(archive, open_.id)
    with pytest.raises(ValidationErrors) as taken:
        _edit(archive, open_.id, number="HT-1")
    assert describe(taken.value) == "合同编号：合同编号“HT-1”已存在"
    with pytest.raises(ValidationErrors):
        _edit(archive, open_.id, amount=D("-1"))
    assert contracts.get_contract(archive, open_.id) == before
    # receipts booked to HT-1 were paid by its client: the client cannot change
    with pytest.raises(ValidationError) as moved:
        _edit(archive, paid.id, client_id=second.id)
    assert describe(moved.value) == "客户：合同“HT-1”已登记 1 笔回款，不能改为其他客户"
    assert contracts.get_contract(archive, paid.id).client_id == paid.client_id
    with pytest.raises(NotFoundError):
        contracts.update_contract(archive, 999, contracts.draft_of(before))


def test_a_contract_without_receipts_moves_to_another_client(archive, booked):
    _, second, _, open_, _ = booked
    moved = _edit(archive, open_.id, client_id=second.id, owner="")
    assert moved.client_name == "上海东方仪器有限公司" and moved.owner == "李娜"


def test_delete_contract_is_refused_while_receipts_are_booked_to_it(archive, booked):
    _, _, paid, open_, receipt = booked
    with pytest.raises(ValidationError) as refused:
        contracts.delete_contract(archive, paid.id)
    assert describe(refused.value) == "合同：合同“HT-1”已登记 1 笔回款，不能删除；请先删除这些回款"
    assert describe(refused.value, "en").endswith(
        "has 1 receipt(s) booked to it; delete them first"
    )
    assert contracts.get_contract(archive, paid.id).lines  # nothing changed
    deleted = contracts.delete_receipt(archive, receipt.id)
    assert deleted.amount == D("1000.00") and deleted.contract_number == "HT-1"
    contracts.delete_contract(archive, paid.id)
    contracts.delete_contract(archive, open_.id)
    assert contracts.list_contracts(archive) == [] and contracts.list_receipts(archive) == []
    assert not _kinds(archive, "HT")
    with pytest.raises(NotFoundError):
        contracts.delete_contract(archive, paid.id)


def test_receipts_are_found_by_client_and_contract_number_until_deleted(archive, booked):
    first, _, _, _, receipt = booked
    assert ("receipt", receipt.id) in _kinds(archive, "华信")
    assert ("receipt", receipt.id) in _kinds(archive, "HT-1")
    assert ("receipt", receipt.id) in _kinds(archive, "bjhx")  # pinyin initials
    contracts.delete_receipt(archive, receipt.id)
    assert ("receipt", receipt.id) not in _kinds(archive, "华信")
    with pytest.raises(NotFoundError):
        contracts.delete_receipt(archive, receipt.id)
    with pytest.raises(NotFoundError):
        contracts.get_receipt(archive, receipt.id)


def test_rebuilt_index_matches_what_the_writes_kept(archive, booked):
    """The documents written on each save equal those rebuild_index makes from scratch."""
    _, _, paid, _, _ = booked
    _edit(archive, paid.id, number="HT-9")
    before = {(h.kind, h.id, h.title) for h in search.search(archive, "HT", limit=50)}
    search.rebuild_index(archive)
    assert {(h.kind, h.id, h.title) for h in search.search(archive, "HT", limit=50)} == before


def test_an_archive_indexed_by_an_older_version_is_reindexed_when_opened(archive, booked):
    from app.db.repositories import settings as settings_repo
    from app.services.archive import open_archive

    _, _, _, _, receipt = booked
    with archive.db.session() as session:
        session.connection().exec_driver_sql("DELETE FROM search_docs WHERE kind = 'receipt'")
        settings_repo.put(session, indexing.INDEX_VERSION_KEY, indexing.INDEX_VERSION - 1)
    assert ("receipt", receipt.id) not in _kinds(archive, "华信")
    reopened = open_archive(archive.path or str(archive.server))
    try:
        assert ("receipt", receipt.id) in _kinds(reopened, "华信")
    finally:
        reopened.close()


def test_imported_receipts_are_indexed(archive, booked, tmp_path):
    path = tmp_path / "回款.csv"
    path.write_text(
        "回款日期,客户名称,合同编号,金额\n2026-11-20,北京华信科技有限公司,HT-2,777\n",
        encoding="utf-8",
    )
    contracts.import_receipts(archive, path)
    hits = [h for h in search.search(archive, "HT-2") if h.kind == "receipt"]
    assert len(hits) == 1 and "777.00" in hits[0].title


def test_find_client_id_by_name_or_id(archive, booked):
    first, *_ = booked
    assert contracts.find_client_id(archive, " 北京华信科技有限公司 ") == first.id
    assert contracts.find_client_id(archive, str(first.id)) == first.id
    with pytest.raises(ValidationError):
        contracts.find_client_id(archive, "无此客户")
