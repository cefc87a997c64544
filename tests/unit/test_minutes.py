"""Meeting minutes and follow-up: numbering, validation, closing, overdue order, digest."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import cn2an
import pytest

from app.domain.errors import NotFoundError, ValidationError, ValidationErrors
from app.domain.messages import describe
from app.domain.minutes import (
    ActionItemDraft,
    ActionStatus,
    MeetingDraft,
    chinese_ordinal,
    days_overdue,
    validate_meeting,
)
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft
from app.services import clients, minutes, search, tenders

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 26)  # the archive fixture's clock
HELD = datetime(2026, 11, 2, 9, 30)


def _client(archive, name: str) -> int:
    return clients.create_client(archive, ClientDraft(name)).id


def _meeting(archive, title="周例会", actions=(), client_ids=(), **extra):
    draft = MeetingDraft(title, HELD, actions=tuple(actions), client_ids=tuple(client_ids), **extra)
    return minutes.create_meeting(archive, draft)


def _due(days: int) -> date:
    return TODAY + timedelta(days=days)


# --- domain ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一、"), (2, "二、"), (3, "三、"), (9, "九、"), (10, "十、"), (11, "十一、")]
    + [(19, "十九、"), (20, "二十、"), (21, "二十一、")],
)
def test_ordinals(n, expected):
    assert chinese_ordinal(n) == expected


def test_ordinals_one_to_twenty_one_are_distinct_and_agree_with_cn2an():
    got = [chinese_ordinal(n) for n in range(1, 22)]
    assert len(set(got)) == 21
    assert all(g == f"{cn2an.an2cn(n)}、" for n, g in enumerate(got, start=1))
    with pytest.raises(ValueError):
        chinese_ordinal(0)


def test_validation_names_every_missing_field():
    draft = MeetingDraft(
        " ", None, actions=(ActionItemDraft("送样", ""), ActionItemDraft("", "王芳"))
    )
    with pytest.raises(ValidationErrors) as caught:
        validate_meeting(draft)
    fields = [(p.field, p.code) for p in caught.value.problems]
    assert fields == [
        ("meeting_title", "required"),
        ("held_at", "required"),
        ("action_owner", "row_required"),
        ("action_task", "row_required"),
    ]
    text = describe(caught.value)
    assert "会议名称：不能为空" in text and "责任人：第 1 项不能为空" in text


def test_closed_item_in_a_draft_needs_a_result():
    item = ActionItemDraft("送样", "王芳", status=ActionStatus.DONE)
    with pytest.raises(ValidationErrors) as caught:
        validate_meeting(MeetingDraft("例会", HELD, actions=(item,)))
    assert caught.value.problems[0].code == "row_result_required"


def test_validation_tidies_names_and_drops_empty_decisions():
    draft = MeetingDraft(
        " 周例会 ", HELD, attendees="张三, 李四、张三 王五", decisions=("定价", " ", "送样")
    )
    clean = validate_meeting(draft)
    assert clean.title == "周例会"
    assert clean.attendees == "张三、李四、王五"
    assert clean.decisions == ("定价", "送样")


def test_overdue_rules():
    assert days_overdue(_due(-3), ActionStatus.NOT_STARTED, TODAY) == 3
    assert days_overdue(_due(-3), ActionStatus.DONE, TODAY) == 0
    assert days_overdue(TODAY, ActionStatus.IN_PROGRESS, TODAY) == 0
    assert days_overdue(None, ActionStatus.IN_PROGRESS, TODAY) == 0


# --- services --------------------------------------------------------------------------------


def test_create_and_read_back_with_clients_tender_decisions_actions(archive):
    a, b = _client(archive, "北京恒信医疗"), _client(archive, "上海仁和药业")
    tender = tenders.create_tender(archive, TenderDraft("CT 采购项目", purchaser_name="某医院"))
    detail = _meeting(
        archive,
        "恒信项目推进会",
        [ActionItemDraft("提交报价", "王芳", "李强", _due(3))],
        [a, b],
        decisions=("报价下浮 3%", "下周送样"),
        tender_id=tender.id,
        place="三楼会议室",
    )
    again = minutes.get_meeting(archive, detail.id)
    assert again.decisions == ("报价下浮 3%", "下周送样")
    assert {c.name for c in again.clients} == {"北京恒信医疗", "上海仁和药业"}
    assert again.tender_title == "CT 采购项目"
    assert again.actions[0].owner == "王芳" and again.actions[0].status == "未开始"
    assert [m.id for m in minutes.meetings_for_client(archive, a)] == [detail.id]
    assert minutes.list_meetings(archive)[0].actions_open == 1


def test_update_keeps_action_ids_and_removes_dropped_items(archive):
    detail = _meeting(
        archive, actions=[ActionItemDraft("甲", "王芳"), ActionItemDraft("乙", "李强")]
    )
    first, second = detail.actions
    draft = detail.draft()
    changed = (draft.actions[1], ActionItemDraft("丙", "赵敏"))
    updated = minutes.update_meeting(
        archive, detail.id, MeetingDraft(**{**draft.__dict__, "actions": changed})
    )
    assert updated.actions[0].id == second.id and updated.actions[0].task == "乙"
    assert first.id not in {a.id for a in updated.actions}
    assert [h.kind for h in search.search(archive, "甲")].count("action") == 0


def test_unknown_client_is_refused_and_nothing_written(archive):
    with pytest.raises(NotFoundError):
        _meeting(archive, client_ids=[999])
    assert minutes.list_meetings(archive) == []


def test_close_needs_result_and_reopen(archive):
    detail = _meeting(archive, actions=[ActionItemDraft("送样", "王芳", due_on=_due(-2))])
    action_id = detail.actions[0].id
    with pytest.raises(ValidationError) as caught:
        minutes.close_action(archive, action_id, "  ")
    assert caught.value.field == "action_result"
    assert minutes.get_action(archive, action_id).status == "未开始"
    closed = minutes.close_action(archive, action_id, "已送样并签收")
    assert closed.status == "已完成" and closed.closed_on == TODAY and not closed.overdue
    assert minutes.open_actions(archive).total == 0
    reopened = minutes.reopen_action(archive, action_id)
    assert reopened.status == "进行中" and reopened.closed_on is None
    assert reopened.result == "已送样并签收" and reopened.days_overdue == 2


def test_open_actions_overdue_first_then_by_due_date(archive):
    items = [
        ActionItemDraft("无期限", "王芳"),
        ActionItemDraft("下周", "王芳", due_on=_due(7)),
        ActionItemDraft("逾期一天", "李强", due_on=_due(-1)),
        ActionItemDraft("今天", "王芳", due_on=TODAY),
        ActionItemDraft("逾期十天", "王芳", due_on=_due(-10)),
        ActionItemDraft("已办", "王芳", due_on=_due(-20), status="已完成", result="好"),
    ]
    _meeting(archive, actions=items)
    page = minutes.open_actions(archive)
    assert [r.task for r in page.rows] == ["逾期十天", "逾期一天", "今天", "下周", "无期限"]
    assert page.rows[0].days_overdue == 10 and page.rows[2].due_today
    assert [r.task for r in minutes.open_actions(archive, overdue_only=True).rows] == [
        "逾期十天",
        "逾期一天",
    ]
    assert {r.owner for r in minutes.open_actions(archive, owner="李强").rows} == {"李强"}
    paged = minutes.open_actions(archive, limit=2, offset=2)
    assert [r.task for r in paged.rows] == ["今天", "下周"] and paged.total == 5
    counts = minutes.action_counts(archive)
    assert (counts.open, counts.overdue, counts.due_today) == (5, 2, 1)
    assert [r.task for r in minutes.due_actions(archive)] == ["逾期十天", "逾期一天", "今天"]


def test_open_action_ids_in_the_list_order_and_rows_by_id(archive):
    items = [
        ActionItemDraft("无期限", "王芳"),
        ActionItemDraft("下周", "李强", due_on=_due(7)),
        ActionItemDraft("逾期十天", "王芳", due_on=_due(-10)),
        ActionItemDraft("已办", "王芳", due_on=_due(-20), status="已完成", result="好"),
    ]
    _meeting(archive, "推进会", actions=items)
    ids = list(minutes.open_action_ids(archive))
    assert ids == [r.id for r in minutes.open_actions(archive).rows] and len(ids) == 3
    assert list(minutes.open_action_ids(archive, overdue_only=True)) == ids[:1]
    assert list(minutes.open_action_ids(archive, owner="李强")) == [ids[1]]
    rows = minutes.action_rows(archive, [ids[2], ids[0], 9999])
    assert sorted(r.task for r in rows) == ["无期限", "逾期十天"]
    assert {r.meeting_title for r in rows} == {"推进会"}
    assert next(r for r in rows if r.id == ids[0]).days_overdue == 10


def test_client_filter(archive):
    a, b = _client(archive, "北京恒信医疗"), _client(archive, "上海仁和药业")
    _meeting(archive, "恒信会", [ActionItemDraft("恒信的事", "王芳")], [a])
    _meeting(archive, "仁和会", [ActionItemDraft("仁和的事", "王芳")], [b])
    _meeting(archive, "内部会", [ActionItemDraft("内部的事", "王芳")])
    assert [r.task for r in minutes.open_actions(archive, client_id=a).rows] == ["恒信的事"]
    assert [m.title for m in minutes.meetings_for_client(archive, b)] == ["仁和会"]


def test_overdue_digest_text(archive):
    _meeting(
        archive,
        "十一月经营分析会",
        [
            ActionItemDraft("提交报价", "王芳", due_on=_due(-3)),
            ActionItemDraft("回款催收", "王芳", due_on=_due(-1)),
            ActionItemDraft("合同盖章", "李强", due_on=_due(-5)),
            ActionItemDraft("未到期", "李强", due_on=_due(5)),
        ],
    )
    digest = minutes.overdue_digest(archive)
    assert [o.owner for o in digest.owners] == ["王芳", "李强"]
    text = digest.text
    assert "共 2 人 3 项逾期" in text
    assert "王芳：2 项逾期" in text and "李强：1 项逾期" in text
    assert "1. 提交报价（《十一月经营分析会》，完成时限 2026-11-23，已逾期 3 天）" in text
    assert "未到期" not in text
    assert text.index("提交报价") < text.index("回款催收")
    only = minutes.overdue_digest(archive, owner="李强")
    assert [o.owner for o in only.owners] == ["李强"]
    minutes.close_action(archive, only.owners[0].items[0].id, "已盖章")
    assert "没有逾期事项" in minutes.overdue_digest(archive, owner="李强").text


def test_search_finds_meetings_by_decision_and_actions_by_task(archive):
    _meeting(
        archive,
        "季度复盘会",
        [ActionItemDraft("整理投标资质清单", "王芳")],
        decisions=("启用新折扣政策",),
    )
    hits = search.search(archive, "新折扣政策")
    assert [(h.kind, h.title) for h in hits] == [("meeting", "季度复盘会")]
    assert [h.kind for h in search.search(archive, "投标资质清单")] == ["action"]
    assert search.rebuild_index(archive) >= 2
    assert [h.kind for h in search.search(archive, "新折扣政策")] == ["meeting"]


def test_delete_meeting_removes_actions_and_index(archive):
    detail = _meeting(archive, actions=[ActionItemDraft("整理资料", "王芳")])
    minutes.delete_meeting(archive, detail.id)
    assert minutes.open_actions(archive).total == 0
    assert search.search(archive, "整理资料") == []
    with pytest.raises(NotFoundError):
        minutes.get_meeting(archive, detail.id)


def test_parse_action():
    item = minutes.parse_action("提交报价|王芳|2026-12-01")
    assert (item.task, item.owner, item.due_on) == ("提交报价", "王芳", date(2026, 12, 1))
    assert minutes.parse_action("送样|李强").due_on is None
    with pytest.raises(ValidationError):
        minutes.parse_action("只有事项")


def test_demo_minutes_have_open_done_and_overdue_items(archive):
    from app.demo.minutes import add_demo_minutes

    for n, owner in enumerate(("王芳", "李强", "张伟", "刘洋", "陈晨", "赵敏")):
        clients.create_client(archive, ClientDraft(f"演示客户{n}有限公司", owner=owner))
    summary = add_demo_minutes(archive)
    assert summary.meetings == 40 and summary.actions >= 80
    assert 0 < summary.overdue < summary.open < summary.actions
    meetings = minutes.list_meetings(archive)
    assert min(m.held_at for m in meetings).date() >= TODAY - timedelta(days=190)
    assert any(m.clients for m in meetings) and any(not m.clients for m in meetings)
    done = [a for m in meetings[-10:] for a in minutes.get_meeting(archive, m.id).actions]
    closed = [a for a in done if a.status in ("已完成", "已取消")]
    assert closed and all(a.result and a.closed_on for a in closed)
    assert all(a.closed_on <= TODAY for a in closed)
    assert archive.now() == datetime(2026, 11, 26, 10, 30)  # the clock is put back
