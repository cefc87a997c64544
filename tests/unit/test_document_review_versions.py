"""Two people on the same document's review (issue 14 §3): a review step (submit, approve,
return) taken on a record_version someone else has moved past (a save or another step) is
refused with who and when, and nothing is recorded; the command line's `--if-version N`
likewise (exit 3). Two steps racing on a team archive: one is taken, the other refused the
same way (named, not a bare 'changed by someone else'). On both back ends."""

from __future__ import annotations

import json
import threading

import pytest
from cli_runner import run_cli
from clock import LATER
from racing import one_taken_one_named, race

from app.domain.documents import DocStatus, ReviewAction
from app.domain.errors import ConflictError
from app.domain.messages import describe
from app.services import documents
from app.services.documents import Edit
from app.services.documents import approval as approval_module

pytestmark = pytest.mark.both_backends


def _submitted(archive):
    record = documents.create_document(
        archive, "letter", "letter", values={"subject": "对账"}, author="张三"
    )
    return documents.review(archive, record.id, ReviewAction.SUBMIT, "张三")


@pytest.fixture
def letter(archive):
    return _submitted(archive)


def test_approving_a_document_someone_else_returned_meanwhile_is_refused(archive, other, letter):
    seen = letter.record_version  # the reviewer opened it here
    documents.review(other, letter.id, ReviewAction.RETURN, "赵六", "金额有误", seen)

    with pytest.raises(ConflictError) as refused:
        documents.review(archive, letter.id, ReviewAction.APPROVE, "李四", "同意", seen)
    error = refused.value
    assert (error.kind, error.record_id, error.who, error.at) == (
        "document",
        letter.id,
        "王五",
        LATER,
    )
    words = describe(error)
    assert words.startswith("此记录已被 王五 于 2026-11-26 10:35 修改：") and "状态" in words
    now = documents.get_document(archive, letter.id)  # nothing of the refused step
    assert now.status == DocStatus.RETURNED
    assert [r.action for r in now.reviews] == [ReviewAction.SUBMIT, ReviewAction.RETURN]


def test_a_step_on_a_document_edited_after_it_was_opened_is_refused(archive, other):
    draft = documents.create_document(archive, "letter", "letter", values={"subject": "对账"})
    seen = draft.record_version
    documents.save_document(other, draft.id, Edit(title="对账函之二"))

    with pytest.raises(ConflictError) as refused:
        documents.review(archive, draft.id, ReviewAction.SUBMIT, "张三", "", seen)
    assert refused.value.who == "王五" and "对账函之二" in describe(refused.value)
    now = documents.get_document(archive, draft.id)
    assert now.status == DocStatus.DRAFT and now.reviews == ()

    taken = documents.review(archive, draft.id, ReviewAction.SUBMIT, "张三", "", now.record_version)
    assert taken.status == DocStatus.IN_REVIEW  # on the version as it is now, it goes


def test_review_if_version_on_the_command_line(archive, other, letter):
    where = archive.path or str(archive.server)
    seen = letter.record_version
    documents.review(other, letter.id, ReviewAction.RETURN, "赵六", "金额有误")

    refused = run_cli(
        "document", "approve", letter.id, "--by", "李四", "--if-version", seen, "--db", where
    )
    assert refused.returncode == 3, refused.stderr
    assert "此记录已被 王五" in refused.stderr and "2026-11-26 10:35" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert documents.get_document(archive, letter.id).status == DocStatus.RETURNED

    shown = json.loads(run_cli("document", "show", letter.id, "--json", "--db", where).stdout)
    current = shown["document"]["record_version"]
    done = run_cli(
        "document", "submit", letter.id, "--by", "张三", "--if-version", current, "--db", where
    )
    assert done.returncode == 0, done.stderr
    assert documents.get_document(archive, letter.id).status == DocStatus.IN_REVIEW


def test_two_steps_racing_on_one_document_take_one_and_name_the_other(team_archive, monkeypatch):
    """On a team archive both reviewers read the document before either writes (a barrier
    after the read); the second write is refused by the version column and told as who took
    the step and when. (An archive file lets one writer in at a time.)"""
    archive, letter = team_archive, _submitted(team_archive)
    loaded = approval_module.load_document
    barrier = threading.Barrier(2, timeout=20)

    def load_then_wait(session, document_id):
        document = loaded(session, document_id)
        barrier.wait()
        return document

    monkeypatch.setattr(approval_module, "load_document", load_then_wait)

    def step(action: ReviewAction, name: str, comment: str):
        return lambda person: documents.review(
            person, letter.id, action, name, comment, letter.record_version
        )

    outcomes = race(
        archive,
        {
            "李四": step(ReviewAction.APPROVE, "李四", "同意"),
            "赵六": step(ReviewAction.RETURN, "赵六", "金额有误"),
        },
    )
    taken, refused = one_taken_one_named(outcomes, "document", letter.id)
    assert describe(refused).startswith(f"此记录已被 {taken} 于 ")
    now = documents.get_document(archive, letter.id)
    assert len(now.reviews) == 2  # the submit and the one step taken, nothing of the other
