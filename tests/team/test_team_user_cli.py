"""team user add / list / disable / role through the real entry point (issue 14 §2)."""

from __future__ import annotations

import json

from cli_runner import run_cli

from app.services import team


def test_the_administrator_adds_lists_disables_and_changes_users(
    pg_cluster, pg_template, tmp_path, monkeypatch
):
    name = pg_cluster.new_database(template=pg_template)
    admin = pg_cluster.address(name)
    login, other = f"{name}_wangfang", f"{name}_liqiang"
    try:
        made = run_cli("team", "init", admin)
        assert made.returncode == 0, made.stderr
        password = tmp_path / "pw.txt"
        password.write_text("s3cret\n", encoding="utf-8")
        added = run_cli(
            "team", "user", "add", login, "--name", "王芳", "--role", "客户经理",
            "--new-password-file", password, "--db", admin,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        assert "王芳" in added.stdout and "客户经理" in added.stdout
        monkeypatch.setenv("SALES_COMPASS_NEW_PASSWORD", "another")
        added = run_cli(
            "team", "user", "add", other, "--name", "李强", "--role", "大客户部经理", "--db", admin
        )
        assert added.returncode == 0, added.stderr
        listed = run_cli("team", "user", "list", "--json", "--db", admin)
        users = {u["login"]: u for u in json.loads(listed.stdout)}
        assert (users[login]["name"], users[login]["role_label"]) == ("王芳", "客户经理")
        assert users[other]["role"] == "dept_manager"
        # a 客户经理 may not add anyone: the server refuses, the words say so
        refused = run_cli(
            "team", "user", "add", f"{name}_x", "--name", "某人", "--role", "助理",
            "--db", pg_cluster.address(name, user=login),
        )  # fmt: skip
        assert refused.returncode == 1
        assert "没有这项权限" in refused.stderr and "Traceback" not in refused.stderr
        monkeypatch.delenv("SALES_COMPASS_NEW_PASSWORD")  # a bad field is named before a password
        hostile = run_cli(
            "team", "user", "add", "x;drop role compass_test", "--name", "某人", "--role", "助理",
            "--db", admin,
        )  # fmt: skip
        assert hostile.returncode == 1 and "登录名" in hostile.stderr
        unknown = run_cli(
            "team", "user", "add", "zhaoliu", "--name", "赵六", "--role", "老板", "--db", admin
        )
        assert unknown.returncode == 1 and "没有角色“老板”" in unknown.stderr
        bad = run_cli("team", "user", "role", other, "老板", "--db", admin)
        assert bad.returncode == 1 and "没有角色“老板”" in bad.stderr
        changed = run_cli("team", "user", "role", other, "总经理", "--db", admin)
        assert changed.returncode == 0 and "总经理" in changed.stdout
        disabled = run_cli("team", "user", "disable", login, "--db", admin)
        assert disabled.returncode == 0 and "已停用" in disabled.stdout
        listed = run_cli("team", "user", "list", "--db", admin)
        assert f"{login}\t王芳\t客户经理\t已停用" in listed.stdout
        gone = run_cli("clients", "--db", pg_cluster.address(name, user=login))
        assert gone.returncode == 1
        assert "拒绝了登录" in gone.stderr and "Traceback" not in gone.stderr
        again = team.init(admin, None)  # repeating init changes nothing and keeps the users
        assert not again.upgraded
        listed = run_cli("team", "user", "list", "--db", admin)
        assert "李强" in listed.stdout
    finally:
        pg_cluster.drop_database(name)
        for role in (login, other, *(f"{name}_{r}" for r in (
            "assistant", "account_manager", "dept_manager", "marketing", "general_manager",
            "admin",
        ))):  # fmt: skip
            pg_cluster.sql(f'DROP ROLE IF EXISTS "{role}"')


def test_users_belong_to_a_team_archive(tmp_path):
    plain = tmp_path / "a.sqlite3"
    assert run_cli("add-client", "--name", "甲方有限公司", "--db", plain).returncode == 0
    result = run_cli("team", "user", "list", "--db", plain)
    assert result.returncode == 1
    assert "只属于团队档案" in result.stderr
