"""Sales rebates (销售返点): compute a client's rebate for a period, apply, take it through
approval (大客户部经理 -> 市场营销中心 -> 总经理), and print the application form and, once fully
approved, the rebate letter to the client.

Sales = the signed amount of the client's contracts signed in the period; the rate (by the tier
of the sales, app.domain.rebates) is paid on the receipts of the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.db.models import Letter, Rebate, RebateStep
from app.db.repositories import clients as client_repo
from app.db.repositories import letters as letter_repo
from app.db.repositories import sales as repo
from app.db.repositories import settings as settings_repo
from app.domain import rebates as rules
from app.domain.amounts import rmb_capitals
from app.domain.blocks import Fields, Gap, Grid, Heading, Para
from app.domain.documents import DocumentKind, LetterStatus, format_cn_date
from app.domain.errors import AppError, NotFoundError, ValidationError
from app.domain.gongwen import Gongwen, Paragraph, Style
from app.domain.handwriting import HAND_DATE, SIGN_LINE
from app.domain.money import fen_to_yuan, format_yuan, yuan_to_fen
from app.domain.rebates import (
    SETTLEMENT_LABELS,
    STATUS_LABELS,
    STEP_LABELS,
    ApprovalStep,
    Basis,
    Decision,
    RebateStatus,
    RebateTier,
    Settlement,
    StepState,
    TierChange,
)
from app.domain.text import clean, clean_multiline
from app.domain.typography import chinese_punctuation
from app.exports.document_pdf import render_document
from app.services import approvers, identity, indexing, record_versions, recycle_bin
from app.services import settings as settings_service
from app.services.archive import Archive
from app.services.documents import gongwen
from app.services.documents.approval import take_doc_number

TIERS_KEY = "rebate.tiers"
SETTLE_STEP = "settle"  # a settlement in the approved tier, recorded among the steps
NO_PROMISE = (
    "本返点在大客户部经理、市场营销中心、总经理全部审批通过之前,任何人不得向客户承诺、透露或"
    "兑现返点;未经全部审批的返点不具任何效力。"
)


@dataclass(frozen=True)
class RebateQuote:
    sales: Decimal
    receipts: Decimal
    rate: Decimal
    amount: Decimal
    tier: RebateTier


@dataclass(frozen=True)
class StepRecord:
    step: str  # 'apply' or an ApprovalStep value
    decision: str  # apply | approve | reject
    actor: str
    comment: str
    at: datetime

    @property
    def step_label(self) -> str:
        if self.step == Decision.APPLY:
            return "申请"
        if self.step == SETTLE_STEP:
            return "结算"
        return STEP_LABELS.get(ApprovalStep(self.step), self.step)


@dataclass(frozen=True)
class RebateRecord:
    id: int
    client_id: int
    client_name: str
    period_start: date
    period_end: date
    sales: Decimal
    receipts: Decimal
    rate: Decimal
    amount: Decimal
    status: RebateStatus
    applicant: str
    created_at: datetime
    steps: tuple[StepRecord, ...] = ()
    basis: Basis = Basis.ACTUAL
    expected_sales: Decimal | None = None  # an advance application's expected sales
    approved_rate: Decimal | None = None  # what the three approvals agreed to
    approved_amount: Decimal | None = None
    settlement: Settlement = Settlement.NONE
    settled_at: datetime | None = None
    version: int = 1  # what an approval step acted on (expected_version; --if-version)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def settlement_label(self) -> str:
        return SETTLEMENT_LABELS[self.settlement]

    @property
    def can_settle(self) -> bool:
        return rules.can_settle(self.status, self.settlement)

    @property
    def is_final(self) -> bool:
        """Fully approved on actual receipts: the letter to the client may be issued."""
        return rules.is_final(self.status, self.settlement)

    @property
    def tier_change(self) -> TierChange | None:
        """An advance approval beside the actuals, once settled (None before or when applied
        for on actuals)."""
        if self.basis is not Basis.ADVANCE or self.settlement is Settlement.OPEN:
            return None
        if self.approved_rate is None or self.approved_amount is None:
            return None
        return TierChange(self.approved_rate, self.approved_amount, self.rate, self.amount)

    def step_states(self) -> dict[ApprovalStep, StepState]:
        """Each approval step's state in the current round (不适用 after a rejection)."""
        return rules.step_states({s.step: s.decision for s in current_round(self)[1:]})

    @property
    def next_step(self) -> ApprovalStep | None:
        return rules.next_step(self.status)


