"""Agreements, notices, letters and faxes drafted from templates: the template syntax, filling
placeholders, the review state machine, 发文字号 and readable diffs between versions.

Template syntax (see resources/templates/README.md):
  # 标题              the document title (one line)
  ## 一、标的          a clause heading
  > 右对齐文字         a right-aligned line (署名, 日期)
  < 顶格文字           a flush-left line without the two-character indent (主送单位:)
  | 标签 | 值 |        a label/value line; consecutive lines form one block (fax cover)
  other lines          paragraphs with the customary first-line indent
  {{key}} / {{key|标签}}   a placeholder; the label names it in the form the user fills in
  {{lines_table}} / {{signature}} / {{invoice_info}}   alone on a line: the contract lines, the
                      signature block and both parties' 开票信息
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.domain.contract_terms import sentence_around, trim_echo
from app.domain.errors import ValidationError
from app.domain.money import to_yuan
from app.domain.text import clean_multiline
from app.domain.typography import chinese_punctuation


class DocumentKind(StrEnum):
    AGREEMENT = "agreement"
    FRAMEWORK = "framework"
    NOTICE = "notice"
    LETTER = "letter"
    FAX = "fax"


KIND_ZH: dict[DocumentKind, str] = {
    DocumentKind.AGREEMENT: "合同",
    DocumentKind.FRAMEWORK: "框架协议",
    DocumentKind.NOTICE: "通知",
    DocumentKind.LETTER: "函",
    DocumentKind.FAX: "传真",
}

# Kinds that get a 发文字号 and go into the outgoing register when issued.
NUMBERED_KINDS = frozenset({DocumentKind.NOTICE, DocumentKind.LETTER, DocumentKind.FAX})
# Kinds signed by both parties (the signature block has two columns).
TWO_PARTY_KINDS = frozenset({DocumentKind.AGREEMENT, DocumentKind.FRAMEWORK})


def parse_kind(value: str) -> DocumentKind:
    for kind in DocumentKind:
        if value in (kind.value, KIND_ZH[kind]):
            return kind
    raise ValidationError("document_kind", "unknown_kind", value=value)


class DocStatus(StrEnum):
    DRAFT = "草稿"
    IN_REVIEW = "审核中"
    APPROVED = "已批准"
    SIGNED = "已签订"
    RETURNED = "退回"


class ReviewAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    SIGN = "sign"
    EDIT = "edit"


ACTION_ZH: dict[ReviewAction, str] = {
    ReviewAction.SUBMIT: "提交审核",
    ReviewAction.APPROVE: "批准",
    ReviewAction.RETURN: "退回",
    ReviewAction.SIGN: "签订",
    ReviewAction.EDIT: "修改",
}

_MOVES: dict[tuple[DocStatus, ReviewAction], DocStatus] = {
    (DocStatus.DRAFT, ReviewAction.EDIT): DocStatus.DRAFT,
    (DocStatus.DRAFT, ReviewAction.SUBMIT): DocStatus.IN_REVIEW,
    (DocStatus.IN_REVIEW, ReviewAction.APPROVE): DocStatus.APPROVED,
    (DocStatus.IN_REVIEW, ReviewAction.RETURN): DocStatus.RETURNED,
    (DocStatus.RETURNED, ReviewAction.EDIT): DocStatus.DRAFT,
    (DocStatus.RETURNED, ReviewAction.SUBMIT): DocStatus.IN_REVIEW,
    (DocStatus.APPROVED, ReviewAction.SIGN): DocStatus.SIGNED,
}

FINAL_STATUSES = frozenset({DocStatus.APPROVED, DocStatus.SIGNED})


def allowed_actions(status: DocStatus) -> list[ReviewAction]:
    return [action for (current, action) in _MOVES if current == DocStatus(status)]


def next_status(current: DocStatus, action: ReviewAction, comment: str = "") -> DocStatus:
    """The status after `action`; an illegal move or a return without a comment raises."""
    current, action = DocStatus(current), ReviewAction(action)
    target = _MOVES.get((current, action))
    if target is None:
        raise ValidationError(
            "document_status",
            "illegal_review_move",
            current=current.value,
            action=ACTION_ZH[action],
        )
    if action == ReviewAction.RETURN and not clean_multiline(comment):
        raise ValidationError("review_comment", "required_to_return")
    return target


# --- placeholders ------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|\s*([^{}]*?)\s*)?\}\}")
BLOCK_KEYS = ("lines_table", "signature", "invoice_info")
AUTO_PREFIXES = ("client.", "contact.", "company.", "doc.", "amount.")

KNOWN_LABELS: dict[str, str] = {
    "client.name": "客户名称",
    "client.uscc": "客户统一社会信用代码",
    "client.address": "客户地址",
    "client.region": "客户地区",
    "client.legal_representative": "客户法定代表人",
    "client.phone": "客户电话",
    "client.fax": "客户传真",
    "contact.name": "联系人",
    "contact.title": "联系人职务",
    "contact.mobile": "联系人手机",
    "contact.phone": "联系人电话",
    "contact.email": "联系人邮箱",
    "company.name": "我方公司名称",
    "company.uscc": "我方统一社会信用代码",
    "company.address": "我方地址",
    "company.legal_representative": "我方法定代表人",
    "company.phone": "我方电话",
    "company.fax": "我方传真",
    "company.bank": "我方开户银行",
    "company.bank_account": "我方银行账号",
    "client.bank": "客户开户行",
    "client.bank_account": "客户银行账号",
    "client.invoice_address": "客户开票地址、电话",
    "company.invoice_address": "我方开票地址、电话",
    "doc.copies_held": "各方执有份数",
    "doc.number": "发文字号",
    "doc.date": "成文日期",
    "doc.title": "标题",
    "amount.figures": "金额(小写)",
    "amount.capitals": "金额(大写)",
    "lines_table": "合同标的明细",
    "signature": "签署栏",
    "invoice_info": "开票信息",
}


OPTIONAL_MARK = "（可选）"  # as a label shows; a template may write it (可选) too
OPTIONAL_MARKS = (OPTIONAL_MARK, "(可选)")


@dataclass(frozen=True)
class Placeholder:
    key: str
    label: str

    @property
    def automatic(self) -> bool:
        """Filled from the archive (client, contact, company, document, amount), not typed."""
        return self.key.startswith(AUTO_PREFIXES) or self.key in BLOCK_KEYS

    @property
    def optional(self) -> bool:
        """Labelled '…（可选）' (or '…(可选)'): left empty, the whole line is left out."""
        return self.label.endswith(OPTIONAL_MARKS)


def _label(match: re.Match) -> str:
    """The label as the form and the command line show it: in Chinese punctuation, as the
    printed document has it ('质量标准(技术要求)' -> '质量标准（技术要求）')."""
    key, label = match.group(1), (match.group(2) or "").strip()
    return chinese_punctuation(label or KNOWN_LABELS.get(key, key))


def placeholders(text: str) -> list[Placeholder]:
    """Every placeholder of a template once, in order of first use, with its label."""
    seen: dict[str, str] = {}
    for match in PLACEHOLDER.finditer(text or ""):
        key = match.group(1)
        known = chinese_punctuation(KNOWN_LABELS.get(key, key))
        if key not in seen or (match.group(2) and seen[key] == known):
            seen[key] = _label(match)
    return [Placeholder(k, v) for k, v in seen.items()]


def free_placeholders(text: str) -> list[Placeholder]:
    return [p for p in placeholders(text) if not p.automatic]


def _value(values: Mapping[str, object], key: str) -> str:
    return str(values.get(key, "") or "").strip()


def missing_placeholders(text: str, values: Mapping[str, object]) -> list[Placeholder]:
    """Required placeholders without a value. A block placeholder counts as filled when its key
    has any non-empty value (the caller says so: contract lines exist, a signature is possible)."""
    return [p for p in placeholders(text) if not p.optional and not _value(values, p.key)]


def fill(
    text: str,
    values: Mapping[str, object],
    missing_mark: str | None = None,
    keep: tuple[str, ...] = BLOCK_KEYS,
) -> str:
    """Replaces each placeholder by its value, line by line. A line with an empty optional
    placeholder is left out. A missing value becomes `missing_mark` formatted with its label
    ('【未填:{label}】'), or stays as it is when no mark is given. `keep` keys stay untouched."""
    out: list[str] = []
    for line in (text or "").split("\n"):
        matches = list(PLACEHOLDER.finditer(line))
        if any(
            _label(m).endswith(OPTIONAL_MARK) and not _value(values, m.group(1)) for m in matches
        ):
            continue
        out.append(PLACEHOLDER.sub(lambda m: _replace(m, values, missing_mark, keep), line))
    return "\n".join(out)


def _replace(
    match: re.Match, values: Mapping[str, object], missing_mark: str | None, keep: tuple[str, ...]
) -> str:
    key = match.group(1)
    if key in keep:
        return match.group(0)
    value = _value(values, key)
    if value:
        before, after = _around(match)
        return trim_echo(before, value, after)  # never '自验收合格之日起自验收合格之日起…'
    if missing_mark is None:
        return match.group(0)
    return missing_mark.format(label=_label(match), key=key)


def _around(match: re.Match) -> tuple[str, str]:
    """The template words right before and right after a placeholder (up to the next one)."""
    line = match.string
    before = PLACEHOLDER.split(line[: match.start()])[-1] if match.start() else ""
    after = PLACEHOLDER.split(line[match.end() :])[0]
    return before, after


def prompts(text: str) -> dict[str, str]:
    """The sentence each placeholder fills, with its blank as ＿＿ (the first use of each):
    {'warranty': '质量保证期为自验收合格之日起＿＿。'}, shown beside the field being typed."""
    out: dict[str, str] = {}
    for line in (text or "").splitlines():
        for match in PLACEHOLDER.finditer(line):
            if match.group(1) not in out:
                out[match.group(1)] = sentence_around(line, match.start(), match.end(), PLACEHOLDER)
    return out


# --- template lines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One parsed template line: kind is title | heading | right | flush | field | para | block."""

    kind: str
    text: str
    value: str = ""  # the value of a field line
    cells: tuple[str, ...] = ()  # every cell of a table row (a field line has two)


