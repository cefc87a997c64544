"""客户动态 rows (client_news), newest first."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Client, ClientNews


def get(session: Session, news_id: int) -> ClientNews | None:
    return session.get(ClientNews, news_id)


def rows(session: Session, client_id: int | None = None) -> list[tuple[ClientNews, str]]:
    """(news, client name), newest first; one client's when `client_id` is given."""
    stmt = select(ClientNews, Client.name).join(Client, Client.id == ClientNews.client_id)
    if client_id is not None:
        stmt = stmt.where(ClientNews.client_id == client_id)
    stmt = stmt.order_by(ClientNews.published_on.desc(), ClientNews.id.desc())
    return [(n, name) for n, name in session.execute(stmt)]


def stream(session: Session, client_id: int | None = None) -> Iterator[tuple[ClientNews, str]]:
    """(news, client name) for the search index, in id order."""
    stmt = select(ClientNews, Client.name).join(Client, Client.id == ClientNews.client_id)
    if client_id is not None:
        stmt = stmt.where(ClientNews.client_id == client_id)
    for row in session.execute(stmt.order_by(ClientNews.id)).yield_per(1000):
        yield row[0], row[1]
