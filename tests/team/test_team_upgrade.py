"""After an app update (issue 14 §2): an ordinary login cannot migrate the team archive and is
told who must; the owner's upgrade makes the roles' grants and row-level policies again, so a
table a newer revision adds is usable by a 客户经理 at once and fenced like the others.

The update is simulated by a revision of a newer version of the app: the migrations folder is
copied with one more revision (a table hanging on clients) and that table's policy is added."""

from __future__ import annotations

import shutil

import psycopg
import pytest
from cli_runner import run_cli

from app.db import archive_file, team_roles
from app.domain.errors import ArchiveError
from app.domain.messages import describe
from app.domain.records import ClientDraft
from app.services import clients

NEWER_REVISION = '''"""A newer version's table (test only)."""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("client_id", sa.Integer, sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("visit_notes")
'''


@pytest.fixture
def app_update(tmp_path, monkeypatch):
    """The app as a newer version: one more revision, and its table's policy."""
    folder = tmp_path / "migrations"
    shutil.copytree(archive_file.MIGRATIONS, folder)
    head = archive_file.head_revision()
    (folder / "versions" / "9001_visit_notes.py").write_text(
        NEWER_REVISION.replace("{head}", head), encoding="utf-8"
    )
    monkeypatch.setattr(archive_file, "MIGRATIONS", folder)
    monkeypatch.setitem(team_roles.POLICIES, "visit_notes", team_roles.POLICIES["contacts"])
    archive_file._revision_graph.cache_clear()
    yield
    monkeypatch.undo()
    archive_file._revision_graph.cache_clear()


def _connect_in_the_window(qtbot, team_db, short: str) -> str:
    """文件 → 连接团队档案… as the person: what the dialog says."""
    from app.ui.team.connect_dialog import ConnectTeamDialog

    dialog = ConnectTeamDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server_edit.setText(team_db.cluster.socket)
    dialog.database_edit.setText(team_db.database)
    dialog.user_edit.setText(team_db.login(short))
    dialog.save_button.click()
    assert dialog.archive is None and dialog.isVisible() and dialog.problem.isVisible()
    return dialog.problem.text()


@pytest.fixture
def two_clients(team_db) -> tuple[int, int]:
    """王芳's client and 李强's, entered before the update."""
    admin = team_db.open()
    try:
        mine = clients.create_client(admin, ClientDraft("北京华信科技有限公司", owner="王芳"))
        theirs = clients.create_client(admin, ClientDraft("深圳恒达电子有限公司", owner="李强"))
    finally:
        admin.close()
    return mine.id, theirs.id


def test_a_manager_is_told_who_upgrades_and_the_owner_s_upgrade_covers_new_tables(
    team_db, two_clients, app_update, qtbot
):
    mine, theirs = two_clients

    with pytest.raises(ArchiveError) as refused:
        team_db.open("wang")
    assert refused.value.code == "team_upgrade_needs_owner"
    words = describe(refused.value)
    assert "compass_test" in words and "sales-compass team init" in words
    cli = run_cli("clients", "--db", team_db.address("wang"))
    assert cli.returncode != 0 and "Traceback" not in cli.stderr
    assert "sales-compass team init" in cli.stderr and "compass_test" in cli.stderr

    window_words = _connect_in_the_window(qtbot, team_db, "wang")
    assert "compass_test" in window_words and "sales-compass team init" in window_words

    team_db.open().close()  # the owner opens it with the new version: upgraded

    insert = "INSERT INTO visit_notes (client_id, note) VALUES (%(c)s, %(n)s)"
    assert team_db.sql_as("wang", insert, {"c": mine, "n": "周三回访"}) == 1
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # 李强's client: the policy
        team_db.sql_as("wang", insert, {"c": theirs, "n": "越权"})
    assert team_db.sql_as("li", insert, {"c": theirs, "n": "电话跟进"}) == 1
    seen = team_db.sql_as("wang", "SELECT note FROM visit_notes ORDER BY id")
    assert seen == [("周三回访",)]
    team_db.open("wang").close()  # and the manager opens it as before