# --- tiers -----------------------------------------------------------------------------------


def tiers(archive: Archive) -> tuple[RebateTier, ...]:
    with archive.db.read() as session:
        return rules.tiers_from_settings(settings_repo.get(session, TIERS_KEY))


def save_tiers(archive: Archive, new_tiers: tuple[RebateTier, ...]) -> tuple[RebateTier, ...]:
    checked = rules.validate_tiers(new_tiers)
    with archive.db.session() as session:
        settings_repo.put(session, TIERS_KEY, rules.tiers_to_settings(checked))
    return checked


def quote(
    sales: Decimal, receipts: Decimal, tier_rules: tuple[RebateTier, ...] = rules.DEFAULT_TIERS
) -> RebateQuote:
    tier = rules.tier_for(sales, tier_rules)
    amount = rules.rebate_amount(sales, receipts, tier_rules)
    return RebateQuote(sales, receipts, tier.rate, amount, tier)


def compute(archive: Archive, client_id: int, first: date, last: date) -> RebateQuote:
    """The client's rebate for the period by the archive's tiers."""
    _check_period(first, last)
    with archive.db.read() as session:
        if client_repo.get(session, client_id) is None:
            raise NotFoundError("client", client_id)
        sales, received = repo.sales_and_receipts(session, client_id, first, last)
    return quote(fen_to_yuan(sales), fen_to_yuan(received), tiers(archive))


def _check_period(first: date, last: date) -> None:
    if last < first:
        raise ValidationError("period", "period_reversed")


# --- apply and approve -----------------------------------------------------------------------


def apply(
    archive: Archive, client_id: int, first: date, last: date, applicant: str = ""
) -> RebateRecord:
    """Records an application on the period's actual receipts; it then waits for 大客户部经理.

    One rebate per client and period: applying again after a rejection reopens it (recomputed,
    with the whole history kept); while one is pending or approved, a new one is refused."""
    computed = compute(archive, client_id, first, last)
    if computed.receipts <= 0:
        raise ValidationError("receipts", "nothing_to_rebate")
    return _open(archive, client_id, first, last, applicant, computed, None)


def apply_in_advance(
    archive: Archive,
    client_id: int,
    first: date,
    last: date,
    expected_sales: Decimal,
    applicant: str = "",
) -> RebateRecord:
    """提前申请: the rebate applied for before the period's sales exist, on the sales the
    applicant expects. The tier and rate follow the expected sales and are approved up front
    (大客户部经理 -> 市场营销中心 -> 总经理); the amount shown is the rate on the expected sales
    (receipts are expected to follow them). settle() then computes it on actual receipts."""
    _check_period(first, last)
    if expected_sales is None or expected_sales <= 0:
        raise ValidationError("expected_sales", "not_positive")
    with archive.db.read() as session:
        if client_repo.get(session, client_id) is None:
            raise NotFoundError("client", client_id)
    expected = quote(expected_sales, expected_sales, tiers(archive))
    return _open(archive, client_id, first, last, applicant, expected, expected_sales)


