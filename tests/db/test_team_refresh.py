"""Lists follow others' writes on a team archive (issue 14 §3) even when transactions commit out
of id order: PostgreSQL hands out change_log ids before commit, so a transaction holding a lower
id can commit after a higher one was already read by a window's look."""

from __future__ import annotations

from clock import FIXED_NOW

from app.db.repositories import change_log
from app.domain.records import ClientDraft
from app.services import clients, refresh
from app.services.archive import open_archive


def test_a_lower_id_committed_last_is_still_announced(team_address):
    watcher = open_archive(team_address)
    slow, quick = open_archive(team_address), open_archive(team_address)
    try:
        start = refresh.change_counter(watcher)
        with slow.db.session() as session:  # holds the lower id, commits last
            change_log.record(
                session,
                at=FIXED_NOW,
                user="赵敏",
                action=change_log.DELETE,
                kind="contract",
                record_id=7,
                title="HT-2026-007",
            )
            session.flush()
            clients.create_client(quick, ClientDraft("上海联拓信息技术有限公司"))
            counter, kinds = refresh.changes_since(watcher, start)
            assert "client" in kinds and "contract" not in kinds
        counter, kinds = refresh.changes_since(watcher, counter)
        assert {"contract", "recycle_bin"} <= kinds
        assert "client" not in kinds  # announced once only
        assert refresh.changes_since(watcher, counter) == (counter, frozenset())
    finally:
        for archive in (watcher, slow, quick):
            archive.close()


def test_a_change_committed_while_the_window_starts_watching_is_announced(
    team_address, monkeypatch
):
    """Where a window starts watching, the newest id and the entries below it are two reads:
    an entry committed between them is not taken as seen (a review found it never announced)."""
    watcher, other = open_archive(team_address), open_archive(team_address)
    try:
        first_read = change_log.newest_id

        def newest_then_a_commit(session):
            newest = first_read(session)
            clients.create_client(other, ClientDraft("上海联拓信息技术有限公司"))
            return newest

        monkeypatch.setattr(change_log, "newest_id", newest_then_a_commit)
        start = refresh.change_counter(watcher)
        monkeypatch.setattr(change_log, "newest_id", first_read)
        _counter, kinds = refresh.changes_since(watcher, start)
        assert "client" in kinds
    finally:
        watcher.close()
        other.close()
