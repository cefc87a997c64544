"""The command line: the window's twin. Every command takes --db PATH and calls the services.

Exit 0 on success; 1 with a message on stderr for bad input or a refused archive."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app.domain.errors import AppError, ConflictError, FileError
from app.domain.messages import describe
from app.domain.typography import chinese_punctuation
from app.paths import default_archive_path

if TYPE_CHECKING:
    from app.services.archive import Archive

Handler = Callable[[argparse.Namespace, "Archive"], int]


def lang() -> str:
    return "en" if os.environ.get("SALES_COMPASS_LANG", "").startswith("en") else "zh"


def said(value: object, of: object = None) -> str:
    """A stored status, kind or method in the command line's language: 合作中 / Active
    (app.domain.labels; a value it does not know is printed as it is)."""
    from app.domain.labels import label

    return label(value, lang(), of)


def archive_location(value: str) -> Path | str:
    """--db's value: a server's address stays text (a Path would fold its '//'), a file a Path."""
    from app.domain.locations import is_server_address

    return value if is_server_address(value) else Path(value)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    from app.cli.passwords import add_password_file_option

    parser.add_argument(
        "--db",
        type=archive_location,
        default=argparse.SUPPRESS,
        help="archive file, or a team archive postgresql://user@host/dbname"
        " (default: the per-user archive)",
    )
    add_password_file_option(parser)


def command(
    subparsers,
    name: str,
    handler: Handler,
    help_text: str,
    opens_archive: bool = True,
    writes: bool | Callable[[argparse.Namespace], bool] = True,
) -> argparse.ArgumentParser:
    """A subcommand. It gets the open archive, or only its path when opens_archive is False
    (restore must not open the archive it is about to replace).

    A command that writes takes the archive for itself while it runs (one writer at a time); one
    that only reads (writes=False) opens it read-only and works while a window has it open.
    `writes` may be a function of the parsed arguments: a command that shows or sets (company)
    writes only when asked to set something."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_db_option(parser)
    parser.set_defaults(handler=handler, opens_archive=opens_archive, writes=writes)
    return parser


def add_output_argument(
    parser: argparse.ArgumentParser, dest: str = "out", *flags: str, **kwargs: object
) -> None:
    """A file the command writes. Before the command runs it is checked: never the archive
    itself (or its journals, lock or attachments), and an existing file only with --force."""
    kwargs.setdefault("type", Path)
    if flags:
        parser.add_argument(*flags, dest=dest, **kwargs)
    else:
        parser.add_argument(dest, **kwargs)
    if not any(action.dest == "force" for action in parser._actions):
        parser.add_argument(
            "--force", action="store_true", help="overwrite an existing output file"
        )
    outputs = list(parser.get_default("output_dests") or [])
    parser.set_defaults(output_dests=[*outputs, dest])


def count(text: str) -> int:
    """An option's whole number not below 0; argparse refuses any other naming the option."""
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def positive(text: str) -> int:
    """An option's whole number above 0 (a limit where 0 cannot mean all)."""
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def add_limit_argument(
    parser: argparse.ArgumentParser, default: int, what: str, zero_means_all: bool = True
) -> None:
    """--limit N: `what` printed, default `default`; 0 means all unless `zero_means_all` is
    False (then it must be 1 or more). A negative limit is refused naming --limit, exit 1."""
    tail = "; 0: all" if zero_means_all else ""
    parser.add_argument(
        "--limit",
        type=count if zero_means_all else positive,
        default=default,
        metavar="N",
        help=f"{what} (default {default}{tail})",
    )


def limit_of(args: argparse.Namespace) -> int | None:
    """The --limit given, None for 0 (all)."""
    return args.limit or None


def check_outputs(args: argparse.Namespace, db_path: Path | None) -> None:
    """Every file the command writes: never the archive's own (`db_path`'s; a team archive has
    none on this computer), and an existing one only with --force."""
    from app.services.archive import guard_output

    for dest in getattr(args, "output_dests", None) or []:
        value = getattr(args, dest, None)
        if value is None:
            continue
        if db_path is None:
            out = Path(value).expanduser().resolve()
        else:
            out = guard_output(Path(db_path), Path(value))
        if out.exists() and not getattr(args, "force", False):
            raise AppError("output_exists", path=str(out))


def to_jsonable(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Path):
        return str(value)
    return value


