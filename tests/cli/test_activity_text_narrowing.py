"""`activities --text` counts through the index with the other kinds' documents left out by
the index itself and the clients' names looked up among the client documents (issue 11): the
same activities are counted as the filter finds, whichever field holds the text."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.db import plain_activities
from app.domain.enums import ActivityKind
from app.domain.queries import ActivityQuery
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, activity_list, clients
from app.services.archive import open_archive


def test_the_phrase_is_asked_of_one_kind_of_document():
    phrase = plain_activities.indexed_phrase("华瑞")
    assert plain_activities.of_kind(phrase, "activity") == (
        '{title body} : "华 瑞" AND kind : kactivity'
    )
    assert plain_activities.of_kind(phrase, "client", "{title}") == (
        '{title} : "华 瑞" AND kind : kclient'
    )


@pytest.fixture
def filled(archive):
    """Activities holding 华瑞 in each field the filter reads, and in fields it does not."""
    named = clients.create_client(archive, ClientDraft("北京华瑞科技有限公司")).id
    other = clients.create_client(archive, ClientDraft("上海恒达电子有限公司")).id
    when = datetime(2026, 11, 2, 9)
    drafts = [
        ActivityDraft(named, ActivityKind.VISIT, when, "季度走访"),  # the client's name
        ActivityDraft(other, ActivityKind.CALL, when, "华瑞项目报价"),  # the subject
        ActivityDraft(other, ActivityKind.VISIT, when, "拜访", participants="华瑞张工"),
        ActivityDraft(other, ActivityKind.VISIT, when, "拜访", notes="提到华瑞"),  # not read
        ActivityDraft(other, ActivityKind.VISIT, when, "拜访"),
    ]
    for draft in drafts:
        activities.create_activity(archive, draft)
    return archive


def test_the_narrowed_count_is_the_filters_count(filled, monkeypatch):
    query = ActivityQuery(text="华瑞")
    through_session = activity_list.count_activities(filled, query)
    assert through_session == 3
    plain = open_archive(filled.path, read_only=True)
    narrowed = []
    real = plain_activities._narrowed
    monkeypatch.setattr(
        plain_activities, "_narrowed", lambda *a: narrowed.append(real(*a)) or narrowed[-1]
    )
    try:
        assert plain.plain() is not None
        assert activity_list.count_activities(plain, query) == 3
        page = activity_list.activity_page(plain, query, None, 10)
        assert len(page.rows) == 3
    finally:
        plain.close()
    assert narrowed and all(narrowed)  # both went through the index
