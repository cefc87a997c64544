"""Demo tenders: about 30 government-procurement projects over the last 12 months and the next 2,
in every status and method, with deposits, results, price lines, a qualification library with
certificate scans, and packets ready to print for the tenders being prepared.

Deterministic per seed and relative to archive.today(); written through the tender services so
every rule (validation, dates, search index) applies as if a user had typed it."""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from app.domain.enums import ClientStatus, Tier
from app.domain.errors import DuplicateError
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft, TenderMethod, TenderStatus
from app.domain.working_days import add_working_days, likely_workday
from app.exports.demo_scans import CertificateText, write_certificate_scan
from app.services import clients, qualifications, settings, tender_packet, tenders
from app.services.archive import Archive
from app.services.qualifications import QualificationDraft
from app.services.tenders import TenderItemLine

OUR_COMPANY = settings.CompanySettings(
    name="北京华信科技有限公司",
    uscc="91110105948219939U",
    address="北京市朝阳区建国路88号华信大厦12层",
    legal_representative="王建国",
    legal_rep_title="执行董事兼总经理",
    legal_rep_id_number="110105197803150032",
    phone="010-88886666",
    fax="010-88886667",
    bank="中国工商银行北京建国门支行",
    bank_account="0200 0012 0920 0088 866",
)

AGENCIES = ("华诚招标代理有限公司", "中正项目管理咨询有限公司", "恒信工程咨询有限公司", "")
SOURCES = ("中国政府采购网", "某省政府采购网", "某市公共资源交易中心网")
COMPETITORS = (
    "北京中科信达科技有限公司",
    "深圳华腾数据技术有限公司",
    "上海博远信息系统有限公司",
    "浙江卓越网络科技有限公司",
    "广州鼎泰电子有限公司",
    "南京联创软件股份有限公司",
)

CatalogueItem = tuple[str, str, str, tuple[int, int], tuple[int, int]]