def print_json(value: object) -> None:
    print(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def fail(message: str) -> int:
    """A refusal on stderr (exit 1); a Chinese one in Chinese punctuation, as the window and
    the printed documents say it ('文件不存在：…', never '文件不存在:…')."""
    print(f"sales-compass: {chinese_punctuation(message)}", file=sys.stderr)
    return 1


# the exit code of an edit refused because someone else changed the record (--if-version)
EXIT_CHANGED_BY_OTHER = 3


def add_if_version(parser: argparse.ArgumentParser) -> None:
    """--if-version N of an edit command: the save is refused (exit 3, nothing changed, the
    fields changed meanwhile named) when the record is no longer at version N."""
    parser.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help="save only if the record is still at version N (the 'version' of show --json);"
        " otherwise exit 3 naming what someone else changed",
    )


# The command modules, in the order their commands are listed in --help. Each has register().
# Each command word and the module that registers it, in the order --help lists them. Only the
# module of the command being run is imported (a command starts without loading every service
# and library); --help and unknown words load them all. tests/cli check the table is complete.
COMMAND_WORDS: dict[str, str] = {
    "backup": "archive_cmds",
    "restore": "archive_cmds",
    "check": "archive_cmds",
    "clients": "client_cmds",
    "client": "client_cmds",
    "add-client": "client_cmds",
    "add-contact": "activity_cmds",
    "add-activity": "activity_cmds",
    "activities": "activity_cmds",
    "close-complaint": "activity_cmds",
    "done": "activity_cmds",
    "attach": "activity_cmds",
    "attachments": "activity_cmds",
    "detach": "activity_cmds",
    "overdue": "activity_cmds",
    "company": "settings_cmds",
    "intervals": "settings_cmds",
    "user": "settings_cmds",
    "font": "settings_cmds",
    "calendar": "calendar_cmds",
    "search": "search_cmds",
    "import": "transfer_cmds",
    "export": "transfer_cmds",
    "template": "transfer_cmds",
    "demo": "demo_cmds",
    "qualification": "tender_cmds",
    "tender": "tender_cmds",
    "pdf": "pdf_cmds",
    "docx": "docx_cmds",
    "documents": "document_cmds",
    "document": "document_cmds",
    "letters": "document_cmds",
    "rebate": "sales_cmds",
    "plan": "sales_cmds",
    "contracts": "sales_cmds",
    "contract": "sales_cmds",
    "receipt": "sales_cmds",
    "receipts": "sales_cmds",
    "receivables": "receivable_cmds",
    "forecast": "year_cmds",
    "minutes": "minutes_cmds",
    "actions": "minutes_cmds",
    "action": "minutes_cmds",
    "analysis": "analysis_cmds",
    "encrypt": "encryption_cmds",
    "decrypt": "encryption_cmds",
    "passwd": "encryption_cmds",
    "backups": "backup_cmds",
    "bin": "bin_cmds",
    "edit-client": "edit_cmds",
    "delete-client": "edit_cmds",
    "edit-contact": "edit_cmds",
    "delete-contact": "edit_cmds",
    "edit-activity": "edit_cmds",
    "delete-activity": "edit_cmds",
    "history": "history_cmds",
    "budget": "budget_cmds",  # issue 13
    "news": "news_cmds",
    "team": "team_cmds",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMAND_WORDS.values()))
