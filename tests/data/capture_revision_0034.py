"""Writes tests/data/revision_0034_installed.json: what revision 0034 installs on a team archive
(and what its downgrade leaves), captured once with the code of commit 759d03e, whose 0034 ran
app.db.team_roles' live SQL. tests/team/test_frozen_revisions.py checks that the frozen 0034
(its SQL written out in the revision) installs the very same.

Run from the repository: PYTHONPATH=$PWD:$PWD/tests python tests/data/capture_revision_0034.py"""

from __future__ import annotations

from installed_objects import REVISION_0034, around_0034, save
from pg_server import _start_cluster


def main() -> None:
    cluster = _start_cluster()
    try:
        database = cluster.new_database()
        save(REVISION_0034, around_0034(cluster, database))
    finally:
        cluster.stop()
    print(f"written: {REVISION_0034}")


if __name__ == "__main__":
    main()
