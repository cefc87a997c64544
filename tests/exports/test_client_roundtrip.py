"""Export -> import into an empty archive -> export gives the same rows; rejects files round-trip."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date, datetime

import openpyxl
import pytest
from data.messy_clients import messy_clients_xlsx
from stdnum.cn import uscc as stdnum_uscc

from app.domain.enums import ClientStatus, Tier
from app.domain.queries import ClientQuery
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.services.archive import open_archive
from app.services.client_transfer import (
    REASON_HEADING,
    TEMPLATE_HEADINGS,
    export_clients,
    export_headings,
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
    assert tuple(first_rows[0]) == export_headings(2)  # the most contacts of a client: 2
    assert len(first_rows) == 4


def fill_every_field(archive) -> None:
    """Clients that use every field a client and a contact have, and up to three contacts."""
    clients.create_client(
        archive,
        ClientDraft(
            name="北京华信科技有限公司",
            uscc=valid_uscc(11),
            tier=Tier.A,
            is_key_account=True,
            industry="软件",
            region="北京",
            address="北京市海淀区中关村大街1号",
            owner="王芳",
            status=ClientStatus.PAUSED,
            source="展会",
            created_on=date(2021, 3, 9),
            service_policy="7×24 小时响应\n季度回访一次",
            notes="框架协议到 2027 年\n续签前一个月提醒",
        ),
        [
            ContactDraft(
                name="周强",
                title="信息中心主任",
                mobile="13800001111",
                phone="010-62345678",
                email="zq@hx.cn",
                birthday=date(1980, 2, 29),
                is_decision_maker=True,
                notes="周末勿扰\n喜欢喝茶",
            ),
            ContactDraft(name="孙丽", title="采购", phone="0755-88889999"),
            ContactDraft(name="赵磊", email="zl@hx.cn", birthday=date(1992, 12, 1)),
        ],
    )
    clients.create_client(
        archive,
        ClientDraft(
            name="+86 开头的客户(测试)",
            tier=Tier.D,
            status=ClientStatus.PROSPECT,
            source="=老客户介绍",
            notes="-20% 的折扣\n@销售部",
        ),
    )
    clients.create_client(
        archive,
        ClientDraft(name="杭州西湖茶业", status=ClientStatus.LOST, created_on=date(2020, 1, 2)),
        [ContactDraft(name="钱伟", mobile="13600004444", is_decision_maker=False)],
    )


def every_sheet(path) -> list[list[tuple]]:
    workbook = openpyxl.load_workbook(path)
    return [[tuple(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets]


def records(archive) -> list:
    """Every client with its contacts, ids left out."""
    result = []
    for client_id in clients.list_client_ids(archive, ClientQuery(sort="name")):
        client = clients.get_client(archive, client_id)
        contacts = tuple(dataclasses.replace(c, id=0, client_id=0) for c in client.contacts)
        result.append(dataclasses.replace(client, id=0, contacts=contacts))
    return result


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_keeps_every_field_and_imports_back_cell_for_cell(archive, tmp_path, suffix):
    fill_every_field(archive)
    first = tmp_path / f"first{suffix}"
    assert export_clients(archive, first) == 3
    fresh = open_archive(tmp_path / "fresh.sqlite3", clock=archive.clock)
    try:
        report = import_clients(fresh, first)
        assert (report.imported, report.rejected, report.duplicates) == (3, (), ())
        assert report.ignored_columns == ()
        assert records(fresh) == records(archive)  # nothing lost, nothing changed
        second = tmp_path / f"second{suffix}"
        export_clients(fresh, second)
    finally:
        fresh.close()
    if suffix == ".xlsx":
        assert every_sheet(second) == every_sheet(first)
    else:
        assert second.read_bytes() == first.read_bytes()
    heading, *rows = (xlsx_rows if suffix == ".xlsx" else csv_rows)(first)
    assert tuple(heading) == export_headings(3)
    assert len(rows) == 3


def test_export_has_every_field_of_every_client_and_contact(archive, tmp_path):
    fill_every_field(archive)
    export_clients(archive, tmp_path / "all.xlsx")
    heading, *rows = xlsx_rows(tmp_path / "all.xlsx")
    first = dict(zip(heading, rows[0], strict=True))
    assert {k: first[k] for k in ("大客户", "状态", "来源", "服务政策")} == {
        "大客户": "是",
        "状态": "暂停",
        "来源": "展会",
        "服务政策": "7×24 小时响应\n季度回访一次",
    }
    assert (first["座机"], first["生日"], first["决策人"]) == (
        "010-62345678",
        datetime(1980, 2, 29),
        "是",
    )
    assert first["联系人备注"] == "周末勿扰\n喜欢喝茶"
    assert (first["联系人2"], first["座机2"], first["决策人2"]) == ("孙丽", "0755-88889999", "否")
    assert (first["联系人3"], first["邮箱3"], first["生日3"]) == (
        "赵磊",
        "zl@hx.cn",
        datetime(1992, 12, 1),
    )
    second = dict(zip(heading, rows[1], strict=True))
    assert (second["大客户"], second["状态"], second["联系人"], second["决策人"]) == (
        "否",
        "潜在",
        None,
        None,
    )
    # The import template's headings are the export's: a filled-in template still imports.
    assert set(TEMPLATE_HEADINGS) <= set(heading)


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
    assert rows[1][rows[0].index("建档日期")] == "2023-05-08"
    assert rows[3][rows[0].index("建档日期")] == archive.today().isoformat()


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
    assert tuple(explained[: len(TEMPLATE_HEADINGS)]) == TEMPLATE_HEADINGS
    assert {"大客户", "状态", "座机", "生日", "决策人", "联系人备注"} <= set(explained)
    write_template(tmp_path / "template.csv")
    assert csv_rows(tmp_path / "template.csv") == [list(TEMPLATE_HEADINGS)]


def test_template_imports_as_nothing(archive, tmp_path):
    write_template(tmp_path / "template.xlsx")
    report = import_clients(archive, tmp_path / "template.xlsx")
    assert (report.imported, report.rows, report.blank_rows) == (0, (), 0)


def test_rejects_file_can_be_fixed_and_imported_again(archive, tmp_path):
    source = messy_clients_xlsx(tmp_path / "clients.xlsx")
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