# What --help lists for each command word, so that it loads no command module (issue 11);
# tests/cli/test_command_table.py checks each against the help its module registers.
COMMAND_HELP: dict[str, str] = {
    "backup": "copy the archive and its attachments to DEST",
    "restore": "replace the archive by a backup: a file, or an ID from `backups list`",
    "check": "check the database, its links and attachment files",
    "clients": "list clients (filter like the window's list)",
    "client": "show one client with its contacts",
    "add-client": "add a client (and optionally one contact)",
    "add-contact": "add a contact to a client",
    "add-activity": "record a visit, call, complaint ...",
    "activities": "list activities, newest first",
    "close-complaint": "close a complaint with its resolution",
    "done": "mark an activity's next step done",
    "attach": "attach files to a client or an activity",
    "attachments": "list a record's attachments",
    "detach": "remove an attachment",
    "overdue": "clients overdue for a visit, A and B first",
    "company": "show or set our company's details (printed on documents)",
    "intervals": "show or set the visit interval per tier (days)",
    "user": "show or set the name recorded as who made each change (记录修改人; default: the login)",
    "font": "show or set the fonts documents print in (文档字体, 补充字体 for rare characters)",
    "calendar": "holiday calendar (节假日): days from the State Council's notice",
    "search": "search every record: clients, contacts, activities, tenders, qualifications, documents, letters, contracts, receipts, rebates, minutes and their action items, client news",
    "import": "import records from a spreadsheet (.xlsx or .csv)",
    "export": "export records to a spreadsheet (.xlsx or .csv)",
    "template": "write an empty import template (.xlsx or .csv)",
    "demo": "create a demo archive with Chinese clients, contacts and activities",
    "qualification": "the qualification library",
    "tender": "the tender register",
    "pdf": "print a document as PDF",
    "docx": "write a document as a filled Word file (.docx) for the other party's redlines",
    "documents": "agreements, notices, faxes",
    "document": "one document: draft and review",
    "letters": "the letters register (来往函)",
    "rebate": "sales rebates (销售返点) and their approval",
    "plan": "monthly and annual plan (月计划, 年度计划): targets, progress, forecast",
    "contracts": "list contracts (合同)",
    "contract": "add, show, edit or delete a contract",
    "receipt": "book, edit or delete a receipt (回款)",
    "receipts": "receipts (回款), newest first",
    "receivables": "receivables per client with ageing",
    "forecast": "sales forecast (销售预测): entered and suggested from the pipeline",
    "minutes": "meeting minutes (会议纪要)",
    "actions": "open action items, overdue first (督促落实)",
    "action": "close or reopen an action item",
    "analysis": "the six analyses: development, service, churn, cost, value, owners",
    "encrypt": "encrypt the archive and its attachments with a password (SALES_COMPASS_PASSWORD, --password-file, or typed twice)",
    "decrypt": "remove the archive's encryption (its password as for any command)",
    "passwd": "change the archive's password (the new one from SALES_COMPASS_NEW_PASSWORD, --new-password-file, or typed twice)",
    "backups": "automatic backups: now, list, verify, prune, settings",
    "bin": "the recycle bin (回收站): list, restore or purge deleted records",
    "edit-client": "change a client; options not given are kept",
    "delete-client": "move a client to the recycle bin (回收站); bin restore puts it back",
    "edit-contact": "change a contact; options not given are kept",
    "delete-contact": "move a contact to the recycle bin (回收站); bin restore puts it back",
    "edit-activity": "change a visit, call, complaint ...; options not given are kept",
    "delete-activity": "move an activity to the recycle bin (回收站); bin restore puts it back",
    "budget": "expense budget (费用预算) per month, owner and kind, against the spent",
    "news": "client news (客户动态): add, list, edit, delete",
    "team": "the team archive on a PostgreSQL server: init, users",
    "history": "who changed a record, when, field by field (修改记录); without KIND ID the latest changes of the archive, imports included",
}
# Options before the command word that take a value (so the value is not taken for the word).
_TOP_LEVEL_VALUES = ("--db", "--password-file")


def command_word(argv: Sequence[str]) -> str | None:
    """The command word of a command line: `--db X clients --tier A` -> 'clients'."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _TOP_LEVEL_VALUES:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


_TYPE_ZH = {"int": "整数", "float": "数字", "count": "不小于 0 的整数", "positive": "正整数"}


def _quoted(shown: str) -> str:
    """argparse's repr of a value, 'abc', as Chinese quotes: “abc”."""
    if len(shown) >= 2 and shown[0] == shown[-1] and shown[0] in "'\"":
        shown = shown[1:-1]
    return f"“{shown}”"


# argparse's own messages (Python 3.11+) and how the Chinese command line says them.
_ARGPARSE_ZH: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"argument (?P<arg>.+?): invalid (?P<type>\w+) value: (?P<value>.+)"),
        lambda m: (
            f"参数 {m['arg']} 应为{_TYPE_ZH.get(m['type'], '有效的值')}：{_quoted(m['value'])}"
        ),
    ),
    (
        re.compile(
            r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<ch>.+)\)"
        ),
        lambda m: f"参数 {m['arg']} 无法识别{_quoted(m['value'])}（可选：{m['ch']}）",
    ),
    (
        re.compile(r"the following arguments are required: (?P<args>.+)"),
        lambda m: f"缺少必需的参数：{m['args']}",
    ),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), lambda m: f"无法识别的参数：{m['args']}"),
    (
        re.compile(r"argument (?P<arg>.+?): expected one argument"),
        lambda m: f"参数 {m['arg']} 后面需要一个值",
    ),
    (
        re.compile(r"argument (?P<arg>.+?): expected at least one argument"),
        lambda m: f"参数 {m['arg']} 后面至少需要一个值",
    ),
    (
        re.compile(r"argument (?P<arg>.+?): expected at most one argument"),
        lambda m: f"参数 {m['arg']} 后面最多只能有一个值",
    ),
    (
        re.compile(r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)"),
        lambda m: f"参数 {m['arg']} 不能与 {m['other']} 同时使用",
    ),
    (
        re.compile(r"one of the arguments (?P<args>.+) is required"),
        lambda m: f"须给出以下参数之一：{m['args']}",
    ),
    (
        re.compile(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.+)"),
        lambda m: f"选项 {m['opt']} 有歧义，可能是：{m['matches']}",
    ),
)


