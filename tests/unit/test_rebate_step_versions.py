"""Two approvers on the same rebate (issue 14 §3): an approval step (approve, reject) taken on a
version of the rebate someone else has moved past (another step decided, a settlement) is
refused naming who and when, and nothing is recorded; the command line's `--if-version N`
likewise (exit 3). Two steps racing on a team archive: one is taken, the other refused the same
way (named, never a bare 'changed by someone else'). On both back ends."""

from __future__ import annotations

import json
import threading
from datetime import date
from decimal import Decimal

import pytest
from cli_runner import run_cli
from clock import LATER
from racing import one_taken_one_named, race

from app.domain.errors import ConflictError
from app.domain.messages import describe
from app.domain.rebates import ApprovalStep, RebateStatus
from app.domain.records import ClientDraft
from app.services import clients, contracts, rebates

pytestmark = pytest.mark.both_backends

D = Decimal


def _applied(archive) -> rebates.RebateRecord:
    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=D("300000"))
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 3, 4), D("123456.78"))
    )
    return rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")


@pytest.fixture
def rebate(archive):
    return _applied(archive)


def test_the_record_carries_its_version_and_a_step_moves_it_on(archive, rebate):
    assert rebates.list_rebates(archive)[0].version == rebate.version
    taken = rebates.approve(archive, rebate.id, "manager", "王经理", "同意", rebate.version)
    assert taken.version == rebate.version + 1
    assert taken.status is RebateStatus.MANAGER


def test_rejecting_a_step_someone_else_approved_meanwhile_is_refused(archive, other, rebate):
    seen = rebate.version  # the approver opened it here
    rebates.approve(other, rebate.id, "manager", "王经理", "同意", seen)

    with pytest.raises(ConflictError) as refused:
        rebates.reject(archive, rebate.id, None, "刘主任", "客户有逾期应收款", seen)
    error = refused.value
    assert (error.kind, error.record_id, error.who, error.at) == (
        "rebate",
        rebate.id,
        "王五",
        LATER,
    )
    words = describe(error)
    assert words.startswith("此记录已被 王五 于 2026-11-26 10:35 修改：")
    assert "待市场营销中心审批" in words and "大客户部经理同意（王经理）" in words
    now = rebates.get_rebate(archive, rebate.id)  # nothing of the refused step
    assert now.status is RebateStatus.MANAGER
    assert [(s.decision, s.actor) for s in now.steps] == [("apply", "李娜"), ("approve", "王经理")]

    taken = rebates.reject(archive, rebate.id, None, "刘主任", "客户有逾期应收款", now.version)
    assert taken.status is RebateStatus.REJECTED  # on the version as it is now, it goes


def test_approving_the_same_step_twice_names_who_took_it(archive, other, rebate):
    rebates.approve(other, rebate.id, ApprovalStep.MANAGER, "王经理", "", rebate.version)
    with pytest.raises(ConflictError) as refused:
        rebates.approve(archive, rebate.id, ApprovalStep.MANAGER, "陈经理", "", rebate.version)
    assert refused.value.who == "王五"
    assert [s.actor for s in rebates.get_rebate(archive, rebate.id).steps] == ["李娜", "王经理"]


def test_without_a_version_a_script_decides_as_before(archive, other, rebate):
    rebates.approve(other, rebate.id, "manager", "王经理")
    assert rebates.approve(archive, rebate.id, "marketing", "刘主任").status is (
        RebateStatus.MARKETING
    )


def test_rebate_approve_and_reject_if_version_on_the_command_line(archive, other, rebate):
    where = archive.path or str(archive.server)
    seen = rebate.version
    rebates.approve(other, rebate.id, "manager", "王经理", "同意")

    for words in (("approve", "--comment", "同意"), ("reject", "--reason", "客户有逾期应收款")):
        refused = run_cli(
            "rebate", *words[:1], rebate.id, "--by", "刘主任", *words[1:],
            "--if-version", seen, "--db", where,
        )  # fmt: skip
        assert refused.returncode == 3, refused.stderr
        assert "此记录已被 王五 于 2026-11-26 10:35 修改" in refused.stderr
        assert "大客户部经理同意（王经理）" in refused.stderr
        assert "Traceback" not in refused.stderr and refused.stdout == ""
    assert rebates.get_rebate(archive, rebate.id).status is RebateStatus.MANAGER

    shown = json.loads(run_cli("rebate", "show", rebate.id, "--json", "--db", where).stdout)
    current = shown["version"]
    done = run_cli(
        "rebate", "approve", rebate.id, "--by", "刘主任", "--if-version", current, "--db", where
    )
    assert done.returncode == 0, done.stderr
    assert rebates.get_rebate(archive, rebate.id).status is RebateStatus.MARKETING


def test_two_approvers_racing_on_one_rebate_take_one_step_and_name_the_other(
    team_archive, monkeypatch
):
    """On a team archive both approvers read the rebate before either writes (a barrier after
    the read); the second write is refused by the version column and told as who took the
    step and when. (An archive file lets one writer in at a time.)"""
    archive = team_archive
    rebate = _applied(archive)
    loaded = rebates._get
    barrier = threading.Barrier(2, timeout=20)
    waited = threading.local()

    def get_then_wait(session, rebate_id):  # the step's own read waits; reading back does not
        row = loaded(session, rebate_id)
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()
        return row

    monkeypatch.setattr(rebates, "_get", get_then_wait)

    def step(decide, name: str, comment: str):
        return lambda person: decide(person, rebate.id, "manager", name, comment, rebate.version)

    outcomes = race(
        archive,
        {
            "王经理": step(rebates.approve, "王经理", "同意"),
            "陈经理": step(rebates.reject, "陈经理", "客户有逾期应收款"),
        },
    )
    monkeypatch.undo()
    taken, refused = one_taken_one_named(outcomes, "rebate", rebate.id)
    assert describe(refused).startswith(f"此记录已被 {taken} 于 ")
    now = rebates.get_rebate(archive, rebate.id)
    assert [s.actor for s in now.steps] == ["李娜", taken]  # nothing of the other
