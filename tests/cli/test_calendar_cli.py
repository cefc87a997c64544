"""sales-compass calendar set/clear/import/show, and `plan show` counting the statutory holidays
of a year past chinese-calendar's last one (《全国年节及纪念日放假办法》第二条: 春节，放假4天
（农历除夕、正月初一至初三）), through the real entry point."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run


def test_plan_show_february_2027_counts_no_statutory_holiday(tmp_path):
    """February 2027: 20 weekdays (Mon 1 - Sun 28); 除夕 Fri 5 and 初三 Mon 8 are off -> 18."""
    db = new_archive(tmp_path / "a.sqlite3")
    out = run("plan", "show", "2027-02", "--json", "--db", db)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["working_days"]) == 18
    assert data["holidays"] == ["2027-02-05", "2027-02-08"]
    assert "2027-02-05" not in data["working_days"] and "2027-02-08" not in data["working_days"]
    assert data["official"] is False and data["note"] == "调休未公布"
    text = run("plan", "show", "2027-02", "--db", db).stdout
    assert "2027年2月 工作日 18 天（调休未公布，按法定假日推算）" in text


def test_set_show_clear_and_the_plan_follows(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    out = run("calendar", "set", "2027-02-09..2027-02-11", "--off", "--name", "春节", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "已录入 2027-02-09 至 2027-02-11 共 3 天：休" in out.stdout
    assert (
        run("calendar", "set", "2027-02-20", "--work", "--name", "春节", "--db", db).returncode == 0
    )
    shown = run("calendar", "show", "2027", "--db", db).stdout
    assert shown.splitlines()[0] == "2027年 已公布"
    assert "2027-02-05 五 休 春节 法定推算" in shown
    assert "2027-02-09 二 休 春节 已录入" in shown
    assert "2027-02-20 六 班 春节 已录入" in shown
    assert "2月 16" in shown
    data = json.loads(run("calendar", "show", "2027", "--json", "--db", db).stdout)
    assert data["status"] == "已公布" and data["working_days"]["2027-02"] == 16
    day = next(d for d in data["days"] if d["date"] == "2027-02-20")
    assert day == {
        "date": "2027-02-20",
        "kind": "班",
        "off": False,
        "name": "春节",
        "source": "已录入",
    }
    plan = json.loads(run("plan", "show", "2027-02", "--json", "--db", db).stdout)
    assert len(plan["working_days"]) == 16 and plan["makeup_days"] == ["2027-02-20"]
    cleared = run("calendar", "clear", "2027-02-01..2027-02-28", "--db", db)
    assert cleared.returncode == 0 and "已删除录入的 4 天" in cleared.stdout
    assert run("calendar", "show", "2027", "--db", db).stdout.startswith("2027年 调休未公布")


def test_a_library_year_shows_its_source(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    shown = run("calendar", "show", "2026", "--db", db).stdout
    assert shown.startswith("2026年 已公布")
    assert "2026-10-01 四 休 国庆节 官方（库）" in shown


def test_import_utf8_and_gbk_and_refuse_bad_rows(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    gbk = tmp_path / "notice-gbk.csv"
    gbk.write_bytes(
        "日期,休/班,名称\r\n2027-05-03,休,劳动节\r\n2027-04-25,班,劳动节\r\n".encode("gbk")
    )
    out = run("calendar", "import", gbk, "--db", db)
    assert out.returncode == 0, out.stderr
    assert "已录入 2 天" in out.stdout
    utf8 = tmp_path / "notice.csv"
    utf8.write_text("\ufeff2027-10-04,休,国庆节\n", encoding="utf-8")
    assert run("calendar", "import", utf8, "--db", db).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "2027-10-05,休,国庆节\n2027-13-01,休,x\n2027-10-06,放,国庆节\n", encoding="utf-8"
    )
    refused = run("calendar", "import", bad, "--db", db)
    assert refused.returncode == 1
    assert "日期：第 2 行不是日期" in refused.stderr and "“2027-13-01”" in refused.stderr
    assert "休/班：第 3 行应为“休”或“班”：“放”" in refused.stderr
    assert "Traceback" not in refused.stderr
    data = json.loads(run("calendar", "show", "2027", "--json", "--db", db).stdout)
    entered = sorted(d["date"] for d in data["days"] if d["source"] == "已录入")
    assert entered == ["2027-04-25", "2027-05-03", "2027-10-04"]  # nothing of bad.csv


def test_bad_input_is_named(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    bad_date = run("calendar", "set", "2027-02-30", "--off", "--db", db)
    assert bad_date.returncode == 1 and bad_date.stderr.startswith("sales-compass: 日期：应为日期")
    reversed_ = run("calendar", "set", "2027-03-02..2027-03-01", "--work", "--db", db)
    assert "结束日期早于开始日期" in reversed_.stderr
    bad_year = run("calendar", "show", "abc", "--db", db)
    assert bad_year.returncode == 1 and "年份：应为 1900 至 2099 年" in bad_year.stderr
    neither = run("calendar", "set", "2027-03-01", "--db", db)
    assert neither.returncode == 1 and "--off --work" in neither.stderr  # one is required


def test_entered_days_survive_a_backup_and_restore(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    assert (
        run("calendar", "set", "2027-02-09", "--off", "--name", "春节", "--db", db).returncode == 0
    )
    dest = tmp_path / "copy.sqlite3"
    assert run("backup", dest, "--db", db).returncode == 0
    target = tmp_path / "restored.sqlite3"
    restored = run("restore", dest, "--yes", "--db", target)
    assert restored.returncode == 0, restored.stderr
    data = json.loads(run("calendar", "show", "2027", "--json", "--db", target).stdout)
    assert [(d["date"], d["source"]) for d in data["days"] if d["source"] == "已录入"] == [
        ("2027-02-09", "已录入")
    ]
