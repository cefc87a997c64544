"""`company` opens the archive for writing only when it sets a detail (issue 11: showing them
starts faster, read-only): shown while another process has the archive, set only when the
archive is free; a change is still recorded under the user's chosen name (read from the
settings while the change is written)."""

from __future__ import annotations

import json
import sqlite3

from cli_runner import run_on
from lock_holder import held_elsewhere


def test_company_shows_while_held_and_sets_only_when_free(tmp_path):
    db = tmp_path / "archive.sqlite3"
    assert run_on(db, "user", "--set", "王芳").returncode == 0
    done = run_on(db, "company", "--name", "华信科技有限公司", "--phone", "010-62581234")
    assert done.returncode == 0, done.stderr
    with held_elsewhere(db):
        shown = run_on(db, "company", "--json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["name"] == "华信科技有限公司"
        refused = run_on(db, "company", "--name", "别的公司")
        assert refused.returncode != 0 and "别的公司" not in refused.stdout
    again = json.loads(run_on(db, "company", "--json").stdout)
    assert again["name"] == "华信科技有限公司" and again["phone"] == "010-62581234"
    added = run_on(db, "add-client", "--name", "北京恒信科技有限公司")
    assert added.returncode == 0, added.stderr
    conn = sqlite3.connect(db)
    try:
        users = {row[0] for row in conn.execute("SELECT user FROM change_log")}
    finally:
        conn.close()
    assert users == {"王芳"}  # the name set by `user --set`, read while the change was recorded
