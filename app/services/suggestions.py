"""Values already in the archive, offered while typing (typing 机械 offers 机械制造)."""

from __future__ import annotations

from app.db.repositories import clients as client_repo
from app.domain.progress import Progress
from app.services.archive import Archive

CLIENT_FIELDS = ("industry", "region", "owner")


def client_values(archive: Archive, field: str, task: Progress | None = None) -> list[str]:
    """The distinct non-empty values of a client field (industry, region or owner), sorted."""
    if field not in CLIENT_FIELDS:
        raise ValueError(f"no suggestions for the client field {field!r}")
    with archive.db.read() as session:
        return client_repo.distinct_values(session, field)
