"""Typed errors raised by services. Each carries a code and the fields involved; front ends
turn them into words (see app.domain.messages)."""

from __future__ import annotations

from dataclasses import dataclass, field


class AppError(Exception):
    """Base of every error a front end is expected to show to the user."""

    code: str = "error"

    def __init__(self, code: str | None = None, *, fields: tuple[str, ...] = (), **details: object):
        self.code = code or self.code
        self.fields = fields
        self.details = details
        super().__init__(self.code, fields, details)


class ValidationError(AppError):
    """One field's value is not acceptable. `field` names it, `code` says why."""

    code = "invalid"

    def __init__(self, field_name: str, code: str, **details: object):
        super().__init__(code, fields=(field_name,), **details)
        self.field = field_name


@dataclass(frozen=True)
class FieldProblem:
    field: str
    code: str
    details: dict = field(default_factory=dict)


class ValidationErrors(AppError):
    """Several fields are wrong at once (a form or an import row)."""

    code = "invalid_record"

    def __init__(self, problems: list[FieldProblem]):
        super().__init__(fields=tuple(p.field for p in problems))
        self.problems = problems


class DuplicateError(AppError):
    """The record would double an existing one."""

    code = "duplicate"

    def __init__(self, kind: str, existing_id: int, existing_title: str, by: str):
        super().__init__(fields=(by,), existing_id=existing_id, existing_title=existing_title)
        self.kind = kind
        self.existing_id = existing_id
        self.existing_title = existing_title
        self.by = by


class NotFoundError(AppError):
    code = "not_found"

    def __init__(self, kind: str, record_id: object):
        super().__init__(kind=kind, record_id=record_id)
        self.kind = kind
        self.record_id = record_id


class ArchiveError(AppError):
    """The archive file cannot be used as it is (too new, damaged, not an archive)."""

    code = "archive"


class FileError(AppError):
    """A file could not be read or written: disk full, read-only media, no permission."""

    code = "file_io"

    @classmethod
    def from_os_error(cls, exc: OSError, path: object = None) -> FileError:
        import errno

        codes = {
            errno.ENOSPC: "file_disk_full",
            errno.EDQUOT: "file_disk_full",
            errno.EROFS: "file_read_only",
            errno.EACCES: "file_permission",
            errno.EPERM: "file_permission",
            errno.ENOENT: "file_missing",
        }
        where = path if path is not None else (exc.filename or "")
        return cls(
            codes.get(exc.errno, "file_io"), path=str(where), reason=exc.strerror or str(exc)
        )


class CancelledError(AppError):
    code = "cancelled"


class ArchiveClosedError(CancelledError, RuntimeError):
    """A read that found its archive closed under it (the window went, another archive was
    opened): it ends as cancelled, quietly; nobody is waiting for its answer. (A
    RuntimeError too: code that uses a closed archive by mistake is told so.)"""


@dataclass(frozen=True)
class MissedChange:
    """One field another person changed after the version a refused save started from."""

    field: str
    then: str | None  # its value in that version
    now: str | None  # its value now


class ConflictError(AppError):
    """Someone else saved the record after the version this save started from: nothing was
    saved. `who` and `at` are of the newest of their changes; `changes` what they changed
    (empty when the history does not tell: a script, an import)."""

    code = "record_changed_by_other"

    def __init__(
        self,
        kind: str,
        record_id: int,
        expected: int,
        current: int,
        who: str = "",
        at: object = None,
        changes: tuple[MissedChange, ...] = (),
    ):
        super().__init__(
            fields=tuple(c.field for c in changes),
            kind=kind,
            record_id=record_id,
            expected=expected,
            current=current,
            who=who,
            at=at,
        )
        self.kind = kind
        self.record_id = record_id
        self.expected = expected
        self.current = current
        self.who = who
        self.at = at
        self.changes = changes
