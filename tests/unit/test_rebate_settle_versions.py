"""结算 of a rebate on the version the person settles (issue 14 §3), like the approval steps: a
settlement made on a rebate someone else has settled (or moved on) since is refused naming who
and when, and nothing is recorded; `rebate settle ID --if-version N` exits 3 with the words;
a settlement beaten between its read and its write likewise. On both back ends."""

from __future__ import annotations

import json

import pytest
from beaten import beaten_by
from cli_runner import run_cli
from clock import LATER
from rebate_samples import approved_advance_in_another_tier

from app.domain.errors import ConflictError
from app.domain.messages import describe
from app.domain.rebates import RebateStatus, Settlement
from app.services import rebates

pytestmark = pytest.mark.both_backends

HEAD = "此记录已被 王五 于 2026-11-26 10:35 修改"


@pytest.fixture
def approved(archive) -> rebates.RebateRecord:
    return approved_advance_in_another_tier(archive)


def test_settling_a_rebate_someone_else_settled_meanwhile_names_them(archive, other, approved):
    rebates.settle(other, approved.id, "", approved.version)  # back to 大客户部经理
    with pytest.raises(ConflictError) as refused:
        rebates.settle(archive, approved.id, "李娜", approved.version)
    error = refused.value
    assert (error.kind, error.record_id, error.who, error.at) == (
        "rebate",
        approved.id,
        "王五",
        LATER,
    )
    assert describe(error).startswith(HEAD + "：")
    now = rebates.get_rebate(archive, approved.id)  # nothing of the refused settlement
    assert now.settlement is Settlement.REVIEW and now.status is RebateStatus.APPLIED
    assert [s.step for s in now.steps] == ["apply", "manager", "marketing", "gm", "apply"]


def test_a_settlement_on_the_version_shown_goes_through_and_none_settles_as_before(
    archive, approved
):
    settled = rebates.settle(archive, approved.id, "李娜", approved.version)
    assert settled.settlement is Settlement.REVIEW and settled.version == approved.version + 1


def test_a_settlement_beaten_between_read_and_write_names_who(archive, other, approved):
    with (
        pytest.raises(ConflictError) as refused,
        beaten_by(lambda: rebates.settle(other, approved.id)),
    ):
        rebates.settle(archive, approved.id, "李娜", approved.version)
    assert refused.value.who == "王五" and describe(refused.value).startswith(HEAD)
    steps = rebates.get_rebate(archive, approved.id).steps
    assert [s.actor for s in steps][-1] != "李娜" and len(steps) == 5


def test_rebate_settle_if_version_on_the_command_line(archive, other, approved):
    where = archive.path or str(archive.server)
    seen = approved.version
    rebates.settle(other, approved.id)

    refused = run_cli(
        "rebate", "settle", approved.id, "--by", "李娜", "--if-version", seen, "--db", where
    )
    assert refused.returncode == 3, refused.stderr
    assert HEAD in refused.stderr and "Traceback" not in refused.stderr
    assert refused.stdout == ""

    shown = json.loads(run_cli("rebate", "show", approved.id, "--json", "--db", where).stdout)
    assert shown["version"] == seen + 1 and shown["settlement"] == "review"
    assert len(shown["steps"]) == 5  # nothing of the refused settlement


def test_rebate_settle_on_the_current_version_on_the_command_line(archive, approved):
    where = archive.path or str(archive.server)
    done = run_cli("rebate", "settle", approved.id, "--if-version", approved.version, "--db", where)
    assert done.returncode == 0, done.stderr
    assert "重新审批" in done.stdout
    assert rebates.get_rebate(archive, approved.id).settlement is Settlement.REVIEW
