"""The change history (修改记录) in words: what happened, to which kind of record, and each
field's change as people read it ("等级：B → A").

Values are stored as they were shown when the change was made (dates as YYYY-MM-DD, money in
yuan as 1,234.50, closed vocabularies as their Chinese labels), so an entry reads the same years
later, whatever the schema has become since. Field names are stored as keys and put into words
here; a key this module no longer knows is shown as it is."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from app.domain import labels
from app.domain.documents import DocStatus, DocumentKind, LetterDirection, LetterStatus
from app.domain.enums import ActivityKind, ClientStatus
from app.domain.minutes import ActionStatus
from app.domain.money import fen_to_yuan, format_yuan
from app.domain.rebates import RebateStatus, Settlement
from app.domain.tenders import TenderMethod, TenderStatus
from app.domain.typography import chinese_punctuation

# The kinds of record that have a history (the same names the recycle bin commands use).
KINDS: tuple[str, ...] = (
    "client",
    "contact",
    "activity",
    "tender",
    "qualification",
    "document",
    "letter",
    "contract",
    "receipt",
    "minutes",
    "rebate",
)

KIND_LABELS: dict[str, tuple[str, str]] = {
    "client": ("客户", "Client"),
    "contact": ("联系人", "Contact"),
    "activity": ("活动", "Activity"),
    "tender": ("投标项目", "Tender"),
    "qualification": ("资质", "Qualification"),
    "document": ("文书", "Document"),
    "letter": ("函件", "Letter"),
    "contract": ("合同", "Contract"),
    "receipt": ("回款", "Receipt"),
    "minutes": ("会议纪要", "Meeting minutes"),
    "rebate": ("返点申请", "Rebate"),
    "news": ("客户动态", "Client news"),  # issue 13: deleted and restored through the bin
    "archive": ("档案", "Archive"),
}

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "create": ("新建", "Created"),
    "edit": ("修改", "Edited"),
    "delete": ("删除", "Deleted"),
    "restore": ("恢复", "Restored"),
    "purge": ("彻底删除", "Purged"),
    "status": ("状态", "Status"),
    "approve": ("审批", "Approval"),
    "bulk": ("批量", "Bulk"),
}

# Field labels by kind; COMMON applies to every kind unless the kind says otherwise.
COMMON: dict[str, tuple[str, str]] = {
    "client_id": ("客户", "Client"),
    "notes": ("备注", "Notes"),
    "status": ("状态", "Status"),
    "title": ("标题", "Title"),
    "attachment": ("附件", "Attachment"),
}

FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "client": {
        "name": ("客户名称", "Client name"),
        "uscc": ("统一社会信用代码", "USCC"),
        "tier": ("等级", "Tier"),
        "is_key_account": ("大客户", "Key account"),
        "industry": ("行业", "Industry"),
        "region": ("地区", "Region"),
        "address": ("地址", "Address"),
        "owner": ("客户经理", "Account manager"),
        "source": ("来源", "Source"),
        "created_on": ("建档日期", "Date on file"),
        "service_policy": ("服务政策", "Service policy"),
        "bank": ("开户行", "Bank"),
        "bank_account": ("银行账号", "Bank account"),
        "invoice_address": ("开票地址、电话", "Invoice address and phone"),
    },
    "contact": {
        "name": ("姓名", "Name"),
        "title": ("职务", "Position"),
        "mobile": ("手机", "Mobile"),
        "phone": ("座机", "Phone"),
        "email": ("邮箱", "E-mail"),
        "birthday": ("生日", "Birthday"),
        "is_decision_maker": ("决策人", "Decision maker"),
    },
    "activity": {
        "kind": ("类型", "Kind"),
        "started_at": ("开始时间", "Start"),
        "ended_at": ("结束时间", "End"),
        "subject": ("主题", "Subject"),
        "participants": ("参加人员", "Participants"),
        "notes": ("内容", "Notes"),
        "outcome": ("结果", "Outcome"),
        "next_step": ("下一步", "Next step"),
        "next_step_due": ("下一步期限", "Next step due"),
        "next_step_done_on": ("下一步完成日期", "Next step done on"),
        "expense_fen": ("费用", "Expense"),
        "resolution": ("处理结果", "Resolution"),
        "closed_on": ("结案日期", "Closed on"),
        "contacts": ("联系人", "Contacts"),
    },
    "tender": {
        "title": ("项目名称", "Project name"),
        "number": ("项目编号", "Project number"),
        "client_id": ("采购人", "Purchaser"),
        "agency": ("代理机构", "Agency"),
        "method": ("采购方式", "Procurement method"),
        "budget_fen": ("预算金额", "Budget"),
        "ceiling_fen": ("最高限价", "Ceiling price"),
        "source": ("信息来源", "Source"),
        "published_on": ("公告日期", "Published on"),
        "documents_deadline": ("获取招标文件截止", "Documents deadline"),
        "clarification_deadline": ("澄清截止", "Clarification deadline"),
        "bid_deadline": ("投标截止时间", "Bid deadline"),
        "opening_place": ("开标地点", "Opening place"),
        "evaluation_on": ("评标日期", "Evaluation"),
        "award_notice_on": ("中标公告日期", "Award notice"),
        "contract_signed_on": ("合同签订日期", "Contract signed on"),
        "bid_deposit_fen": ("投标保证金", "Bid deposit"),
        "deposit_paid_on": ("保证金缴纳日期", "Deposit paid on"),
        "deposit_refunded_on": ("保证金退还日期", "Deposit refunded on"),
        "performance_deposit_fen": ("履约保证金", "Performance deposit"),
        "service_fee_fen": ("中标服务费", "Service fee"),
        "winner": ("中标人", "Winner"),
        "winning_price_fen": ("中标价", "Winning price"),
        "our_price_fen": ("我方报价", "Our price"),
        "lessons": ("经验教训", "Lessons"),
        "bid_validity_days": ("投标有效期(天)", "Bid validity (days)"),
        "announcement_days": ("结果公告期限(工作日)", "Announcement period (working days)"),
        "delivery_period": ("交货期", "Delivery period"),
        "items": ("分项报价", "Price breakdown"),
    },
    "qualification": {
        "title": ("资质名称", "Qualification"),
        "kind": ("类别", "Kind"),
        "issuer": ("发证机关", "Issuer"),
        "valid_from": ("生效日期", "Valid from"),
        "expires_on": ("有效期至", "Expires on"),
    },
    "document": {
        "kind": ("文书类型", "Document kind"),
        "contact_id": ("联系人", "Contact"),
        "status": ("审核状态", "Review status"),
        "doc_number": ("发文字号", "Document number"),
        "issued_on": ("发文日期", "Issued on"),
        "approved_version": ("批准版本", "Approved version"),
        "version": ("版本", "Version"),
        "review": ("审核", "Review"),
    },
    "letter": {
        "direction": ("收发", "Direction"),
        "number": ("收文号/发文字号", "Register number"),
        "dated_on": ("日期", "Date"),
        "counterpart": ("来文/发往单位", "From/To"),
        "their_number": ("来文字号", "Their reference"),
        "title": ("标题/事由", "Title"),
        "copies": ("份数", "Copies"),
        "handler": ("经办人", "Handled by"),
        "status": ("办理情况", "Handling status"),
        "reply_due": ("复函期限", "Reply due"),
        "archived_on": ("归档日期", "Filed on"),
    },
    "contract": {
        "number": ("合同编号", "Contract number"),
        "signed_on": ("签订日期", "Signed on"),
        "amount_fen": ("合同金额", "Amount"),
        "payment_terms": ("付款条件", "Payment terms"),
        "payment_days": ("付款期限(天)", "Payment days"),
        "owner": ("负责人", "Owner"),
        "lines": ("合同明细", "Lines"),
    },
    "receipt": {
        "contract_id": ("合同", "Contract"),
        "received_on": ("回款日期", "Received on"),
        "amount_fen": ("金额", "Amount"),
        "method": ("回款方式", "Payment method"),
    },
    "minutes": {
        "title": ("会议名称", "Meeting title"),
        "held_at": ("会议时间", "Meeting time"),
        "place": ("地点", "Place"),
        "host": ("主持人", "Chair"),
        "attendees": ("出席人员", "Present"),
        "observers": ("列席人员", "Observers"),
        "absentees": ("缺席人员", "Absent"),
        "recorder": ("记录人", "Minutes taker"),
        "reviewer": ("审核人", "Reviewer"),
        "agenda": ("议题", "Agenda"),
        "discussion": ("讨论情况", "Discussion"),
        "other_matters": ("其他事项", "Other matters"),
        "next_meeting": ("下次会议", "Next meeting"),
        "distribution": ("分送", "Distributed to"),
        "copies_to": ("抄送", "Copies to"),
        "tender_id": ("投标项目", "Tender"),
        "decisions": ("决定事项", "Decisions"),
        "clients": ("相关客户", "Clients"),
        "action": ("事项", "Action item"),
    },
    "rebate": {
        "period_start": ("期间起", "Period from"),
        "period_end": ("期间止", "Period to"),
        "sales_fen": ("销售额", "Sales"),
        "receipts_fen": ("回款", "Receipts"),
        "rate": ("返点比例", "Rate"),
        "amount_fen": ("返点金额", "Rebate amount"),
        "applicant": ("申请人", "Applicant"),
        "approval": ("审批", "Approval"),
        "basis": ("申请方式", "Basis"),
        "expected_sales_fen": ("预计销售额", "Expected sales"),
        "approved_rate": ("批准返点比例", "Approved rate"),
        "approved_amount_fen": ("批准返点金额", "Approved amount"),
        "settlement": ("结算", "Settlement"),
        "settled_at": ("结算时间", "Settled at"),
    },
}

# The fields of a meeting's action item ("action.3.status" is 事项3·状态).
ACTION_ITEM_FIELDS: dict[str, tuple[str, str]] = {
    "task": ("事项", "Task"),
    "owner": ("责任人", "Owner"),
    "helpers": ("协办", "Helpers"),
    "due_on": ("完成时限", "Due date"),
    "status": ("状态", "Status"),
    "result": ("落实情况", "Result"),
}

# Fields that tell of an event (an approval step, a review, a new version, a file attached):
# added, they read as "审批：大客户部经理同意（赵经理）", not as a change from empty.
EVENT_FIELDS = frozenset({"approval", "review", "version", "attachment"})

# The longest value kept for one side of a change (long notes and texts are cut with …).
VALUE_LIMIT = 500
EMPTY = ("（空）", "(empty)")
_YES_NO_EN = {"是": "Yes", "否": "No"}
# The fields whose values are words of a closed vocabulary (app.domain.labels); "*.status" is
# the status of any item of a list (a meeting's action items: "action.3.status").
_VOCABULARY_FIELDS: dict[tuple[str, str], type] = {
    ("client", "status"): ClientStatus,
    ("activity", "kind"): ActivityKind,
    ("tender", "status"): TenderStatus,
    ("tender", "method"): TenderMethod,
    ("document", "kind"): DocumentKind,
    ("document", "status"): DocStatus,
    ("letter", "direction"): LetterDirection,
    ("letter", "status"): LetterStatus,
    ("rebate", "status"): RebateStatus,
    ("rebate", "settlement"): Settlement,
    ("minutes", "*.status"): ActionStatus,
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def kind_name(kind: str, lang: str = "zh") -> str:
    return _pick(KIND_LABELS.get(kind, (kind, kind)), lang)


def action_name(action: str, lang: str = "zh") -> str:
    return _pick(ACTION_LABELS.get(action, (action, action)), lang)


def field_name(kind: str, field: str, lang: str = "zh") -> str:
    """'tier' of a client -> 等级; 'action.3.status' of minutes -> 事项3·状态."""
    head, _, rest = field.partition(".")
    if rest and head in FIELDS.get(kind, {}):
        number, _, sub = rest.partition(".")
        label = _pick(FIELDS[kind][head], lang) + (f" {number}" if lang == "en" else number)
        if sub:
            sub_label = _pick(ACTION_ITEM_FIELDS.get(sub, (sub, sub)), lang)
            label += f" · {sub_label}" if lang == "en" else f"·{sub_label}"
        return label
    pair = FIELDS.get(kind, {}).get(field) or COMMON.get(field) or (field, field)
    return _pick(pair, lang)


def change_text(kind: str, field: str, old: object, new: object, lang: str = "zh") -> str:
    """'等级：B → A'; an empty side reads （空）."""
    if old in (None, "") and field in EVENT_FIELDS:
        return value_text(kind, field, new, lang)
    empty = _pick(EMPTY, lang)
    old_text = empty if old in (None, "") else _in_words(kind, field, str(old), lang)
    new_text = empty if new in (None, "") else _in_words(kind, field, str(new), lang)
    name = field_name(kind, field, lang)
    if lang == "en":
        return f"{name}: {old_text} → {new_text}"
    return f"{chinese_punctuation(name) + '：'}{old_text} → {new_text}"


def value_text(kind: str, field: str, value: object, lang: str = "zh") -> str:
    """'等级：B' (what a new record was created with)."""
    name = field_name(kind, field, lang)
    shown_value = (
        _pick(EMPTY, lang) if value in (None, "") else _in_words(kind, field, str(value), lang)
    )
    if lang == "en":
        return f"{name}: {shown_value}"
    return f"{chinese_punctuation(name) + '：'}{shown_value}"


def _in_words(kind: str, field: str, text: str, lang: str) -> str:
    """A recorded status, kind or yes/no in English when the history is read in English (it
    is recorded in Chinese words, as shown when the change was made)."""
    if lang != "en":
        return text
    if text in _YES_NO_EN:
        return _YES_NO_EN[text]
    sub = field.rsplit(".", 1)[-1] if "." in field else None
    of = _VOCABULARY_FIELDS.get((kind, field)) or _VOCABULARY_FIELDS.get((kind, f"*.{sub}"))
    return (labels.english_of(of, text) or text) if of is not None else text


# --- values as people read them ----------------------------------------------------------------


def shown(value: object) -> str | None:
    """A stored value as text for the history; None for nothing (None or blank)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return moment_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format_yuan(value)
    text = str(value).strip()
    if not text:
        return None
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def yes_no(value: object) -> str | None:
    return None if value is None else ("是" if value else "否")


def moment_text(value: datetime | None) -> str | None:
    """A date and time to the minute (seconds only when they are there)."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")


def money_text(fen: int | None) -> str | None:
    """Whole fen as yuan the way the app shows money: 1,234.50."""
    return None if fen is None else format_yuan(fen_to_yuan(fen))


def price_line(name: str, model: str, quantity: object, unit: str, price_fen: int) -> str:
    """One line of a price table as the history shows it: 服务器（R740）× 2台 @ 45,000.00."""
    label = f"{name}（{model}）× " if model else f"{name} × "
    return f"{label}{quantity}{unit or ''} @ {money_text(price_fen)}"
