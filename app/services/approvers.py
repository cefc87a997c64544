"""Who takes an approval step or a document review (issue 14 §2).

On an archive file there is one user and the approver's name is typed (as before). On a team
archive the name is the login's own, never typed: the service checks that the login holds the
step's role and is neither the applicant nor the author, and the database checks it again
(app.db.team_roles' triggers), so psql is held to the same rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.domain.duties import check_not_author
from app.domain.errors import ValidationError
from app.domain.rebates import ApprovalStep, check_approver
from app.domain.team_roles import DOCUMENT_APPROVERS, ROLE_LABELS, step_role
from app.domain.text import clean
from app.services.archive import Archive
from app.services.team_users import Login, current_login


def login_of(archive: Archive) -> Login | None:
    """The team archive's login (None on an archive file)."""
    return current_login(archive)


def actor(archive: Archive, typed: str, login: Login | None = None) -> str:
    """The name an application, a step or a review is recorded under: the login's on a team
    archive, else what was typed (also for the archive's owner or the server's superuser, who
    hold no app role and are bound by nothing here, like the one user of an archive file)."""
    login = login if login is not None else login_of(archive)
    if login is None or login.role is None:  # a file; or the server's owner, no app user
        return clean(typed)
    return login.name


def step_refusal(login: Login | None, step: ApprovalStep | str) -> ValidationError | None:
    """Why this login may not take `step` (None: it may; an archive file's user may)."""
    if login is None or login.role is None:
        return None
    needed = step_role(step)
    if login.role is not needed:
        return ValidationError("approver", "wrong_role", name=login.name, role=ROLE_LABELS[needed])
    return None


def review_refusal(login: Login | None) -> ValidationError | None:
    """Why this login may not approve or return a document (None: it may)."""
    if login is None or login.role is None or login.role in DOCUMENT_APPROVERS:
        return None
    roles = "、".join(
        ROLE_LABELS[r] for r in sorted(DOCUMENT_APPROVERS, key=list(ROLE_LABELS).index)
    )
    return ValidationError("approver", "wrong_role", name=login.name, role=roles)


def rebate_refusal(
    login: Login | None,
    step: ApprovalStep | str,
    applicants: Iterable[str],
    decided: Mapping[str, str],
) -> ValidationError | None:
    """Why this login may not take `step` of an application (its role, or it applied, or it
    took another step of this round); None on an archive file, where names are typed."""
    refusal = step_refusal(login, step)
    if refusal is not None or login is None or login.role is None:
        return refusal
    try:
        for applicant in applicants:
            check_approver(login.name, applicant, step, dict(decided))
    except ValidationError as exc:
        return exc
    return None


def document_refusal(login: Login | None, authors: Iterable[str]) -> ValidationError | None:
    """Why this login may not approve or return a draft written or submitted by `authors`."""
    refusal = review_refusal(login)
    if refusal is not None or login is None or login.role is None:
        return refusal
    try:
        check_not_author(login.name, authors)
    except ValidationError as exc:
        return exc
    return None
