"""Demo minutes: about 40 meetings over the last six months with decisions and action items
(open, done, cancelled and overdue) for the demo's account managers and clients."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.domain.errors import CancelledError
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft
from app.domain.queries import ClientQuery
from app.services import clients, minutes, tenders
from app.services.archive import Archive

MEETINGS = 40
DAYS_BACK = 182

KINDS = (
    ("{client}项目推进会", "{client}采购项目的进展、报价与送样安排"),
    ("{client}合作洽谈会", "与{client}续签年度框架协议的条件"),
    ("{client}回款协调会", "{client}逾期应收款的回收计划"),
    ("{client}客诉处理专题会", "{client}反映的产品质量问题及整改"),
    ("大客户部周例会", "本周重点客户拜访、投标与回款情况"),
    ("月度经营分析会", "本月签约、回款与目标完成情况"),
)
DECISIONS = (
    "报价在上次基础上下浮 3%，由销售总监最终确认。",
    "本周内完成样机送达并安排技术人员现场演示。",
    "合同付款条件调整为验收合格后三十日内付清。",
    "由客户经理牵头，每周向客户通报一次进展。",
    "逾期应收款按月分期回收，十二月底前收回不少于 60%。",
    "质量问题由技术部出具书面整改报告，五个工作日内回复客户。",
    "下月重点拜访名单由各客户经理周五前报送。",
    "投标保证金本周内办理缴纳，财务部配合。",
    "年度框架协议按去年条款续签，价格条款另行商定。",
    "春节前完成全部 A 类客户的走访慰问。",
)
TASKS = (
    "提交最终报价单",
    "安排样机送达并演示",
    "起草补充协议并送审",
    "与客户财务核对应收账款",
    "出具质量问题整改报告",
    "报送下月重点拜访计划",
    "办理投标保证金缴纳",
    "收集客户对新产品的反馈意见",
    "整理投标资质文件",
    "回访客户并记录满意度",
    "更新客户档案联系人信息",
    "准备年度合作方案汇报材料",
)
RESULTS = (
    "已按时完成，客户确认无异议。",
    "已完成，相关材料已归档。",
    "已办结，结果已在周例会上通报。",
    "客户已签收，反馈良好。",
)
PLACES = ("公司三楼会议室", "公司一楼洽谈室", "客户单位会议室", "线上视频会议")
DISTRIBUTION = ("公司领导、大客户部", "大客户部各客户经理、财务部", "出席、列席人员")  # 分送
STAFF = ("刘洋", "赵敏", "孙丽")  # minutes takers and observers beside the account managers


@dataclass(frozen=True)
class DemoMinutesSummary:
    meetings: int
    actions: int
    open: int
    overdue: int


def add_demo_minutes(archive: Archive, seed: int = 7, task=None) -> DemoMinutesSummary:
    """Adds the demo meetings to an archive that has clients (their owners chair and act)."""
    rng = random.Random(seed)
    today = archive.today()
    picks = _clients(archive, rng)
    owners = sorted({c.owner for c in picks if c.owner}) or ["王芳", "李强", "张伟"]
    tender_ids = [t.id for t in tenders.list_tenders(archive)][:20]
    saved = archive.clock
    try:
        for number in range(MEETINGS):
            if task is not None:
                if task.cancelled():
                    raise CancelledError()
                task.progress(number, MEETINGS)
            held = _held_at(rng, today, number)
            archive.clock = lambda held=held: held
            detail = minutes.create_meeting(
                archive, _draft(rng, held, picks, owners, tender_ids, number)
            )
            _close_some(archive, rng, detail, today)
    finally:
        archive.clock = saved
    counts = minutes.action_counts(archive)
    total = sum(m.actions_total for m in minutes.list_meetings(archive))
    return DemoMinutesSummary(MEETINGS, total, counts.open, counts.overdue)


def _clients(archive: Archive, rng: random.Random) -> list[clients.ClientRecord]:
    ids = clients.list_client_ids(archive, ClientQuery())[:300]
    chosen = rng.sample(ids, min(len(ids), 20))
    return [clients.get_client(archive, client_id) for client_id in chosen]


def _held_at(rng: random.Random, today: date, number: int) -> datetime:
    # Spread evenly over six months, oldest first, so ids follow the dates.
    day = today - timedelta(days=DAYS_BACK - number * DAYS_BACK // MEETINGS)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime.combine(day, time(rng.choice((9, 10, 14, 15)), rng.choice((0, 30))))


def _draft(rng, held: datetime, picks, owners, tender_ids, number: int) -> MeetingDraft:
    title, agenda = KINDS[number % len(KINDS)]
    client = picks[number % len(picks)] if picks else None
    internal = "{client}" not in title or client is None
    name = client.name if client else ""
    people = rng.sample(owners, min(len(owners), rng.randint(2, 4)))
    absent = [o for o in owners if o not in people][:1]
    actions = tuple(
        ActionItemDraft(
            rng.choice(TASKS),
            rng.choice(people),
            rng.choice(("", "", rng.choice(STAFF))),
            held.date() + timedelta(days=rng.choice((3, 5, 7, 10, 14, 21, 30))),
        )
        for _ in range(rng.randint(2, 5))
    )
    return MeetingDraft(
        title=title.format(client=name) if not internal else title.replace("{client}", ""),
        held_at=held,
        place=rng.choice(PLACES),
        host=people[0],
        attendees="、".join(people),
        observers=rng.choice(("", rng.choice(STAFF))),
        absentees="、".join(absent) if rng.random() < 0.4 else "",
        recorder=rng.choice(STAFF),
        reviewer=people[0],
        agenda=agenda.format(client=name or "重点客户"),
        discussion="与会人员听取了情况汇报，就存在的问题和下一步安排进行了讨论。",
        decisions=tuple(rng.sample(DECISIONS, rng.randint(2, 4))),
        actions=actions,
        next_meeting=rng.choice(("", "下周同一时间，地点另行通知")),
        client_ids=(client.id,) if client and not internal else (),
        tender_id=rng.choice(tender_ids) if tender_ids and rng.random() < 0.2 else None,
        # by the meeting's number, not the random generator: the rest of the demo stays as it was
        distribution=DISTRIBUTION[number % len(DISTRIBUTION)],
        copies_to="市场营销中心" if number % 3 == 0 else "",
    )


def _close_some(archive: Archive, rng: random.Random, detail, today: date) -> None:
    """Items due in the future are open (some started); of the past ones about one in fourteen is
    still open, so the follow-up list has overdue items without drowning in them."""
    for action in detail.actions:
        if action.due_on >= today or rng.random() < 0.07:
            if rng.random() < 0.4:
                minutes.start_action(archive, action.id)
            continue
        closed_on = min(today, action.due_on + timedelta(days=rng.randint(-3, 4)))
        closed_on = max(closed_on, detail.held_at.date())
        archive.clock = lambda d=closed_on: datetime.combine(d, time(17, 0))
        if rng.random() < 0.08:
            minutes.close_action(
                archive, action.id, "客户需求变化，此事项取消。", ActionStatus.CANCELLED
            )
        else:
            minutes.close_action(archive, action.id, rng.choice(RESULTS))
