"""Minutes and follow-up commands through the real entry point."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run
from pdf_checks import page_text
from pypdf import PdfReader


def _add(db, *extra) -> int:
    done = run(
        "minutes",
        "add",
        "--title",
        "恒信项目推进",
        "--time",
        "2020-03-02 09:30",
        "--place",
        "三楼会议室",
        "--host",
        "张建国",
        "--attendees",
        "张建国,王芳",
        "--absentees",
        "陈晨",
        "--decision",
        "报价下浮 3%",
        "--decision",
        "下周送样",
        "--action",
        "提交报价|王芳|2020-03-05",
        "--action",
        "合同盖章|李强|2999-01-01",
        "--action",
        "整理资料|王芳",
        *extra,
        "--db",
        db,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_add_list_actions_close_and_print(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    meeting_id = _add(db)

    listed = run("minutes", "list", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["id"], r["title"], r["actions_open"]) for r in rows] == [
        (meeting_id, "恒信项目推进", 3)
    ]
    assert rows[0]["number"].endswith("第1期")
    plain = run("minutes", "list", "--db", db)
    assert f"#{meeting_id}\t{rows[0]['number']}\t" in plain.stdout  # the 纪要编号 beside the id

    overdue = run("actions", "--overdue", "--db", db)
    assert overdue.returncode == 0, overdue.stderr
    assert "提交报价" in overdue.stdout and "逾期" in overdue.stdout
    assert "合同盖章" not in overdue.stdout and "共 1 项未完成" in overdue.stdout

    actions = json.loads(run("actions", "--owner", "王芳", "--json", "--db", db).stdout)
    assert [a["task"] for a in actions] == ["提交报价", "整理资料"]
    assert actions[0]["days_overdue"] > 0
    action_id = actions[0]["id"]

    refused = run("action", "close", action_id, "--result", " ", "--db", db)
    assert refused.returncode == 1 and "落实情况" in refused.stderr

    closed = run("action", "close", action_id, "--result", "已提交并确认", "--db", db)
    assert closed.returncode == 0 and "已完成" in closed.stdout
    left = json.loads(run("actions", "--json", "--db", db).stdout)
    assert [a["task"] for a in left] == ["合同盖章", "整理资料"]

    out = tmp_path / "minutes.pdf"
    printed = run("pdf", "minutes", meeting_id, out, "--db", db)
    assert printed.returncode == 0, printed.stderr
    text = "".join("".join(page_text(p) for p in PdfReader(str(out)).pages).split())
    assert "恒信项目推进会议纪要" in text and "一、报价下浮3%" in text
    assert "已提交并确认" in text and "请假:陈晨" in text


def test_bad_input_is_refused_with_the_field_named(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    bad_action = run("minutes", "add", "--title", "例会", "--action", "只有事项", "--db", db)
    assert bad_action.returncode == 1 and "事项|责任人" in bad_action.stderr
    bad_time = run("minutes", "add", "--title", "例会", "--time", "明天", "--db", db)
    assert bad_time.returncode == 1 and "会议时间" in bad_time.stderr
    no_client = run("minutes", "add", "--title", "例会", "--client", "42", "--db", db)
    assert no_client.returncode == 1
    assert json.loads(run("minutes", "list", "--json", "--db", db).stdout) == []
    missing = run("pdf", "minutes", "7", tmp_path / "x.pdf", "--db", db)
    assert missing.returncode == 1 and not (tmp_path / "x.pdf").exists()


def test_digest_and_client_filter(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    added = run("add-client", "--name", "北京恒信医疗", "--db", db)
    assert added.returncode == 0, added.stderr
    client_id = int(added.stdout.strip())
    _add(db, "--client", client_id)
    _add(db)
    digest = run("minutes", "digest", "--db", db)
    assert "王芳：2 项逾期" in digest.stdout
    for_client = json.loads(run("actions", "--client", client_id, "--json", "--db", db).stdout)
    assert len(for_client) == 3
    out = tmp_path / "digest.pdf"
    assert run("pdf", "digest", out, "--db", db).returncode == 0
    assert len(PdfReader(str(out)).pages) == 1


def test_number_distribution_and_edit(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    first = _add(db, "--distribution", "公司领导,大客户部", "--cc", "市场营销中心")
    second = _add(db)
    shown = run("minutes", "show", first, "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "纪要编号：〔2020〕第1期" in shown.stdout
    assert "分送：公司领导、大客户部" in shown.stdout and "抄送：市场营销中心" in shown.stdout
    detail = json.loads(run("minutes", "show", second, "--json", "--db", db).stdout)
    assert detail["number"] == "〔2020〕第2期" and detail["distribution"] == ""

    edited = run(
        "minutes", "edit", second, "--observers", "赵敏", "--distribution", "财务部", "--db", db
    )
    assert edited.returncode == 0, edited.stderr
    assert "〔2020〕第2期" in edited.stdout
    detail = json.loads(run("minutes", "show", second, "--json", "--db", db).stdout)
    assert (detail["observers"], detail["distribution"]) == ("赵敏", "财务部")
    assert detail["absentees"] == "陈晨" and len(detail["actions"]) == 3  # the rest kept

    too_long = run("minutes", "edit", second, "--cc", "部" * 501, "--db", db)
    assert too_long.returncode == 1 and "抄送" in too_long.stderr

    out = tmp_path / "m.pdf"
    assert run("pdf", "minutes", first, out, "--db", db).returncode == 0
    text = "".join("".join(page_text(p) for p in PdfReader(str(out)).pages).split())
    assert "〔2020〕第1期" in text and "分送:公司领导、大客户部" in text
