"""The app roles of a team archive (issue 14 §2) and which approval step each may take.

Each person logs in as their own PostgreSQL role; the group role of their app role gives the
grants, and row-level security does the rest (app.db.team_roles). On an archive file there is
one user and no roles."""

from __future__ import annotations

import re
from enum import StrEnum

from app.domain.errors import ValidationError
from app.domain.rebates import ApprovalStep


class AppRole(StrEnum):
    ASSISTANT = "assistant"  # 助理: every record
    ACCOUNT_MANAGER = "account_manager"  # 客户经理: their own clients and what hangs on them
    DEPT_MANAGER = "dept_manager"  # 大客户部经理: the first approval step
    MARKETING = "marketing"  # 市场营销中心: the second
    GENERAL_MANAGER = "general_manager"  # 总经理: the last
    ADMIN = "admin"  # 管理员: users and roles, every record


ROLE_LABELS: dict[AppRole, str] = {
    AppRole.ASSISTANT: "助理",
    AppRole.ACCOUNT_MANAGER: "客户经理",
    AppRole.DEPT_MANAGER: "大客户部经理",
    AppRole.MARKETING: "市场营销中心",
    AppRole.GENERAL_MANAGER: "总经理",
    AppRole.ADMIN: "管理员",
}
ROLE_LABELS_EN: dict[AppRole, str] = {
    AppRole.ASSISTANT: "Assistant",
    AppRole.ACCOUNT_MANAGER: "Account manager",
    AppRole.DEPT_MANAGER: "Key-account department manager",
    AppRole.MARKETING: "Marketing center",
    AppRole.GENERAL_MANAGER: "General manager",
    AppRole.ADMIN: "Administrator",
}

# who takes each step of a rebate's approval
STEP_ROLES: dict[ApprovalStep, AppRole] = {
    ApprovalStep.MANAGER: AppRole.DEPT_MANAGER,
    ApprovalStep.MARKETING: AppRole.MARKETING,
    ApprovalStep.GM: AppRole.GENERAL_MANAGER,
}
# who approves or returns a document under review (never its author nor who submitted it)
DOCUMENT_APPROVERS = frozenset(STEP_ROLES.values())
# who reads every record (an account manager reads the others' when team.managers_read_all)
READ_ALL = frozenset(AppRole) - {AppRole.ACCOUNT_MANAGER}
# who writes every record
WRITE_ALL = frozenset({AppRole.ASSISTANT, AppRole.ADMIN})

MANAGERS_READ_ALL_KEY = "team.managers_read_all"
LOGIN_PATTERN = re.compile(r"^[a-z_][a-z0-9_.]{0,62}$")


def parse_role(value: str) -> AppRole:
    """'客户经理', 'account_manager' or 'Account manager' -> AppRole; ValidationError on 'role'."""
    text = (value or "").strip()
    for role in AppRole:
        if (
            text in (role.value, ROLE_LABELS[role])
            or text.casefold() == ROLE_LABELS_EN[role].casefold()
        ):
            return role
    choices = "、".join(ROLE_LABELS.values())
    raise ValidationError("role", "unknown_role", value=text, choices=choices)


def check_login(login: str) -> str:
    """A login name PostgreSQL takes without quoting: lower-case letters, digits, _ and ."""
    login = (login or "").strip()
    if not LOGIN_PATTERN.match(login):
        raise ValidationError("login", "bad_login", value=login)
    return login


def step_role(step: ApprovalStep | str) -> AppRole:
    return STEP_ROLES[ApprovalStep(step)]
