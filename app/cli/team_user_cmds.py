"""team user add / list / disable / enable / role: the team archive's users (issue 14 §2).

Registered under `team` by app.cli.team_cmds. Only a 管理员 (or the server's administrator
before the first one exists) may run add, disable, enable and role: the server refuses anyone
else. The new user's password comes from --new-password-file or SALES_COMPASS_NEW_PASSWORD, or
is typed twice; never from an argument."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import command, lang, print_json


def register(team_sub) -> None:
    parser = team_sub.add_parser("user", help="the team archive's users: add, list, disable, role")
    sub = parser.add_subparsers(dest="user_cmd", metavar="ACTION", required=True)
    p = command(
        sub,
        "add",
        _add,
        "a new user: a login with its password and an app role (管理员 only)",
    )
    p.add_argument("login", metavar="LOGIN", help="the PostgreSQL login, e.g. wangfang")
    p.add_argument("--name", required=True, help="the person's name records carry, e.g. 王芳")
    p.add_argument(
        "--role", required=True, help="助理/客户经理/大客户部经理/市场营销中心/总经理/管理员"
    )
    p.add_argument(
        "--new-password-file",
        type=Path,
        metavar="FILE",
        help="the new user's password, on the first line of FILE"
        " (or SALES_COMPASS_NEW_PASSWORD, or typed twice)",
    )
    p = command(sub, "list", _list, "every user with their role and state", writes=False)
    p.add_argument("--json", action="store_true")
    p = command(sub, "disable", _disable, "the login can no longer connect; its records stay")
    p.add_argument("login", metavar="LOGIN")
    p = command(sub, "enable", _enable, "a disabled login may connect again")
    p.add_argument("login", metavar="LOGIN")
    p = command(sub, "role", _role, "give a user another app role (管理员 only)")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument(
        "role", metavar="ROLE", help="助理/客户经理/大客户部经理/市场营销中心/总经理/管理员"
    )


def _show(user) -> str:
    from app.domain.team_roles import ROLE_LABELS_EN

    if lang() == "en":
        state = "disabled" if user.disabled else "active"
        return f"{user.login}\t{user.name}\t{ROLE_LABELS_EN[user.role]}\t{state}"
    state = "已停用" if user.disabled else "正常"
    return f"{user.login}\t{user.name}\t{user.role_label}\t{state}"


def _add(args: argparse.Namespace, archive) -> int:
    from app.cli.passwords import new_password
    from app.domain.team_roles import check_login, parse_role
    from app.services import team_users

    team_users.list_users(archive)  # an archive file is refused before a password is asked
    check_login(args.login)  # and a bad login or role is named before it too
    parse_role(args.role)
    password = new_password(args, env_new=True)
    user = team_users.add_user(archive, args.login, args.name, args.role, password)
    print(("Added: " if lang() == "en" else "已添加：") + _show(user))
    return 0


def _list(args: argparse.Namespace, archive) -> int:
    from app.services import team_users

    users = team_users.list_users(archive)
    if args.json:
        print_json(
            [
                {
                    "login": u.login,
                    "name": u.name,
                    "role": u.role.value,
                    "role_label": u.role_label,
                    "disabled": u.disabled,
                    "created_at": u.created_at.isoformat(sep=" "),
                }
                for u in users
            ]
        )
        return 0
    if not users:
        print("No users yet." if lang() == "en" else "还没有用户。")
    for user in users:
        print(_show(user))
    return 0


def _disable(args: argparse.Namespace, archive) -> int:
    from app.services import team_users

    user = team_users.disable_user(archive, args.login)
    print(("Disabled: " if lang() == "en" else "已停用：") + _show(user))
    return 0


def _enable(args: argparse.Namespace, archive) -> int:
    from app.services import team_users

    user = team_users.enable_user(archive, args.login)
    print(("Enabled: " if lang() == "en" else "已启用：") + _show(user))
    return 0


def _role(args: argparse.Namespace, archive) -> int:
    from app.services import team_users

    user = team_users.set_role(archive, args.login, args.role)
    print(("Role changed: " if lang() == "en" else "已更改角色：") + _show(user))
    return 0
