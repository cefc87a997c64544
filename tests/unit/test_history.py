"""The history of every change (修改记录): who changed which record when, field by field; status
changes and approvals read as such; bulk operations are one entry; a refused or rolled-back
change leaves nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from app.db.models import Client
from app.db.repositories import change_log
from app.domain.errors import DuplicateError
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft, TenderStatus
from app.exports.spreadsheet import write_table
from app.services import (
    change_tracking,
    client_transfer,
    clients,
    contracts,
    documents,
    history,
    identity,
    minutes,
    rebates,
    tenders,
)

pytestmark = pytest.mark.both_backends

D = Decimal
FIXED_NOW = datetime(2026, 11, 26, 10, 30)  # the archive fixture's clock


def _client(archive, name="北京华信科技有限公司", **values):
    return clients.create_client(archive, ClientDraft(name, **values))


@pytest.mark.file_only  # a file's user is a chosen name; a team archive's is the login's (tests/team)
def test_creating_and_editing_a_client_records_who_when_and_each_field(archive):
    identity.set_user_name(archive, "王芳")
    created = _client(archive, tier="B", owner="李娜", region="北京")
    clients.update_client(
        archive, created.id, replace(created.draft(), tier="A", owner="张伟", region="北京")
    )

    edit, create = history.record_history(archive, "client", created.id)
    assert (edit.action, edit.user, edit.at) == ("edit", "王芳", FIXED_NOW)
    assert edit.title == "北京华信科技有限公司"
    assert edit.what() == "修改"
    assert edit.lines() == ["等级：B → A", "客户经理：李娜 → 张伟"]  # region unchanged: absent
    assert edit.lines("en") == ["Tier: B → A", "Account manager: 李娜 → 张伟"]
    assert (create.action, create.user, create.what()) == ("create", "王芳", "新建")
    assert "等级：B" in create.lines() and "客户名称：北京华信科技有限公司" in create.lines()
    # technical columns are never in the history
    fields = {c.field for e in (edit, create) for c in e.changes}
    assert not fields & {"updated_at", "created_at", "name_key", "sort_key", "initials"}


@pytest.mark.file_only  # a file's user is a chosen name; a team archive's is the login's (tests/team)
def test_the_user_is_the_login_unless_a_name_is_chosen(archive, monkeypatch):
    monkeypatch.setattr(change_tracking.getpass, "getuser", lambda: "wangfang")
    first = _client(archive)
    assert history.record_history(archive, "client", first.id)[0].user == "wangfang"
    identity.set_user_name(archive, "  李娜 ")
    second = _client(archive, "上海东方仪器有限公司")
    assert history.record_history(archive, "client", second.id)[0].user == "李娜"
    identity.set_user_name(archive, "")
    clients.update_client(archive, second.id, replace(second.draft(), tier="D"))
    assert history.record_history(archive, "client", second.id)[0].user == "wangfang"


def test_a_refused_or_unchanged_save_records_nothing(archive):
    first = _client(archive)
    second = _client(archive, "上海东方仪器有限公司")
    with pytest.raises(DuplicateError):
        clients.update_client(archive, second.id, replace(second.draft(), name=first.name))
    clients.update_client(archive, first.id, first.draft())  # saved again as it was
    assert [e.action for e in history.record_history(archive, "client", second.id)] == ["create"]
    assert [e.action for e in history.record_history(archive, "client", first.id)] == ["create"]


def _rebate(archive):
    client = _client(archive, "深圳恒达电子有限公司")
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=D("300000"))
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 3, 4), D("123456.78"))
    )
    return rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")


@pytest.mark.file_only  # a file's user is a chosen name; a team archive's is the login's (tests/team)
def test_rebate_approval_steps_are_recorded_as_approvals(archive):
    identity.set_user_name(archive, "王芳")
    rebate = _rebate(archive)
    rebates.approve(archive, rebate.id, "manager", "赵经理", "同意申请")
    rebates.reject(archive, rebate.id, "marketing", "钱主任", "回款未到账")

    rejected, approved, applied = history.record_history(archive, "rebate", rebate.id)
    assert applied.action == "create"
    assert "返点金额：9,876.54" in applied.lines()
    assert "返点比例：8%" in applied.lines()
    assert (approved.action, approved.what(), approved.user) == ("approve", "审批", "王芳")
    assert approved.lines() == [
        "状态：待大客户部经理审批 → 待市场营销中心审批",
        "审批：大客户部经理同意（赵经理）：同意申请",
    ]
    assert rejected.action == "approve"
    assert "状态：待市场营销中心审批 → 已驳回" in rejected.lines()
    assert rejected.title.startswith("FD-") and "深圳恒达电子有限公司" in rejected.title


def _tender(archive):
    return tenders.create_tender(
        archive,
        TenderDraft(
            title="某市智慧政务平台采购项目",
            number="ZB-2026-001",
            purchaser_name="某市政务服务中心",
            budget=D("1000000"),
            bid_deadline=datetime(2026, 12, 10, 9, 30),
        ),
    )


def test_a_tender_status_change_reads_as_such(archive):
    tender = _tender(archive)
    tenders.set_status(archive, tender.id, TenderStatus.PREPARING)
    moved, created = history.record_history(archive, "tender", tender.id)
    assert moved.action == "status" and moved.what() == "状态"
    assert moved.lines() == ["状态：跟踪中 → 准备投标"]
    assert "预算金额：1,000,000.00" in created.lines()
    assert "投标截止时间：2026-12-10 09:30" in created.lines()


def test_price_lines_replaced_are_one_change(archive):
    tender = _tender(archive)
    line = tenders.TenderItemLine("服务器", "R740", D("2"), "台", D("45000"))
    tenders.set_items(archive, tender.id, [line])
    entry = history.record_history(archive, "tender", tender.id)[0]
    assert (entry.action, entry.title) == ("edit", "某市智慧政务平台采购项目")
    assert entry.lines() == ["分项报价：（空） → 服务器（R740）× 2台 @ 45,000.00"]


def test_document_review_and_action_items_closed_and_reopened(archive):
    client = _client(archive)
    doc = documents.create_document(
        archive, "letter", "letter", client_id=client.id, values={"subject": "对账"}
    )
    documents.review(archive, doc.id, "submit", actor="张三")
    documents.review(archive, doc.id, "approve", actor="王经理")
    approved, submitted, created = history.record_history(archive, "document", doc.id)
    assert created.action == "create"
    assert submitted.action == "status"
    assert submitted.lines()[0] == "审核状态：草稿 → 审核中"
    assert approved.action == "approve"
    assert approved.lines() == [
        "审核状态：审核中 → 已批准",
        "批准版本：（空） → 1",
        "审核：批准（王经理）",
    ]

    detail = minutes.create_meeting(
        archive,
        MeetingDraft(
            "周例会", datetime(2026, 11, 20, 9), actions=(ActionItemDraft("送样", "王芳"),)
        ),
    )
    action_id = detail.actions[0].id
    minutes.close_action(archive, action_id, "已送样")
    minutes.reopen_action(archive, action_id)
    reopened, closed, created = history.record_history(archive, "minutes", detail.id)
    assert created.action == "create" and "事项1：送样" in created.lines()
    assert closed.action == "status"
    assert closed.lines() == ["事项1·状态：未开始 → 已完成", "事项1·落实情况：（空） → 已送样"]
    assert reopened.lines() == [f"事项1·状态：{ActionStatus.DONE} → {ActionStatus.IN_PROGRESS}"]


def test_an_import_is_one_entry_with_its_count(archive, tmp_path):
    source = tmp_path / "clients.xlsx"
    rows = [(f"测试客户{i}有限公司",) + ("",) * 12 for i in range(1, 26)]
    write_table(source, client_transfer.TEMPLATE_HEADINGS, rows)
    report = client_transfer.import_clients(archive, source)
    assert report.imported == 25

    entries = history.recent_history(archive)
    assert [(e.action, e.kind, e.record_id, e.count) for e in entries] == [
        ("bulk", "client", None, 25)
    ]
    assert entries[0].title == "导入客户 clients.xlsx"
    assert history.record_history(archive, "client", 1) == []


def test_an_entry_the_recycle_bin_writes_replaces_the_automatic_ones(archive):
    client = _client(archive)
    with archive.db.session() as session:
        row = session.get(Client, client.id)
        row.notes = "即将删除"
        change_log.record(
            session,
            at=archive.now(),
            user="王芳",
            action=change_log.DELETE,
            kind="client",
            record_id=client.id,
            title=row.name,
        )
    assert [e.action for e in history.record_history(archive, "client", client.id)] == [
        "delete",
        "create",
    ]


def test_a_paused_archive_records_nothing_until_resumed(archive):
    with history.paused(archive):
        quiet = _client(archive)
    assert history.record_history(archive, "client", quiet.id) == []
    loud = _client(archive, "上海东方仪器有限公司")
    assert len(history.record_history(archive, "client", loud.id)) == 1


def test_the_demo_is_one_entry(archive):
    from app.demo import generate_demo

    summary = generate_demo(archive, clients=5, activities=3)
    (entry,) = history.recent_history(archive)
    assert (entry.action, entry.kind, entry.record_id) == ("bulk", "archive", None)
    assert entry.count == summary.clients + summary.contacts + summary.activities
    assert entry.title.startswith("示例数据：5 个客户")