# (project, the government bodies that buy it, items as (name, brand/model, unit,
#  quantity range, unit price range in yuan))
PROJECTS: tuple[tuple[str, tuple[str, ...], tuple[CatalogueItem, ...]], ...] = (
    (
        "智慧政务平台建设项目",
        ("某市政务服务中心", "某县人民政府办公室", "某市自然资源和规划局", "某市住房和城乡建设局"),
        (
            ("政务服务平台软件", "华信政通 V5.0", "套", (1, 1), (600000, 1500000)),
            ("应用服务器", "浪潮 NF5280M7", "台", (2, 6), (65000, 90000)),
            ("实施及培训服务", "华信实施服务", "项", (1, 1), (80000, 200000)),
        ),
    ),
    (
        "数据中心服务器及存储采购项目",
        ("某市财政局", "某市公安局", "某大学", "某市疾病预防控制中心"),
        (
            ("机架式服务器", "华为 FusionServer 2288H V7", "台", (4, 12), (58000, 85000)),
            ("分布式存储", "华为 OceanStor 5310", "套", (1, 2), (280000, 450000)),
            ("万兆交换机", "华为 CE6881-48S6CQ", "台", (2, 4), (38000, 52000)),
        ),
    ),
    (
        "网络安全等级保护建设项目",
        ("某市公安局", "某市人民医院", "某省档案馆", "某市财政局"),
        (
            ("下一代防火墙", "深信服 AF-1000", "台", (2, 2), (85000, 120000)),
            ("日志审计系统", "奇安信 网神 SecFox", "套", (1, 1), (60000, 90000)),
            ("运维堡垒机", "启明星辰 天玥", "套", (1, 1), (50000, 80000)),
            ("等级保护测评服务", "三级测评", "项", (1, 1), (60000, 100000)),
        ),
    ),
    (
        "医院信息系统升级项目",
        ("某市人民医院", "某区卫生健康委员会"),
        (
            ("医院信息系统（HIS）软件", "华信医疗 HIS 6.0", "套", (1, 1), (900000, 1600000)),
            ("数据库软件", "达梦 DM8 企业版", "套", (2, 4), (80000, 120000)),
            ("数据迁移及实施服务", "华信实施服务", "项", (1, 1), (150000, 300000)),
        ),
    ),
    (
        "视频会议系统采购项目",
        ("某县人民政府办公室", "某市生态环境局", "某区卫生健康委员会", "某市财政局"),
        (
            ("高清视频会议终端", "华为 CloudLink Box 610", "台", (6, 20), (18000, 32000)),
            ("多点控制单元（MCU）", "华为 ViewPoint 8660", "台", (1, 1), (160000, 260000)),
            ("会议摄像机", "华为 CloudLink Camera 200", "台", (6, 20), (6000, 12000)),
        ),
    ),
    (
        "校园网升级改造项目",
        ("某大学", "某职业技术学院", "某区教育局"),
        (
            ("核心交换机", "锐捷 RG-N18010", "台", (2, 2), (180000, 260000)),
            ("接入交换机", "锐捷 RG-S5750", "台", (20, 60), (6500, 9800)),
            ("无线接入点", "锐捷 RG-AP880", "台", (80, 240), (1800, 2600)),
        ),
    ),
    (
        "办公计算机采购项目",
        ("某区教育局", "某市财政局", "某市住房和城乡建设局", "某大学"),
        (
            ("台式计算机", "联想 开天 M740J", "台", (60, 200), (5200, 6800)),
            ("便携式计算机", "联想 昭阳 K4e", "台", (20, 60), (6200, 7800)),
            ("A3 黑白激光打印机", "奔图 BM5100ADN", "台", (10, 30), (4200, 5600)),
        ),
    ),
    (
        "信息系统运维服务项目",
        ("某市政务服务中心", "某市人民医院", "某市生态环境局", "某市自然资源和规划局"),
        (
            ("驻场运维服务", "2 人驻场 12 个月", "项", (1, 1), (260000, 420000)),
            ("巡检及应急响应服务", "季度巡检", "项", (1, 1), (60000, 120000)),
        ),
    ),
    (
        "电子档案管理系统建设项目",
        ("某省档案馆", "某市自然资源和规划局", "某市住房和城乡建设局"),
        (
            ("电子档案管理系统软件", "华信档案 V3.2", "套", (1, 1), (380000, 680000)),
            ("档案数字化加工服务", "纸质档案扫描", "万页", (20, 80), (1200, 1800)),
            ("存储服务器", "浪潮 NF5270M6", "台", (2, 2), (62000, 78000)),
        ),
    ),
    (
        "财务一体化管理系统项目",
        ("某市财政局", "某区教育局", "某大学", "某市疾病预防控制中心"),
        (
            ("预算管理一体化系统", "华信财政 V4.0", "套", (1, 1), (700000, 1300000)),
            ("国产化中间件", "东方通 TongWeb 7.0", "套", (2, 4), (30000, 48000)),
            ("系统集成服务", "华信实施服务", "项", (1, 1), (120000, 220000)),
        ),
    ),
)

# How many tenders of each status; the dates are placed so each status makes sense today.
PLAN: tuple[tuple[TenderStatus, int], ...] = (
    (TenderStatus.WON, 7),
    (TenderStatus.LOST, 8),
    (TenderStatus.VOID, 2),
    (TenderStatus.ABANDONED, 2),
    (TenderStatus.SUBMITTED, 3),
    (TenderStatus.PREPARING, 5),
    (TenderStatus.TRACKING, 3),
)

