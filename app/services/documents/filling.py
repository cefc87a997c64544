"""Filling a document in: the automatic values (client, contact, company, 发文字号, dates, amount
in capitals) overlaid by the typed ones, what is still missing, the filled text and the diff
between two versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from app.domain import documents as rules
from app.domain.amounts import rmb_capitals
from app.domain.contract_terms import capital_count, copies_held, parse_count
from app.domain.documents import (
    FINAL_STATUSES,
    NUMBERED_KINDS,
    ContractLine,
    DocStatus,
    DocumentKind,
    Placeholder,
)
from app.domain.money import format_yuan, parse_yuan
from app.domain.typography import chinese_punctuation
from app.services.archive import Archive
from app.services.documents.reading import (
    FillSources,
    read_document,
    sources_in_session,
    version_row,
)

if TYPE_CHECKING:
    from app.db.models import DocumentVersion
    from app.domain import text_diff


class FilledDocument(Protocol):
    """What filling in reads of a document: a saved one (either reader's), or the editor's
    unsaved state."""

    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def doc_number(self) -> str | None: ...
    @property
    def issued_on(self) -> date | None: ...
    @property
    def client_id(self) -> int | None: ...


MISSING_MARK = "【未填:{label}】"
# An agreement is dated when it is signed: until then its 签订日期 is a line to fill in by hand.
BLANK_DATE = "＿＿＿＿年＿＿月＿＿日"  # a line to write the date on when signing
# A notice, letter or fax draft has no 发文字号 yet: it is given when the document is issued.
UNNUMBERED = "(发文时编号)"


def fill_context(
    archive: Archive, session, document: FilledDocument, values, lines
) -> dict[str, str]:
    """context_of for a document read through `session` (the editor's preview)."""
    return context_of(document, values, lines, sources_in_session(archive, session, document))


def context_of(
    document: FilledDocument,
    values: Mapping[str, str],
    lines: Sequence[ContractLine],
    sources: FillSources,
) -> dict[str, str]:
    """The automatic values (client, contact, company, document, amount) overlaid by typed ones;
    computed from what was read, whichever reader read it."""
    out: dict[str, str] = {f"company.{k}": v for k, v in sources.company.__dict__.items()}
    client = sources.client
    if client is not None:
        out.update(
            {
                "client.name": client.name,
                "client.uscc": client.uscc or "",
                "client.address": client.address,
                "client.region": client.region,
                "client.bank": client.bank or "",
                "client.bank_account": client.bank_account or "",
                "client.invoice_address": client.invoice_address or "",
            }
        )
    contact = sources.contact
    if contact is not None:
        out.update(
            {
                "contact.name": contact.name,
                "contact.title": contact.title,
                "contact.mobile": contact.mobile or "",
                "contact.phone": contact.phone or contact.mobile or "",
                "contact.email": contact.email or "",
            }
        )
    out.update(_document_values(document, values, lines, sources))
    out.update({k: v for k, v in values.items() if v})
    if DocumentKind(document.kind) in rules.TWO_PARTY_KINDS:
        out.update(contract_wording(out))
    final = DocStatus(document.status) in FINAL_STATUSES
    if not out.get("doc.number") and DocumentKind(document.kind) in NUMBERED_KINDS and not final:
        out["doc.number"] = UNNUMBERED
    out["signature"] = "1" if _signature_ready(document, out) else ""
    return out


def contract_wording(context: Mapping[str, str]) -> dict[str, str]:
    """What a two-party contract's words take from its values: the copies in capitals with who
    keeps how many (一式肆份，甲乙双方各执贰份), our 开票地址、电话 (address and phone from
    公司信息), and whether the 开票信息 of both parties is complete."""
    out: dict[str, str] = {}
    company_line = " ".join(
        p for p in (context.get("company.address", ""), context.get("company.phone", "")) if p
    )
    if company_line and not context.get("company.invoice_address"):
        out["company.invoice_address"] = company_line
    count = parse_count(context.get("copies", ""))
    held = copies_held(count) if count is not None else None
    if held is not None:
        out["copies"], out["doc.copies_held"] = capital_count(count), held
    merged = {**context, **out}
    out["invoice_info"] = "" if invoice_gaps(merged) else "1"
    return out


def invoice_gaps(context: Mapping[str, str]) -> list[str]:
    """The 开票信息 values still missing, by label: '客户开户行(客户档案)'."""
    gaps = [] if context.get("client.name") else ["客户(请关联客户)"]
    for key in INVOICE_KEYS:
        if key.startswith("client.") and not context.get("client.name"):
            continue
        if not context.get(key):
            where = "客户档案" if key.startswith("client.") else "设置→公司信息"
            gaps.append(f"{rules.KNOWN_LABELS.get(key, key)}({where})")
    return gaps


INVOICE_KEYS = (
    "client.name",
    "client.uscc",
    "client.invoice_address",
    "client.bank",
    "client.bank_account",
    "company.name",
    "company.uscc",
    "company.invoice_address",
    "company.bank",
    "company.bank_account",
)


def _document_values(
    document: FilledDocument, values, lines, sources: FillSources
) -> dict[str, str]:
    out = {
        "doc.number": document.doc_number or "",
        "doc.date": _doc_date(document, sources),
        "doc.title": document.title,
        "lines_table": "1" if lines else "",
    }
    amount = _amount(values, lines)
    if amount is not None:
        out["amount.figures"] = f"¥{format_yuan(amount)}"
        out["amount.capitals"] = rmb_capitals(amount)
    return out


def _doc_date(document: FilledDocument, sources: FillSources) -> str:
    """成文日期 of a notice, letter or fax: its issue date, today while not issued. 签订日期 of an
    agreement: the day it was signed (the 签订 review step), a blank line to fill in by hand
    before that, so a reprint never changes the date."""
    if DocumentKind(document.kind) not in rules.TWO_PARTY_KINDS:
        return rules.format_cn_date(document.issued_on or sources.today)
    signed = sources.signed_on if DocStatus(document.status) == DocStatus.SIGNED else None
    return rules.format_cn_date(signed) if signed is not None else BLANK_DATE


def _amount(values: Mapping[str, str], lines: Sequence[ContractLine]) -> Decimal | None:
    if lines:
        return sum((line.amount for line in lines), Decimal("0.00"))
    if values.get("amount"):
        try:
            return parse_yuan(values["amount"])
        except ValueError:
            return None
    return None


def _signature_ready(document: FilledDocument, context: Mapping[str, str]) -> bool:
    if not context.get("company.name"):
        return False
    two_party = DocumentKind(document.kind) in rules.TWO_PARTY_KINDS
    return not two_party or bool(context.get("client.name"))


def version_data(session, document_id: int, version: int | None):
    """Version `version` of the document (None: its latest) read through `session`, with its
    typed values and contract lines."""
    row: DocumentVersion = version_row(session, document_id, version)
    values, lines = rules.load_values(row.values)
    return row, values, lines


def missing_values(
    archive: Archive, document_id: int, version: int | None = None
) -> list[Placeholder]:
    """Placeholders of the document that have no value (shown before printing)."""
    source = read_document(archive, document_id, version)
    context = context_of(source.document, source.values, source.lines, source.sources)
    return explained(source.document, rules.missing_placeholders(source.body, context), context)


def explained(
    document: FilledDocument, missing: list[Placeholder], context: Mapping[str, str] | None = None
) -> list[Placeholder]:
    out = []
    for p in missing:
        if p.key == "doc.copies_held" and not (context or {}).get("copies"):
            continue  # the count itself is listed as missing: say it once
        label = p.label
        if p.key == "invoice_info":
            label = "开票信息(缺:" + "、".join(invoice_gaps(context or {})) + ")"
        elif p.key == "doc.copies_held":
            label = "各方执有份数(请在合同份数中填写 2 以上的份数，如 4 或 肆)"
        elif p.key == "signature":
            label = "签署栏(请在设置中填写公司名称" + (
                "并关联客户)" if DocumentKind(document.kind) in rules.TWO_PARTY_KINDS else ")"
            )
        elif p.key == "doc.number":
            label = "发文字号(请先编号发文)"
        elif p.key.startswith("company."):
            label = f"{p.label}(设置→公司信息)"
        elif p.key.startswith(("client.", "contact.")) and document.client_id is None:
            label = f"{p.label}(请关联客户)"
        out.append(Placeholder(p.key, chinese_punctuation(label)))  # as the labels show
    return out


def filled_text(archive: Archive, document_id: int, version: int | None = None) -> str:
    """The document as plain text with its values filled in (missing ones marked 【未填:…】);
    the contract lines and the signature block are written out as text lines."""
    source = read_document(archive, document_id, version)
    context = context_of(source.document, source.values, source.lines, source.sources)
    return text_of(source.document, source.body, context, source.lines)


def text_of(document, body: str, context: Mapping[str, str], lines) -> str:
    out = []
    for line in rules.fill(body, context, MISSING_MARK).split("\n"):
        stripped = line.strip()
        if stripped.startswith("{{lines_table"):
            out.extend(_lines_as_text(lines) or [MISSING_MARK.format(label="合同标的明细")])
        elif stripped.startswith("{{signature"):
            out.extend(_signature_text(document, context))
        elif stripped.startswith("{{invoice_info"):
            out.extend(_invoice_text(context))
        else:
            out.append(line)
    return "\n".join(out)


def _lines_as_text(lines: Sequence[ContractLine]) -> list[str]:
    return [
        f"{i}. {x.product} {x.spec} {x.quantity.normalize():f}{x.unit} × ¥{format_yuan(x.unit_price)}"
        f" = ¥{format_yuan(x.amount)}".replace("  ", " ")
        for i, x in enumerate(lines, start=1)
    ]


def _invoice_text(context: Mapping[str, str]) -> list[str]:
    out = []
    for party, who in (("client", "甲方"), ("company", "乙方")):
        bank = " ".join(
            p
            for p in (context.get(f"{party}.bank", ""), context.get(f"{party}.bank_account", ""))
            if p
        )
        out.append(
            f"{who}开票信息:{context.get(f'{party}.name', '')};"
            f"纳税人识别号:{context.get(f'{party}.uscc', '')};"
            f"地址、电话:{context.get(f'{party}.invoice_address', '')};开户行及账号:{bank}"
        )
    return out


def _signature_text(document: FilledDocument, context: Mapping[str, str]) -> list[str]:
    if not context.get("signature"):
        return [MISSING_MARK.format(label="签署栏")]
    if DocumentKind(document.kind) in rules.TWO_PARTY_KINDS:
        return [f"甲方(盖章):{context['client.name']}", f"乙方(盖章):{context['company.name']}"]
    return [f"> {context['company.name']}(盖章)", f"> {context.get('doc.date', '')}"]


def diff_versions(archive: Archive, document_id: int, old: int, new: int) -> list[rules.DiffLine]:
    """A readable line diff of two versions' filled text."""
    return rules.diff_lines(
        filled_text(archive, document_id, old), filled_text(archive, document_id, new)
    )


def compare_versions(
    archive: Archive, document_id: int, old: int, new: int
) -> list[text_diff.ChangeRow]:
    """Two versions' filled text compared line by line, and character by character within
    the lines that changed (a one-character edit marks that character)."""
    from app.domain import text_diff

    return text_diff.compare_texts(
        filled_text(archive, document_id, old), filled_text(archive, document_id, new)
    )


def today_text(archive: Archive) -> str:
    return rules.format_cn_date(archive.today())
