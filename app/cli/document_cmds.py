"""documents list/templates/prefix; document new/show/edit/submit/approve/return/sign/issue/send/
diff/delete/to-contract; letters list/add/export/print."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli import add_output_argument, command, fail, print_json, said
from app.cli.lazy import lazy
from app.domain import text_diff
from app.domain.documents import (
    TWO_PARTY_KINDS,
    DocStatus,
    DocumentKind,
    LetterDirection,
    LetterStatus,
    ReviewAction,
    free_placeholders,
    placeholders,
)
from app.domain.errors import ValidationError
from app.domain.parsing import parse_date
from app.domain.typography import chinese_punctuation
from app.services import documents, letter_list
from app.services.archive import Archive
from app.services.letter_list import LetterFilter

KIND_CHOICES = [k.value for k in DocumentKind]
# imported by the commands that use them: `letters list` and `documents list` read without
# SQLAlchemy (issue 11)
letters = lazy("app.services.letters")
sending = lazy("app.services.sending")
bin_cmds = lazy("app.cli.bin_cmds")


def register(subparsers) -> None:
    _register_documents(subparsers.add_parser("documents", help="agreements, notices, faxes"))
    _register_document(subparsers.add_parser("document", help="one document: draft and review"))
    _register_letters(subparsers.add_parser("letters", help="the letters register (来往函)"))


def _register_documents(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = command(sub, "list", _documents_list, "list documents", writes=False)
    p.add_argument("--status", action="append", default=[], choices=[s.value for s in DocStatus])
    p.add_argument("--kind", action="append", default=[], choices=KIND_CHOICES)
    p.add_argument("--client", type=int)
    p.add_argument("--json", action="store_true")
    p = command(sub, "templates", _documents_templates, "list the templates", writes=False)
    p.add_argument("--json", action="store_true")
    p = command(sub, "template-show", _template_show, "print a template's text", writes=False)
    p.add_argument("key")
    p = command(sub, "template-copy", _template_copy, "copy a template into the archive")
    p.add_argument("source")
    p.add_argument("key")
    p.add_argument("--name", required=True)
    p = command(sub, "template-save", _template_save, "create or replace a user template")
    p.add_argument("key")
    p.add_argument("--file", type=Path, required=True, help="the template text (UTF-8)")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", choices=KIND_CHOICES)
    p = command(sub, "template-delete", _template_delete, "delete a user template")
    p.add_argument("key")
    p = command(
        sub,
        "template-import",
        _template_import,
        "import a Word template (.docx with content controls or {{key|标签}} placeholders)",
    )
    p.add_argument("file", type=Path)
    p.add_argument("--kind", required=True, choices=KIND_CHOICES)
    p.add_argument(
        "--name", required=True, help="the template's name (an import of the same name replaces it)"
    )
    p = command(
        sub,
        "template-export",
        _template_export,
        "write a template (built-in or own) as a Word file with its placeholders",
        writes=False,
    )
    p.add_argument("key", metavar="NAME", help="template key or name")
    add_output_argument(p)
    p = command(sub, "prefix", _documents_prefix, "set the 发文字号 prefix of a kind (华信函)")
    p.add_argument("kind", choices=["notice", "letter", "fax"])
    p.add_argument("prefix")


def _register_document(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = command(sub, "new", _document_new, "draft a document from a template")
    p.add_argument("--kind", choices=KIND_CHOICES, help="default: the template's kind")
    p.add_argument("--template", required=True, help="template key or name (documents templates)")
    p.add_argument("--title", default="")
    p.add_argument("--client", type=int)
    p.add_argument("--contact", type=int)
    _value_options(p)
    p.add_argument("--json", action="store_true")
    p = command(
        sub, "show", _document_show, "one document: values, missing values, text", writes=False
    )
    p.add_argument("document_id", type=int)
    p.add_argument("--json", action="store_true")
    p = command(sub, "edit", _document_edit, "save changed values as a new version")
    p.add_argument("document_id", type=int)
    p.add_argument("--title")
    p.add_argument("--body-file", type=Path, help="the full template text (UTF-8)")
    p.add_argument("--note", default="")
    _value_options(p)
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help="save only if the document is still at record_version N (of show --json);"
        " otherwise exit 3 naming who saved or reviewed it since",
    )
    for action in (
        ReviewAction.SUBMIT,
        ReviewAction.APPROVE,
        ReviewAction.RETURN,
        ReviewAction.SIGN,
    ):
        p = command(sub, action.value, _document_review, f"review: {action.value}")
        p.add_argument("document_id", type=int)
        p.add_argument("--comment", default="")
        p.add_argument("--by", default="")
        p.add_argument(
            "--if-version",
            type=int,
            metavar="N",
            help="take the step only if the document is still at record_version N (of show"
            " --json); otherwise exit 3 naming who saved or reviewed it since",
        )
        p.set_defaults(review_action=action)
    p = command(
        sub,
        "to-contract",
        _document_to_contract,
        "put an approved 购销合同/框架协议 into the 合同 register (approve and sign do it too)",
    )
    p.add_argument("document_id", type=int)
    p.add_argument("--json", action="store_true")
    p = command(sub, "issue", _document_issue, "give an approved notice/letter/fax its 发文字号")
    p.add_argument("document_id", type=int)
    p.add_argument("--by", default="")
    p = command(
        sub,
        "send",
        _document_send,
        "登记发文: register an approved notice/letter/fax as sent (numbered first if need be)",
    )
    p.add_argument("document_id", type=int)
    p.add_argument("--date", help="发文日期 (default today)")
    p.add_argument("--scan", type=Path, help="the scan as sent (default: the printed PDF)")
    p.add_argument("--answers", type=int, metavar="LETTER_ID", help="the 收文 it answers")
    p.add_argument("--by", default="", help="签发人")
    p.add_argument("--json", action="store_true")
    p = command(sub, "diff", _document_diff, "what changed between two versions", writes=False)
    p.add_argument("document_id", type=int)
    p.add_argument("v1", type=int)
    p.add_argument("v2", type=int)
    p = command(sub, "delete", _document_delete, "delete a document (its number is not reused)")
    p.add_argument("document_id", type=int)


def _value_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a placeholder's value"
    )
    p.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="产品|规格|数量|单位|单价",
        help="a contract line (repeat; replaces all lines)",
    )
    p.add_argument("--by", default="", help="who writes this version")


def _register_letters(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = command(sub, "list", _letters_list, "list registered letters", writes=False)
    _direction_options(p)
    p.add_argument("--overdue", action="store_true", help="only letters whose reply is overdue")
    p.add_argument("--json", action="store_true")
    p = command(sub, "add", _letters_add, "register a letter (收文 or 发文)")
    _direction_options(p, required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--counterpart", required=True, help="来文单位 / 发往单位")
    p.add_argument("--number", default="", help="收文号/发文字号 (default: the next one)")
    p.add_argument("--date", help="收文/发文日期 (default today)")
    p.add_argument("--their-number", default="", help="来文字号")
    p.add_argument("--copies", type=int, default=1)
    p.add_argument("--handler", dest="handled_by", default="", help="承办人 / 签发人")
    p.add_argument("--status", choices=[s.value for s in LetterStatus])
    p.add_argument("--reply-due")
    p.add_argument("--client", type=int)
    p.add_argument("--notes", default="")
    p.add_argument("--scan", action="append", default=[], type=Path)
    p.add_argument("--answers", type=int, metavar="LETTER_ID", help="发文: the 收文 it answers")
    p.add_argument("--json", action="store_true")
    p = command(sub, "export", _letters_export, "both registers as .xlsx", writes=False)
    add_output_argument(p)
    _direction_options(p)
    p = command(sub, "print", _letters_print, "the 收文/发文 register as a table PDF", writes=False)
    add_output_argument(p)
    _direction_options(p, required=True)


def _direction_options(p: argparse.ArgumentParser, required: bool = False) -> None:
    group = p.add_mutually_exclusive_group(required=required)
    group.add_argument(
        "--incoming", dest="direction", action="store_const", const=LetterDirection.INCOMING
    )
    group.add_argument(
        "--outgoing", dest="direction", action="store_const", const=LetterDirection.OUTGOING
    )


# --- documents ------------------------------------------------------------------------------------


def _documents_list(args: argparse.Namespace, archive: Archive) -> int:
    flt = documents.DocumentFilter(tuple(args.status), tuple(args.kind), args.client)
    rows = documents.list_documents(archive, flt)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(
            f"#{r.id}\t{said(r.kind, DocumentKind)}\t{said(r.status, DocStatus)}"
            f"\t{r.doc_number or '-'}\t{r.title}"
            f"\t{r.client_name or '-'}"
        )
    print(f"共 {len(rows)} 份文书")
    return 0


def _documents_templates(args: argparse.Namespace, archive: Archive) -> int:
    rows = documents.list_templates(archive)
    if args.json:
        print_json([{k: v for k, v in t.__dict__.items() if k != "body"} for t in rows])
        return 0
    for t in rows:
        origin = "内置" if t.builtin else ("Word 模板" if t.docx else "自定义")
        print(f"{t.key}\t{said(t.kind, DocumentKind)}\t{t.name}\t{origin}")
    return 0


def _template_show(args: argparse.Namespace, archive: Archive) -> int:
    print(documents.get_template(archive, args.key).body, end="")
    return 0


def _template_copy(args: argparse.Namespace, archive: Archive) -> int:
    record = documents.copy_template(archive, args.source, args.key, args.name)
    print(f"模板 {record.key}（{record.name}）已创建")
    return 0


def _template_save(args: argparse.Namespace, archive: Archive) -> int:
    if not args.file.is_file():
        return fail(f"文件不存在：{args.file}")
    body = args.file.read_text(encoding="utf-8")
    record = documents.save_template(archive, args.key, args.name, body, args.kind)
    print(f"模板 {record.key}（{record.name}）已保存")
    return 0


def _template_import(args: argparse.Namespace, archive: Archive) -> int:
    from app.services.documents.word import import_template

    result = import_template(archive, args.file, args.kind, args.name)
    done = "已更新" if result.replaced else "已导入"
    print(f"Word 模板 {result.template.key}（{result.template.name}）{done}")
    print(f"字段（{len(result.fields)}）：")
    for field in result.fields:
        origin = "自动" if field.automatic else ("可选" if field.optional else "填写")
        print(f"  {field.key}\t{field.label}\t{origin}")
    return 0


def _template_export(args: argparse.Namespace, archive: Archive) -> int:
    from app.services.documents.word import export_template

    export_template(archive, args.key, args.out)
    print(f"{args.out}")
    return 0


def _template_delete(args: argparse.Namespace, archive: Archive) -> int:
    documents.delete_template(archive, args.key)
    print(f"模板 {args.key} 已删除")
    return 0


def _documents_prefix(args: argparse.Namespace, archive: Archive) -> int:
    documents.save_number_prefix(archive, args.kind, args.prefix)
    print(f"{said(args.kind, DocumentKind)}的发文字号前缀：{args.prefix or '（无）'}")
    return 0


def _values(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError("form", "bad_key_value", value=pair)
        out[key.strip()] = value
    return out


def _known(values: dict[str, str], body: str) -> dict[str, str]:
    """`values`, refused when one names no placeholder of the document's text: a key typed
    wrong (--set warrenty=两年) would be kept where nothing prints it, the form still missing."""
    keys = [p.key for p in placeholders(body)]
    for key in values:
        if key not in keys:
            typed = [p.key for p in free_placeholders(body)]
            raise ValidationError("form", "unknown_key", value=key, keys="、".join(typed))
    return values


def _lines(specs: list[str]) -> tuple[documents.ContractLine, ...]:
    return documents.parse_lines([spec.split("|") for spec in specs])


def _document_new(args: argparse.Namespace, archive: Archive) -> int:
    template = documents.get_template(archive, args.template)
    record = documents.create_document(
        archive,
        args.kind or template.kind,
        template.key,
        args.title,
        client_id=args.client,
        contact_id=args.contact,
        values=_known(_values(args.set), template.body),
        lines=_lines(args.line),
        author=args.by,
    )
    missing = documents.missing_values(archive, record.id)
    if args.json:
        print_json({"document": _summary(record), "missing": [p.label for p in missing]})
        return 0
    print(
        f"#{record.id} {record.title}（{said(record.kind, DocumentKind)}，{said(record.status)}）"
    )
    _print_missing(missing)
    return 0


def _summary(record: documents.DocumentRecord) -> dict:
    keep = ("id", "kind", "title", "template_key", "client_id", "client_name", "status")
    out = {k: getattr(record, k) for k in keep}
    out.update(
        doc_number=record.doc_number,
        issued_on=record.issued_on,
        version=record.version,
        record_version=record.record_version,
        values=record.values,
        lines=record.lines,
        total=record.total,
        contract_id=record.contract_id,
        contract_number=record.contract_number,
        versions=record.versions,
        reviews=record.reviews,
    )
    return out


def _print_missing(missing) -> None:
    if missing:
        print("尚未填写：" + "、".join(p.label for p in missing))
    else:
        print("所有内容已填写，可以打印")


def _document_show(args: argparse.Namespace, archive: Archive) -> int:
    record = documents.get_document(archive, args.document_id)
    missing = documents.missing_values(archive, record.id)
    text = documents.filled_text(archive, record.id)
    if args.json:
        print_json(
            {"document": _summary(record), "missing": [p.label for p in missing], "text": text}
        )
        return 0
    print(f"#{record.id} {record.title}")
    kind, status = said(record.kind, DocumentKind), said(record.status, DocStatus)
    print(f"类型：{kind}  状态：{status}  版本：{record.version}")
    if record.doc_number:
        print(f"发文字号：{record.doc_number}  发文日期：{record.issued_on}")
    print(f"客户：{record.client_name or '-'}")
    if record.contract_id is not None:
        print(f"合同台账：{record.contract_number}（合同 #{record.contract_id}）")
    for v in record.versions:
        print(f"  v{v.version} {v.created_at:%Y-%m-%d %H:%M} {v.author or '-'}：{v.note}")
    for r in record.reviews:
        comment = f"：{r.comment}" if r.comment else ""
        moved = f"{said(r.from_status, DocStatus)}→{said(r.to_status, DocStatus)}"
        print(f"  {r.at:%Y-%m-%d %H:%M} {r.actor or '-'} {moved}{comment}")
    _print_missing(missing)
    print("-" * 40)
    print("\n".join(chinese_punctuation(line) for line in text.splitlines()))  # as printed
    return 0


def _document_edit(args: argparse.Namespace, archive: Archive) -> int:
    current = documents.get_document(archive, args.document_id)
    body = args.body_file.read_text(encoding="utf-8") if args.body_file else None
    typed = _known(_values(args.set), current.body if body is None else body)
    values = {**current.values, **typed} if args.set else None
    edit = documents.Edit(
        title=args.title, body=body, values=values, lines=_lines(args.line) or None
    )
    record = documents.save_document(
        archive, args.document_id, edit, args.by, args.note, args.if_version
    )
    if record.version == current.version:
        print("未修改")
        return 0
    print(f"#{record.id} 已保存为第 {record.version} 版：{record.versions[-1].note}")
    _print_missing(documents.missing_values(archive, record.id))
    return 0


def _document_review(args: argparse.Namespace, archive: Archive) -> int:
    action: ReviewAction = args.review_action
    record = documents.review(
        archive, args.document_id, action, args.by, args.comment, args.if_version
    )
    print(f"#{record.id} {said(action, ReviewAction)}：现为“{said(record.status, DocStatus)}”")
    if action in (ReviewAction.APPROVE, ReviewAction.SIGN) and record.kind in TWO_PARTY_KINDS:
        if record.contract_id is not None:
            print(f"已登记到合同台账：{record.contract_number}（合同 #{record.contract_id}）")
        else:
            print("未登记到合同台账：文书未关联客户")
    return 0


def _document_to_contract(args: argparse.Namespace, archive: Archive) -> int:
    link = documents.to_contract(archive, args.document_id)
    if args.json:
        print_json(link)
        return 0
    done = "已登记到合同台账" if link.created else "已更新合同台账中的"
    print(f"#{args.document_id} {done}合同 {link.number}（合同 #{link.contract_id}）")
    return 0


def _document_issue(args: argparse.Namespace, archive: Archive) -> int:
    record = documents.issue_document(archive, args.document_id, args.by)
    print(f"#{record.id} 发文字号 {record.doc_number}，已登记发文")
    return 0


def _document_send(args: argparse.Namespace, archive: Archive) -> int:
    details = sending.Sending(
        dated_on=_date(args.date, "letter_date"),
        scan=args.scan,
        reply_to_id=args.answers,
        handler=args.by,
    )
    row = sending.send_document(archive, args.document_id, details)
    if args.json:
        print_json(row)
        return 0
    answered = f"，复 #{row.reply_to_id}（已复函）" if row.reply_to_id else ""
    scans = letters.scans(archive, row.id)
    scan = f"，扫描件 {scans[0].original_name}" if scans else ""
    print(f"#{args.document_id} 已登记发文 #{row.id} {row.number} {row.dated_on}{scan}{answered}")
    return 0


def _document_diff(args: argparse.Namespace, archive: Archive) -> int:
    """Changed lines with the characters that went in [-…-] and those that came in {+…+}."""
    rows = text_diff.changed_rows(
        documents.compare_versions(archive, args.document_id, args.v1, args.v2)
    )
    print(f"第 {args.v1} 版 → 第 {args.v2} 版：{len(rows)} 行不同")
    for row in rows:
        print(f"{row.mark} {text_diff.inline_text(row)}")
    return 0


def _document_delete(args: argparse.Namespace, archive: Archive) -> int:
    documents.delete_document(archive, args.document_id)
    print(f"已删除文书 #{args.document_id}" + bin_cmds.restore_hint("document", args.document_id))
    return 0


# --- letters --------------------------------------------------------------------------------------


def _letters_list(args: argparse.Namespace, archive: Archive) -> int:
    flt = LetterFilter(direction=args.direction)
    if args.overdue:
        flt = LetterFilter(direction=args.direction, reply_due_before=archive.today())
    rows = letter_list.list_letters(archive, flt)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        due = f"\t复函期限 {r.reply_due}" + (" 逾期" if r.overdue else "") if r.reply_due else ""
        print(
            f"#{r.id}\t{said(r.direction, LetterDirection)}\t{r.number}\t{r.dated_on}"
            f"\t{r.counterpart}\t{r.title}\t{said(r.status, LetterStatus)}{due}"
        )
    print(f"共 {len(rows)} 件")
    return 0


def _date(value: str | None, field: str) -> date | None:
    return parse_date(value, field) if value else None


def _letters_add(args: argparse.Namespace, archive: Archive) -> int:
    for scan in args.scan:
        if not scan.is_file():
            return fail(f"文件不存在：{scan}")
    draft = letters.LetterDraft(
        direction=args.direction,
        title=args.title,
        counterpart=args.counterpart,
        dated_on=_date(args.date, "letter_date"),
        number=args.number,
        their_number=args.their_number,
        copies=args.copies,
        handler=args.handled_by,
        status=args.status or "",
        reply_due=_date(args.reply_due, "reply_due"),
        notes=args.notes,
        client_id=args.client,
        reply_to_id=args.answers if args.direction == LetterDirection.OUTGOING else None,
    )
    if args.answers is not None and args.direction != LetterDirection.OUTGOING:
        return fail("--answers 只用于发文（--outgoing）")
    row = letters.add_letter(archive, draft)
    for scan in args.scan:
        letters.attach_scan(archive, row.id, scan)
    if args.json:
        print_json(row)
        return 0
    print(f"#{row.id} {said(row.direction, LetterDirection)} {row.number}：{row.title}")
    return 0


def _letters_export(args: argparse.Namespace, archive: Archive) -> int:
    count = letters.export_xlsx(archive, args.out, LetterFilter(direction=args.direction))
    print(f"{args.out}（{count} 件）")
    return 0


def _letters_print(args: argparse.Namespace, archive: Archive) -> int:
    pages = letters.register_pdf(archive, args.out, args.direction)
    print(f"{args.out}（{pages} 页）")
    return 0