# (title, kind, issuer, valid_from offset days, expires offset days or None, lines on the scan)
LIBRARY: tuple[tuple[str, str, str, int, int | None, tuple[str, ...]], ...] = (
    ("营业执照", "营业执照", "北京市朝阳区市场监督管理局", -3650, None, ("类型：有限责任公司",)),
    ("ISO9001 质量管理体系认证证书", "ISO认证", "中国质量认证中心", -500, 600, ()),
    (
        "ISO27001 信息安全管理体系认证证书",
        "ISO认证",
        "中国网络安全审查认证和市场监管大数据中心",
        -400,
        700,
        (),
    ),
    ("ISO20000 信息技术服务管理体系认证证书", "ISO认证", "中国质量认证中心", -300, 760, ()),
    ("CMMI 三级评估证书", "资质证书", "CMMI Institute", -700, 400, ()),
    ("信息系统建设和服务能力等级证书（CS3）", "资质证书", "中国电子信息行业联合会", -200, 900, ()),
    ("高新技术企业证书", "资质证书", "北京市科学技术委员会", -1080, 20, ("有效期三年",)),
    ("依法缴纳税收证明", "纳税证明", "国家税务总局北京市朝阳区税务局", -40, 12, ("近三个月",)),
    ("社会保障资金缴纳证明", "社保证明", "北京市社会保险基金管理中心", -120, -5, ("近三个月",)),
    ("2025年度财务审计报告", "财务报告", "北京正信会计师事务所", -240, None, ()),
    ("无重大违法记录声明", "无重大违法记录声明", "北京华信科技有限公司", -10, None, ()),
    (
        "某市政务云平台项目合同（业绩）",
        "业绩合同",
        "某市大数据管理局",
        -420,
        None,
        ("合同金额：¥2,680,000.00",),
    ),
)

# Kept for the packets: valid for every open tender (the expiring and expired ones are not).
PACKET_QUALIFICATIONS = (
    "营业执照",
    "ISO9001 质量管理体系认证证书",
    "信息系统建设和服务能力等级证书（CS3）",
    "2025年度财务审计报告",
    "无重大违法记录声明",
)
PERFORMANCE = "某市政务云平台项目合同（业绩）"

RESPONSES = ("完全满足", "满足，且提供原厂授权", "满足，优于要求", "满足")


@dataclass(frozen=True)
class DemoTendersSummary:
    tenders: int
    qualifications: int
    packets_ready: int


def add_demo_tenders(archive: Archive, rng_seed: int = 7, task=None) -> DemoTendersSummary:
    """Adds the demo tenders to an archive without tenders (one that has some is left alone)."""
    if tenders.list_tenders(archive):
        return DemoTendersSummary(0, 0, 0)
    rng = random.Random(rng_seed)
    today = archive.today()
    if not settings.company(archive).name:
        settings.save_company(archive, OUR_COMPANY)
    us = settings.company(archive).name  # the winner of the tenders we won
    plans = _plans(rng)
    total = len(plans) + len(LIBRARY)
    library = _add_library(archive, today, task, total)
    ready = 0
    taken: set[str] = set()
    # Created in the order they were published, so later phases (二期) come after earlier ones.
    dated = sorted(((_deadline(rng, today, p[0], p[2]), p) for p in plans), key=lambda d: d[0])
    for done, (deadline, (status, method, role)) in enumerate(dated, start=len(LIBRARY)):
        if task is not None:
            task.raise_if_cancelled()
            task.progress(done, total)
        record = _add_tender(archive, rng, today, (status, method, role), deadline, taken, us)
        if status in (TenderStatus.PREPARING, TenderStatus.TRACKING):
            ready += _fill_packet(archive, rng, record, library, status)
    if task is not None:
        task.progress(total, total)
    return DemoTendersSummary(len(plans), len(library), ready)


Plan = tuple[TenderStatus, TenderMethod, str]  # status, method, role ('', OVERDUE, REFUND_DUE)
OVERDUE = "refund_overdue"
REFUND_DUE = "refund_due"


def _plans(rng: random.Random) -> list[Plan]:
    methods = list(TenderMethod)
    plans: list[Plan] = []
    for status, count in PLAN:
        for number in range(count):
            role = ""
            if status == TenderStatus.LOST:
                role = {0: OVERDUE, 1: REFUND_DUE}.get(number, "")
            plans.append((status, methods[len(plans) % len(methods)], role))
    rng.shuffle(plans)
    return plans


# --- the qualification library ------------------------------------------------------------


