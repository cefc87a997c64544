"""The closed vocabularies of the archive. Values are stored; labels are for people."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    A = "A"  # 重点
    B = "B"  # 主要
    C = "C"  # 一般
    D = "D"  # 潜在


TIER_LABELS_ZH = {Tier.A: "A 重点", Tier.B: "B 主要", Tier.C: "C 一般", Tier.D: "D 潜在"}


class ClientStatus(StrEnum):
    PROSPECT = "潜在"
    ACTIVE = "合作中"
    PAUSED = "暂停"
    LOST = "流失"


class ActivityKind(StrEnum):
    VISIT = "visit"
    CALL = "call"
    MEETING = "meeting"
    TECH_EXCHANGE = "tech_exchange"
    COMPLAINT = "complaint"
    MAINTENANCE = "maintenance"
    OTHER = "other"


ACTIVITY_KIND_ZH = {
    ActivityKind.VISIT: "拜访",
    ActivityKind.CALL: "电话",
    ActivityKind.MEETING: "会议",
    ActivityKind.TECH_EXCHANGE: "技术交流",
    ActivityKind.COMPLAINT: "投诉",
    ActivityKind.MAINTENANCE: "售后维护",
    ActivityKind.OTHER: "其他",
}

ACTIVITY_KIND_EN = {
    ActivityKind.VISIT: "Visit",
    ActivityKind.CALL: "Call",
    ActivityKind.MEETING: "Meeting",
    ActivityKind.TECH_EXCHANGE: "Technical exchange",
    ActivityKind.COMPLAINT: "Complaint",
    ActivityKind.MAINTENANCE: "After-sales maintenance",
    ActivityKind.OTHER: "Other",
}


def activity_kind_from_text(text: str) -> ActivityKind | None:
    """Accepts the stored value, the Chinese label or the English label."""
    t = text.strip()
    for kind in ActivityKind:
        if t.lower() in (kind.value, ACTIVITY_KIND_EN[kind].lower()) or t == ACTIVITY_KIND_ZH[kind]:
            return kind
    return None
