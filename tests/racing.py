"""Two people taking the same step of one record on a team archive at once: each acts through
an archive of their own, saving under their own name; one step must be taken and the other
refused with a ConflictError naming the person who took theirs."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.domain.errors import ConflictError
from app.services.archive import Archive, open_archive

Step = Callable[[Archive], object]


def race(archive: Archive, steps: dict[str, Step]) -> dict[str, object]:
    """Runs each person's step on a thread of its own; each outcome is 'taken' or the
    ConflictError that refused it."""
    outcomes: dict[str, object] = {}

    def act(name: str, step: Step) -> None:
        person = open_archive(str(archive.server))
        person.db.change_tracker.who = lambda _session, name=name: name
        try:
            step(person)
            outcomes[name] = "taken"
        except ConflictError as exc:
            outcomes[name] = exc
        finally:
            person.close()

    people = [threading.Thread(target=act, args=item) for item in steps.items()]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    return outcomes


def one_taken_one_named(outcomes: dict[str, object], kind: str, record_id: int) -> tuple:
    """(who took the step, the refusal the other got), asserting the refusal names them."""
    taken = [n for n, o in outcomes.items() if o == "taken"]
    refused = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    assert len(taken) == 1 and len(refused) == 1, outcomes
    assert (refused[0].kind, refused[0].record_id, refused[0].who) == (kind, record_id, taken[0])
    return taken[0], refused[0]