def _add_library(archive: Archive, today: date, task, total: int) -> dict[str, int]:
    ids: dict[str, int] = {}
    holder = settings.company(archive).name or OUR_COMPANY.name
    with tempfile.TemporaryDirectory(prefix="demo-scans-") as folder:
        for number, (title, kind, issuer, since, until, lines) in enumerate(LIBRARY, start=1):
            if task is not None:
                task.raise_if_cancelled()
                task.progress(number - 1, total)
            expires = today + timedelta(days=until) if until is not None else None
            valid = f"至 {_cn_date(expires)}" if expires else "长期"
            if issuer == OUR_COMPANY.name:  # a statement the company makes about itself
                issuer = holder
            scan = write_certificate_scan(
                CertificateText(
                    title, holder, f"HX-{today.year}-{number:04d}", issuer, valid, lines
                ),
                Path(folder) / f"{number:02d}-{kind}.pdf",
            )
            record = qualifications.add(
                archive,
                QualificationDraft(
                    title,
                    kind,
                    issuer,
                    valid_from=today + timedelta(days=since),
                    expires_on=expires,
                    notes="演示数据：扫描件为生成的样张",
                ),
                [scan],
            )
            ids[title] = record.id
    return ids


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- tenders ------------------------------------------------------------------------------


def _add_tender(
    archive: Archive,
    rng: random.Random,
    today: date,
    plan: Plan,
    deadline: datetime,
    taken: set[str],
    us: str,
) -> tenders.TenderRecord:
    status, method, role = plan
    project, purchaser, catalogue = _pick_project(rng, taken)
    items = _items(rng, catalogue)
    total = sum((i.total for i in items), Decimal(0))
    budget = (total / Decimal(rng.uniform(0.86, 0.97))).quantize(Decimal("1000"), ROUND_DOWN)
    budget += Decimal(1000)
    draft = TenderDraft(
        title=_unique(f"{purchaser}{project}", taken),
        purchaser_name=purchaser,
        number=f"{_prefix(method)}-{deadline.year}-{len(taken):03d}",
        agency=rng.choice(AGENCIES),
        method=method,
        budget=budget,
        ceiling=budget if rng.random() < 0.4 else None,
        source=rng.choice(SOURCES),
        published_on=(deadline - timedelta(days=rng.randint(20, 28))).date(),
        documents_deadline=_documents_deadline(deadline, rng.randint(8, 12)),
        bid_deadline=deadline,
        opening_place="某市公共资源交易中心开标" + rng.choice("一二三四") + "室",
        bid_deposit=_deposit(budget, rng),
        status=status,
        delivery_period=rng.choice(("合同签订后30日内", "合同签订后45日内", "合同签订后60日内")),
        bid_validity_days=rng.choice((60, 90, 90, 120)),
    )
    draft = _with_outcome(rng, draft, total, today, role, us)
    client_id = _purchaser_client(archive, rng, purchaser, min(draft.published_on, today))
    record = tenders.create_tender(archive, replace(draft, client_id=client_id))
    return tenders.set_items(archive, record.id, items)


def _purchaser_client(archive: Archive, rng: random.Random, name: str, since: date) -> int:
    """The purchaser as a client looked after by one of the account managers since the notice
    (the app itself would file a new purchaser today, unassigned)."""
    draft = ClientDraft(
        name=name,
        tier=Tier.C,
        status=ClientStatus.PROSPECT,
        industry="政府采购",
        source="招标公告",
        owner=rng.choice(clients.filter_choices(archive)["owner"] or ["张伟"]),
        created_on=since,
    )
    try:
        return clients.create_client(archive, draft).id
    except DuplicateError as known:
        return known.existing_id


def _pick_project(
    rng: random.Random, taken: set[str]
) -> tuple[str, str, tuple[CatalogueItem, ...]]:
    """A project a body has not bought yet, while there are any; then a later phase."""
    fresh = [
        (project, buyer, catalogue)
        for project, buyers, catalogue in PROJECTS
        for buyer in buyers
        if f"{buyer}{project}" not in taken
    ]
    if fresh:
        return rng.choice(fresh)
    project, buyers, catalogue = rng.choice(PROJECTS)
    return project, rng.choice(buyers), catalogue


