"""The one table of labels for stored statuses, kinds and methods (app.domain.labels): every
stored value has a Chinese and an English label, the English one has no Chinese in it, and the
change history reads its recorded Chinese words in English when asked."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

import pytest

from app.domain import history, labels
from app.domain.documents import DocStatus, DocumentKind, LetterDirection, LetterStatus
from app.domain.enums import ActivityKind, ClientStatus, Tier
from app.domain.minutes import ActionStatus
from app.domain.plans import METRIC_LABELS, AgeBucket, decades, iso_weeks, month_calendar
from app.domain.rebates import ApprovalStep, RebateStatus, Settlement, StepState
from app.domain.tenders import QualificationState, TenderMethod, TenderStatus

CJK = re.compile(r"[\u3400-\u9fff]")
# The stored values that are Chinese words (the 31 the English window used to show as they are).
STORED_CHINESE = (ClientStatus, TenderMethod, TenderStatus, DocStatus, LetterStatus, ActionStatus)
VOCABULARIES: tuple[type[StrEnum], ...] = (
    *STORED_CHINESE,
    Tier,
    ActivityKind,
    QualificationState,
    DocumentKind,
    LetterDirection,
    RebateStatus,
    ApprovalStep,
    Settlement,
    StepState,
    AgeBucket,
)


def test_the_stored_chinese_values_are_the_31_of_the_issue():
    # 31, and 已复函 (issue 12: a 收文 a registered 发文 answers)
    assert sum(len(list(v)) for v in STORED_CHINESE) == 32


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_value_has_a_chinese_and_an_english_label(vocabulary):
    for member in vocabulary:
        zh, en = labels.label(member, "zh"), labels.label(member, "en")
        assert CJK.search(zh), (member, zh)
        assert en and not CJK.search(en), (member, en)
        assert labels.label(member.value, "en_US", vocabulary) == en  # a stored string
        assert labels.label(member, "zh_CN") == zh  # the window's codes


def test_chinese_labels_are_the_ones_the_domain_already_uses():
    assert labels.label(ClientStatus.ACTIVE) == "合作中"
    assert labels.label(DocumentKind.AGREEMENT) == "合同"
    assert labels.label(RebateStatus.APPLIED) == "待大客户部经理审批"
    assert labels.label(AgeBucket.D90_PLUS) == "90天以上"
    assert labels.label(LetterDirection.INCOMING) == "收文"
    assert labels.label("visits", "zh", labels.PLAN_METRIC) == METRIC_LABELS["visits"]


def test_english_labels():
    assert labels.label("合作中", "en", ClientStatus) == "Active"
    assert labels.label("跟踪中", "en", TenderStatus) == "Tracking"
    assert labels.label(TenderMethod.SINGLE_SOURCE, "en") == "Single source"
    assert labels.label("审核中", "en", DocStatus) == "In review"
    assert labels.label("manager", "en", RebateStatus) == "Awaiting marketing"
    assert labels.label("manager", "en", ApprovalStep) == "Key-account manager"
    assert labels.label("signed_amount", "en", labels.PLAN_METRIC) == "Amount signed"


def test_unknown_and_empty_values_are_shown_as_they_are():
    assert labels.label("某种旧状态", "en", LetterStatus) == "某种旧状态"
    assert labels.label(None, "en", LetterStatus) == ""
    assert labels.label("x", "en", "no such vocabulary") == "x"


def test_choices_keep_the_stored_value_and_the_order():
    assert labels.choices(ClientStatus, "en") == [
        ("潜在", "Prospect"),
        ("合作中", "Active"),
        ("暂停", "Paused"),
        ("流失", "Lost"),
    ]
    some = (LetterStatus.SENT, LetterStatus.DONE)
    assert labels.choices(LetterStatus, "zh", some) == [("已发出", "已发出"), ("已办结", "已办结")]


def test_from_text_accepts_the_value_and_both_labels():
    assert labels.from_text(ClientStatus, "Active") == "合作中"
    assert labels.from_text(ClientStatus, "合作中") == "合作中"
    assert labels.from_text(DocumentKind, "传真") == "fax"
    assert labels.from_text(DocumentKind, "FAX") == "fax"
    assert labels.from_text(DocumentKind, "memo") is None


def test_periods_of_the_plan_in_english():
    cal = month_calendar(2026, 11)
    early, middle, late = decades(cal)
    assert early.label == "上旬(1-10日)"  # stored and exported as the service gives it
    assert labels.period_label(early, "zh") == "上旬（1-10日）"  # shown in Chinese punctuation
    assert labels.period_label(early, "en") == "Early month (1–10)"
    assert labels.period_label(late, "en") == "Late month (21–30)"
    week = iso_weeks(cal)[1]
    assert week.first == date(2026, 11, 2)
    assert labels.period_label(week, "en") == "Week 45 (11-02 to 11-08)"


def test_the_history_reads_recorded_words_in_english():
    assert history.change_text("document", "status", "草稿", "审核中", "en") == (
        "Review status: Draft → In review"
    )
    assert history.change_text("client", "status", "合作中", "流失", "zh") == "状态：合作中 → 流失"
    assert history.change_text("minutes", "action.3.status", "未开始", "已完成", "en").endswith(
        "Not started → Done"
    )
    assert history.value_text("activity", "kind", "拜访", "en") == "Kind: Visit"
    assert history.change_text("client", "is_key_account", "否", "是", "en") == (
        "Key account: No → Yes"
    )
    # a free text that happens to be a status word is left alone
    assert history.change_text("client", "notes", "草稿", "流失", "en") == "Notes: 草稿 → 流失"
