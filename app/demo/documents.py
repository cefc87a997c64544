"""Demo documents and letters: drafts in every review state (with versions and review steps),
issued notices and letters, and a year of incoming and outgoing letters. Deterministic per seed,
relative to archive.today(); written through the services, so numbers, the outgoing register
and the search index are what the app itself would make."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from app.domain.documents import (
    DocStatus,
    DocumentKind,
    LetterDirection,
    LetterStatus,
    ReviewAction,
)
from app.domain.errors import CancelledError
from app.domain.queries import ClientQuery
from app.services import clients, documents, letters, settings
from app.services.archive import Archive
from app.services.documents import ContractLine, Edit
from app.services.letters import LetterDraft
from app.services.sending import Sending, send_document

DEMO_COMPANY = settings.CompanySettings(
    name="华信科技有限公司",
    uscc="91110108MA01ABCD2H",
    address="北京市海淀区中关村大街27号",
    legal_representative="王建国",
    legal_rep_title="执行董事兼总经理",
    legal_rep_id_number="110105197803150032",
    phone="010-62581234",
    fax="010-62581235",
    bank="中国工商银行北京中关村支行",
    bank_account="0200004509001234567",
)
# The 机关代字 of the demo company before 〔year〕 in each kind's 发文字号: 华信函〔2026〕12号.
DEMO_PREFIXES = {
    DocumentKind.NOTICE: "华信通",
    DocumentKind.LETTER: "华信函",
    DocumentKind.FAX: "华信传",
}
REVIEWERS = ("王经理", "李总监", "赵总")
WRITERS = ("张敏", "陈晓", "刘芳")
PRODUCTS = (
    ("服务器", "R740", "台", "45800.00"),
    ("交换机", "S5735-L48", "台", "12600.00"),
    ("存储阵列", "OceanStor 5310", "套", "186000.00"),
    ("防火墙", "USG6555E", "台", "38500.00"),
    ("笔记本电脑", "ThinkPad T14", "台", "7699.00"),
    ("运维服务", "年度", "项", "60000.00"),
)
INCOMING_TITLES = (
    "关于年度采购计划的函",
    "关于调整交货时间的函",
    "询价函",
    "关于质量问题的投诉函",
    "关于对账事宜的函",
    "关于开具发票的函",
    "会议邀请函",
    "关于续签框架协议的函",
)
OUTGOING_TITLES = (
    "报价函",
    "关于春节放假安排的通知",
    "关于价格调整的函",
    "对账确认函",
    "关于售后服务回访的函",
    "催款函",
)
SUBJECTS = ("2027年春节放假安排", "部分产品价格调整", "年度对账", "售后服务回访", "新产品试用")
# What each kind of document says: a notice announces, a letter (函) asks its addressee, a fax
# cover tells what is being sent. The templates add the closing (特此通知。/ 妥否,请函复。 /
# the fax notice).
BODIES = {
    "notice": (
        "为做好{subject}相关工作，保障各合作单位正常采购与供货，现将有关事项通知如下：\n"
        "一、请各单位于本月25日前将相关需求报送我司对口客户经理。\n"
        "二、期间如遇紧急订单，请与我司销售部联系，我司将优先安排。"
    ),
    "letter": (
        "感谢贵司长期以来对我司的信任与支持。现就{subject}事宜函商如下：\n"
        "一、我司拟自下月起按双方前期沟通的方案执行。\n"
        "二、请贵司于收函后十个工作日内对上述安排予以书面确认。"
    ),
    "fax": (
        "现将{subject}的有关资料传真给您，请查收。\n资料共计页数见封面；如需原件，我司将另行邮寄。"
    ),
}
ADDENDA = {
    "notice": "三、本通知自发布之日起执行。",
    "letter": "三、如贵司对上述安排有不同意见，请一并提出，我司将认真研究。",
    "fax": "收到后请回电或回传确认，谢谢！",
}
REVISIONS = {  # a second change after review
    "notice": "四、请各单位相互转告。",
    "letter": "四、上述安排如需调整，双方另行协商确定。",
    "fax": "如有疑问，请直接致电发件人。",
}
# The review path each demo document takes, so every state appears.
PATHS: tuple[tuple[ReviewAction, ...], ...] = (
    (),
    (ReviewAction.SUBMIT,),
    (ReviewAction.SUBMIT, ReviewAction.RETURN),
    (ReviewAction.SUBMIT, ReviewAction.APPROVE),
    (ReviewAction.SUBMIT, ReviewAction.RETURN, ReviewAction.SUBMIT, ReviewAction.APPROVE),
    (ReviewAction.SUBMIT, ReviewAction.APPROVE, ReviewAction.SIGN),
)


@dataclass(frozen=True)
class DemoDocumentsSummary:
    documents: int
    by_status: dict[str, int]
    incoming_letters: int
    outgoing_letters: int


class _Clock:
    """Moves the archive's clock through the past while the demo writes, then puts it back."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.saved = archive.clock

    def at(self, moment: datetime) -> None:
        self.archive.clock = lambda: moment

    def restore(self) -> None:
        self.archive.clock = self.saved