def _unique(title: str, taken: set[str]) -> str:
    """The same body buys the same kind of project again as a later phase (二期, 三期)."""
    phase, unique = 1, title
    while unique in taken:
        phase += 1
        unique = f"{title}（{'一二三四五六七八九'[phase - 1]}期）"
    taken.add(unique)
    return unique


def _items(rng: random.Random, catalogue) -> list[TenderItemLine]:
    lines = []
    for name, model, unit, (low_q, high_q), (low_p, high_p) in catalogue:
        price = Decimal(rng.randrange(low_p, high_p + 1, 100))
        lines.append(TenderItemLine(name, model, Decimal(rng.randint(low_q, high_q)), unit, price))
    return lines


def _deadline(rng: random.Random, today: date, status: TenderStatus, role: str) -> datetime:
    if role == REFUND_DUE:
        days = -6
    elif role == OVERDUE:
        days = -rng.randint(28, 40)
    elif status == TenderStatus.SUBMITTED:
        days = -rng.randint(2, 12)
    elif status in (TenderStatus.PREPARING, TenderStatus.TRACKING):
        days = rng.randint(6, 60)
    else:
        days = -rng.randint(25, 360)
    day = today + timedelta(days=days)
    while not likely_workday(day):  # openings are held on working days
        day += timedelta(days=1 if days > 0 else -1)
    return datetime.combine(day, time(9, 30))


def _documents_deadline(deadline: datetime, days_before: int) -> datetime:
    """17:30 on a working day about `days_before` days before the bid deadline (never later)."""
    day = deadline.date() - timedelta(days=days_before)
    while not likely_workday(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(17, 30))


def _prefix(method: TenderMethod) -> str:
    return {
        TenderMethod.OPEN: "GKZB",
        TenderMethod.INVITED: "YQZB",
        TenderMethod.NEGOTIATION: "JZTP",
        TenderMethod.CONSULTATION: "JZCS",
        TenderMethod.SINGLE_SOURCE: "DYLY",
        TenderMethod.INQUIRY: "XJ",
        TenderMethod.FRAMEWORK: "KJXY",
    }[method]


def _deposit(budget: Decimal, rng: random.Random) -> Decimal:
    rate = Decimal(rng.choice(("0.01", "0.015", "0.02")))
    return (budget * rate).quantize(Decimal("100"), ROUND_DOWN)


def _with_outcome(
    rng: random.Random, draft: TenderDraft, our_total: Decimal, today: date, role: str, us: str
) -> TenderDraft:
    """Deposits, results and prices as they stand today for a tender of this status."""
    opened = draft.bid_deadline.date()
    paid = opened - timedelta(days=rng.randint(3, 8))
    status = draft.status
    if status in (TenderStatus.TRACKING, TenderStatus.ABANDONED):
        return replace(draft, bid_deposit=draft.bid_deposit, deposit_paid_on=None)
    if status == TenderStatus.PREPARING:
        return replace(draft, deposit_paid_on=min(paid, today))
    draft = replace(draft, deposit_paid_on=paid, our_price=our_total, evaluation_on=opened)
    if status == TenderStatus.SUBMITTED:
        return draft
    if status == TenderStatus.VOID:
        return replace(
            draft,
            deposit_refunded_on=_working_days(opened, 4),
            lessons="有效投标人不足三家，项目废标，等待重新招标。",
        )
    award = _working_days(opened, 2 if role == REFUND_DUE else rng.randint(2, 5))
    return _result(rng, draft, our_total, award, today, role, us)


