"""A realistic demo archive: Chinese companies, contacts and 18 months of activities.

Deterministic per seed, relative to archive.today(). Rows are generated as plain tuples and
written in bulk (app.db.bulk) in one transaction, so 100,000 clients with 1,000,000
activities take minutes, and a cancelled run leaves the archive empty as it was."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from stdnum.cn import uscc as stdnum_uscc

from app.db import bulk
from app.db import search_index as index
from app.db.search_index import Document
from app.domain.enums import ACTIVITY_KIND_ZH, ActivityKind, ClientStatus, Tier
from app.domain.errors import ValidationError
from app.domain.money import yuan_to_fen
from app.domain.text import name_key, pinyin_initials, pinyin_sort_key
from app.domain.visits import DEFAULT_VISIT_INTERVAL_DAYS
from app.services.archive import (
    Archive,
)

# (city, region, 6-digit division code, districts)
CITIES = (
    ("北京", "华北", "110105", ("朝阳区", "海淀区", "丰台区", "东城区")),
    ("天津", "华北", "120116", ("滨海新区", "南开区", "河西区")),
    ("石家庄", "华北", "130102", ("长安区", "裕华区", "桥西区")),
    ("太原", "华北", "140105", ("小店区", "迎泽区")),
    ("上海", "华东", "310115", ("浦东新区", "闵行区", "徐汇区", "嘉定区")),
    ("南京", "华东", "320106", ("鼓楼区", "江宁区", "建邺区")),
    ("苏州", "华东", "320505", ("虎丘区", "吴中区", "工业园区")),
    ("无锡", "华东", "320214", ("新吴区", "滨湖区")),
    ("杭州", "华东", "330106", ("西湖区", "滨江区", "余杭区")),
    ("宁波", "华东", "330212", ("鄞州区", "北仑区")),
    ("合肥", "华东", "340104", ("蜀山区", "包河区")),
    ("济南", "华东", "370102", ("历下区", "槐荫区")),
    ("青岛", "华东", "370212", ("崂山区", "黄岛区", "市南区")),
    ("福州", "华东", "350102", ("鼓楼区", "仓山区")),
    ("厦门", "华东", "350206", ("湖里区", "思明区")),
    ("广州", "华南", "440106", ("天河区", "黄埔区", "番禺区", "越秀区")),
    ("深圳", "华南", "440305", ("南山区", "福田区", "宝安区", "龙岗区")),
    ("东莞", "华南", "441900", ("松山湖", "长安镇", "虎门镇")),
    ("佛山", "华南", "440604", ("禅城区", "顺德区", "南海区")),
    ("南宁", "华南", "450103", ("青秀区", "西乡塘区")),
    ("武汉", "华中", "420106", ("武昌区", "洪山区", "江汉区")),
    ("长沙", "华中", "430104", ("岳麓区", "雨花区", "开福区")),
    ("郑州", "华中", "410105", ("金水区", "郑东新区", "中原区")),
    ("南昌", "华中", "360102", ("东湖区", "红谷滩区")),
    ("成都", "西南", "510107", ("武侯区", "高新区", "锦江区")),
    ("重庆", "西南", "500112", ("渝北区", "江北区", "九龙坡区")),
    ("昆明", "西南", "530102", ("五华区", "盘龙区")),
    ("贵阳", "西南", "520102", ("南明区", "观山湖区")),
    ("西安", "西北", "610113", ("雁塔区", "未央区", "高新区")),
    ("兰州", "西北", "620102", ("城关区", "七里河区")),
    ("乌鲁木齐", "西北", "650102", ("天山区", "沙依巴克区")),
    ("沈阳", "东北", "210102", ("和平区", "浑南区", "铁西区")),
    ("大连", "东北", "210204", ("沙河口区", "甘井子区")),
    ("长春", "东北", "220104", ("朝阳区", "南关区")),
    ("哈尔滨", "东北", "230103", ("南岗区", "道里区")),
)

# Characters that make plausible 字号 (trade names) when paired.
NAME_CHARS = (
    "华信恒达盛泰嘉和宏远中天金诚瑞丰鑫海德昌永安新锐博通佳兴明阳创联精工宇辰"
    "东方正元润晨星耀鼎隆兆丰汇源长城启航凯旋天成万豪富康聚力同济卓越领航"
)

INDUSTRIES = (
    ("科技", "信息技术"),
    ("信息技术", "信息技术"),
    ("软件", "信息技术"),
    ("电子", "电子制造"),
    ("精密机械", "机械制造"),
    ("机械制造", "机械制造"),
    ("自动化设备", "机械制造"),
    ("化工", "化工"),
    ("新材料", "化工"),
    ("医药", "医药健康"),
    ("医疗器械", "医药健康"),
    ("建设工程", "建筑工程"),
    ("建材", "建筑工程"),
    ("物流", "交通物流"),
    ("供应链管理", "交通物流"),
    ("食品", "食品饮料"),
    ("新能源", "能源电力"),
    ("电力设备", "能源电力"),
    ("环保科技", "节能环保"),
    ("贸易", "商贸流通"),
    ("汽车零部件", "汽车"),
    ("纺织", "纺织服装"),
)

LEGAL_FORMS = (("有限公司", 0.75), ("股份有限公司", 0.25))

TIER_WEIGHTS = ((Tier.A, 0.08), (Tier.B, 0.17), (Tier.C, 0.40), (Tier.D, 0.35))
KEY_ACCOUNT_SHARE = {Tier.A: 0.85, Tier.B: 0.6, Tier.C: 0.15, Tier.D: 0.02}
# How many activities a client of each tier draws, relative to a C client.
ACTIVITY_WEIGHT = {Tier.A: 6.0, Tier.B: 3.5, Tier.C: 1.0, Tier.D: 0.4}
# Share of each tier's active clients visited within their visit interval (see visits.py).
ON_SCHEDULE_SHARE = {Tier.A: 0.75, Tier.B: 0.65, Tier.C: 0.35, Tier.D: 0.25}
STATUS_WEIGHTS = {
    Tier.A: ((ClientStatus.ACTIVE, 0.92), (ClientStatus.PAUSED, 0.05), (ClientStatus.LOST, 0.03)),
    Tier.B: ((ClientStatus.ACTIVE, 0.85), (ClientStatus.PAUSED, 0.08), (ClientStatus.LOST, 0.07)),
    Tier.C: (
        (ClientStatus.ACTIVE, 0.65),
        (ClientStatus.PROSPECT, 0.2),
        (ClientStatus.PAUSED, 0.08),
        (ClientStatus.LOST, 0.07),
    ),
    Tier.D: ((ClientStatus.PROSPECT, 0.6), (ClientStatus.ACTIVE, 0.3), (ClientStatus.LOST, 0.1)),
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建文辉玲志红飞鹏宇浩凯婷雪琳晨欣佳悦俊峰"
)
OWNER_COUNT_RANGE = (5, 8)
CONTACT_TITLES = (
    "总经理",
    "副总经理",
    "采购经理",
    "采购主管",
    "技术总监",
    "设备部经理",
    "财务经理",
    "行政主管",
    "项目经理",
    "生产部长",
    "董事长",
    "质量经理",
)
DECISION_TITLES = {"总经理", "董事长", "副总经理", "技术总监"}
MOBILE_PREFIXES = ("130", "131", "135", "136", "137", "138", "139", "150", "151", "155", "158")
MOBILE_PREFIXES += ("166", "177", "180", "181", "186", "187", "188", "189", "191", "199")
MAIL_DOMAINS = ("163.com", "qq.com", "126.com", "sina.com", "aliyun.com")
SOURCES = ("老客户介绍", "展会", "招投标", "网络推广", "电话开发", "上门拜访", "行业协会")
ROADS = ("人民路", "建设路", "解放大道", "科技园路", "工业大道", "长江路", "中山路", "高新大道")

POLICY_TEXTS = (
    "合同量大且回款及时：给予价格折扣；重点保障供货，新产品优先试用。",
    "价格较高但合同稳定：适当放宽付款期限，按季度对账。",
    "合作良好、无质量纠纷：增加销售费用与拜访频次，每季度由公司高层拜访一次。",
)

KIND_WEIGHTS = (
    (ActivityKind.VISIT, 40),
    (ActivityKind.CALL, 22),
    (ActivityKind.MEETING, 10),
    (ActivityKind.TECH_EXCHANGE, 7),
    (ActivityKind.COMPLAINT, 5),
    (ActivityKind.MAINTENANCE, 9),
    (ActivityKind.OTHER, 7),
)

SUBJECTS = {
    ActivityKind.VISIT: (
        "季度走访",
        "拜访采购部",
        "新产品介绍",
        "年度合作洽谈",
        "回款沟通",
        "高层拜访",
    ),
    ActivityKind.CALL: ("电话回访", "确认订单交期", "催收货款", "询问使用情况", "报价跟进"),
    ActivityKind.MEETING: ("年度框架协议谈判", "项目启动会", "商务洽谈会", "合同评审会"),
    ActivityKind.TECH_EXCHANGE: ("技术方案交流", "产品选型研讨", "技术培训", "样品测试交流"),
    ActivityKind.COMPLAINT: ("产品质量投诉", "交货延迟投诉", "售后响应慢", "发票差错"),
    ActivityKind.MAINTENANCE: ("设备定期保养", "现场故障排除", "备件更换", "系统升级服务"),
    ActivityKind.OTHER: ("节日慰问", "寄送资料", "邀请参加展会", "客户满意度调查"),
}
OUTCOMES = (
    "客户有采购意向",
    "已确认需求",
    "需进一步报价",
    "客户反馈良好",
    "暂无需求",
    "已达成共识",
)
NEXT_STEPS = ("发送报价单", "安排技术交流", "提交合同草案", "回访确认", "寄送样品", "跟进回款")
RESOLUTIONS = ("已更换产品并致歉", "已补发货物", "已派工程师现场处理", "已重开发票", "已赔偿损失")
NOTES = (
    "客户对价格较敏感，关注交货周期。",
    "对方计划下季度扩大产能，可重点跟进。",
    "决策链较长，需要多部门会签。",
    "竞争对手近期报价较低。",
    "客户希望提供更长的质保期。",
    "",
    "",
)

HISTORY_DAYS = 548  # about 18 months
FILE_HISTORY_DAYS = 3 * 365


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    contacts: int
    activities: int
    key_accounts: int
    owners: int
    search_documents: int
    purchasers: int = 0  # tender purchasers the demo tenders file as clients besides


@dataclass(frozen=True)
class _ClientInfo:
    id: int
    name: str
    tier: Tier
    owner: str
    created_on: date
    status: ClientStatus
    contact_ids: tuple[int, ...]


CLIENT_COLUMNS = [
    "id",
    "name",
    "name_key",
    "sort_key",
    "initials",
    "uscc",
    "tier",
    "is_key_account",
    "industry",
    "region",
    "address",
    "owner",
    "status",
    "source",
    "created_on",
    "service_policy",
    "notes",
    "bank",
    "bank_account",
    "invoice_address",
    "created_at",
    "updated_at",
]
CONTACT_COLUMNS = [
    "id",
    "client_id",
    "name",
    "title",
    "mobile",
    "phone",
    "email",
    "is_decision_maker",
    "notes",
]
ACTIVITY_COLUMNS = [
    "id",
    "client_id",
    "kind",
    "started_at",
    "ended_at",
    "subject",
    "participants",
    "notes",
    "outcome",
    "next_step",
    "next_step_due",
    "next_step_done_on",
    "expense_fen",
    "resolution",
    "closed_on",
    "created_at",
    "updated_at",
]
BATCH = 20_000


class _Progress:
    def __init__(self, task, total: int):
        self.task = task
        self.total = total
        self.done = 0

    def advance(self, count: int) -> None:
        self.done += count
        if self.task is not None:
            self.task.raise_if_cancelled()
            self.task.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        self.done = self.total
        self.advance(0)


def add_demo_clients(
    archive: Archive, clients: int, activities: int, seed: int = 7, task=None
) -> DemoSummary:
    """Clients, their contacts and activities, written in bulk in one transaction and indexed
    for the search. Raises ValidationError if the archive has clients."""
    rng = random.Random(seed)
    today = archive.today()
    now = datetime.combine(today, datetime.min.time()).replace(hour=8)
    # Clients, contacts (about 1.8 per client) and activities are counted twice: once written,
    # once indexed.
    progress = _Progress(task, 2 * (clients * 3 + activities))
    with archive.db.session() as session:
        if not bulk.table_is_empty(session, "clients"):
            raise ValidationError("clients", "archive_not_empty")
        owners = _owners(rng)
        infos, key_accounts, contact_count = _write_clients(
            session, rng, clients, owners, today, now, progress
        )
        _write_activities(session, rng, infos, activities, today, progress)
        bulk.fill_last_visit(session, ActivityKind.VISIT.value)
        documents = index.index_documents(session, _documents(session, progress))
        bulk.analyze(session)
        progress.finish()
    return DemoSummary(clients, contact_count, activities, key_accounts, len(owners), documents)


def _owners(rng: random.Random) -> list[str]:
    count = rng.randint(*OWNER_COUNT_RANGE)
    names: list[str] = []
    while len(names) < count:
        name = _person_name(rng)
        if name not in names:
            names.append(name)
    return names


def _person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _weighted(rng: random.Random, pairs) -> object:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _uscc(serial: int, division: str) -> str:
    """A valid 18-character code: 9 (工商) 1 (企业), division, a unique organisation code."""
    scrambled = (serial * 104_729 + 31_415_926) % 10**8  # one-to-one: 104729 is prime
    org = f"{scrambled:08d}" + _ORG_ALPHABET[serial % len(_ORG_ALPHABET)]
    body = f"91{division}{org}"
    return body + stdnum_uscc.calc_check_digit(body)


_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _usual_initials(text: str) -> str:
    """The initials of the usual reading ('cy' for 朝阳), for made-up e-mail addresses."""
    return pinyin_initials(text).split(" ")[0]


def _company_name(rng: random.Random, taken: set[str]) -> tuple[str, tuple, tuple[str, str]]:
    while True:
        city = rng.choice(CITIES)
        trade = rng.choice(NAME_CHARS) + rng.choice(NAME_CHARS)
        if trade[0] == trade[1]:
            continue
        industry = rng.choice(INDUSTRIES)
        form = _weighted(rng, LEGAL_FORMS)
        name = f"{city[0]}{trade}{industry[0]}{form}"
        key = name_key(name)
        if key not in taken:
            taken.add(key)
            return name, city, industry


def _write_clients(session, rng, count, owners, today, now, progress):
    taken: set[str] = set()
    infos: list[_ClientInfo] = []
    client_rows: list[tuple] = []
    contact_rows: list[tuple] = []
    key_accounts = 0
    next_contact_id = 1
    stamp = bulk.sql_datetime(now)
    for client_id in range(1, count + 1):
        name, city, industry = _company_name(rng, taken)
        tier = _weighted(rng, TIER_WEIGHTS)
        key = rng.random() < KEY_ACCOUNT_SHARE[tier]
        key_accounts += key
        owner = rng.choice(owners)
        created_on = today - timedelta(days=rng.randint(0, FILE_HISTORY_DAYS))
        status = _weighted(rng, STATUS_WEIGHTS[tier])
        address = f"{city[0]}市{rng.choice(city[3])}{rng.choice(ROADS)}{rng.randint(1, 999)}号"
        policy = rng.choice(POLICY_TEXTS) if key else ""
        client_rows.append(
            (
                client_id,
                name,
                name_key(name),
                pinyin_sort_key(name),
                pinyin_initials(name),
                _uscc(client_id, city[2]),
                tier.value,
                int(key),
                industry[1],
                city[1],
                address,
                owner,
                status.value,
                rng.choice(SOURCES),
                bulk.sql_date(created_on),
                policy,
                "",
                *_invoice_details(client_id, city[0], address),
                stamp,
                stamp,
            )
        )
        contacts = _contacts(rng, client_id, next_contact_id, name)
        contact_rows.extend(contacts)
        next_contact_id += len(contacts)
        infos.append(
            _ClientInfo(
                client_id, name, tier, owner, created_on, status, tuple(c[0] for c in contacts)
            )
        )
        if len(client_rows) >= BATCH:
            _flush_clients(session, client_rows, contact_rows, progress)
    _flush_clients(session, client_rows, contact_rows, progress)
    return infos, key_accounts, next_contact_id - 1


BANKS = ("中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "招商银行", "交通银行")


def _invoice_details(client_id: int, city: str, address: str) -> tuple[str, str, str]:
    """开户行, 账号 and 开票地址、电话 of a demo client, from its id (the random sequence, and so
    every other demo value, stays as it was before clients had them)."""
    bank = f"{BANKS[client_id % len(BANKS)]}{city}分行营业部"
    account = f"{1100 + client_id % 8000:04d}{client_id * 7919 % 10**8:08d}{client_id % 10**7:07d}"
    phone = f"{(client_id * 2654435761) % 90000000 + 10000000}"
    return bank, account, f"{address} {phone}"


def _flush_clients(session, client_rows: list, contact_rows: list, progress: _Progress) -> None:
    bulk.insert_rows(session, "clients", CLIENT_COLUMNS, client_rows)
    bulk.insert_rows(session, "contacts", CONTACT_COLUMNS, contact_rows)
    progress.advance(len(client_rows) + len(contact_rows))
    client_rows.clear()
    contact_rows.clear()


def _contacts(rng: random.Random, client_id: int, first_id: int, company: str) -> list[tuple]:
    rows = []
    domain_initials = _usual_initials(company)[-6:-2] or "corp"
    for offset in range(rng.choice((1, 1, 2, 2, 2, 3))):
        name = _person_name(rng)
        title = rng.choice(CONTACT_TITLES)
        mobile = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        email = f"{_usual_initials(name)}{rng.randint(1, 999)}@{rng.choice(MAIL_DOMAINS)}"
        if rng.random() < 0.3:
            email = f"{_usual_initials(name)}@{domain_initials}.com.cn"
        rows.append(
            (
                first_id + offset,
                client_id,
                name,
                title,
                mobile,
                None,
                email,
                int(title in DECISION_TITLES),
                "",
            )
        )
    return rows


def _write_activities(session, rng, infos, count, today, progress) -> None:
    """Activities in time order (ids grow with time), one month of history at a time."""
    weights = [ACTIVITY_WEIGHT[i.tier] for i in infos]
    per_month = _split_over_months(rng, count)
    next_id = 1
    for month, month_count in enumerate(per_month):
        generated = []
        if month == len(per_month) - 1:
            generated = _visits_on_schedule(rng, infos, today)[:month_count]
        picks = rng.choices(infos, weights, k=month_count - len(generated))
        for info in picks:
            started = _start_in_month(rng, today, month, info.created_on)
            generated.append((started, info, None))
        generated.sort(key=lambda item: item[0])
        rows: list[tuple] = []
        links: list[tuple] = []
        for started, info, kind in generated:
            rows.append(_activity_row(rng, next_id, info, started, today, kind))
            if info.contact_ids and rows[-1][2] in _WITH_CONTACT:
                links.append((next_id, rng.choice(info.contact_ids)))
            next_id += 1
            if len(rows) >= BATCH:
                _flush_activities(session, rows, links, progress)
        _flush_activities(session, rows, links, progress)


_WITH_CONTACT = {
    ActivityKind.VISIT.value,
    ActivityKind.MEETING.value,
    ActivityKind.TECH_EXCHANGE.value,
    ActivityKind.CALL.value,
}


def _flush_activities(session, rows: list, links: list, progress: _Progress) -> None:
    bulk.insert_rows(session, "activities", ACTIVITY_COLUMNS, rows)
    bulk.insert_rows(session, "activity_contacts", ("activity_id", "contact_id"), links)
    progress.advance(len(rows))
    rows.clear()
    links.clear()


def _split_over_months(rng: random.Random, count: int) -> list[int]:
    """How many activities fall in each of the 18 months, oldest first; business grows a bit."""
    months = HISTORY_DAYS // 30 + 1
    weights = [1.0 + 0.04 * m for m in range(months)]
    total = sum(weights)
    shares = [int(count * w / total) for w in weights]
    shares[-1] += count - sum(shares)
    return shares


def _start_in_month(rng: random.Random, today: date, month: int, created_on: date) -> datetime:
    months = HISTORY_DAYS // 30 + 1
    days_ago = (months - 1 - month) * 30 + rng.randrange(30)
    day = today - timedelta(days=days_ago)
    if day < created_on:  # nobody visits a client before it is on file
        day = created_on + timedelta(days=rng.randrange(max(1, (today - created_on).days + 1)))
    hour = rng.choice((9, 9, 10, 10, 11, 14, 14, 15, 16))
    return datetime(day.year, day.month, day.day, hour, rng.choice((0, 15, 30, 45)))


def _visits_on_schedule(rng: random.Random, infos, today: date) -> list[tuple]:
    """Recent visits that keep part of each tier within its visit interval, so the overdue
    list shows the clients that slipped rather than nearly everyone."""
    visits = []
    for info in infos:
        if info.status != ClientStatus.ACTIVE or rng.random() >= ON_SCHEDULE_SHARE[info.tier]:
            continue
        interval = DEFAULT_VISIT_INTERVAL_DAYS[info.tier]
        day = today - timedelta(
            days=rng.randrange(min(interval, (today - info.created_on).days + 1))
        )
        started = datetime(day.year, day.month, day.day, rng.choice((9, 10, 14, 15)), 0)
        visits.append((started, info, ActivityKind.VISIT))
    return visits


def _activity_row(
    rng: random.Random,
    activity_id: int,
    info,
    started: datetime,
    today: date,
    kind: ActivityKind | None = None,
):
    kind = kind or _weighted(rng, KIND_WEIGHTS)
    hours = rng.choice((1, 1, 2, 2, 3)) if kind != ActivityKind.CALL else 0
    ended = started + timedelta(hours=hours, minutes=0 if hours else rng.choice((10, 15, 20)))
    subject = rng.choice(SUBJECTS[kind])
    participants = info.owner
    if kind in (ActivityKind.MEETING, ActivityKind.TECH_EXCHANGE) or rng.random() < 0.15:
        participants += "、" + rng.choice(("技术部", "销售总监", "售后工程师", "商务助理"))
    next_step, due, done = _next_step(rng, started, today)
    resolution, closed_on = _complaint_outcome(rng, kind, started, today)
    expense = Decimal(0)
    if kind in (ActivityKind.VISIT, ActivityKind.MEETING):
        expense = Decimal(rng.randrange(5_000, 300_000)) / 100
    created = bulk.sql_datetime(ended)
    return (
        activity_id,
        info.id,
        kind.value,
        bulk.sql_datetime(started),
        bulk.sql_datetime(ended),
        subject,
        participants,
        rng.choice(NOTES),
        rng.choice(OUTCOMES) if kind != ActivityKind.COMPLAINT else "",
        next_step,
        bulk.sql_date(due),
        bulk.sql_date(done),
        yuan_to_fen(expense),
        resolution,
        bulk.sql_date(closed_on),
        created,
        created,
    )


def _next_step(rng: random.Random, started: datetime, today: date):
    if rng.random() >= 0.35:
        return "", None, None
    due = started.date() + timedelta(days=rng.randint(3, 30))
    done = None
    # A real team clears old next steps: only the last six weeks still have open ones.
    if due < today and ((today - due).days > 45 or rng.random() < 0.7):
        done = min(today, due + timedelta(days=rng.randint(-3, 5)))
        done = max(done, started.date())
    return rng.choice(NEXT_STEPS), due, done


def _complaint_outcome(rng: random.Random, kind: ActivityKind, started: datetime, today: date):
    if kind != ActivityKind.COMPLAINT:
        return "", None
    age = (today - started.date()).days
    chance_closed = 1.0 if age > 90 else 0.9 if age > 30 else 0.4
    if rng.random() < chance_closed:
        closed = min(today, started.date() + timedelta(days=rng.randint(1, 20)))
        return rng.choice(RESOLUTIONS), closed
    return "", None


def _documents(session, progress: _Progress) -> Iterator[Document]:
    """The search documents, with the same fields as app.services.indexing's *_document builders
    (which need ORM objects; reading rows back keeps memory flat at a million activities)."""
    names: dict[int, str] = {}
    for row in bulk.stream_rows(
        session,
        "SELECT id, name, uscc, industry, region, address, owner, notes FROM clients ORDER BY id",
    ):
        names[row[0]] = row[1]
        yield Document("client", row[0], row[1], _join(row[2:]), pinyin_initials(row[1]))
        if row[0] % 1000 == 0:
            progress.advance(1000)
    contacts = list(
        bulk.stream_rows(
            session,
            "SELECT id, client_id, name, title, mobile, phone, email, notes FROM contacts"
            " ORDER BY id",
        )
    )
    for count, (cid, client_id, name, *body) in enumerate(contacts, 1):
        title = f"{name}({names[client_id]})"
        yield Document("contact", cid, title, _join(body), pinyin_initials(name))
        if count % 1000 == 0:
            progress.advance(1000)
    yield from _activity_documents(session, names, progress)


def _activity_documents(session, names: dict[int, str], progress: _Progress) -> Iterator[Document]:
    rows = bulk.stream_rows(
        session,
        "SELECT id, client_id, kind, started_at, subject, participants, notes, outcome,"
        " next_step, resolution FROM activities ORDER BY id",
    )
    count = 0
    for count, (aid, client_id, kind, started, subject, *rest) in enumerate(rows, 1):
        label = ACTIVITY_KIND_ZH[ActivityKind(kind)]
        head = f"{label} {names[client_id]} {str(started)[:10]}"
        yield Document("activity", aid, subject, _join((head, *rest)))
        if count % 5000 == 0:
            progress.advance(5000)
    progress.advance(count % 5000)


def _join(parts) -> str:
    return " ".join(p for p in parts if p)
