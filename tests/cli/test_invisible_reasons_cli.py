"""A reason the rules require (退回 a document needs 审核意见, 驳回 a rebate needs a reason) is
not given by characters nobody can see: a zero-width space or a control character pasted alone
is refused with the field named, and the record stays where it was."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run

INVISIBLE = ("\u200b", "\x01 \x02", "\ufeff\u200d")


def _ok(*args) -> str:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_invisible_comment_does_not_return_a_document(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("add-client", "--name", "华信科技有限公司", "--db", db)
    _ok("document", "new", "--template", "notice", "--title", "通知", "--client", "1", "--db", db)
    _ok("document", "submit", "1", "--by", "张三", "--db", db)

    for comment in INVISIBLE:
        refused = run("document", "return", "1", "--comment", comment, "--by", "王经理", "--db", db)
        assert refused.returncode == 1, comment
        assert "审核意见：退回时必须填写" in refused.stderr
        assert "Traceback" not in refused.stderr

    [document] = json.loads(_ok("documents", "list", "--json", "--db", db))
    assert document["status"] == "审核中"
    _ok("document", "return", "1", "--comment", "付款\u200b条款再议", "--by", "王经理", "--db", db)
    assert "付款条款再议" in _ok("document", "show", "1", "--db", db)


def test_an_invisible_reason_does_not_reject_a_rebate(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("add-client", "--name", "华信科技有限公司", "--db", db)
    contract = ("contract", "add", "--number", "H1", "--client", "1", "--signed", "2026-05-01")
    _ok(*contract, "--amount", "1000", "--db", db)
    receipt = ("receipt", "add", "--client", "1", "--amount", "1000", "--date", "2026-05-02")
    _ok(*receipt, "--db", db)
    _ok("rebate", "apply", "1", "--from", "2026-05-01", "--to", "2026-05-31", "--db", db)

    for reason in INVISIBLE:
        refused = run("rebate", "reject", "1", "--by", "王经理", "--reason", reason, "--db", db)
        assert refused.returncode == 1, reason
        assert "Traceback" not in refused.stderr and "原因：不能为空" in refused.stderr

    [rebate] = json.loads(_ok("rebate", "list", "--json", "--db", db))
    assert rebate["status"] != "已驳回"
    rejected = _ok("rebate", "reject", "1", "--by", "王经理", "--reason", "有\x01逾期", "--db", db)
    assert "有逾期" in rejected and "\x01" not in rejected
