"""The generated forms of a tender packet, as document blocks filled from the tender, the company
settings and what the user typed. A value nobody filled in prints as a blank line to write on by
hand (and the checklist names it), never as an empty gap or a raw placeholder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from app.domain.amounts import rmb_capitals
from app.domain.blocks import Block, Fields, Gap, Grid, Heading, Para, Signature
from app.domain.money import format_yuan
from app.domain.parsing import ric_gender
from app.services.settings import CompanySettings
from app.services.tender_record import TenderRecord

BLANK = "＿＿＿＿＿＿"
BLANK_ROWS = 10  # printing fits as many as fill the page (tender_packet.build_pdf)


@dataclass(frozen=True)
class FormContext:
    tender: TenderRecord
    company: CompanySettings
    content: dict
    date_text: str
    missing: list[str]  # filled while building: the labels of values nobody entered
    blank_rows: int = BLANK_ROWS  # an empty table prints this many numbered rows to fill by hand

    def value(self, label: str, value: object) -> str:
        text = "" if value is None else str(value).strip()
        if not text:
            self.missing.append(label)
            return BLANK
        return text

    def typed(self, key: str, label: str) -> str:
        return self.value(label, self.content.get(key))

    @property
    def total(self) -> Decimal:
        return self.tender.items_total

    def bidder_signature(self) -> Signature:
        return Signature(
            [
                f"投标人(盖章):{self.value('公司名称', self.company.name)}",
                "法定代表人或授权代表(签字):",
                f"日期:{self.date_text}",
            ]
        )


def _recipient(ctx: FormContext) -> str:
    return ctx.tender.draft.agency or ctx.tender.client_name


def bid_letter(ctx: FormContext) -> list[Block]:
    d = ctx.tender.draft
    total = ctx.total
    return [
        Heading("投标函"),
        Para(f"致:{ctx.value('采购代理机构/采购人', _recipient(ctx))}", indent=False),
        Para(
            f"根据贵方“{d.title}”项目(项目编号:{ctx.value('项目编号', d.number)})的招标文件,"
            f"我方经详细审阅和研究,决定参加投标,并正式提交投标文件正本一份、副本若干份。"
        ),
        Para(f"1. 我方投标总报价为人民币(大写){rmb_capitals(total)}(¥{format_yuan(total)})。"),
        Para(f"2. 我方承诺投标有效期为自投标截止之日起 {d.bid_validity_days} 日历天。"),
        Para(f"3. 交货期/服务期:{ctx.value('交货期', d.delivery_period)}。"),
        Para("4. 我方已详细审查全部招标文件,完全理解并同意放弃对这方面有不明及误解的权利。"),
        Para("5. 我方同意提供贵方可能要求的与本投标有关的一切数据或资料。"),
        Para("6. 若我方中标,我方保证按招标文件规定签订合同、缴纳履约保证金,并履行合同义务。"),
        Gap(4),
        Fields(
            [
                ("地址:", ctx.value("公司地址", ctx.company.address)),
                ("电话:", ctx.value("公司电话", ctx.company.phone)),
                ("传真:", ctx.company.fax or BLANK),
            ]
        ),
        ctx.bidder_signature(),
    ]


def opening_summary(ctx: FormContext) -> list[Block]:
    """A label / value table: the amounts and the project number each get the whole value column,
    so they are never broken; a long project name wraps inside it."""
    d = ctx.tender.draft
    total = ctx.total
    rows = [
        ["项目名称", d.title],
        ["项目编号", ctx.value("项目编号", d.number)],
        ["投标总价(小写)", f"¥{format_yuan(total)}"],
        ["投标总价(大写)", f"人民币{rmb_capitals(total)}"],
        ["交货期/服务期", ctx.value("交货期", d.delivery_period)],
        ["投标有效期", f"自投标截止之日起 {d.bid_validity_days} 日历天"],
        ["备注", ctx.content.get("remark", "")],
    ]
    return [
        Heading("开标一览表"),
        Grid((), rows, widths=[0.26, 0.74], label_column=True),
        Gap(2),
        Para("注:投标总价应与投标分项报价表合计一致。", indent=False, size=10),
        ctx.bidder_signature(),
    ]


def price_breakdown(ctx: FormContext) -> list[Block]:
    rows = [
        [
            str(i),
            item.name,
            item.brand_model,
            f"{item.quantity.normalize():f} {item.unit}".strip(),
            format_yuan(item.unit_price),
            format_yuan(item.total),
        ]
        for i, item in enumerate(ctx.tender.items, start=1)
    ]
    if not rows:
        ctx.missing.append("报价明细")
    rows.append(["", "合计", "", "", "", format_yuan(ctx.total)])
    return [
        Heading("投标分项报价表"),
        Para(
            f"项目名称:{ctx.tender.draft.title}    项目编号:{ctx.tender.draft.number}", indent=False
        ),
        Grid(
            ["序号", "货物/服务名称", "品牌/型号", "数量", "单价(元)", "总价(元)"],
            rows,
            widths=[0.07, 0.28, 0.22, 0.12, 0.15, 0.16],
            align_right=(3, 4, 5),
            total_row=True,
        ),
        Para(f"合计金额(大写):{rmb_capitals(ctx.total)}", indent=False),
        ctx.bidder_signature(),
    ]


def _legal_rep_gender(ctx: FormContext) -> str:
    """From the ID number in the company settings (its 17th digit), else what was typed in
    an older version's form."""
    return ric_gender(ctx.company.legal_rep_id_number) or ctx.typed("gender", "法定代表人性别")