def _open(archive, client_id, first, last, applicant, figures: RebateQuote, expected):
    applicant = approvers.actor(archive, applicant) or identity.current_user(archive)
    now = archive.now()
    with archive.db.session() as session:
        rebate = repo.rebate_for_period(session, client_id, first, last)
        if rebate is not None and rebate.status != RebateStatus.REJECTED.value:
            raise ValidationError("period", "rebate_exists", value=rebate.id)
        if rebate is None:
            rebate = Rebate(
                client_id=client_id, period_start=first, period_end=last, created_at=now
            )
            session.add(rebate)
        advance = expected is not None
        rebate.basis = (Basis.ADVANCE if advance else Basis.ACTUAL).value
        rebate.expected_sales_fen = yuan_to_fen(expected) if advance else None
        rebate.sales_fen = 0 if advance else yuan_to_fen(figures.sales)
        rebate.receipts_fen = 0 if advance else yuan_to_fen(figures.receipts)
        rebate.rate = rebate.approved_rate = str(figures.rate)
        rebate.amount_fen = rebate.approved_amount_fen = yuan_to_fen(figures.amount)
        rebate.settlement = (Settlement.OPEN if advance else Settlement.NONE).value
        rebate.settled_at = None
        rebate.status = RebateStatus.APPLIED.value
        rebate.applicant = applicant
        rebate.updated_at = now
        session.flush()
        note = f"提前申请：预计销售额 {_money(expected)}" if advance else ""
        _add_step(session, rebate.id, Decision.APPLY.value, Decision.APPLY, applicant, note, now)
        _index(session, rebate)
        rebate_id = rebate.id
    return get_rebate(archive, rebate_id)


def _add_step(session, rebate_id, step: str, decision: Decision, actor, comment, at) -> None:
    session.add(
        RebateStep(
            rebate_id=rebate_id,
            step=step,
            decision=decision.value,
            actor=actor,
            comment=comment,
            at=at,
        )
    )


def settle(
    archive: Archive, rebate_id: int, by: str = "", expected_version: int | None = None
) -> RebateRecord:
    """结算 of an advance application once fully approved and the period is over: the amount on
    the period's actual receipts, at the tier of its actual sales. In the approved tier it is
    settled directly; in another tier it goes back to 大客户部经理 (all three steps again) with
    the approved and the actual tier, rate and amount on the record and the form.

    `expected_version` is the version the person settles (the window's, `--if-version`'s):
    when someone else moved the rebate on since (settled it, a step), ConflictError names who
    and when, and nothing is recorded; likewise when it moves while the actuals are reckoned."""
    by = approvers.actor(archive, by) or identity.current_user(archive)
    record = get_rebate(archive, rebate_id)
    if expected_version is not None and record.version != expected_version:
        with archive.db.read() as session:
            rebate = _get(session, rebate_id)
            record_versions.check(session, "rebate", rebate, expected_version)
    if not record.can_settle:
        raise ValidationError(
            "settlement", "cannot_settle", status=record.status_label, state=record.settlement_label
        )
    if archive.today() < record.period_end:
        raise ValidationError("settlement", "period_not_over", value=str(record.period_end))
    actual = compute(archive, record.client_id, record.period_start, record.period_end)
    change = rules.settle(
        record.approved_rate, record.approved_amount, actual.sales, actual.receipts, tiers(archive)
    )
    now = archive.now()
    with archive.db.session() as session:
        rebate = _get(session, rebate_id)
        record_versions.check(session, "rebate", rebate, record.version)  # reckoned on it
        rebate.sales_fen = yuan_to_fen(actual.sales)
        rebate.receipts_fen = yuan_to_fen(actual.receipts)
        rebate.rate = str(change.actual_rate)
        rebate.amount_fen = yuan_to_fen(change.actual_amount)
        rebate.updated_at = now
        if change.same_tier:
            rebate.settlement = Settlement.SETTLED.value
            rebate.settled_at = now
            note = f"结算：实际与批准同档（{rules.percent(change.actual_rate)}），直接结算"
            _add_step(session, rebate_id, SETTLE_STEP, Decision.APPROVE, by, note, now)
        else:
            rebate.settlement = Settlement.REVIEW.value
            rebate.status = RebateStatus.APPLIED.value
            _add_step(
                session, rebate_id, Decision.APPLY.value, Decision.APPLY, by, _note(change), now
            )
        _index(session, rebate)
    return get_rebate(archive, rebate_id)