def _result(
    rng: random.Random,
    draft: TenderDraft,
    our_total: Decimal,
    award: date,
    today: date,
    role: str,
    us: str,
) -> TenderDraft:
    # One lost tender's refund is overdue; the latest result still waits for its refund.
    refunded = None if role else _working_days(award, rng.randint(2, 4))
    if refunded is not None and refunded > today:
        refunded = None
    draft = replace(draft, award_notice_on=award, deposit_refunded_on=refunded)
    if draft.status == TenderStatus.WON:
        signed = award + timedelta(days=rng.randint(10, 25))
        signed = signed if signed <= today else None
        # the winner's deposit comes back after the contract is signed (实施条例 第三十三条)
        back = _working_days(signed, rng.randint(2, 4)) if signed and refunded else None
        return replace(
            draft,
            winner=us,
            winning_price=our_total,
            contract_signed_on=signed,
            deposit_refunded_on=back if back and back <= today else None,
            performance_deposit=(our_total * Decimal("0.05")).quantize(Decimal("100")),
            service_fee=(our_total * Decimal("0.012")).quantize(Decimal("1")),
            lessons="技术方案得分第一；提前两周与用户确认需求是关键。",
        )
    winning = (our_total * Decimal(rng.uniform(0.9, 0.985))).quantize(Decimal("100"))
    return replace(
        draft,
        winner=rng.choice(COMPETITORS),
        winning_price=winning,
        lessons=rng.choice(
            (
                "价格分落后，中标价低于我方约 5%。",
                "商务评分中类似业绩不足。",
                "技术参数一项负偏离被扣分。",
            )
        ),
    )


def _working_days(start: date, days: int) -> date:
    return add_working_days(start, days).day


# --- packets ------------------------------------------------------------------------------


def _fill_packet(
    archive: Archive,
    rng: random.Random,
    record: tenders.TenderRecord,
    library: dict[str, int],
    status: TenderStatus,
) -> int:
    """Fills the packet; returns 1 when its checklist has no errors (ready to print)."""
    packet = tender_packet.sections(archive, record.id)
    for section in packet:
        content = _content(rng, record, section.form)
        if content:
            tender_packet.set_content(archive, section.id, content)
    files = {s.title: s.id for s in packet if not s.is_form}
    chosen = list(PACKET_QUALIFICATIONS)
    if status == TenderStatus.TRACKING:
        # A tender still being tracked has the soon-expiring certificate in it: the deadline radar
        # and the checklist show what to renew before the bid.
        chosen.append("高新技术企业证书")
    for title in chosen:
        tender_packet.attach_qualification(
            archive, record.id, library[title], files[tender_packet.QUALIFICATION_SECTION]
        )
    if "业绩证明" in files:
        tender_packet.attach_qualification(
            archive, record.id, library[PERFORMANCE], files["业绩证明"]
        )
    errors = [c for c in tender_packet.checklist(archive, record.id) if c.level == "error"]
    return 0 if errors else 1


def _content(rng: random.Random, record: tenders.TenderRecord, form: str) -> dict:
    if form == "tech_deviation":
        return {"rows": [_tech_row(rng, item) for item in record.items]}
    if form == "biz_deviation":
        return {
            "rows": [
                ["交货期：" + record.draft.delivery_period, "按期交货", "无偏离", ""],
                ["质保期不少于三年", "质保期五年", "正偏离", "原厂质保"],
                ["付款方式：验收合格后支付", "接受", "无偏离", ""],
                [f"投标有效期 {record.draft.bid_validity_days} 天", "接受", "无偏离", ""],
            ]
        }
    return FORM_CONTENT.get(form, {})


def _tech_row(rng: random.Random, item: TenderItemLine) -> list[str]:
    response = rng.choice(RESPONSES)
    deviation = "正偏离" if "优于" in response else "无偏离"
    return [
        f"{item.name}：满足招标文件技术参数要求",
        f"{item.brand_model},{response}",
        deviation,
        "",
    ]


FORM_CONTENT: dict[str, dict] = {
    "opening_summary": {"remark": "含税价"},
    "legal_rep": {"gender": "男", "position": "董事长", "id_number": "110105197208152317"},
    "authorization": {
        "agent_name": "李明",
        "agent_id_number": "110108198503121234",
        "agent_position": "销售总监",
        "agent_phone": "13901234567",
    },
    "sme_declaration": {
        "industry": "软件和信息技术服务业",
        "employees": "186",
        "revenue": "8600",
        "assets": "5200",
        "size": "中型企业",
    },
}
