"""`import clients`, `export clients`, `template clients` through the real entry point."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import openpyxl
from cli_runner import new_archive
from cli_runner import run_cli as run

HEADING = "客户名称,统一社会信用代码,客户等级,建档日期,联系人,手机,邮箱"
GOOD_USCC = "9144010652601815X3"


def client_count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM clients").fetchone()[0]


def write_source(tmp_path: Path) -> Path:
    """Rows 2 and 6 import; 3 has two problems; 4 duplicates 2; 5 is blank."""
    lines = [
        HEADING,
        f"广州嘉禾医疗设备有限公司,{GOOD_USCC},A类,2024/3/5,周强,+86 138-0000-1111,zq@x.cn",
        ",91440101MA5CXXXXX0,B,2024-02-30,,,",
        "广州嘉禾医疗设备 有限公司,,A,,,,",
        ",,,,,,",
        "苏州恒远电子,,c,2024年1月15日,孙丽,139 0000 2222,",
    ]
    path = tmp_path / "clients.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_import_json_output_and_row_numbers(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    result = run("import", "clients", write_source(tmp_path), "--json", "--db", db)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"imported", "rejected", "duplicates", "blank_rows"}
    assert out["imported"] == 2
    assert [(r["row"], r["column"]) for r in out["rejected"]] == [
        (3, "客户名称"),
        (3, "统一社会信用代码"),
        (3, "建档日期"),
    ]
    assert out["rejected"][0]["reason"] == "不能为空"
    assert out["duplicates"] == [{"row": 4, "existing": "广州嘉禾医疗设备有限公司"}]
    assert out["blank_rows"] == 1
    assert client_count(db) == 2


def test_dry_run_writes_nothing_and_rejects_file(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    rejects = tmp_path / "fix-me.xlsx"
    source = write_source(tmp_path)
    result = run("import", "clients", source, "--dry-run", "--rejects", rejects, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "试运行：将导入 2 行" in result.stdout
    assert "第 3 行 建档日期：日期不存在“2024-02-30”" in result.stdout
    assert "第 4 行 与“广州嘉禾医疗设备有限公司”重复" in result.stdout
    assert "跳过空行 1 行" in result.stdout
    assert client_count(db) == 0
    sheet = openpyxl.load_workbook(rejects).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因"
    assert [r[-1] for r in rows[1:]] == [
        "客户名称:不能为空;统一社会信用代码:校验位错误“91440101MA5CXXXXX0”;"
        "建档日期:日期不存在“2024-02-30”",
        "与“广州嘉禾医疗设备有限公司”重复",
    ]


def test_import_summary_in_english(tmp_path):
    result = run(
        "import", "clients", write_source(tmp_path), "--db", tmp_path / "a.sqlite3", env_lang="en"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Imported 2 rows."
    assert "row 4: same as “广州嘉禾医疗设备有限公司”" in result.stdout


def test_bad_files_exit_1_with_a_message(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    no_name = tmp_path / "no-name.csv"
    no_name.write_text("公司,客户等级\n广州嘉禾,A\n", encoding="utf-8")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    cases = {
        no_name: "缺少必需的列“客户名称”",
        old: "不支持的文件格式“.xls”",
        tmp_path / "missing.xlsx": "无法读取",
    }
    for path, message in cases.items():
        result = run("import", "clients", path, "--json", "--db", db)
        assert result.returncode == 1, (path, result.stdout)
        assert message in result.stderr
        assert result.stdout == ""
    assert client_count(db) == 0


def test_export_and_template(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    assert run("import", "clients", write_source(tmp_path), "--db", db).returncode == 0
    out = tmp_path / "export.csv"
    result = run("export", "clients", out, "--db", db)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[0] for r in rows[1:]] == ["广州嘉禾医疗设备有限公司", "苏州恒远电子"]
    assert rows[1][:3] == ["广州嘉禾医疗设备有限公司", GOOD_USCC, "A"]
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert [cells[h] for h in ("建档日期", "联系人", "职务", "手机")] == [
        "2024-03-05",
        "周强",
        "",
        "13800001111",
    ]

    template = tmp_path / "template.xlsx"
    result = run("template", "clients", template)
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(template)
    assert workbook.sheetnames == ["客户", "填写说明"]
    assert workbook.worksheets[0]["A1"].value == "客户名称"


def receipt_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM receipts").fetchone()[0]


def test_rejects_that_cannot_be_written_mean_nothing_is_imported(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = run(
        "import", "clients", write_source(tmp_path), "--rejects", blocker / "r.xlsx", "--db", db
    )
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and "blocker" in result.stderr
    assert result.stdout == ""
    assert client_count(db) == 0

    receipts = tmp_path / "receipts.csv"
    receipts.write_text(
        "回款日期,客户名称,金额\n2026-03-05,苏州恒远电子,1000\n,,x\n", encoding="utf-8"
    )
    assert run("import", "clients", write_source(tmp_path), "--db", db).returncode == 0
    result = run("import", "receipts", receipts, "--rejects", blocker / "r.csv", "--db", db)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert receipt_count(db) == 0
    result = run("import", "receipts", receipts, "--rejects", tmp_path / "r.csv", "--db", db)
    assert result.returncode == 0, result.stderr
    assert receipt_count(db) == 1
    assert "待修改的 1 行已保存到" in result.stdout


def test_export_and_import_of_every_field_from_the_command_line(tmp_path):
    db, fresh = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    source = tmp_path / "full.csv"
    source.write_text(
        "客户名称,大客户,状态,来源,联系人,座机,决策人,联系人2,手机2\n"
        "=恶意公式公司,是,暂停,展会,周强,010-62345678,是,孙丽,13900002222\n",
        encoding="utf-8",
    )
    assert run("import", "clients", source, "--db", db).returncode == 0
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert run("export", "clients", first, "--db", db).returncode == 0
    assert run("import", "clients", first, "--db", fresh).returncode == 0
    assert run("export", "clients", second, "--db", fresh).returncode == 0
    rows = [
        list(openpyxl.load_workbook(p).worksheets[0].iter_rows(values_only=True))
        for p in (first, second)
    ]
    assert rows[0] == rows[1]
    cells = dict(zip(rows[0][0], rows[0][1], strict=True))
    assert (cells["客户名称"], cells["大客户"], cells["状态"], cells["座机"]) == (
        "=恶意公式公司",
        "是",
        "暂停",
        "010-62345678",
    )
    assert (cells["联系人2"], cells["手机2"]) == ("孙丽", "13900002222")