def _note(change: TierChange) -> str:
    return (
        f"结算：实际档位与批准不同，重新审批。批准 {rules.percent(change.approved_rate)}、"
        f"{_money(change.approved_amount)}；实际 {rules.percent(change.actual_rate)}、"
        f"{_money(change.actual_amount)}；差额 {_signed_money(change.difference)}"
    )


def _signed_money(amount: Decimal) -> str:
    return f"+{_money(amount)}" if amount > 0 else f"-{_money(-amount)}" if amount < 0 else "¥0.00"


def approve(
    archive: Archive,
    rebate_id: int,
    step: ApprovalStep | str,
    by: str,
    comment: str = "",
    expected_version: int | None = None,
) -> RebateRecord:
    """`step` approves; only the step that is due may decide, and never the applicant nor the
    one who decided another step of this round.

    `expected_version` is the version of the rebate the approver looked at (RebateRecord.version,
    what the window and `--if-version` pass; None skips the check): when someone else decided a
    step or changed the rebate since, ConflictError names who and when, and nothing is
    recorded. A step racing another on a team archive is refused the same way."""
    return _decide(archive, rebate_id, step, by, comment, Decision.APPROVE, expected_version)


def reject(
    archive: Archive,
    rebate_id: int,
    step: ApprovalStep | str | None,
    by: str,
    reason: str,
    expected_version: int | None = None,
) -> RebateRecord:
    """The due step (or `step`, which must be the due one) rejects, with a reason; refused
    like approve() when the rebate moved past `expected_version`."""
    return _decide(archive, rebate_id, step, by, reason, Decision.REJECT, expected_version)


def _decide(
    archive, rebate_id, step, by: str, comment: str, decision: Decision, expected
) -> RebateRecord:
    login = approvers.login_of(archive)
    by = approvers.actor(archive, by, login)
    if not by:
        raise ValidationError("approver", "required")
    _decide_in(archive, login, rebate_id, step, by, comment, decision, expected)
    return get_rebate(archive, rebate_id)


def _decide_in(archive, login, rebate_id, step, by, comment, decision, expected) -> None:
    with archive.db.session() as session:
        rebate = _get(session, rebate_id)
        record_versions.check(session, "rebate", rebate, expected)
        step = step or rules.next_step(rebate.status) or ApprovalStep.MANAGER
        new_status = _allowed(session, login, rebate, step, by, comment, decision)
        rebate.status = new_status.value
        rebate.updated_at = archive.now()
        if new_status is RebateStatus.APPROVED and rebate.settlement == Settlement.REVIEW.value:
            rebate.settlement = Settlement.SETTLED.value
            rebate.settled_at = archive.now()
        step_value = ApprovalStep(step).value
        _add_step(
            session, rebate_id, step_value, decision, by, clean_multiline(comment), archive.now()
        )
        _index(session, rebate)


def _allowed(session, login, rebate: Rebate, step, by: str, comment: str, decision: Decision):
    """The status `decision` at `step` leads to, once the rules, the login's role and the
    separation of duties allow `by` to take it (else the refusal is raised)."""
    if decision is Decision.APPROVE:
        new_status = rules.approve(rebate.status, step)
    else:
        new_status = rules.reject(rebate.status, step, comment)
    refusal = approvers.step_refusal(login, step)
    if refusal is not None:
        raise refusal
    applicants, decided = _deciders(_record(rebate, "", repo.steps(session, rebate.id)))
    for applicant in applicants:
        rules.check_approver(by, applicant, step, decided)
    return new_status


def _deciders(record: RebateRecord) -> tuple[list[str], dict[str, str]]:
    """Who applied in this round, and who decided which of its steps."""
    round_steps = current_round(record)
    steps = {a.value for a in rules.APPROVAL_ORDER}
    decided = {s.step: s.actor for s in round_steps[1:] if s.step in steps}
    return [record.applicant, *(s.actor for s in round_steps[:1])], decided


def step_refusal(login, record: RebateRecord, step: ApprovalStep | str):
    """Why the team archive's `login` (app.services.team_users.Login) may not take `step` of
    `record` now: a ValidationError to put into words, or None (always None on a file)."""
    applicants, decided = _deciders(record)
    return approvers.rebate_refusal(login, step, applicants, decided)


