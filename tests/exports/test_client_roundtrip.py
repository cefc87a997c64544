"""Export -> import into an empty archive -> export gives the same rows; rejects files round-trip."""

from __future__ import annotations

import csv
from datetime import date, datetime

import openpyxl
import pytest
from stdnum.cn import uscc as stdnum_uscc

from app.domain.enums import Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.services.archive import open_archive
from app.services.client_transfer import (
    REASON_HEADING,
    TEMPLATE_HEADINGS,
    export_clients,
    import_clients,
    write_rejects,
    write_template,
)


def valid_uscc(serial: int) -> str:
    base = f"91320594{serial:09d}"
    return base + stdnum_uscc.calc_check_digit(base)


def fill(archive) -> None:
    clients.create_client(
        archive,
        ClientDraft(
            name="广州嘉禾医疗设备有限公司",
            uscc=valid_uscc(1),
            tier=Tier.A,
            industry="医疗",
            region="广州",
            address="广州市天河区体育西路100号",
            owner="王芳",
            created_on=date(2023, 5, 8),
            notes="年度框架协议",
        ),
        [
            ContactDraft(name="周强", title="设备科科长", mobile="13800001111", email="zq@x.cn"),
            ContactDraft(name="第二联系人", mobile="13900009999"),
        ],
    )
    clients.create_client(
        archive,
        ClientDraft(
            name="青岛海滨物流有限公司", tier=Tier.D, region="青岛", created_on=date(2024, 2, 20)
        ),
    )
    clients.create_client(
        archive,
        ClientDraft(name="Chengdu Tianfu Software 成都天府", tier=Tier.B, owner="刘洋"),
        [ContactDraft(name="赵磊", title="CTO")],
    )


def xlsx_rows(path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def csv_rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_import_export_gives_the_same_rows(archive, tmp_path, suffix):
    fill(archive)
    first = tmp_path / f"first{suffix}"
    assert export_clients(archive, first) == 3
    empty = open_archive(tmp_path / "empty.sqlite3", clock=archive.clock)
    try:
        report = import_clients(empty, first)
        assert (report.imported, report.rejected, report.duplicates) == (3, (), ())
        second = tmp_path / f"second{suffix}"
        assert export_clients(empty, second) == 3
    finally:
        empty.close()
    read = xlsx_rows if suffix == ".xlsx" else csv_rows
    first_rows, second_rows = read(first), read(second)
    assert first_rows == second_rows
    assert tuple(first_rows[0]) == TEMPLATE_HEADINGS
    assert len(first_rows) == 4


def test_export_writes_one_row_per_client_with_its_first_contact(archive, tmp_path):
    fill(archive)
    export_clients(archive, tmp_path / "out.xlsx")
    heading, *rows = xlsx_rows(tmp_path / "out.xlsx")
    first = dict(zip(heading, rows[0], strict=True))
    assert first["客户名称"] == "广州嘉禾医疗设备有限公司"
    assert (first["联系人"], first["手机"], first["邮箱"]) == ("周强", "13800001111", "zq@x.cn")
    assert first["建档日期"] == datetime(2023, 5, 8)  # a real Excel date
    assert [r[0] for r in rows] == [
        "广州嘉禾医疗设备有限公司",
        "青岛海滨物流有限公司",
        "Chengdu Tianfu Software 成都天府",
    ]
    second = dict(zip(heading, rows[1], strict=True))
    assert second["联系人"] is None and second["客户等级"] == "D"


def test_csv_export_has_a_bom_and_iso_dates(archive, tmp_path):
    fill(archive)
    export_clients(archive, tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(tmp_path / "out.csv")
    assert rows[1][TEMPLATE_HEADINGS.index("建档日期")] == "2023-05-08"
    assert rows[3][TEMPLATE_HEADINGS.index("建档日期")] == archive.today().isoformat()


def test_xlsx_heading_is_bold_and_frozen(archive, tmp_path):
    fill(archive)
    export_clients(archive, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["A"].width >= 20  # fits the long company names


def test_export_reports_progress(archive, tmp_path):
    fill(archive)
    calls = []

    class Task:
        def progress(self, done, total):
            calls.append((done, total))

        def cancelled(self):
            return False

    export_clients(archive, tmp_path / "out.csv", task=Task())
    assert calls[-1] == (3, 3)


def test_template_has_headings_and_instructions(tmp_path):
    write_template(tmp_path / "template.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "template.xlsx")
    assert [ws.title for ws in workbook.worksheets] == ["客户", "填写说明"]
    assert tuple(c.value for c in workbook.worksheets[0][1]) == TEMPLATE_HEADINGS
    assert workbook.worksheets[0].max_row == 1
    explained = [r[0] for r in workbook["填写说明"].iter_rows(min_row=2, values_only=True)]
    assert tuple(explained) == TEMPLATE_HEADINGS
    write_template(tmp_path / "template.csv")
    assert csv_rows(tmp_path / "template.csv") == [list(TEMPLATE_HEADINGS)]


def test_template_imports_as_nothing(archive, tmp_path):
    write_template(tmp_path / "template.xlsx")
    report = import_clients(archive, tmp_path / "template.xlsx")
    assert (report.imported, report.rows, report.blank_rows) == (0, (), 0)


def test_rejects_file_can_be_fixed_and_imported_again(archive, tmp_path, samples):
    source = samples / "clients_sample.xlsx"
    report = import_clients(archive, source)
    out = tmp_path / "rejects.xlsx"
    assert write_rejects(report, source, out) == 4
    heading, *rows = xlsx_rows(out)
    assert heading == TEMPLATE_HEADINGS + (REASON_HEADING,)
    reasons = [r[-1] for r in rows]
    assert reasons[0] == "客户名称:不能为空;统一社会信用代码:校验位错误“91370200MA3C00000X”"
    assert reasons[2] == "与“广州嘉禾医疗设备有限公司”重复"
    assert "日期不存在" in reasons[3]
    assert rows[3][TEMPLATE_HEADINGS.index("建档日期")] == "2024-02-30"  # the original cell
    assert rows[0][TEMPLATE_HEADINGS.index("建档日期")] == datetime(2024, 2, 20)

    workbook = openpyxl.load_workbook(out)
    sheet = workbook.worksheets[0]
    column = {h: i + 1 for i, h in enumerate(heading)}
    sheet.cell(2, column["客户名称"], "青岛港湾物流有限公司")
    sheet.cell(2, column["统一社会信用代码"], valid_uscc(7))
    sheet.cell(3, column["统一社会信用代码"], valid_uscc(8))
    sheet.cell(4, column["客户名称"], "广州嘉禾医疗设备(番禺)有限公司")
    sheet.cell(5, column["建档日期"], "2024-02-29")
    workbook.save(out)

    again = import_clients(archive, out)
    assert (again.imported, again.rejected, again.duplicates) == (4, (), ())
    assert again.ignored_columns == (REASON_HEADING,)
    assert clients.client_count(archive) == 8


def test_rejects_as_csv_keep_original_text(archive, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "客户名称,客户等级,联系人,手机,备注\n甲公司,A,张三,13800138000,\n,A,,138 0013 8000,无名\n",
        encoding="utf-8-sig",
    )
    report = import_clients(archive, source)
    assert write_rejects(report, source, tmp_path / "rejects.csv") == 1
    heading, row = csv_rows(tmp_path / "rejects.csv")
    cells = dict(zip(heading, row, strict=True))
    assert (cells["手机"], cells["备注"], cells["错误原因"]) == (
        "138 0013 8000",
        "无名",
        "客户名称:不能为空;联系人:不能为空",
    )