def add_demo_documents(archive: Archive, seed: int = 7, task=None) -> DemoDocumentsSummary:
    """Adds the demo documents and a year of letters to an archive that has clients."""
    rng = random.Random(seed)
    today = archive.today()
    if not settings.company(archive).name:
        settings.save_company(archive, DEMO_COMPANY)
    if settings.company(archive).name == DEMO_COMPANY.name:  # the demo company's own codes
        prefixes = documents.number_prefixes(archive)
        for kind, prefix in DEMO_PREFIXES.items():
            if not prefixes.get(kind):  # a prefix the user chose is kept
                documents.save_number_prefix(archive, kind, prefix)
    picks = _clients(archive, rng)
    clock = _Clock(archive)
    try:
        # Letters first: the outgoing numbers then follow the dates.
        incoming, outgoing = _letters(archive, rng, picks, today, clock, task)
        made = _documents(archive, rng, picks, today, clock, task)
    finally:
        clock.restore()
    counts: dict[str, int] = {}
    for row in documents.list_documents(archive):
        counts[row.status.value] = counts.get(row.status.value, 0) + 1
    return DemoDocumentsSummary(made, counts, incoming, outgoing)


def _clients(archive: Archive, rng: random.Random) -> list[clients.ClientRecord]:
    ids = clients.list_client_ids(archive, ClientQuery())[:200]
    chosen = rng.sample(ids, min(len(ids), 24))
    return [clients.get_client(archive, client_id) for client_id in chosen]


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))))


def _check(task, done: int, total: int) -> None:
    if task is not None:
        if task.cancelled():
            raise CancelledError()
        task.progress(done, total)


def _documents(archive, rng, picks, today, clock: _Clock, task) -> int:
    plan = [
        (kind, path)
        for kind in ("agreement", "framework", "notice", "letter", "fax")
        for path in PATHS
    ]
    answered = False
    for number, (kind, path) in enumerate(plan):
        _check(task, number, len(plan) + 1)
        client = picks[number % len(picks)] if picks else None
        start = today - timedelta(days=rng.randint(5, 80))
        clock.at(_moment(start, rng))
        record = _create(archive, rng, kind, client, number)
        clock.at(_moment(start + timedelta(days=1), rng))
        _second_version(archive, rng, kind, record)
        for step, action in enumerate(path, start=2):
            clock.at(_moment(start + timedelta(days=step), rng))
            if action == ReviewAction.SUBMIT and record.status == DocStatus.RETURNED:
                _second_version(archive, rng, kind, record, note="按审核意见修改")
            record = _review(archive, rng, record, action)
        if record.can_issue:
            clock.at(_moment(start + timedelta(days=len(path) + 2), rng))
            documents.issue_document(archive, record.id, rng.choice(REVIEWERS))
            if kind == "letter" and not answered:
                answered = _send_as_reply(archive, record.id)
    return len(plan)


def _send_as_reply(archive: Archive, document_id: int) -> bool:
    """登记发文 for one issued 函, answering the 收文 waiting longest: it shows 已复函."""
    waiting = [r for r in letters.awaiting_reply(archive) if r.reply_due is not None]
    if not waiting:
        return False
    send_document(archive, document_id, Sending(reply_to_id=waiting[0].id))
    return True


def _create(archive, rng, kind: str, client, number: int) -> documents.DocumentRecord:
    contact_id = client.contacts[0].id if client and client.contacts else None
    client_id = client.id if client else None
    writer = rng.choice(WRITERS)
    if kind in ("agreement", "framework"):
        template = "purchase_contract" if kind == "agreement" else "framework_agreement"
        lines = _lines(rng) if kind == "agreement" else ()
        values = _contract_values(rng, number, kind)
        title = (
            f"{lines[0].product}等设备购销合同"
            if lines
            else f"{archive.today().year}年度采购框架协议"
        )
        return documents.create_document(
            archive, kind, template, title, client_id, contact_id, values, lines, writer
        )
    subject = rng.choice(SUBJECTS)
    values = {
        "subject": subject,
        "recipient": "各合作单位",
        "body": BODIES[kind].format(subject=subject),
        "sender": writer,
        "pages": str(rng.randint(1, 4)),
        "client.fax": f"0{rng.randint(10, 29)}-{rng.randint(60000000, 69999999)}",
    }
    title = f"传真：{subject}" if kind == "fax" else ""
    template = {"notice": "notice", "letter": "letter", "fax": "fax_cover"}[kind]
    return documents.create_document(
        archive, kind, template, title, client_id, contact_id, values, (), writer
    )


def _lines(rng: random.Random) -> tuple[ContractLine, ...]:
    chosen = rng.sample(PRODUCTS, rng.randint(1, 4))
    return tuple(
        ContractLine(name, spec, Decimal(rng.randint(1, 20)), unit, Decimal(price))
        for name, spec, unit, price in chosen
    )