def delete_rebate(archive: Archive, rebate_id: int) -> None:
    """Moves the rebate, with its approval steps, to the recycle bin."""

    with archive.db.session() as session:
        _get(session, rebate_id)
        recycle_bin.move_to_bin(archive, session, "rebate", rebate_id)


def _get(session, rebate_id: int) -> Rebate:
    rebate = repo.rebate(session, rebate_id)
    if rebate is None:
        raise NotFoundError("rebate", rebate_id)
    return rebate


def _index(session, rebate: Rebate) -> None:
    session.flush()
    name = client_repo.get(session, rebate.client_id).name
    indexing.reindex(session, [indexing.rebate_document(rebate, name)])


def _record(rebate: Rebate, client_name: str, steps=()) -> RebateRecord:
    return RebateRecord(
        id=rebate.id,
        client_id=rebate.client_id,
        client_name=client_name,
        period_start=rebate.period_start,
        period_end=rebate.period_end,
        sales=fen_to_yuan(rebate.sales_fen),
        receipts=fen_to_yuan(rebate.receipts_fen),
        rate=Decimal(rebate.rate),
        amount=fen_to_yuan(rebate.amount_fen),
        status=RebateStatus(rebate.status),
        applicant=rebate.applicant,
        created_at=rebate.created_at,
        steps=tuple(StepRecord(s.step, s.decision, s.actor, s.comment, s.at) for s in steps),
        basis=Basis(rebate.basis or Basis.ACTUAL.value),
        expected_sales=_yuan_or_none(rebate.expected_sales_fen),
        approved_rate=Decimal(rebate.approved_rate) if rebate.approved_rate else None,
        approved_amount=_yuan_or_none(rebate.approved_amount_fen),
        settlement=Settlement(rebate.settlement or Settlement.NONE.value),
        settled_at=rebate.settled_at,
        version=rebate.version,
    )


def _yuan_or_none(fen: int | None) -> Decimal | None:
    return None if fen is None else fen_to_yuan(fen)


def get_rebate(archive: Archive, rebate_id: int) -> RebateRecord:
    with archive.db.read() as session:
        rebate = _get(session, rebate_id)
        name = client_repo.get(session, rebate.client_id).name
        return _record(rebate, name, repo.steps(session, rebate_id))


def list_rebates(
    archive: Archive, client_id: int | None = None, status: RebateStatus | str | None = None
) -> list[RebateRecord]:
    """Newest first, without their steps (get_rebate has them)."""
    with archive.db.read() as session:
        rows = repo.rebate_rows(session, client_id, RebateStatus(status).value if status else None)
        return [_record(r, name) for r, name in rows]


# --- printed documents -----------------------------------------------------------------------


def _font(archive: Archive) -> Path | None:
    return settings_service.print_font(archive)


def _money(amount: Decimal) -> str:
    return f"¥{format_yuan(amount)}"


def _summary(rebate: RebateRecord) -> Fields:
    period = f"{format_cn_date(rebate.period_start)} 至 {format_cn_date(rebate.period_end)}"
    rows = [("客户名称", rebate.client_name), ("返点期间", period)]
    capitals = f"{_money(rebate.amount)}(大写:{rmb_capitals(rebate.amount)})"
    if rebate.basis is Basis.ADVANCE:
        rows.append(("申请方式", f"提前申请({rebate.settlement_label})"))
        if rebate.settlement is Settlement.OPEN:
            expected = rebate.expected_sales or Decimal(0)
            rows += [
                ("预计销售额", _money(expected)),
                ("批准返点比例", rules.percent(rebate.approved_rate or Decimal(0))),
                ("预计返点金额", f"{_money(rebate.approved_amount or Decimal(0))}(按预计销售额)"),
            ]
        else:  # the comparison table shows the sales, rates and amounts
            rows.append(("结算返点金额", capitals))
        return Fields(rows)
    rows += [
        ("期间销售额(签约额)", _money(rebate.sales)),
        ("期间回款总额", _money(rebate.receipts)),
        ("返点比例", rules.percent(rebate.rate)),
        ("返点金额", capitals),
    ]
    return Fields(rows)


