"""news add/list/edit/delete: the client news log (客户动态): date, source, title, link or a
scan, note."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from app.cli import add_if_version, command, fail, lang, print_json
from app.cli.bin_cmds import restore_hint
from app.domain.errors import AppError
from app.domain.messages import describe
from app.services import contracts, news
from app.services.archive import Archive
from app.services.news import NewsDraft, NewsRecord


def register(subparsers) -> None:
    parser = subparsers.add_parser("news", help="client news (客户动态): add, list, edit, delete")
    sub = parser.add_subparsers(dest="news_cmd", metavar="ACTION", required=True)
    p = command(sub, "add", _add, "record a client's news item")
    p.add_argument("client", metavar="CLIENT", help="the client's id or exact name")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--title", required=True)
    _options(p)
    p = command(sub, "list", _list, "news items, newest first", writes=False)
    p.add_argument("client", nargs="?", metavar="CLIENT", help="only this client's")
    p.add_argument("--json", action="store_true")
    p = command(sub, "edit", _edit, "change a news item; options not given are kept")
    p.add_argument("news_id", type=int, metavar="ID")
    add_if_version(p)
    p.add_argument("--client", help="move it to another client (id or exact name)")
    p.add_argument("--date")
    p.add_argument("--title")
    _options(p)
    p = command(sub, "delete", _delete, "move a news item to the recycle bin (回收站)")
    p.add_argument("news_id", type=int, metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", help="官网, 公众号, 政府采购网, 报纸 ...")
    p.add_argument("--url", help="the link (http:// or https://)")
    p.add_argument("--file", type=Path, metavar="SCAN", help="attach a scan (PDF or image)")
    p.add_argument("--note")


def _print(r: NewsRecord) -> None:
    scan = (" [scan]" if lang() == "en" else " [扫描件]") if r.scans else ""
    source = (f" ({r.source})" if lang() == "en" else f"（{r.source}）") if r.source else ""
    print(f"#{r.id} {r.published_on} {r.client_name} {r.title}{source}{scan}")
    for extra in (r.url, r.notes):
        if extra:
            print(f"    {extra}")


def _add(args: argparse.Namespace, archive: Archive) -> int:
    draft = NewsDraft(
        contracts.find_client_id(archive, args.client),
        args.date,
        args.title,
        args.source or "",
        args.url or "",
        args.note or "",
    )
    record = news.add_news(archive, draft, args.file)
    print("Added:" if lang() == "en" else "已添加客户动态：")
    _print(record)
    return 0


def _list(args: argparse.Namespace, archive: Archive) -> int:
    client_id = contracts.find_client_id(archive, args.client) if args.client else None
    rows = news.list_news(archive, client_id)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No news." if lang() == "en" else "没有客户动态。")
    for r in rows:
        _print(r)
    return 0


def _edit(args: argparse.Namespace, archive: Archive) -> int:
    record = news.get_news(archive, args.news_id)
    changes: dict[str, object] = {}
    if args.client is not None:
        changes["client_id"] = contracts.find_client_id(archive, args.client)
    for name, value in (
        ("published_on", args.date),
        ("title", args.title),
        ("source", args.source),
        ("url", args.url),
        ("notes", args.note),
    ):
        if value is not None:
            changes[name] = value
    draft = replace(record.draft(), **changes)
    updated = news.update_news(archive, record.id, draft, args.file, args.if_version)
    print("Changed:" if lang() == "en" else "已修改客户动态：")
    _print(updated)
    return 0


def _delete(args: argparse.Namespace, archive: Archive) -> int:
    record = news.get_news(archive, args.news_id)
    if not args.yes:
        what = (f"客户动态“{record.title}”", f"the news item '{record.title}'")
        return fail(describe(AppError("delete_needs_yes", what=what[lang() == "en"]), lang()))
    news.delete_news(archive, record.id)
    print(f"已删除客户动态 #{record.id} {record.title}" + restore_hint("news", record.id))
    return 0
