"""Printing: the page as blocks (the PDF and the live preview's HTML come from the same blocks),
A4 with page numbers and the signature block, marked 草稿 until the version printed is
approved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.domain import documents as rules
from app.domain.amounts import rmb_capitals
from app.domain.blocks import Block, Fields, Gap, Grid, Heading, Para, Signature, SigningTable
from app.domain.documents import FINAL_STATUSES, ContractLine, DocStatus, DocumentKind, Placeholder
from app.domain.errors import AppError, CancelledError
from app.domain.money import format_yuan
from app.services import settings
from app.services.archive import Archive
from app.services.documents import gongwen
from app.services.documents.filling import (
    BLANK_DATE,
    MISSING_MARK,
    context_of,
    explained,
    fill_context,
    text_of,
)
from app.services.documents.reading import DocumentSource, read_document

DRAFT_MARK = "草稿"
LINE_HEADERS = ("序号", "产品名称", "规格型号", "数量", "单位", "单价(元)", "金额(元)")
MISSING_PATTERN = r"【未填[:：][^】]*】"  # the 公文 preview has Chinese punctuation


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    draft: bool


class DocumentIncomplete(AppError):
    """Printing refused: these placeholders have no value."""

    code = "document_incomplete"

    def __init__(self, missing: Sequence[Placeholder]):
        super().__init__(
            fields=tuple(p.key for p in missing), missing="、".join(p.label for p in missing)
        )
        self.missing = tuple(missing)


@dataclass(frozen=True)
class DraftState:
    """A document as it stands in the editor, saved or not (for the live preview)."""

    kind: str
    title: str
    body: str
    values: Mapping[str, str]
    lines: tuple[ContractLine, ...] = ()
    client_id: int | None = None
    contact_id: int | None = None
    status: str = DocStatus.DRAFT.value
    doc_number: str | None = None
    issued_on: date | None = None
    id: int | None = None  # the saved document being edited, if any


@dataclass(frozen=True)
class Preview:
    text: str
    missing: tuple[Placeholder, ...]
    html: str = ""  # the page as printed (same blocks as the PDF), missing values in red


def preview(archive: Archive, state: DraftState) -> Preview:
    """The filled text, the page as HTML and the missing values of an unsaved state (nothing is
    written). The HTML comes from the blocks the PDF is printed from; a missing value shows as
    【未填:…】 where the PDF will have it."""
    from app.services.documents.records import clean_values

    values = clean_values(state.values)
    with archive.db.read() as session:
        context = fill_context(archive, session, state, values, state.lines)
        missing = explained(state, rules.missing_placeholders(state.body, context), context)
        job = PrintJob(
            state.title,
            tuple(rules.parse_lines(rules.fill(state.body, context, MISSING_MARK))),
            tuple(state.lines),
            context,
            DocumentKind(state.kind) in rules.TWO_PARTY_KINDS,
            True,
        )
        text = text_of(state, state.body, context, state.lines)
    return Preview(text, tuple(missing), _page_html(archive, job, state.kind))


def _page_html(archive: Archive, job: PrintJob, kind: str) -> str:
    """The preview's page: a notice or a letter in the 公文 layout it prints in, any other kind
    from the blocks of the PDF."""
    from app.exports.document_html import blocks_html
    from app.exports.gongwen_html import gongwen_html

    style = gongwen.style_of(kind) if kind else None
    if style is None:
        return blocks_html(document_blocks(job), highlight=MISSING_PATTERN)
    doc = gongwen.from_lines(style, job.lines, job.context, settings.company(archive))
    return gongwen_html(doc, highlight=MISSING_PATTERN)


@dataclass(frozen=True)
class PrintJob:
    """Plain data handed to the PDF builder."""

    title: str
    lines: tuple[rules.Line, ...]
    contract_lines: tuple[ContractLine, ...]
    context: dict[str, str]
    two_party: bool
    draft: bool
    kind: str = ""


def prepare_print(archive: Archive, document_id: int) -> PrintJob:
    """Everything needed to print the latest version; refuses with the missing values listed."""
    return print_job(read_document(archive, document_id))


def print_job(source: DocumentSource) -> PrintJob:
    """The job of printing a version, from what was read of it; refuses with the missing values
    listed."""
    document = source.document
    context = context_of(document, source.values, source.lines, source.sources)
    missing = explained(document, rules.missing_placeholders(source.body, context), context)
    if missing:
        raise DocumentIncomplete(missing)
    final = (
        DocStatus(document.status) in FINAL_STATUSES and document.approved_version == source.version
    )
    return PrintJob(
        document.title,
        tuple(rules.parse_lines(rules.fill(source.body, context))),
        source.lines,
        context,
        DocumentKind(document.kind) in rules.TWO_PARTY_KINDS,
        not final,
        document.kind,
    )


def print_document(archive: Archive, document_id: int, out: Path, task=None) -> PrintResult:
    """The PDF of the latest version: A4, page numbers, signature/seal block; marked 草稿 on
    every page unless that version is approved (or signed)."""
    job = prepare_print(archive, document_id)
    if task is not None and task.cancelled():
        raise CancelledError()
    font = settings.print_font(archive)
    style = gongwen.style_of(job.kind) if job.kind else None
    if style is not None:  # a notice or a letter: the 公文 profile (GB/T 9704-2012)
        mark = DRAFT_MARK if job.draft else None
        doc = gongwen.from_lines(style, job.lines, job.context, settings.company(archive), mark)
        pages = gongwen.render(doc, Path(out), font)
        return PrintResult(Path(out), pages, job.draft)
    from app.exports.document_pdf import render_document

    pages = render_document(
        document_blocks(job),
        Path(out),
        title=job.title,
        font_path=font,
        draft_mark=DRAFT_MARK if job.draft else None,
    )
    return PrintResult(Path(out), pages, job.draft)


def document_blocks(job: PrintJob) -> list[Block]:
    blocks: list[Block] = []
    rows: list[rules.Line] = []
    for line in job.lines:
        if line.kind == "field":
            rows.append(line)
            continue
        if rows:
            blocks.extend([table_block(rows), Gap(4)])
            rows = []
        blocks.extend(line_blocks(line, job))
    if rows:
        blocks.append(table_block(rows))
    return blocks


def table_block(rows: Sequence[rules.Line]) -> Block:
    """Consecutive `| … |` lines: label / value lines when each has two cells, else a ruled
    table whose first row is its header row (as a Word table of three or more columns)."""
    columns = max(len(row.cells) for row in rows)
    if columns <= 2:
        return Fields(tuple((row.text, row.value) for row in rows))
    padded = [tuple(row.cells) + ("",) * (columns - len(row.cells)) for row in rows]
    return Grid(padded[0], padded[1:])


def line_blocks(line: rules.Line, job: PrintJob) -> list[Block]:
    """The blocks one filled template line prints as (the PDF, the preview and the .docx)."""
    if line.kind == "title":
        return [Heading(line.text, 1)]
    if line.kind == "heading":
        return [Heading(line.text, 2)]
    if line.kind == "right":
        return [Para(line.text, indent=False, align="right")]
    if line.kind == "flush":
        return [Para(line.text, indent=False)]
    if line.kind == "block" and line.text == "lines_table":
        if not job.contract_lines:  # only in a preview: printing refuses first
            return [Para(MISSING_MARK.format(label="合同标的明细"), indent=False)]
        return [_lines_grid(job.contract_lines), Gap(3)]
    if line.kind == "block" and line.text == "invoice_info":
        return [_invoice_grid(job.context), Gap(3)]
    if line.kind == "block":
        if not job.context.get("signature"):  # only in a preview
            return [Para(MISSING_MARK.format(label="签署栏"), indent=False)]
        return _signature_blocks(job)
    return [Para(line.text)]


def _lines_grid(lines: Sequence[ContractLine]) -> Grid:
    rows = [
        (
            str(i),
            x.product,
            x.spec,
            f"{x.quantity.normalize():f}",
            x.unit,
            format_yuan(x.unit_price),
            format_yuan(x.amount),
        )
        for i, x in enumerate(lines, start=1)
    ]
    total = sum((x.amount for x in lines), Decimal("0.00"))
    rows.append(("合计", f"人民币(大写){rmb_capitals(total)}", "", "", "", "", format_yuan(total)))
    return Grid(
        LINE_HEADERS,
        rows,
        widths=(0.07, 0.27, 0.15, 0.09, 0.07, 0.16, 0.19),
        align_right=(3, 5, 6),
        total_row=True,
    )


def _signature_blocks(job: PrintJob) -> list[Block]:
    c = job.context
    if not job.two_party:
        return [Gap(8), Signature((f"{c['company.name']}(盖章)", c.get("doc.date", "")))]
    pairs = (
        ("单位名称(盖章)", c.get("client.name", ""), c.get("company.name", "")),
        ("地址", c.get("client.address", ""), c.get("company.address", "")),
        ("法定代表人或委托代理人(签字)", "\n", "\n"),
        ("电话", c.get("contact.phone", ""), c.get("company.phone", "")),
        ("开户银行及账号", _bank(c, "client"), _bank(c, "company")),
        ("签订日期", c.get("doc.date") or BLANK_DATE, c.get("doc.date") or BLANK_DATE),
    )
    rows = [(f"{label}:{a}", f"{label}:{b}") for label, a, b in pairs]
    return [
        Para("(以下无正文)", indent=False, align="center"),
        Gap(4),
        SigningTable(
            ("甲方(需方)", "乙方(供方)"),
            rows,
            widths=(0.5, 0.5),
            keep_together=True,
            document_title=job.title,
        ),
    ]


def _bank(context: Mapping[str, str], party: str) -> str:
    parts = (context.get(f"{party}.bank", ""), context.get(f"{party}.bank_account", ""))
    return " ".join(p for p in parts if p)


INVOICE_ROWS = (
    ("名称", "name"),
    ("纳税人识别号", "uscc"),
    ("地址、电话", "invoice_address"),
    ("开户行及账号", None),
)


def _invoice_grid(context: Mapping[str, str]) -> Grid:
    """开票信息 of both parties, as a VAT invoice asks for them (名称, 纳税人识别号, 地址、电话,
    开户行及账号); a value still missing shows as 【未填:…】 (only in a preview: printing
    refuses first)."""

    def value(party: str, key: str | None) -> str:
        text = _bank(context, party) if key is None else context.get(f"{party}.{key}", "")
        if text:
            return text
        label = rules.KNOWN_LABELS.get(f"{party}.{key or 'bank_account'}", "开票信息")
        return MISSING_MARK.format(label=label)

    rows = [(label, value("client", key), value("company", key)) for label, key in INVOICE_ROWS]
    return Grid(
        ("开票信息", "甲方", "乙方"),
        rows,
        widths=(0.2, 0.4, 0.4),
        keep_together=True,
        label_column=True,
    )