def _difference(rebate: RebateRecord) -> list:
    """The settlement beside the advance approval: approved and actual sales, rate and amount
    (printed once settled, and above all when actual sales fell in another tier)."""
    change = rebate.tier_change
    if change is None:
        return []
    verdict = "同档,直接结算" if change.same_tier else "档位不同,须重新经三级审批"
    expected = rebate.expected_sales or Decimal(0)
    approved = [_money(expected), "(按预计)", rules.percent(change.approved_rate)]
    actual = [_money(rebate.sales), _money(rebate.receipts), rules.percent(change.actual_rate)]
    rows = [
        ["批准(提前申请)", *approved, _money(change.approved_amount)],
        ["实际(结算)", *actual, _money(change.actual_amount)],
        ["差额", "", "", "", _signed_money(change.difference)],
    ]
    return [
        Heading(f"结算与批准对照({verdict})", level=2),
        Grid(
            ["", "销售额", "回款", "返点比例", "返点金额"],
            rows,
            widths=[0.2, 0.22, 0.22, 0.12, 0.24],
            align_right=(1, 2, 3, 4),
            label_column=True,
        ),
    ]


def current_round(rebate: RebateRecord) -> tuple[StepRecord, ...]:
    """The steps since the latest application (a reopened rebate starts a new round)."""
    starts = [i for i, s in enumerate(rebate.steps) if s.decision == Decision.APPLY]
    return rebate.steps[starts[-1] :] if starts else rebate.steps


def _steps_grid(rebate: RebateRecord) -> Grid:
    """The 审批表's ruled boxes: the application and each approval step, with room for the
    opinion and a handwritten signature and date. A decision recorded in the app is printed in
    its box (the opinion, who and when); the signature is still written by hand. The steps
    after a rejection are 不适用, with nothing to sign."""
    this_round = current_round(rebate)
    done = {s.step: s for s in this_round}
    states = rebate.step_states()
    applied_at = this_round[0].at if this_round else rebate.created_at
    applied = f"{format_cn_date(applied_at)} {applied_at:%H:%M}"
    applicant = this_round[0].actor if this_round else rebate.applicant
    rows = [["申请", _signed(f"申请人:{applicant}\u3000申请时间:{applied}", "申请人")]]
    for step in rules.APPROVAL_ORDER:
        if states[step] is StepState.NOT_APPLICABLE:
            rows.append([STEP_LABELS[step], "不适用(前一环节已驳回)"])
            continue
        rows.append([STEP_LABELS[step], _signed(_opinion(done.get(step.value)), "审批人")])
    return Grid(
        ["审批环节", "审批意见、签字及日期"],
        rows,
        widths=[0.18, 0.82],
        keep_together=True,
        label_column=True,
    )


def _opinion(record: StepRecord | None) -> str:
    if record is None:
        return "意见:"
    verdict = "同意" if record.decision == Decision.APPROVE else "驳回"
    comment = f"。{record.comment}" if record.comment else ""
    when = f"{format_cn_date(record.at)} {record.at:%H:%M}"
    return f"意见:{verdict}{comment}\n(系统登记:{record.actor},{when})"


def _signed(text: str, signer: str) -> str:
    """A box's text, then the line to sign on and the date to write in."""
    return f"{text}\n\n{signer}(签字):{SIGN_LINE}\u3000\u3000日期:{HAND_DATE}"


