"""The printed 审批表 of a document: 合同审批表 for agreements, 发文审批单 for notices, letters and
faxes. The document's particulars, then a ruled box per step (拟稿, 审核, 批准 or 签发) with the
opinion recorded in the app and room for a handwritten signature and date, as the paper copy
kept in the file is signed by hand."""

from __future__ import annotations

from pathlib import Path

from app.domain.amounts import rmb_capitals
from app.domain.blocks import Block, Gap, Grid, Heading, Para
from app.domain.documents import (
    KIND_ZH,
    TWO_PARTY_KINDS,
    ReviewAction,
    format_cn_date,
)
from app.domain.errors import CancelledError
from app.domain.handwriting import HAND_DATE, SIGN_LINE
from app.domain.money import format_yuan
from app.exports.document_pdf import render_document
from app.services import settings
from app.services.archive import Archive
from app.services.documents.records import DocumentRecord, ReviewRecord, get_document


def form_title(record: DocumentRecord) -> str:
    return "合同审批表" if record.kind in TWO_PARTY_KINDS else "发文审批单"


def approval_form_blocks(record: DocumentRecord, company: str = "") -> list[Block]:
    head: list[Block] = [Para(company, indent=False, align="center", size=15)] if company else []
    return [
        *head,
        Heading(form_title(record)),
        Grid((), _particulars(record), widths=(0.2, 0.8), label_column=True),
        Gap(4),
        Heading("审批签字", 2),
        _steps(record),
        Gap(3),
        Para("本表随文件存档;各环节签字后方可签订或发出。", indent=False, size=10.5),
    ]


def _particulars(record: DocumentRecord) -> list[tuple[str, str]]:
    rows = [
        ("文件名称", record.title),
        ("类别", KIND_ZH[record.kind]),
        ("相关客户", record.client_name or "—"),
    ]
    if record.lines:
        rows.append(
            ("合同金额", f"¥{format_yuan(record.total)}(大写:{rmb_capitals(record.total)})")
        )
    if record.doc_number:
        rows.append(("发文字号", record.doc_number))
    first = record.versions[0] if record.versions else None
    drafted = f"{first.author or '—'},{format_cn_date(first.created_at)}" if first else "—"
    rows += [
        ("拟稿", drafted),
        ("当前状态", f"{record.status.value}(第 {record.version} 稿)"),
    ]
    return rows


def _steps(record: DocumentRecord) -> Grid:
    latest = _latest_round(record.reviews)
    submitted = latest.get(ReviewAction.SUBMIT.value)
    returned = latest.get(ReviewAction.RETURN.value)
    last = "签发" if record.kind not in TWO_PARTY_KINDS else "批准"
    if returned is not None:  # 退回 at review: the step after it does not apply (issue 13)
        review, final = _recorded("退回", returned), "不适用(审核已退回)"
    else:
        review = "意见:"
        decided = latest.get(ReviewAction.APPROVE.value)
        final = _box(_decision(decided), "签发人" if last == "签发" else "批准人")
    rows = [
        ["拟稿", _box(_submitted(submitted), "拟稿人")],
        ["审核", _box(review, "审核人")],
        [last, final],
    ]
    return Grid(
        ("环节", "意见、签字及日期"),
        rows,
        widths=(0.18, 0.82),
        keep_together=True,
        label_column=True,
    )


def _latest_round(reviews: tuple[ReviewRecord, ...]) -> dict[str, ReviewRecord]:
    """The steps since the latest submission (a returned and resubmitted document starts over)."""
    starts = [i for i, r in enumerate(reviews) if r.action == ReviewAction.SUBMIT.value]
    steps = reviews[starts[-1] :] if starts else reviews
    return {r.action: r for r in steps}


def _submitted(review: ReviewRecord | None) -> str:
    if review is None:
        return "送审:"
    when = f"{format_cn_date(review.at)} {review.at:%H:%M}"
    return f"送审:第 {review.version} 稿(系统登记:{review.actor or '—'},{when})"


def _decision(review: ReviewRecord | None) -> str:
    return "意见:" if review is None else _recorded("同意", review)


def _recorded(verdict: str, review: ReviewRecord | None) -> str:
    if review is None:
        return "意见:"
    comment = f"。{review.comment}" if review.comment else ""
    when = f"{format_cn_date(review.at)} {review.at:%H:%M}"
    return f"意见:{verdict}{comment}\n(系统登记:{review.actor or '—'},{when})"


def _box(text: str, signer: str) -> str:
    return f"{text}\n\n{signer}(签字):{SIGN_LINE}\u3000\u3000日期:{HAND_DATE}"


def write_approval_form(archive: Archive, document_id: int, out: Path, task=None) -> int:
    """The document's 审批表 as a PDF, at any stage; returns the page count."""
    record = get_document(archive, document_id)
    if task is not None and task.cancelled():
        raise CancelledError()
    font = settings.print_font(archive)
    blocks = approval_form_blocks(record, settings.company(archive).name)
    return render_document(
        blocks,
        Path(out),
        title=f"{form_title(record)}:{record.title}",
        font_path=font,
    )
