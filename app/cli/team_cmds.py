"""team init, team user …: the department's team archive on a PostgreSQL server (issue 14)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import command, lang
from app.cli.passwords import given_password
from app.cli.team_transfer_cmds import register_transfer


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "team", help="the team archive on a PostgreSQL server: init, users"
    )
    sub = parser.add_subparsers(dest="team_cmd", metavar="ACTION", required=True)
    p = command(
        sub,
        "init",
        _init,
        "make a new team database ready (tables, search index, the app's roles and row-level"
        " security); repeating it changes nothing",
        opens_archive=False,
    )
    p.add_argument("address", metavar="URL", help="postgresql://user@host/dbname")
    register_transfer(sub)
    from app.cli import team_user_cmds

    team_user_cmds.register(sub)


def _init(args: argparse.Namespace, _db_path: Path) -> int:
    from app.services import team, team_logins

    password = given_password(args) or team_logins.saved_password(args.address)
    info = team.init(args.address, password)
    if lang() == "en":
        state = "created/upgraded" if info.upgraded else "already current"
        print(f"Team archive {info.address}: schema {info.revision} ({state}).")
    else:
        state = "已建好/已升级" if info.upgraded else "已是最新，无需改动"
        print(f"团队档案 {info.address}：数据结构版本 {info.revision}（{state}）。")
    return 0