_BLOCK_LINE = re.compile(r"\{\{\s*(" + "|".join(BLOCK_KEYS) + r")\s*(?:\|[^{}]*)?\}\}")


def parse_lines(text: str) -> list[Line]:
    """The template (filled or not) as typed lines; blank lines are dropped."""
    out: list[Line] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        block = _BLOCK_LINE.fullmatch(line)
        if block:
            out.append(Line("block", block.group(1)))
        elif line.startswith("## "):
            out.append(Line("heading", line[3:].strip()))
        elif line.startswith("# "):
            out.append(Line("title", line[2:].strip()))
        elif line.startswith("> "):
            out.append(Line("right", line[2:].strip()))
        elif line.startswith("< "):
            out.append(Line("flush", line[2:].strip()))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            out.append(Line("field", cells[0], " ".join(cells[1:]), tuple(cells)))
        else:
            out.append(Line("para", line))
    return out


def title_of(text: str) -> str:
    for line in parse_lines(text):
        if line.kind == "title":
            return line.text
    return ""


# --- 发文字号 ----------------------------------------------------------------------------------


def format_doc_number(year: int, seq: int, prefix: str = "") -> str:
    """(2026, 12, '华信函') -> '华信函〔2026〕12号'."""
    if seq < 1:
        raise ValueError(seq)
    return f"{(prefix or '').strip()}〔{year}〕{seq}号"


