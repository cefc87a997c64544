"""Many people saving the same record at once on a team archive (issue 14 §3): every save is
either taken whole or refused as stale and retried from the newest version; none is lost and
none is merged into another (PostgreSQL, READ COMMITTED, the version column)."""

from __future__ import annotations

import re
import threading

from app.domain.errors import ConflictError
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.services.archive import open_archive

PEOPLE, SAVES = 4, 8


def _contact(archive, client_id: int, contact_id: int):
    return next(c for c in clients.get_client(archive, client_id).contacts if c.id == contact_id)


def test_concurrent_saves_of_one_contact_lose_nothing(team_address):
    first = open_archive(team_address)
    client = clients.create_client(
        first, ClientDraft("北京华信科技有限公司"), [ContactDraft("王芳")]
    )
    contact_id = client.contacts[0].id
    first.close()
    accepted: list[str] = []
    refused: list[int] = []

    def person(number: int) -> None:
        archive = open_archive(team_address)
        try:
            for save in range(SAVES):
                token = f"[p{number}-{save}]"
                while True:
                    seen = _contact(archive, client.id, contact_id)
                    draft = ContactDraft(seen.name, notes=seen.notes + token)
                    try:
                        clients.update_contact(
                            archive, contact_id, draft, expected_version=seen.version
                        )
                    except ConflictError:
                        refused.append(number)
                        continue
                    accepted.append(token)
                    break
        finally:
            archive.close()

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    last = open_archive(team_address)
    try:
        final = _contact(last, client.id, contact_id)
    finally:
        last.close()
    written = re.findall(r"\[p\d+-\d+\]", final.notes)
    assert sorted(written) == sorted(accepted)  # each accepted save once, nothing else
    assert len(accepted) == PEOPLE * SAVES
    assert final.version == 1 + PEOPLE * SAVES
