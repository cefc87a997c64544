"""`demo PATH` as people type it, and a read command on a --db file that is not there."""

from __future__ import annotations

from cli_runner import run_cli


def test_demo_takes_the_archive_as_a_positional_path(tmp_path):
    db = tmp_path / "演示.sqlite3"
    done = run_cli("demo", db, "--clients", "12")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"演示档案 {db}：客户 12 家（大客户 ")
    assert db.exists()
    listed = run_cli("clients", "--db", db)
    assert listed.returncode == 0 and "#12 " in listed.stdout


def test_demo_refuses_a_path_and_a_different_db(tmp_path):
    done = run_cli("demo", tmp_path / "a.sqlite3", "--db", tmp_path / "b.sqlite3")
    assert done.returncode == 1
    assert "是两个档案，只给一个" in done.stderr
    assert not (tmp_path / "a.sqlite3").exists() and not (tmp_path / "b.sqlite3").exists()


def test_a_read_command_refuses_a_missing_archive_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo.sqlite3"
    for command in (("clients",), ("company",), ("search", "华信"), ("overdue",)):
        done = run_cli(*command, "--db", missing)
        assert done.returncode == 1, command
        assert done.stdout == ""
        assert f"档案不存在：{missing}。请检查路径" in done.stderr
        assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
    english = run_cli("clients", "--db", missing, env_lang="en")
    assert f"No archive at {missing}. Check the path" in english.stderr


def test_a_command_that_writes_creates_the_archive(tmp_path):
    db = tmp_path / "new.sqlite3"
    done = run_cli("add-client", "--name", "北京新华信科技有限公司", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "北京新华信科技有限公司" in run_cli("clients", "--db", db).stdout


def test_the_default_archive_is_still_made_for_a_first_read(tmp_path):
    done = run_cli("clients", home=tmp_path)
    assert done.returncode == 0, done.stderr