def _contract_values(rng: random.Random, number: int, kind: str) -> dict[str, str]:
    values = {
        "contract_no": f"HX-{2026}-{number + 1:03d}",
        "agreement_no": f"HXKJ-{2026}-{number + 1:03d}",
        "sign_place": "北京市海淀区",
        "quality_standard": "随附技术规格书",
        "warranty": rng.choice(("一年", "两年", "三年")),
        "delivery_date": "合同签订后三十日内",
        "delivery_place": "甲方指定地点",
        "delivery_method": "乙方送货上门",
        "acceptance_days": "5",
        "payment_terms": rng.choice(
            (
                "合同签订后预付30%，验收合格后三十日内付清余款。",
                "货到验收合格后三十日内一次性付清。",
                "按月结算，次月十日前付清上月货款。",
            )
        ),
        "court": "乙方所在地人民法院",
        "copies": ("肆", "叁", "贰", "6")[number % 4],
        "product_scope": "服务器、网络设备及相关服务",
        "start_date": "2026年1月1日",
        "end_date": "2026年12月31日",
        "discount": "在公开报价基础上给予5%的优惠",
    }
    if kind == "framework":
        values["amount"] = str(rng.choice((500000, 1200000, 3000000)))
    return values


def _second_version(archive, rng, kind: str, record, note: str = "") -> None:
    values = dict(record.values)
    if kind in ("agreement", "framework"):
        # one typed the way people do, repeating the sentence: printed once (trim_echo)
        warranties = ("一年", "两年", "三年", "自验收合格之日起18个月")
        choices = [w for w in warranties if w != values.get("warranty")]
        values["warranty"] = rng.choice(choices)
        values["delivery_date"] = rng.choice(("合同签订后十五日内", "合同签订后三十日内"))
    else:
        body = values.get("body", "")
        added = REVISIONS[kind] if ADDENDA[kind] in body else ADDENDA[kind]
        values["body"] = f"{body}\n{added}"
    documents.save_document(archive, record.id, Edit(values=values), rng.choice(WRITERS), note)


def _review(archive, rng, record, action: ReviewAction) -> documents.DocumentRecord:
    comments = {
        ReviewAction.RETURN: rng.choice(
            ("付款条件请改为分期", "交货时间需与仓库确认", "措辞请再斟酌")
        ),
        ReviewAction.APPROVE: "同意",
        ReviewAction.SIGN: "双方已盖章",
    }
    actor = rng.choice(WRITERS) if action == ReviewAction.SUBMIT else rng.choice(REVIEWERS)
    return documents.review(archive, record.id, action, actor, comments.get(action, ""))


def _letters(archive, rng, picks, today, clock: _Clock, task) -> tuple[int, int]:
    incoming = outgoing = 0
    day = today - timedelta(days=365)
    while day <= today:
        if day.weekday() < 5 and rng.random() < 0.45:
            clock.at(_moment(day, rng))
            _incoming(archive, rng, picks, day, today)
            incoming += 1
            if rng.random() < 0.55:
                _outgoing(archive, rng, picks, day)
                outgoing += 1
        day += timedelta(days=1)
    _check(task, 1, 1)
    return incoming, outgoing


def _incoming(archive, rng, picks, day: date, today: date) -> None:
    client = rng.choice(picks) if picks else None
    counterpart = client.name if client else "某市政务服务中心"
    needs_reply = rng.random() < 0.4
    due = day + timedelta(days=rng.choice((5, 7, 10, 15))) if needs_reply else None
    age = (today - day).days
    status = (
        LetterStatus.DONE
        if age > 30 or rng.random() < 0.5
        else rng.choice((LetterStatus.PENDING, LetterStatus.IN_PROGRESS))
    )
    if due is not None and due < today and age <= 60 and rng.random() < 0.25:
        status = LetterStatus.IN_PROGRESS  # a few recent replies to chase
    draft = LetterDraft(
        LetterDirection.INCOMING,
        rng.choice(INCOMING_TITLES),
        counterpart,
        dated_on=day,
        their_number=f"{counterpart[:2]}函〔{day.year}〕{rng.randint(1, 99)}号",
        copies=rng.choice((1, 1, 2)),
        handler=rng.choice(WRITERS),
        status=status.value,
        reply_due=due,
        archived_on=day + timedelta(days=rng.randint(3, 20))
        if status == LetterStatus.DONE and age > 20
        else None,
        client_id=client.id if client else None,
    )
    letters.add_letter(archive, draft)


def _outgoing(archive, rng, picks, day: date) -> None:
    client = rng.choice(picks) if picks else None
    draft = LetterDraft(
        LetterDirection.OUTGOING,
        rng.choice(OUTGOING_TITLES),
        client.name if client else "各合作单位",
        dated_on=day,
        handler=rng.choice(REVIEWERS),
        client_id=client.id if client else None,
    )
    letters.add_letter(archive, replace(draft, copies=rng.choice((1, 2))))
