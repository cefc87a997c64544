"""team push, team checkout, team sync through the real entry point (issue 14 §4)."""

from __future__ import annotations

import re
import sqlite3

from cli_runner import run_cli
from team_samples import laptop_archive


def test_push_checkout_and_a_sync_with_a_conflict_settled_on_the_command_line(
    tmp_path, team_address
):
    laptop = laptop_archive(tmp_path / "laptop.sqlite3", ("北京华信科技", "上海申达物流", "作废"))
    pushed = run_cli("team", "push", laptop, team_address)
    assert pushed.returncode == 0, pushed.stderr
    assert re.search(r"clients +2 +2 +0 +2\n", pushed.stdout) and "SHA-256" in pushed.stdout
    assert "推送完成" in pushed.stdout
    again = run_cli("team", "push", laptop, team_address)
    assert "新增 0 条记录" in again.stdout

    copy = tmp_path / "路上.sqlite3"
    out = run_cli("team", "checkout", team_address, copy)
    assert out.returncode == 0, out.stderr
    assert "离线副本" in out.stdout
    assert run_cli("edit-client", "1", "--notes", "路上改的", "--db", copy).returncode == 0
    assert (
        run_cli("edit-client", "1", "--notes", "办公室改的", "--db", team_address).returncode == 0
    )
    listed = run_cli("team", "sync", copy)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    line = "clients:1:notes | 客户“北京华信科技”·备注 | 备注0 | 路上改的 | 办公室改的"
    assert line in listed.stdout
    settled = run_cli("team", "sync", copy, "--take", "theirs", "clients:1:notes")
    assert settled.returncode == 0, settled.stdout + settled.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT notes FROM clients WHERE id = 1").fetchone() == ("办公室改的",)
    wrong = run_cli("team", "sync", copy, "--take", "maybe", "clients:1:notes")
    assert wrong.returncode == 1 and "mine 或 theirs" in wrong.stderr
    not_a_copy = run_cli("team", "sync", laptop)
    assert not_a_copy.returncode == 1 and "不是团队档案的离线副本" in not_a_copy.stderr


def test_a_missing_or_foreign_file_is_named_before_any_server_is_asked(tmp_path):
    unreachable = "postgresql://nobody@/compass?host=/nonexistent/socket"
    missing = run_cli("team", "push", tmp_path / "没有的档案.sqlite3", unreachable)
    assert missing.returncode == 1 and "没有的档案.sqlite3" in missing.stderr
    assert "连接不上" not in missing.stderr
    foreign = tmp_path / "别的程序.sqlite3"
    foreign.write_bytes(b"\x00garbage" * 600)
    refused = run_cli("team", "push", foreign, unreachable)
    assert refused.returncode == 1 and "不是销售罗盘档案" in refused.stderr
    plain = tmp_path / "普通档案.sqlite3"
    assert run_cli("add-client", "--name", "某公司", "--db", plain).returncode == 0
    not_a_copy = run_cli("team", "sync", plain)
    assert not_a_copy.returncode == 1 and "离线副本" in not_a_copy.stderr
    assert "Traceback" not in missing.stderr + refused.stderr + not_a_copy.stderr