def legal_rep(ctx: FormContext) -> list[Block]:
    c = ctx.company
    return [
        Heading("法定代表人身份证明"),
        Fields(
            [
                ("投标人名称:", ctx.value("公司名称", c.name)),
                ("统一社会信用代码:", ctx.value("统一社会信用代码", c.uscc)),
                ("地址:", ctx.value("公司地址", c.address)),
                ("姓名:", ctx.value("法定代表人", c.legal_representative)),
                ("性别:", _legal_rep_gender(ctx)),
                ("职务:", ctx.value("法定代表人职务(公司信息)", c.legal_rep_title)),
                ("身份证号码:", ctx.value("法定代表人身份证号(公司信息)", c.legal_rep_id_number)),
            ]
        ),
        Para(f"系{c.name or BLANK}的法定代表人。特此证明。"),
        Para("(附:法定代表人身份证复印件正反面)", indent=False, size=10),
        Signature([f"投标人(盖章):{c.name or BLANK}", f"日期:{ctx.date_text}"]),
    ]


def authorization(ctx: FormContext) -> list[Block]:
    c = ctx.company
    agent = ctx.typed("agent_name", "被授权人姓名")
    return [
        Heading("授权委托书"),
        Para(
            f"本人{ctx.value('法定代表人', c.legal_representative)}系{ctx.value('公司名称', c.name)}"
            f"的法定代表人,现授权委托{agent}为我方代理人,以我方名义参加“{ctx.tender.draft.title}”"
            f"项目(项目编号:{ctx.tender.draft.number})的投标活动,签署、澄清、说明、补正、递交、撤回、"
            "修改投标文件,签订合同和处理有关事宜,其法律后果由我方承担。"
        ),
        Para("委托期限:自本授权书签署之日起至投标有效期满。代理人无转委托权。"),
        Fields(
            [
                ("法定代表人:", ctx.value("法定代表人", c.legal_representative)),
                ("职务:", ctx.value("法定代表人职务(公司信息)", c.legal_rep_title)),
                ("身份证号码:", ctx.value("法定代表人身份证号(公司信息)", c.legal_rep_id_number)),
            ]
        ),
        Gap(3),
        Fields(
            [
                ("被授权人:", agent),
                ("身份证号码:", ctx.typed("agent_id_number", "被授权人身份证号码")),
                ("职务:", ctx.typed("agent_position", "被授权人职务")),
                ("联系电话:", ctx.typed("agent_phone", "被授权人电话")),
            ]
        ),
        Signature(
            [
                f"投标人(盖章):{c.name or BLANK}",
                "法定代表人(签字):",
                "被授权人(签字):",
                f"日期:{ctx.date_text}",
            ]
        ),
    ]


def sme_declaration(ctx: FormContext) -> list[Block]:
    c = ctx.company
    return [
        Heading("中小企业声明函"),
        Para(
            f"本公司(联合体)郑重声明,根据《政府采购促进中小企业发展管理办法》(财库〔2020〕46号)的规定,"
            f"本公司参加{ctx.tender.client_name}的“{ctx.tender.draft.title}”采购活动,"
            f"提供的货物/服务全部由符合政策要求的中小企业制造/承接。相关企业的具体情况如下:"
        ),
        Para(
            f"{ctx.value('公司名称', c.name)},属于{ctx.typed('industry', '所属行业')}行业;"
            f"从业人员{ctx.typed('employees', '从业人员')}人,营业收入为{ctx.typed('revenue', '营业收入')}万元,"
            f"资产总额为{ctx.typed('assets', '资产总额')}万元,属于{ctx.typed('size', '企业规模')}。"
        ),
        Para(
            "以上企业,不属于大企业的分支机构,不存在控股股东为大企业的情形,也不存在与大企业的负责人为"
            "同一人的情形。本企业对上述声明内容的真实性负责。如有虚假,将依法承担相应责任。"
        ),
        Signature([f"企业名称(盖章):{c.name or BLANK}", f"日期:{ctx.date_text}"]),
    ]


