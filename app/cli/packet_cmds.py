"""tender packet-file list/rename/move (the files inside the packet's sections, as the 目录
and the bookmarks print them) and tender deviation-import (rows of a 响应/偏离表 from a
.csv/.xlsx)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import command, lang, print_json
from app.cli.lazy import lazy
from app.services.archive import Archive

# imported by the commands that use them (issue 11)
packet_deviation = lazy("app.services.packet_deviation")
tender_packet = lazy("app.services.tender_packet")
tenders = lazy("app.services.tenders")

MOVES = {"up": -1, "down": 1, "first": -1_000_000, "last": 1_000_000}


def register(sub) -> None:
    """Adds the packet's commands to the `tender` family."""
    files = sub.add_parser(
        "packet-file", help="the files inside the packet's sections: list, rename, move"
    )
    actions = files.add_subparsers(dest="file_action", metavar="ACTION", required=True)
    p = command(actions, "list", _list, "each section's files in print order")
    p.add_argument("tender_id", type=int)
    p.add_argument("--json", action="store_true")
    p = command(
        actions, "rename", _rename, 'title a file in its section ("" gives back its own name)'
    )
    p.add_argument("file_id", type=int, help="the file's id (packet-file list)")
    p.add_argument("title")
    p = command(actions, "move", _move, "move a file within its section")
    p.add_argument("file_id", type=int, help="the file's id (packet-file list)")
    p.add_argument("where", choices=tuple(MOVES), help="up, down, first or last")
    p.add_argument("--steps", type=int, default=1, help="places to move up or down (default 1)")
    p = command(
        sub,
        "deviation-import",
        _deviation_import,
        "fill a 响应/偏离表 from a .csv/.xlsx (要求, 响应, 偏离情况, 说明; a 序号 column and a"
        " heading row are recognised)",
    )
    p.add_argument("tender_id", type=int)
    p.add_argument("file", type=Path)
    p.add_argument("--section", help="the table's title (default: the first deviation table)")
    p.add_argument("--append", action="store_true", help="after the rows it has (default: replace)")


def _print_section(section: tender_packet.SectionRecord) -> None:
    print(section.title)
    for number, f in enumerate(section.files, start=1):
        kind = (
            (
                f"qualification #{f.qualification_id}"
                if lang() == "en"
                else f"资质 #{f.qualification_id}"
            )
            if f.qualification_id is not None
            else ("file" if lang() == "en" else "文件")
        )
        print(f"  ({number}) #{f.id} {f.label}  [{kind}]")


def _list(args: argparse.Namespace, archive: Archive) -> int:
    tenders.get_tender(archive, args.tender_id)
    packet = [s for s in tender_packet.sections(archive, args.tender_id) if not s.is_form]
    if args.json:
        print_json(
            [
                {
                    "section_id": s.id,
                    "section": s.title,
                    "files": [
                        {
                            "id": f.id,
                            "title": f.label,
                            "default_title": f.default_label,
                            "qualification_id": f.qualification_id,
                        }
                        for f in s.files
                    ],
                }
                for s in packet
            ]
        )
        return 0
    for section in packet:
        _print_section(section)
    return 0


def _rename(args: argparse.Namespace, archive: Archive) -> int:
    record = tender_packet.rename_file(archive, args.file_id, args.title)
    print(f"#{record.id} {record.label}")
    return 0


def _move(args: argparse.Namespace, archive: Archive) -> int:
    offset = MOVES[args.where] * (max(1, args.steps) if args.where in ("up", "down") else 1)
    _print_section(tender_packet.move_file(archive, args.file_id, offset))
    return 0


def _deviation_import(args: argparse.Namespace, archive: Archive) -> int:
    tenders.get_tender(archive, args.tender_id)
    section = packet_deviation.deviation_section(archive, args.tender_id, args.section)
    rows = packet_deviation.read_rows(args.file)
    updated = packet_deviation.import_rows(archive, section.id, rows, args.append)
    total = len(updated.content.get("rows") or [])
    if lang() == "en":
        print(f"{len(rows)} rows imported into {updated.title} ({total} rows)")
    else:
        print(f"已导入 {len(rows)} 行到“{updated.title}”（共 {total} 行）")
    return 0