def write_form(archive: Archive, rebate_id: int, out: Path, task=None) -> int:
    """The application form (销售返点申请审批表), at any stage; says plainly that nothing may be
    promised to the client before full approval. Returns the page count."""
    rebate = get_rebate(archive, rebate_id)
    company = settings_service.company(archive).name
    blocks = [
        Heading("销售返点申请审批表"),
        Para(f"申请单位:{company}" if company else "", indent=False),
        Fields([("编号", rules.rebate_number(rebate.id)), ("当前状态", rebate.status_label)]),
        Gap(3),
        _summary(rebate),
        *_difference(rebate),
        Gap(2),
        Heading("审批签字", level=2),
        _steps_grid(rebate),
        Gap(3),
        Para(
            f"重要提示:{NO_PROMISE}返点以本表全部审批通过后出具的《销售返点确认函》为准。",
            size=10.5,
        ),
    ]
    draft = None if rules.is_fully_approved(rebate.status) else "未经审批 不得承诺"
    return render_document(
        [b for b in blocks if not (isinstance(b, Para) and not b.text)],
        Path(out),
        title="销售返点申请审批表",
        font_path=_font(archive),
        draft_mark=draft,
    )


class RebateNotApproved(AppError):
    code = "rebate_not_approved"


def _check_final(rebate: RebateRecord) -> None:
    """Only a fully approved rebate on actual receipts goes to the client: an advance approval
    is settled first."""
    if not rules.is_fully_approved(rebate.status):
        raise RebateNotApproved(status=rebate.status_label)
    if not rebate.is_final:
        raise RebateNotApproved("rebate_not_settled", status=rebate.settlement_label)


def write_letter(archive: Archive, rebate_id: int, out: Path, task=None) -> int:
    """The rebate letter to the client (销售返点确认函) as a 函 to GB/T 9704-2012; only for a fully
    approved rebate. Printed the first time it is issued: it takes the next 函 number and goes
    into the outgoing register (a reprint keeps that number)."""
    rebate = get_rebate(archive, rebate_id)
    _check_final(rebate)
    number = issue_letter(archive, rebate_id)
    company = settings_service.company(archive)
    approved = rebate.steps[-1].at if rebate.steps else archive.now()
    body = [
        f"感谢贵司一直以来的支持与合作。根据我司销售返点政策,贵司在"
        f"{format_cn_date(rebate.period_start)}至{format_cn_date(rebate.period_end)}期间的销售额为"
        f"{_money(rebate.sales)},回款总额为{_money(rebate.receipts)},适用返点比例"
        f"{rules.percent(rebate.rate)},返点金额为{_money(rebate.amount)}"
        f"(大写:{rmb_capitals(rebate.amount)})。",
        "上述返点已经我司内部审批确认,具体兑现方式由双方另行约定。",
        "特此函告。",
    ]
    doc = Gongwen(
        style=Style.LETTER,
        masthead=gongwen.masthead(Style.LETTER, company) or "(公司名称)",
        number=number,
        title="销售返点确认函",
        addressee=f"{rebate.client_name}：",
        paragraphs=tuple(Paragraph(chinese_punctuation(text)) for text in body),
        signer=company.name or "(公司名称)",
        date=format_cn_date(approved.date()),
    )
    return gongwen.render(doc, Path(out), _font(archive))


def issue_letter(archive: Archive, rebate_id: int, actor: str = "") -> str:
    """The 发文字号 of the rebate's 确认函: taken (the 函 counter) and registered as 发文 the
    first time; the same number afterwards."""
    today = archive.today()
    _check_final(get_rebate(archive, rebate_id))
    with archive.db.session() as session:
        rebate = _get(session, rebate_id)
        letter = letter_repo.get(session, rebate.letter_id) if rebate.letter_id else None
        if letter is not None:
            return letter.number
        client = client_repo.get(session, rebate.client_id)
        number, _seq = take_doc_number(session, DocumentKind.LETTER, today.year)
        letter = Letter(
            direction="out",
            number=number,
            dated_on=today,
            counterpart=client.name[:200],
            title="销售返点确认函",
            copies=1,
            handler=clean(actor),
            status=LetterStatus.SENT.value,
            client_id=rebate.client_id,
            notes=f"返点 {rules.rebate_number(rebate.id)}",
            created_at=archive.now(),
        )
        session.add(letter)
        session.flush()
        rebate.letter_id = letter.id
        indexing.reindex(session, [indexing.letter_document(letter, client.name)])
        return number
