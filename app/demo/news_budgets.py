"""Demo expense budgets (费用预算: this month and the five before, per account manager and
kind of activity, near what was spent) and client news (客户动态: about 40
items over the last six months, from 官网, 公众号, 政府采购网 and 报纸)."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from app.domain.periods import add_months
from app.domain.queries import ClientQuery
from app.services import budgets, clients, news, plans
from app.services.archive import Archive

NEWS_ITEMS = 40
HEADLINES = (
    (
        "政府采购网",
        "{short}{year}年度办公设备采购项目公开招标公告",
        "预算金额已公布，关注投标截止时间。",
    ),
    ("政府采购网", "{short}信息化设备询价采购结果公告", "中标单位非我方，了解报价差距。"),
    ("官网", "{short}发布年度经营报告，营业收入同比增长", "可作为续签框架协议时的谈判依据。"),
    ("官网", "{short}新厂区正式投产", "新厂区将有设备采购需求，安排拜访。"),
    ("公众号", "{short}启动年终促销活动", "客户促销期间备货量可能增加。"),
    ("公众号", "{short}召开供应商大会", "我方受邀参会，由客户经理出席。"),
    ("报纸", "{short}入选本市重点培育企业名单", ""),
    ("报纸", "{short}与高校签署产学研合作协议", "技术交流的切入点。"),
)


def add_demo_budgets_and_news(archive: Archive, seed: int = 7) -> tuple[int, int]:
    """Adds the budgets and the news items; returns how many of each."""
    rng = random.Random(seed)
    return _budgets(archive, rng), _news(archive, rng)


def _budgets(archive: Archive, rng: random.Random) -> int:
    """Each month's budget near what was spent (some over, some under), in whole hundreds."""
    today, count = archive.today(), 0
    owners = set(plans.owner_names(archive))
    for back in range(6):
        first = add_months(today, -back)
        last = add_months(today, 1 - back) - timedelta(days=1)
        for line in budgets.budget_report(archive, first, last).lines:
            if line.owner in owners and line.spent:
                factor = Decimal(rng.choice((80, 90, 100, 110, 120, 130))) / 100
                amount = max(Decimal(500), (line.spent * factor / 100).quantize(Decimal(1)) * 100)
                budgets.set_budget(archive, f"{first:%Y-%m}", line.owner, line.kind, amount)
                count += 1
    return count


def _news(archive: Archive, rng: random.Random) -> int:
    ids = clients.list_client_ids(archive, ClientQuery())[:200]
    today, count = archive.today(), 0
    for client_id in rng.sample(list(ids), min(len(ids), NEWS_ITEMS)):
        client = clients.get_client(archive, client_id)
        if "公司" not in client.name:  # a purchaser (a bureau, a hospital) has no such news
            continue
        source, title, note = rng.choice(HEADLINES)
        day = today - timedelta(days=rng.randint(0, 182))
        short = client.name.replace("有限公司", "").replace("股份", "")[:10]
        url = f"https://www.example.com/news/{client_id}.html" if source != "报纸" else ""
        draft = news.NewsDraft(
            client_id, day, title.format(short=short, year=day.year), source, url, note
        )
        news.add_news(archive, draft)
        count += 1
    return count
