"""A client's merged timeline: activities, meetings and tenders, newest first."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.enums import ActivityKind
from app.domain.errors import NotFoundError, ValidationError
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft
from app.domain.records import ActivityDraft, ClientDraft
from app.domain.tenders import TenderDraft, TenderStatus
from app.services import activities, clients, minutes, tenders, timeline

pytestmark = pytest.mark.both_backends


def seed_timeline(archive) -> dict:
    """One client with three activities, two meetings and two tenders; another client with
    one of each that must never show up."""
    client = clients.create_client(archive, ClientDraft(name="某市人民医院"))
    other = clients.create_client(archive, ClientDraft(name="某县卫生院"))
    ids: dict = {"client": client.id, "other": other.id}

    def activity(client_id, when, subject):
        draft = ActivityDraft(
            client_id=client_id, kind=ActivityKind.VISIT, started_at=when, subject=subject
        )
        return activities.create_activity(archive, draft).id

    ids["a1"] = activity(client.id, datetime(2026, 9, 1, 9, 0), "首次拜访")
    ids["a2"] = activity(client.id, datetime(2026, 10, 5, 10, 0), "技术交流")
    ids["a3"] = activity(client.id, datetime(2026, 11, 20, 15, 0), "回访")
    activity(other.id, datetime(2026, 11, 25, 9, 0), "别的客户")
    ids["m1"] = minutes.create_meeting(
        archive,
        MeetingDraft(
            title="设备需求沟通会",
            held_at=datetime(2026, 10, 10, 14, 0),
            place="医院会议室",
            client_ids=(client.id, other.id),
            actions=(
                ActionItemDraft(task="报价", owner="王芳", due_on=date(2026, 10, 20)),
                ActionItemDraft(task="样机", owner="王芳", status=ActionStatus.IN_PROGRESS),
                ActionItemDraft(
                    task="资料", owner="李强", status=ActionStatus.DONE, result="已发送"
                ),
            ),
        ),
    ).id
    ids["m2"] = minutes.create_meeting(
        archive, MeetingDraft(title="年度合作洽谈会", held_at=datetime(2026, 8, 1, 9, 30))
    ).id
    # m2 is not linked to the client: it must not appear
    ids["m3"] = minutes.create_meeting(
        archive,
        MeetingDraft(
            title="合同谈判会", held_at=datetime(2026, 11, 1, 9, 0), client_ids=(client.id,)
        ),
    ).id
    ids["t1"] = tenders.create_tender(
        archive,
        TenderDraft(
            title="医疗设备采购项目",
            client_id=client.id,
            bid_deadline=datetime(2026, 10, 28, 9, 30),
            award_notice_on=date(2026, 11, 5),
            status=TenderStatus.WON,
        ),
    ).id
    ids["t2"] = tenders.create_tender(
        archive,
        TenderDraft(title="信息化建设项目", client_id=client.id, published_on=date(2026, 9, 15)),
    ).id
    return ids


def test_merged_timeline_is_newest_first_with_every_kind(archive):
    ids = seed_timeline(archive)
    result = timeline.client_timeline(archive, ids["client"])
    assert [(e.kind, e.id) for e in result.entries] == [
        ("activity", ids["a3"]),
        ("meeting", ids["m3"]),
        ("tender", ids["t1"]),
        ("meeting", ids["m1"]),
        ("activity", ids["a2"]),
        ("tender", ids["t2"]),
        ("activity", ids["a1"]),
    ]
    assert result.counts == {"activity": 3, "meeting": 2, "tender": 2}
    assert result.total == 7 and not result.truncated
    by_id = {(e.kind, e.id): e for e in result.entries}
    meeting = by_id[("meeting", ids["m1"])]
    assert (meeting.title, meeting.open_actions, meeting.place) == (
        "设备需求沟通会",
        2,
        "医院会议室",
    )
    assert by_id[("meeting", ids["m3"])].open_actions == 0
    won = by_id[("tender", ids["t1"])]
    assert won.when == datetime(2026, 10, 28, 9, 30)
    assert (won.status, won.bid_deadline, won.award_notice_on) == (
        "中标",
        datetime(2026, 10, 28, 9, 30),
        date(2026, 11, 5),
    )
    # no bid deadline yet: placed at its publication day
    assert by_id[("tender", ids["t2"])].when == datetime(2026, 9, 15)
    visit = by_id[("activity", ids["a3"])]
    assert (visit.title, visit.activity_kind) == ("回访", "visit")


def test_timeline_filters_by_kind_and_honours_the_limit(archive):
    ids = seed_timeline(archive)
    only_tenders = timeline.client_timeline(archive, ids["client"], kinds=["tender"])
    assert [e.id for e in only_tenders.entries] == [ids["t1"], ids["t2"]]
    assert only_tenders.counts["activity"] == 3  # the counts are always every kind's
    two = timeline.client_timeline(archive, ids["client"], limit=2)
    assert [(e.kind, e.id) for e in two.entries] == [
        ("activity", ids["a3"]),
        ("meeting", ids["m3"]),
    ]
    assert two.truncated
    meetings = timeline.client_timeline(archive, ids["client"], kinds=("meeting",), limit=1)
    assert [e.id for e in meetings.entries] == [ids["m3"]] and meetings.truncated
    assert timeline.client_timeline(archive, ids["client"], limit=0).entries == ()
    # the other client's timeline has only its own records (the shared meeting too)
    other = timeline.client_timeline(archive, ids["other"])
    assert [e.kind for e in other.entries] == ["activity", "meeting"]


def test_timeline_refuses_an_unknown_client_or_kind(archive):
    ids = seed_timeline(archive)
    with pytest.raises(NotFoundError):
        timeline.client_timeline(archive, 99999)
    with pytest.raises(ValidationError):
        timeline.client_timeline(archive, ids["client"], kinds=["letter"])
