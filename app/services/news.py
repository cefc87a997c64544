"""客户动态: what a client published (a promotion, a procurement notice on 政府采购网, an
article on its 公众号, a newspaper cutting), with its date, source, title, link or scan and a
note. Listed newest first on the client's page, found by the global search, deleted to the
recycle bin (with its scans).

A scan is an attachment of kind 'news' (the archive's attachment store); it is written in the
same unit of work as the news item, so a refused save leaves the archive as it was."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from app.db.models import Attachment, ClientNews
from app.db.repositories import attachments as attachment_repo
from app.db.repositories import clients as client_repo
from app.db.repositories import news as repo
from app.domain.errors import AppError, NotFoundError, ValidationError
from app.domain.links import parse_url
from app.domain.parsing import parse_date
from app.domain.text import clean, clean_multiline
from app.services import attachments, indexing, record_versions, recycle_bin
from app.services.archive import Archive

OWNER_KIND = "news"
SOURCES = ("官网", "公众号", "政府采购网", "报纸", "展会", "其他")  # suggestions, not a rule
MAX_TITLE, MAX_SOURCE, MAX_NOTES = 300, 100, 5000


@dataclass(frozen=True)
class NewsDraft:
    client_id: int
    published_on: date | None
    title: str
    source: str = ""
    url: str = ""
    notes: str = ""


@dataclass(frozen=True)
class NewsRecord:
    id: int
    client_id: int
    client_name: str
    published_on: date
    source: str
    title: str
    url: str
    notes: str
    scans: int = 0  # how many scans are attached
    version: int = 1  # what a save of an edit of it is checked against (record_versions)

    def draft(self) -> NewsDraft:
        return NewsDraft(
            self.client_id, self.published_on, self.title, self.source, self.url, self.notes
        )


def _record(news: ClientNews, client_name: str, scans: int = 0) -> NewsRecord:
    return NewsRecord(
        news.id,
        news.client_id,
        client_name,
        news.published_on,
        news.source,
        news.title,
        news.url,
        news.notes,
        scans,
        news.version,
    )


def validate(draft: NewsDraft) -> NewsDraft:
    """The draft cleaned, or ValidationError naming the first field that is wrong."""
    title = clean(draft.title)
    if not title:
        raise ValidationError("news_title", "required")
    if len(title) > MAX_TITLE:
        raise ValidationError("news_title", "too_long", limit=MAX_TITLE)
    published = draft.published_on
    if not isinstance(published, date):
        published = parse_date(published, "news_date")
    if published is None:
        raise ValidationError("news_date", "required")
    source = clean(draft.source)
    if len(source) > MAX_SOURCE:
        raise ValidationError("news_source", "too_long", limit=MAX_SOURCE)
    notes = clean_multiline(draft.notes)
    if len(notes) > MAX_NOTES:
        raise ValidationError("notes", "too_long", limit=MAX_NOTES)
    return replace(
        draft,
        title=title,
        published_on=published,
        source=source,
        url=parse_url(draft.url),
        notes=notes,
    )


def _apply(news: ClientNews, draft: NewsDraft) -> None:
    news.client_id = draft.client_id
    news.published_on = draft.published_on
    news.title = draft.title
    news.source = draft.source
    news.url = draft.url
    news.notes = draft.notes


def _stored_scan(archive: Archive, scan: Path | None) -> tuple[str, int, str] | None:
    """The scan copied into the store first (sha256, size, name); nothing links to it until
    the news item's unit of work commits."""
    if scan is None:
        return None
    scan = Path(scan)
    if not scan.is_file():
        raise AppError("file_missing", fields=("file",), path=str(scan))
    sha, size = archive.blobs.put(scan)
    return sha, size, scan.name


def _attach(archive: Archive, session, news_id: int, stored: tuple[str, int, str]) -> None:
    sha, size, name = stored
    attachment_repo.ensure_blob(session, sha, size, archive.now())
    session.add(
        Attachment(
            owner_kind=OWNER_KIND,
            owner_id=news_id,
            sha256=sha,
            original_name=name,
            size=size,
            added_at=archive.now(),
        )
    )


def _client_name(session, client_id: int) -> str:
    client = client_repo.get(session, client_id)
    if client is None:
        raise NotFoundError("client", client_id)
    return client.name


def _after_write(archive: Archive, session, news: ClientNews, client_name: str) -> NewsRecord:
    session.flush()
    indexing.reindex(session, [indexing.news_document(news, client_name)])
    count = len(attachment_repo.for_owner(session, OWNER_KIND, news.id))
    return _record(news, client_name, count)


def add_news(archive: Archive, draft: NewsDraft, scan: Path | None = None) -> NewsRecord:
    draft = validate(draft)
    stored = _stored_scan(archive, scan)
    with archive.db.session() as session:
        name = _client_name(session, draft.client_id)
        news = ClientNews(created_at=archive.now())
        _apply(news, draft)
        session.add(news)
        session.flush()
        if stored is not None:
            _attach(archive, session, news.id, stored)
        return _after_write(archive, session, news, name)


def update_news(
    archive: Archive,
    news_id: int,
    draft: NewsDraft,
    scan: Path | None = None,
    expected_version: int | None = None,
) -> NewsRecord:
    """Changes the news item (its client too); a scan given is added to its scans. Refused
    when someone else changed it after `expected_version` (ConflictError; None: no check)."""
    draft = validate(draft)
    stored = _stored_scan(archive, scan)
    with archive.db.session() as session:
        news = _get(session, news_id)
        record_versions.check(session, "news", news, expected_version)
        name = _client_name(session, draft.client_id)
        _apply(news, draft)
        if stored is not None:
            _attach(archive, session, news.id, stored)
        return _after_write(archive, session, news, name)


def delete_news(archive: Archive, news_id: int) -> None:
    """Moves the news item, with its scans, to the recycle bin."""
    with archive.db.session() as session:
        _get(session, news_id)
        recycle_bin.move_to_bin(archive, session, "news", news_id)


def _get(session, news_id: int) -> ClientNews:
    news = repo.get(session, news_id)
    if news is None:
        raise NotFoundError("news", news_id)
    return news


def get_news(archive: Archive, news_id: int) -> NewsRecord:
    with archive.db.read() as session:
        news = _get(session, news_id)
        count = len(attachment_repo.for_owner(session, OWNER_KIND, news_id))
        return _record(news, _client_name(session, news.client_id), count)


def list_news(archive: Archive, client_id: int | None = None) -> list[NewsRecord]:
    """Newest first (one client's when `client_id` is given)."""
    with archive.db.read() as session:
        with_scans = attachment_repo.owner_ids(session, OWNER_KIND)
        return [
            _record(n, name, 1 if n.id in with_scans else 0)
            for n, name in repo.rows(session, client_id)
        ]


def client_of(archive: Archive, news_id: int) -> int:
    """The client whose news item this is (a search hit opens the client's news)."""
    return get_news(archive, news_id).client_id


def scans(archive: Archive, news_id: int) -> list[attachments.AttachmentRecord]:
    return attachments.list_for(archive, OWNER_KIND, news_id)