def format_cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- versions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    mark: str  # '+', '-' or ' '
    text: str


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Line by line: unchanged lines with ' ', removed with '-', added with '+'."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(DiffLine(" ", line) for line in a[i1:i2])
            continue
        out.extend(DiffLine("-", line) for line in a[i1:i2])
        out.extend(DiffLine("+", line) for line in b[j1:j2])
    return out


def diff_text(old: str, new: str) -> str:
    return "\n".join(f"{d.mark} {d.text}" for d in diff_lines(old, new))


def change_note(
    old_body: str, new_body: str, old_values: Mapping[str, object], new_values: Mapping[str, object]
) -> str:
    """What changed between two saves, in words: '修改正文 3 处；修改取值：交货地点、付款方式'
    (labels in Chinese punctuation, as the form shows them)."""
    parts: list[str] = []
    changed_lines = sum(1 for d in diff_lines(old_body, new_body) if d.mark == "+")
    removed = sum(1 for d in diff_lines(old_body, new_body) if d.mark == "-")
    if changed_lines or removed:
        parts.append(f"修改正文 {max(changed_lines, removed)} 处")
    labels = {p.key: p.label for p in placeholders(new_body) + placeholders(old_body)}
    keys = [
        k
        for k in dict.fromkeys([*old_values, *new_values])
        if old_values.get(k) != new_values.get(k)
    ]
    if keys:
        names = [
            labels.get(k, KNOWN_LABELS.get(k, "合同标的明细" if k == "lines" else k)) for k in keys
        ]
        parts.append("修改取值：" + "、".join(chinese_punctuation(n) for n in names))
    return "；".join(parts) or "未修改"


