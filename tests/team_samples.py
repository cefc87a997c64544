"""A laptop archive like the demo's, made through the services: clients with contacts, visits,
an attachment, a deleted record in the recycle bin and the history all that writes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from clock import FIXED_NOW

from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, attachments, clients
from app.services.archive import open_archive


def laptop_archive(path: Path, names: tuple[str, ...], scan: bytes = b"%PDF-1.4 scan") -> Path:
    archive = open_archive(path, clock=lambda: FIXED_NOW)
    try:
        made = []
        for n, name in enumerate(names):
            client = clients.create_client(
                archive,
                ClientDraft(name, region="北京", notes=f"备注{n}"),
                [ContactDraft(f"联系人{n}甲"), ContactDraft(f"联系人{n}乙")],
            )
            made.append(client)
            contact_ids = tuple(c.id for c in client.contacts)
            activities.create_activity(
                archive,
                ActivityDraft(
                    client.id,
                    ActivityKind.VISIT,
                    datetime(2026, 11, 2 + n, 10, 0),
                    f"拜访{name}",
                    contact_ids=contact_ids[:1],
                ),
            )
        source = path.with_name(path.stem + "-营业执照.pdf")
        source.write_bytes(scan)
        attachments.add(archive, "client", made[0].id, source)
        clients.delete_client(archive, made[-1].id)  # into the recycle bin
    finally:
        archive.close()
    return path
