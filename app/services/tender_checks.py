"""The tender packet's checklist (what would get the bid thrown out, 废标) as pure functions of
records: the tender, the packet's sections with their files, which qualifications have scans and
the company settings. The packet builder's window (app.services.tender_packet, through a session)
and `tender show` (app.services.tender_view, sqlite3 alone on an archive file) both check with
these, so the two cannot drift (issue 11)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from app.domain.tenders import QualificationState, qualification_state
from app.domain.typography import chinese_punctuation
from app.services.packet_forms import FORMS, FormContext
from app.services.settings import CompanySettings
from app.services.tender_record import TenderRecord

QUALIFICATION_SECTION = "资格证明文件"

# (title, form code or '' for files, required): the sections of DOMAIN.md, in the usual order.
TEMPLATE: tuple[tuple[str, str, bool], ...] = (
    ("投标函", "bid_letter", True),
    ("开标一览表", "opening_summary", True),
    ("投标分项报价表", "price_breakdown", True),
    ("法定代表人身份证明", "legal_rep", True),
    ("授权委托书", "authorization", False),
    (QUALIFICATION_SECTION, "", True),
    ("中小企业声明函", "sme_declaration", False),
    ("技术响应/偏离表", "tech_deviation", True),
    ("商务响应/偏离表", "biz_deviation", True),
    ("售后服务承诺", "after_sales", False),
    ("业绩证明", "", False),
)


@dataclass(frozen=True)
class PacketFileRecord:
    id: int
    label: str  # its title in the section, as the 目录 and the bookmarks print it
    qualification_id: int | None
    attachment_id: int | None
    expires_on: date | None
    state: QualificationState | None
    sha256: str | None = None  # a file added straight to the section: its stored content
    default_label: str = ""  # the title it has when nobody names it


@dataclass(frozen=True)
class SectionRecord:
    id: int
    position: int
    title: str
    form: str  # '' for a files section
    required: bool
    content: dict
    files: tuple[PacketFileRecord, ...]

    @property
    def is_form(self) -> bool:
        return bool(self.form)


@dataclass(frozen=True)
class CheckItem:
    level: str  # 'error' blocks a final print; 'warning' and 'info' do not
    code: str
    text: str


def template_sections() -> list[SectionRecord]:
    """The sections a tender without a packet gets (app.services.tender_packet.ensure_packet
    stores them when the packet is first opened): what the checklist checks until then, so
    that looking at a tender writes nothing. Not stored, they have no ids (0)."""
    return [
        SectionRecord(0, position, title, form, required, {}, ())
        for position, (title, form, required) in enumerate(TEMPLATE)
    ]


def date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def form_context(
    record: TenderRecord, company: CompanySettings, section: SectionRecord, today: date
) -> FormContext:
    """What a form section is filled from; its `missing` collects the values nobody entered."""
    return FormContext(record, company, section.content, date_text(today), [])


def checks(
    record: TenderRecord,
    packet: list[SectionRecord],
    company: CompanySettings,
    today: date,
    scanned: Collection[int],
    missing_values: bool = True,
) -> list[CheckItem]:
    """The checklist, texts as printed. `scanned`: the ids of the qualifications with a scan.
    `missing_values=False` leaves out the forms' unfilled values (the costly check: it lays out
    every form), as printing does."""
    items: list[CheckItem] = []
    items += check_sections(packet)
    items += check_qualifications(record, packet, today, scanned)
    items += check_money(record)
    items += check_company(company)
    if missing_values:
        items += check_missing_values(record, packet, company, today)
    signed = [s.title for s in packet if s.is_form and s.form not in ("text",)]
    if signed:
        items.append(
            CheckItem(
                "info",
                "signature_places",
                "需签字、盖章的章节:" + "、".join(signed) + "(打印后逐页核对签字盖章)",
            )
        )
    return [replace(item, text=chinese_punctuation(item.text)) for item in items]  # as printed


def check_sections(packet: list[SectionRecord]) -> list[CheckItem]:
    items = []
    present_forms = {s.form for s in packet if s.form}
    present_titles = {s.title for s in packet}
    for title, form, required in TEMPLATE:
        if (
            required
            and form
            and form not in present_forms
            or required
            and not form
            and title not in present_titles
        ):
            items.append(CheckItem("error", "section_missing", f"缺少必需章节“{title}”"))
    for s in packet:
        if not s.is_form and not s.files and s.required:
            items.append(CheckItem("error", "section_empty", f"章节“{s.title}”还没有文件"))
        elif not s.is_form and not s.files:
            items.append(
                CheckItem("warning", "section_empty", f"章节“{s.title}”没有文件,打印时将跳过")
            )
    return items


def check_qualifications(
    record: TenderRecord, packet: list[SectionRecord], today: date, scanned: Collection[int]
) -> list[CheckItem]:
    deadline = record.draft.bid_deadline.date() if record.draft.bid_deadline else today
    items = []
    for s in packet:
        for f in s.files:
            if f.qualification_id is None:
                continue
            state = qualification_state(f.expires_on, deadline)
            if state == QualificationState.EXPIRED:
                items.append(
                    CheckItem(
                        "error",
                        "qualification_expired",
                        f"资质“{f.label}”于 {f.expires_on} 到期,早于投标截止日 {deadline}",
                    )
                )
            if f.qualification_id not in scanned:
                items.append(
                    CheckItem("error", "qualification_no_scan", f"资质“{f.label}”没有扫描件")
                )
    if record.draft.bid_deadline is None:
        items.append(CheckItem("warning", "no_deadline", "未填写投标截止时间,无法核对资质有效期"))
    return items


def check_money(record: TenderRecord) -> list[CheckItem]:
    d = record.draft
    items = []
    if d.bid_deposit is None:
        items.append(
            CheckItem(
                "error",
                "deposit_missing",
                "投标保证金未填写（填写金额和缴纳日期；招标文件不收取的，选“免收”）",
            )
        )
    elif d.deposit_waived:
        items.append(CheckItem("info", "deposit_waived", "投标保证金：免收"))
    elif d.deposit_paid_on is None:
        items.append(CheckItem("error", "deposit_missing", "投标保证金未登记缴纳日期"))
    if "deposit_above_2_percent" in record.warnings:
        items.append(CheckItem("warning", "deposit_above_2_percent", "投标保证金超过预算金额的 2%"))
    limit = d.ceiling if d.ceiling is not None else d.budget
    total = record.items_total
    if not record.items:
        items.append(CheckItem("error", "no_items", "投标分项报价表没有报价明细"))
    elif limit is not None and total > limit:
        items.append(
            CheckItem(
                "error",
                "above_budget",
                f"投标总价 ¥{total:,.2f} 超过{'最高限价' if d.ceiling is not None else '预算金额'} ¥{limit:,.2f}",
            )
        )
    return items


def check_company(company: CompanySettings) -> list[CheckItem]:
    missing = [
        label
        for label, value in (
            ("公司名称", company.name),
            ("法定代表人", company.legal_representative),
            ("统一社会信用代码", company.uscc),
        )
        if not value
    ]
    if missing:
        return [
            CheckItem(
                "error",
                "company_incomplete",
                "公司信息缺少:" + "、".join(missing) + "(在设置中填写)",
            )
        ]
    return []


def check_missing_values(
    record: TenderRecord, packet: list[SectionRecord], company: CompanySettings, today: date
) -> list[CheckItem]:
    items = []
    for s in packet:
        if not s.is_form:
            continue
        ctx = form_context(record, company, s, today)
        FORMS[s.form](ctx)
        if ctx.missing:
            items.append(
                CheckItem(
                    "warning",
                    "values_missing",
                    f"“{s.title}”未填写:{'、'.join(dict.fromkeys(ctx.missing))}(将留空待手写)",
                )
            )
    return items