# --- the values typed into a version ------------------------------------------------------------


@dataclass(frozen=True)
class ContractLine:
    product: str
    spec: str = ""
    quantity: Decimal = Decimal("1")
    unit: str = ""
    unit_price: Decimal = Decimal("0.00")

    @property
    def amount(self) -> Decimal:
        return to_yuan(self.quantity * self.unit_price)


def load_values(text: str) -> tuple[dict[str, str], tuple[ContractLine, ...]]:
    """A version's stored values: the typed placeholder values and the contract lines."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        data = {}
    values = {str(k): str(v) for k, v in (data.get("values") or {}).items()}
    lines = tuple(
        ContractLine(str(p), str(s), Decimal(q), str(u), Decimal(price))
        for p, s, q, u, price in data.get("lines") or []
    )
    return values, lines


def dump_values(values: Mapping[str, str], lines: Sequence[ContractLine]) -> str:
    data = {
        "values": dict(values),
        "lines": [[x.product, x.spec, str(x.quantity), x.unit, str(x.unit_price)] for x in lines],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def search_text(values_json: str) -> str:
    """The typed values of a version as plain words for the search index."""
    values, lines = load_values(values_json)
    return " ".join([*values.values(), *(x.product for x in lines)])


# --- template files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateText:
    kind: DocumentKind
    name: str
    body: str


def parse_template_file(text: str, default_name: str = "") -> TemplateText:
    """A template file: '%% kind: …' and '%% name: …' header lines, then the body."""
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in (text or "").splitlines():
        if line.startswith("%%"):
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
        else:
            body.append(line)
    kind = parse_kind(meta.get("kind", DocumentKind.AGREEMENT.value))
    return TemplateText(kind, meta.get("name") or default_name, "\n".join(body).strip() + "\n")


# --- the letters register ------------------------------------------------------------------------


class LetterDirection(StrEnum):
    INCOMING = "in"
    OUTGOING = "out"


DIRECTION_ZH = {LetterDirection.INCOMING: "收文", LetterDirection.OUTGOING: "发文"}


class LetterStatus(StrEnum):
    PENDING = "待办理"
    IN_PROGRESS = "办理中"
    DONE = "已办结"
    SENT = "已发出"
    REPLIED = "已复函"  # an incoming letter a registered 发文 answers (issue 12)


# An incoming letter in one of these states waits for nothing: it leaves the 待复 list.
CLOSED_LETTER_STATUSES = frozenset({LetterStatus.DONE.value, LetterStatus.REPLIED.value})


def letter_overdue(reply_due: date | None, status: str, today: date) -> bool:
    """A reply is overdue when its due day has passed and the letter is neither done nor
    answered."""
    return reply_due is not None and reply_due < today and status not in CLOSED_LETTER_STATUSES


def format_incoming_number(year: int, seq: int) -> str:
    return f"收〔{year}〕{seq}号"
