"""Users and roles enforced by the database (issue 14 §2): each person connects as their own
login and tries, through the services and with raw SQL on their own connection (as psql would),
to read and write what their role must not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import psycopg
import pytest

from app.domain.errors import AppError, ArchiveError, NotFoundError, ValidationError
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, history, identity, rebates, team_users
from app.services import documents as documents_service

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


@pytest.fixture
def two_clients(team_db):
    """王芳's client and 李强's, entered by the assistant."""
    assistant = team_db.open("zhao")
    try:
        mine = clients.create_client(
            assistant, ClientDraft("北京华信科技有限公司", owner="王芳"), [ContactDraft("张伟")]
        )
        theirs = clients.create_client(
            assistant, ClientDraft("深圳恒达电子有限公司", owner="李强"), [ContactDraft("刘洋")]
        )
    finally:
        assistant.close()
    return mine.id, theirs.id


def _names(archive) -> set[str]:
    ids = clients.list_client_ids(archive, clients.ClientQuery())
    return {row.name for row in clients.client_rows(archive, ids)}


def test_a_manager_sees_and_edits_only_their_own_clients(team_db, two_clients):
    mine, theirs = two_clients
    wang = team_db.open("wang")
    try:
        assert _names(wang) == {"北京华信科技有限公司"}
        with pytest.raises(NotFoundError):
            clients.get_client(wang, theirs)
        with pytest.raises(NotFoundError):
            clients.update_client(wang, theirs, ClientDraft("深圳恒达电子有限公司", owner="王芳"))
        clients.update_client(
            wang, mine, ClientDraft("北京华信科技有限公司", owner="王芳", notes="已拜访")
        )
        with pytest.raises(ArchiveError) as refused:  # nor hand a new client to someone else
            clients.create_client(wang, ClientDraft("上海新客户有限公司", owner="李强"))
        assert refused.value.code == "not_permitted"
    finally:
        wang.close()
    # the same on their own connection, as psql would
    assert team_db.sql_as("wang", "SELECT name FROM clients") == [("北京华信科技有限公司",)]
    assert team_db.sql_as("wang", "SELECT name FROM contacts") == [("张伟",)]
    assert team_db.sql_as("wang", f"UPDATE clients SET notes = 'x' WHERE id = {theirs}") == 0
    assert team_db.sql_as("wang", f"DELETE FROM contacts WHERE client_id = {theirs}") == 0
    assert team_db.sql_as("wang", "SELECT count(*) FROM search_docs WHERE title LIKE '%恒达%'") == [
        (0,)
    ]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as(
            "wang",
            f"INSERT INTO contacts (client_id, name, title, is_decision_maker,"
            f" notes) VALUES ({theirs}, '冒名', '', false, '')",
        )


def test_reading_the_others_clients_is_a_setting_only_the_administrator_changes(
    team_db, two_clients
):
    _mine, theirs = two_clients
    wang = team_db.open("wang")
    try:
        with pytest.raises(AppError) as refused:
            team_users.set_managers_read_all(wang, True)
        assert refused.value.code == "not_permitted"
    finally:
        wang.close()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as(
            "wang", "INSERT INTO settings (key, value) VALUES ('team.managers_read_all', 'true')"
        )
    boss = team_db.open("boss")
    team_users.set_managers_read_all(boss, True)
    boss.close()
    wang = team_db.open("wang")
    try:
        assert _names(wang) == {"北京华信科技有限公司", "深圳恒达电子有限公司"}
        assert clients.get_client(wang, theirs).owner == "李强"
        with pytest.raises(ArchiveError) as refused:  # read, never written
            clients.update_client(
                wang, theirs, ClientDraft("深圳恒达电子有限公司", owner="李强", notes="改")
            )
        assert refused.value.code == "not_permitted"
    finally:
        wang.close()
    assert team_db.sql_as("wang", f"UPDATE clients SET notes = 'x' WHERE id = {theirs}") == 0


def _rebate(team_db, client_id: int, applicant: str = "wang") -> int:
    archive = team_db.open(applicant)
    try:
        return rebates.apply_in_advance(
            archive, client_id, FIRST, LAST, Decimal("500000"), "随便打的名字"
        ).id
    finally:
        archive.close()


def _approve(team_db, who: str, rebate_id: int, step: str):
    archive = team_db.open(who)
    try:
        return rebates.approve(archive, rebate_id, step, "随便打的名字")
    finally:
        archive.close()


def test_each_step_is_taken_by_its_role_under_the_login_name(team_db, two_clients):
    rebate_id = _rebate(team_db, two_clients[0])
    with pytest.raises(ValidationError) as refused:  # a 客户经理 holds no step
        _approve(team_db, "wang", rebate_id, "manager")
    assert refused.value.code == "wrong_role"
    record = _approve(team_db, "chen", rebate_id, "manager")
    assert record.applicant == "王芳"  # the login's name, not what was typed
    assert [s.actor for s in record.steps] == ["王芳", "陈大客"]
    _approve(team_db, "sun", rebate_id, "marketing")
    with pytest.raises(ValidationError) as refused:  # 大客户部经理 cannot take 总经理's step
        _approve(team_db, "chen", rebate_id, "gm")
    assert refused.value.code == "wrong_role"
    # nor on their own connection, under their own name or 周总's
    for actor in ("陈大客", "周总"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            team_db.sql_as(
                "chen",
                "INSERT INTO rebate_steps (rebate_id, step, decision, actor, comment, at)"
                f" VALUES ({rebate_id}, 'gm', 'approve', '{actor}', '', now())",
            )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor by setting the status
        team_db.sql_as("chen", f"UPDATE rebates SET status = 'approved' WHERE id = {rebate_id}")
    assert _approve(team_db, "zhou", rebate_id, "gm").status == "approved"


def test_nobody_approves_their_own_application_nor_two_steps(team_db, two_clients):
    rebate_id = _rebate(team_db, two_clients[0])
    boss = team_db.open("boss")
    team_users.set_role(boss, team_db.login("wang"), "大客户部经理")  # 王芳 promoted
    boss.close()
    with pytest.raises(ValidationError) as refused:
        _approve(team_db, "wang", rebate_id, "manager")
    assert refused.value.code == "own_application"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as(
            "wang",
            "INSERT INTO rebate_steps (rebate_id, step, decision, actor, comment, at)"
            f" VALUES ({rebate_id}, 'manager', 'approve', '王芳', '', now())",
        )
    _approve(team_db, "chen", rebate_id, "manager")
    boss = team_db.open("boss")
    team_users.set_role(boss, team_db.login("chen"), "市场营销中心")  # 陈大客 moves on
    boss.close()
    with pytest.raises(ValidationError) as refused:
        _approve(team_db, "chen", rebate_id, "marketing")
    assert refused.value.code == "two_steps"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as(
            "chen",
            "INSERT INTO rebate_steps (rebate_id, step, decision, actor, comment, at)"
            f" VALUES ({rebate_id}, 'marketing', 'approve', '陈大客', '', now())",
        )


def test_the_author_of_a_document_never_approves_it(team_db, two_clients):
    zhao = team_db.open("zhao")
    try:
        doc = documents_service.create_document(
            zhao,
            "letter",
            "letter",
            client_id=two_clients[0],
            values={"subject": "对账"},
            author="别人",
        )
        documents_service.review(zhao, doc.id, "submit", "别人")
        with pytest.raises(ValidationError) as refused:  # 助理 does not approve
            documents_service.review(zhao, doc.id, "approve")
        assert refused.value.code == "wrong_role"
    finally:
        zhao.close()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as(
            "zhao",
            "INSERT INTO document_reviews (document_id, version, action, from_status, to_status,"
            f" actor, comment, at) VALUES ({doc.id}, 1, 'approve', 'review', 'approved', '赵敏',"
            " '', now())",
        )
    chen = team_db.open("chen")
    try:
        approved = documents_service.review(chen, doc.id, "approve", "赵敏")
    finally:
        chen.close()
    assert [(r.action, r.actor) for r in approved.reviews][-2:] == [
        ("submit", "赵敏"),
        ("approve", "陈大客"),
    ]


def test_the_history_records_the_login_not_a_typed_name(team_db, two_clients):
    mine = two_clients[0]
    # a name put in the settings by hand (psql) is never used on a team archive
    team_db.sql_as("wang", "INSERT INTO settings (key, value) VALUES ('user.name', '\"假名\"')")
    wang = team_db.open("wang")
    try:
        with pytest.raises(AppError) as refused:
            identity.set_user_name(wang, "假名")
        assert refused.value.code == "team_user_name"
        identity.set_user_name(wang, "王芳")  # the settings dialog saves what it shows: fine
        clients.update_client(
            wang, mine, ClientDraft("北京华信科技有限公司", owner="王芳", notes="改")
        )
        entries = history.record_history(wang, "client", mine)
        assert identity.current_user(wang) == "王芳"
    finally:
        wang.close()
    assert [e.user for e in entries][:2] == ["王芳", "赵敏"]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as(
            "wang",
            'INSERT INTO change_log (at, "user", action, kind, record_id, title, changes)'
            f" VALUES (now(), '赵敏', 'edit', 'client', {mine}, '', '[]')",
        )


def test_only_the_administrator_manages_users(team_db):
    for who in ("zhao", "chen"):
        archive = team_db.open(who)
        try:
            with pytest.raises(AppError) as refused:
                team_users.add_user(archive, team_db.login("new"), "新人", "客户经理", "pw")
            assert refused.value.code == "not_permitted"
            with pytest.raises(AppError):
                team_users.disable_user(archive, team_db.login("li"))
        finally:
            archive.close()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as("zhao", f'CREATE ROLE "{team_db.login("new")}" LOGIN')
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_db.sql_as(
            "zhao",
            "INSERT INTO team_users (login, display_name, app_role, disabled, created_at)"
            " VALUES ('x', '新人', 'admin', false, now())",
        )
    boss = team_db.open("boss")  # a 管理员 login (not a superuser) does
    try:
        added = team_users.add_user(boss, team_db.login("new"), "新人", "客户经理", "pw")
        assert (added.name, added.role_label) == ("新人", "客户经理")
        assert team_db.login("new") in {u.login for u in team_users.list_users(boss)}
    finally:
        boss.close()
    team_db.cluster.sql(f'DROP OWNED BY "{team_db.login("new")}"', team_db.database)
    team_db.cluster.sql(f'DROP ROLE "{team_db.login("new")}"')


def test_a_disabled_login_cannot_connect_and_their_records_stay(team_db, two_clients):
    boss = team_db.open("boss")
    try:
        user = team_users.disable_user(boss, team_db.login("li"))
        assert user.disabled
        assert clients.get_client(boss, two_clients[1]).owner == "李强"
    finally:
        boss.close()
    with pytest.raises(ArchiveError) as refused:
        team_db.open("li")
    assert refused.value.code == "server_login_failed"


def test_a_file_is_read_only_by_who_sees_a_record_it_is_attached_to(team_db, two_clients, tmp_path):
    from app.services import attachments

    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 " + b"licence" * 1000)
    li = team_db.open("li")
    try:
        theirs = attachments.add(li, "client", two_clients[1], scan)
    finally:
        li.close()
    sha = team_db.sql_as("zhao", "SELECT sha256 FROM attachments")[0][0]
    assert team_db.sql_as("wang", "SELECT count(*) FROM attachments") == [(0,)]
    assert team_db.sql_as("wang", f"SELECT count(*) FROM blob_chunks WHERE sha256 = '{sha}'") == [
        (0,)
    ]
    assert team_db.sql_as("wang", f"DELETE FROM blob_chunks WHERE sha256 = '{sha}'") == 0
    wang = team_db.open("wang")
    try:  # the same file on 王芳's own client: stored once, now hers to read too
        mine = attachments.add(wang, "client", two_clients[0], scan)
        copy = attachments.copy_out(wang, mine.id, tmp_path / "out")
        assert copy.read_bytes() == scan.read_bytes()
        with pytest.raises(NotFoundError):
            attachments.copy_out(wang, theirs.id, tmp_path / "out2")
    finally:
        wang.close()


def test_the_policies_cost_one_lookup_per_statement_not_one_per_row(team_db, two_clients):
    """Who the login is is computed once (an InitPlan) and a row's client is found in one
    hashed subplan: 100,000 contacts took 38 s for a 客户经理 with a function per row, 0.16 s
    like this."""
    plan = "\n".join(r[0] for r in team_db.sql_as("wang", "EXPLAIN SELECT * FROM contacts"))
    assert "InitPlan" in plan and "hashed SubPlan" in plan
    assert "compass_" not in plan.split("Filter:")[1].splitlines()[0]


def test_minutes_of_another_managers_client_are_not_seen(team_db, two_clients):
    mine, theirs = two_clients
    team_db.cluster.sql(
        "INSERT INTO meetings (id, title, held_at, place, host, attendees, observers, absentees,"
        " recorder, reviewer, agenda, discussion, other_matters, next_meeting, distribution,"
        " copies_to, created_at, updated_at) SELECT g, t, now(), '', '', '', '', '', '', '', '',"
        " '', '', '', '', '', now(), now() FROM (VALUES (1, '华信对接会'), (2, '恒达对接会'),"
        " (3, '部门例会')) AS v(g, t)",
        team_db.database,
    )
    team_db.cluster.sql(
        f"INSERT INTO meeting_clients VALUES (1, {mine}), (2, {theirs})", team_db.database
    )
    seen = team_db.sql_as("wang", "SELECT title FROM meetings ORDER BY id")
    assert seen == [("华信对接会",), ("部门例会",)]
    assert team_db.sql_as("wang", "UPDATE meetings SET place = 'x' WHERE id = 2") == 0
    assert team_db.sql_as("wang", "UPDATE meetings SET place = 'x' WHERE id = 1") == 1


def test_a_rebate_deleted_and_restored_keeps_its_steps(team_db, two_clients):
    from app.services import recycle_bin

    rebate_id = _rebate(team_db, two_clients[0])
    _approve(team_db, "chen", rebate_id, "manager")
    zhao = team_db.open("zhao")
    try:
        rebates.delete_rebate(zhao, rebate_id)
        recycle_bin.restore(zhao, "rebate", rebate_id)
        assert [s.actor for s in rebates.get_rebate(zhao, rebate_id).steps] == ["王芳", "陈大客"]
    finally:
        zhao.close()


def test_the_servers_owner_holds_no_app_role_and_types_names_as_on_a_file(team_db, two_clients):
    owner = team_db.open()  # the superuser who ran team init
    try:
        record = rebates.apply_in_advance(
            owner, two_clients[0], FIRST, LAST, Decimal("500000"), "李娜"
        )
        assert record.applicant == "李娜"
        assert team_users.current_login(owner).role is None
    finally:
        owner.close()


def test_no_one_can_shadow_the_tables_that_say_who_they_are(team_db, two_clients):
    """A temporary table is found before a table of the same name (pg_temp comes first in a
    search path unless named last): a manager's own `team_users` saying they are the
    administrator would have made the policies show them everything. Nobody may make one,
    and the functions running with the owner's rights name pg_temp last."""
    import psycopg

    with (
        psycopg.connect(
            dbname=team_db.database, user=team_db.login("wang"), host=team_db.cluster.socket
        ) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(
            "CREATE TEMP TABLE team_users (login text, display_name text, app_role text,"
            " disabled boolean)"
        )
    paths = team_db.sql_as(
        "wang",
        "SELECT proname, array_to_string(proconfig, ',') FROM pg_proc"
        " WHERE prosecdef AND proname LIKE 'compass%' ORDER BY proname",
    )
    assert len(paths) >= 6
    assert all(path == "search_path=public, pg_temp" for _name, path in paths), paths
    assert team_db.sql_as("wang", "SELECT name FROM clients") == [("北京华信科技有限公司",)]