def is_blank_table(form: str, content: dict) -> bool:
    """A response/deviation table nobody filled: it prints rows to fill by hand."""
    return form in ("tech_deviation", "biz_deviation") and not content.get("rows")


def _deviation(title: str) -> Callable[[FormContext], list[Block]]:
    def build(ctx: FormContext) -> list[Block]:
        rows = [
            [str(i)] + [str(v) for v in (list(r) + [""] * 4)[:4]]
            for i, r in enumerate(ctx.content.get("rows") or [], start=1)
        ]
        if not rows:  # numbered rows two lines high, to fill in by hand
            ctx.missing.append(f"{title}条目")
            rows = [[str(i), "\n", "", "", ""] for i in range(1, ctx.blank_rows + 1)]
        return [
            Heading(title),
            Para(
                f"项目名称:{ctx.tender.draft.title}    项目编号:{ctx.tender.draft.number}",
                indent=False,
            ),
            Grid(
                ["序号", "招标文件要求", "投标响应", "偏离情况", "说明"],
                rows,
                widths=[0.07, 0.33, 0.33, 0.12, 0.15],
            ),
            Para("注:偏离情况填写“无偏离”“正偏离”或“负偏离”。", indent=False, size=10),
            ctx.bidder_signature(),
        ]

    return build


DEFAULT_AFTER_SALES = (
    "一、质保期:自验收合格之日起提供不少于三年的免费质保服务。\n"
    "二、响应时间:接到报修后 2 小时内响应,24 小时内到达现场,48 小时内解决问题。\n"
    "三、服务网点:在项目所在地设有服务网点,配备专职技术人员。\n"
    "四、培训:为采购人免费提供操作和维护培训,直至相关人员熟练掌握。\n"
    "五、备品备件:质保期满后以优惠价格长期提供备品备件和技术支持。"
)


def after_sales(ctx: FormContext) -> list[Block]:
    text = ctx.content.get("text") or DEFAULT_AFTER_SALES
    return [
        Heading("售后服务承诺"),
        Para(f"致:{_recipient(ctx)}", indent=False),
        Para(f"我方就“{ctx.tender.draft.title}”项目郑重承诺如下:"),
        *[Para(line, indent=False) for line in text.splitlines() if line.strip()],
        ctx.bidder_signature(),
    ]


def free_text(ctx: FormContext) -> list[Block]:
    title = ctx.content.get("heading") or ""
    text = ctx.content.get("text") or ""
    if not text.strip():
        ctx.missing.append("正文")
    blocks: list[Block] = [Heading(title)] if title else []
    return blocks + [Para(line) for line in text.splitlines() if line.strip()]


FORMS: dict[str, Callable[[FormContext], list[Block]]] = {
    "bid_letter": bid_letter,
    "opening_summary": opening_summary,
    "price_breakdown": price_breakdown,
    "legal_rep": legal_rep,
    "authorization": authorization,
    "sme_declaration": sme_declaration,
    "tech_deviation": _deviation("技术响应/偏离表"),
    "biz_deviation": _deviation("商务响应/偏离表"),
    "after_sales": after_sales,
    "text": free_text,
}

FORM_LABELS = {
    "bid_letter": "投标函",
    "opening_summary": "开标一览表",
    "price_breakdown": "投标分项报价表",
    "legal_rep": "法定代表人身份证明",
    "authorization": "授权委托书",
    "sme_declaration": "中小企业声明函",
    "tech_deviation": "技术响应/偏离表",
    "biz_deviation": "商务响应/偏离表",
    "after_sales": "售后服务承诺",
    "text": "文字章节",
}

# The fields a user types for each form (key, label), for the builder's form editor and the CLI.
FORM_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "opening_summary": (("remark", "备注"),),
    # 姓名, 职务 and 身份证号 (and from it 性别) come from 公司信息 in the settings
    "authorization": (
        ("agent_name", "被授权人姓名"),
        ("agent_id_number", "身份证号码"),
        ("agent_position", "职务"),
        ("agent_phone", "联系电话"),
    ),
    "sme_declaration": (
        ("industry", "所属行业"),
        ("employees", "从业人员(人)"),
        ("revenue", "营业收入(万元)"),
        ("assets", "资产总额(万元)"),
        ("size", "企业规模(中型/小型/微型企业)"),
    ),
    "after_sales": (("text", "承诺内容"),),
    "text": (("heading", "标题"), ("text", "正文")),
}
