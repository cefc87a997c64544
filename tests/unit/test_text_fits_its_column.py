"""Text longer than its column is refused before anything is written, naming the field, on an
archive file and on a team archive alike (PostgreSQL refused a 回款方式 of 40 characters with a
raw database error; SQLite kept it, and the archive could then not be pushed to the team's)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import ValidationError
from app.domain.messages import describe
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, contracts

pytestmark = pytest.mark.both_backends


def _receipt(client_id: int, method: str) -> contracts.ReceiptDraft:
    return contracts.ReceiptDraft(
        client_id=client_id, received_on=date(2026, 12, 1), amount=Decimal(100), method=method
    )


def test_a_too_long_receipt_method_is_refused_naming_the_field(archive):
    client = clients.create_client(archive, ClientDraft(name="华信科技有限公司"))

    with pytest.raises(ValidationError) as refused:
        contracts.add_receipt(archive, _receipt(client.id, "银行转账" + "长" * 40))

    assert describe(refused.value) == "回款方式：太长（最多 30 字）"  # as the form names it
    assert describe(refused.value, "en") == "Payment method: is too long (at most 30 characters)"
    assert contracts.list_receipts(archive) == []
    fits = contracts.add_receipt(archive, _receipt(client.id, "长" * 30))
    assert [r.method for r in contracts.list_receipts(archive)] == ["长" * 30]

    with pytest.raises(ValidationError):  # a change too, the saved row left as it was
        contracts.update_receipt(archive, fits.id, _receipt(client.id, "长" * 31))
    assert [r.method for r in contracts.list_receipts(archive)] == ["长" * 30]


def test_a_too_long_contact_name_names_the_contact_not_the_client(archive):
    """A contact's `name` column is the form's 联系人, not the client's 客户名称."""
    client = clients.create_client(archive, ClientDraft(name="华信科技有限公司"))

    with pytest.raises(ValidationError) as refused:
        clients.add_contact(archive, client.id, ContactDraft(name="张" * 101))

    assert describe(refused.value) == "联系人：太长（最多 100 字）"
    assert refused.value.field == "contact_name"  # the form's field, marked under its box
    assert clients.get_client(archive, client.id).contacts == ()
    with pytest.raises(ValidationError) as refused:
        clients.add_contact(archive, client.id, ContactDraft(name="张三", title="经" * 101))
    assert describe(refused.value) == "职务：太长（最多 100 字）"


def test_a_derived_key_of_any_length_is_kept(archive):
    """Pinyin initials of every reading run past their 200 (unbounded text on PostgreSQL, never
    enforced on SQLite): a name of many polyphonic characters is saved and found."""
    from app.domain.text import pinyin_initials
    from app.services import search

    name = "长乐区单县朝阳长春重庆长沙银行行长会议系统采购项目部"
    assert len(pinyin_initials(name)) > 200
    client = clients.create_client(archive, ClientDraft(name=name))
    found = [h.id for h in search.search(archive, "单县朝阳") if h.kind == "client"]
    assert found == [client.id]
