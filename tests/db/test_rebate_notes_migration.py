"""Migration 0041: the 审批意见 the app wrote on a rebate's steps before it wrote them in Chinese
punctuation (提前申请:预计销售额 …, 结算:实际与批准同档(…),直接结算, 结算:实际档位与批准不同,…)
read as it writes them now; what a person typed is untouched, however it starts; down to 0040
leaves the texts, and up again changes nothing more. On an archive file and on a team archive
(PostgreSQL), each upgraded the way the app opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from clock import FIXED_NOW
from rebate_samples import approved_advance_in_another_tier
from sqlalchemy import create_engine, text

from app.db import archive_file, server
from app.services import rebates
from app.services.archive import open_archive

BEFORE = "0040"

# As the app wrote them before (git show 6f5ea7c: app/services/rebates.py), for the sample's
# figures: expected 500,000 at 8% (40,000.00), actual 10% of 900,000 (90,000.00).
OLD_ADVANCE = "提前申请:预计销售额 ¥500,000.00"
OLD_REVIEW = (
    "结算:实际档位与批准不同,重新审批。批准 8%、¥40,000.00;实际 10%、¥90,000.00;差额 +¥50,000.00"
)
OLD_SAME_TIER = "结算:实际与批准同档(8%),直接结算"
NEW_SAME_TIER = "结算：实际与批准同档（8%），直接结算"  # as tests/unit/test_rebates_in_advance.py
# typed by people: stored as typed, never rewritten
TYPED = {
    "manager": "同意:请按合同核对回款,再付",
    "marketing": OLD_ADVANCE,  # the same words, typed on an approval
    "gm": "结算:先核对回款,再议",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def address(request, tmp_path):
    """Where the archive lives: a file, or a team archive's address on PostgreSQL."""
    if request.param == "postgresql":
        return request.getfixturevalue("team_address")
    return tmp_path / "a.sqlite3"


def _engine(address):
    if isinstance(address, Path):
        return create_engine(f"sqlite+pysqlite:///{address}")
    return create_engine(server.parse_address(address).url())


def _sql(address, statement: str, **params) -> list[tuple]:
    engine = _engine(address)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return result.all() if result.returns_rows else []
    finally:
        engine.dispose()


def _down(address, target: str) -> None:
    if isinstance(address, Path):
        archive_file.downgrade(address, target)
        return
    from alembic import command

    engine = _engine(address)
    try:
        with engine.begin() as conn:
            command.downgrade(archive_file.alembic_config(None, conn), target)
    finally:
        engine.dispose()


def _revision(address) -> str:
    return _sql(address, "SELECT version_num FROM alembic_version")[0][0]


def _comments(address) -> dict[int, tuple[str, str]]:
    rows = _sql(address, "SELECT id, step, comment FROM rebate_steps ORDER BY id")
    return {step_id: (step, comment) for step_id, step, comment in rows}


def _open(address):
    return open_archive(address, clock=lambda: FIXED_NOW)


def test_generated_notes_are_rewritten_and_typed_ones_kept(address):
    archive = _open(address)
    try:
        rebate_id = approved_advance_in_another_tier(archive).id
        review = rebates.settle(archive, rebate_id, "李娜")  # another tier: back to approval
    finally:
        archive.close()
    written_now = _comments(address)  # what the app writes today for the same figures
    apply_id, manager_id, marketing_id, gm_id, review_id = sorted(written_now)
    assert written_now[apply_id] == ("apply", "提前申请：预计销售额 ¥500,000.00")
    assert written_now[review_id][1] == review.steps[-1].comment

    _down(address, BEFORE)
    assert _revision(address) == BEFORE
    for step_id, comment in (
        (apply_id, OLD_ADVANCE),
        (review_id, OLD_REVIEW),
        (manager_id, TYPED["manager"]),
        (marketing_id, TYPED["marketing"]),
        (gm_id, TYPED["gm"]),
    ):
        _sql(address, "UPDATE rebate_steps SET comment = :c WHERE id = :i", c=comment, i=step_id)
    for step, comment in (("settle", OLD_SAME_TIER), ("apply", OLD_ADVANCE + ",另附说明")):
        _sql(
            address,
            "INSERT INTO rebate_steps (rebate_id, step, decision, actor, comment, at)"
            " VALUES (:r, :s, 'approve', '李娜', :c, :at)",
            r=rebate_id,
            s=step,
            c=comment,
            at=FIXED_NOW,
        )
    before = _comments(address)
    same_tier_id, longer_id = sorted(before)[-2:]

    _open(address).close()  # the app upgrades the archive as it opens it
    assert _revision(address) == archive_file.head_revision()
    expected = {
        **before,
        apply_id: written_now[apply_id],
        review_id: written_now[review_id],
        same_tier_id: ("settle", NEW_SAME_TIER),
    }
    assert _comments(address) == expected
    assert before[longer_id] == expected[longer_id] == ("apply", OLD_ADVANCE + ",另附说明")
    assert [expected[i][1] for i in (manager_id, marketing_id, gm_id)] == list(TYPED.values())

    archive = _open(address)
    try:
        shown = [s.comment for s in rebates.get_rebate(archive, rebate_id).steps]
        assert shown[0] == "提前申请：预计销售额 ¥500,000.00"  # 审批意见 as the window shows it
        assert NEW_SAME_TIER in shown and TYPED["manager"] in shown
    finally:
        archive.close()

    _down(address, BEFORE)  # the texts stay as they now read (the old form was a defect)
    assert _revision(address) == BEFORE and _comments(address) == expected
    _open(address).close()
    assert _comments(address) == expected