def argparse_message(message: str, language: str = "zh") -> str:
    """argparse's English error in the command line's language (unknown ones stay as they are)."""
    if language == "en":
        return message
    for pattern, say in _ARGPARSE_ZH:
        match = pattern.fullmatch(message)
        if match:
            return chinese_punctuation(say(match))
    return message


class Parser(argparse.ArgumentParser):
    """Bad command-line input exits 1 like any other bad input (argparse's default is 2), in
    Chinese unless SALES_COMPASS_LANG=en."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        if lang() == "en":
            self.exit(1, f"{self.prog}: error: {message}\n")
        self.exit(1, f"{self.prog}: 错误：{argparse_message(message)}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with the command of `argv` registered; for argv None, --help or a word that
    is not a command, every command word with its one-line help (COMMAND_HELP), none loaded."""
    word = command_word(argv) if argv is not None else None
    parser = Parser(
        prog="sales-compass",
        description="销售罗盘 Sales Compass. Without a command it opens the window.",
    )
    add_db_option(parser)
    # answered by app.main before any parsing; listed here so that --help shows it
    parser.add_argument("-V", "--version", action="store_true", help="print the version and stop")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.add_parser("gui", help="open the window (the default)")
    if word in COMMAND_WORDS:
        importlib.import_module(f"app.cli.{COMMAND_WORDS[word]}").register(subparsers)
    else:  # --help, or a word that is not a command: the list, without loading any command
        for name, help_text in COMMAND_HELP.items():
            subparsers.add_parser(name, help=help_text, description=help_text)
    return parser


def _writes(args: argparse.Namespace) -> bool:
    writes = getattr(args, "writes", True)
    return bool(writes(args)) if callable(writes) else bool(writes)


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    _take_positional_archive(parser, args)
    location = getattr(args, "db", None) or default_archive_path()
    try:
        if isinstance(location, str):
            archive = open_server(args, location)
        else:
            db_path = Path(location)
            check_outputs(args, db_path)
            from app.cli.passwords import unlock

            unlock(args, db_path)  # an encrypted archive's password (never from an argument)
            if not args.opens_archive:
                return handler(args, db_path)
            from app.services.archive import open_archive

            # A command that only reads refuses a --db file that is not there (a mistyped path
            # would show an empty archive); one that writes creates it, as does the default.
            create = _writes(args) or "db" not in args
            if not create and not db_path.expanduser().exists():
                raise AppError("archive_missing_read", path=str(db_path))
            archive = open_archive(db_path, read_only=not _writes(args))
            _map_reads(archive)
        try:
            code = handler(args, archive)
        finally:
            archive.close()
        _warn_boxed()
        return code
    except ConflictError as error:
        fail(describe(error, lang()))
        return EXIT_CHANGED_BY_OTHER
    except AppError as error:
        return fail(describe(error, lang()))
    except BrokenPipeError:
        raise
    except OSError as error:
        return fail(describe(FileError.from_os_error(error), lang()))
    except KeyboardInterrupt:
        return fail(describe(AppError("cancelled"), lang()))


def _warn_boxed() -> None:
    """After printing: the characters no font had (printed as boxes), on stderr."""
    from app.domain.missing_glyphs import boxed_note
    from app.services.printed_boxes import boxed_characters

    note = boxed_note(*boxed_characters(), lang=lang(), cli=True)
    prefix = "warning: " if lang() == "en" else "警告："
    for line in note.splitlines():
        print(f"sales-compass: {prefix}{line}", file=sys.stderr)


def _take_positional_archive(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`demo PATH` is `demo --db PATH`; both at once must name the same archive."""
    positional = getattr(args, "archive_path", None)
    if positional is None:
        return
    given = getattr(args, "db", None)
    if given is not None and str(given) != str(positional):
        if lang() == "en":
            parser.error(f"PATH {positional} and --db {given} name two archives; give one")
        parser.error(f"PATH {positional} 与 --db {given} 是两个档案，只给一个")
    args.db = positional


def _map_reads(archive) -> None:
    """A command reading an archive file maps it rather than copying every page it reads
    (app.db.file_reader.MAP_FILE): the process ends soon after, so the pages do not stay. Not
    a file on a network share: another computer shortening it under the mapping would stop
    the command with a bus error instead of SQLite's word."""
    from app.file_systems import network_share

    plain = archive.plain()
    if plain is not None and network_share(plain.path) is None:
        plain.mapped = True


def open_server(args: argparse.Namespace, address: str):
    """The team archive a command works on (a command that works on files, such as restore,
    is refused). Outputs are checked as for a file archive, minus the archive's own files."""
    if not args.opens_archive and not getattr(args, "team_archive_too", False):
        raise AppError("not_for_team_archive", path=address)
    check_outputs(args, None)
    from app.cli.passwords import open_team_archive

    return open_team_archive(args, address, read_only=not _writes(args))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
