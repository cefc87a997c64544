"""The client import, row by row: each rule on small files written in tmp_path (xlsx and csv)."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from data.messy_clients import messy_clients_xlsx
from stdnum.cn import uscc as stdnum_uscc

from app.domain.errors import CancelledError, ValidationError
from app.domain.queries import ClientQuery
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.services.client_transfer import (
    TEMPLATE_HEADINGS,
    DuplicateRow,
    import_clients,
    preview_import,
)

pytestmark = pytest.mark.both_backends


def valid_uscc(serial: int) -> str:
    base = f"91440101{serial:09d}"
    return base + stdnum_uscc.calc_check_digit(base)


def wrong_check(code: str) -> str:
    last = "0" if code[-1] != "0" else "1"
    return code[:-1] + last


def write_xlsx(path: Path, heading, rows) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(heading))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(path: Path, heading, rows, encoding="utf-8-sig", delimiter=",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(heading)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def template_row(**cells) -> list:
    """A row in the template's order; keys are the Chinese headings."""
    unknown = set(cells) - set(TEMPLATE_HEADINGS)
    assert not unknown, unknown
    return [cells.get(h) for h in TEMPLATE_HEADINGS]


def one_row_file(tmp_path: Path, fmt: str, **cells) -> Path:
    rows = [template_row(**cells)]
    if fmt == "xlsx":
        return write_xlsx(tmp_path / "one.xlsx", TEMPLATE_HEADINGS, rows)
    return write_csv(tmp_path / "one.csv", TEMPLATE_HEADINGS, rows)


def all_clients(archive):
    ids = clients.list_client_ids(archive, ClientQuery(sort="created_on"))
    return [clients.get_client(archive, i) for i in ids]


def only_client(archive):
    (client,) = all_clients(archive)
    return client


FORMATS = ["xlsx", "csv"]


# --- tiers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("written", "tier"),
    [("A类", "A"), ("b级", "B"), (" C ", "C"), ("重点", "A"), ("d", "D"), ("", "C"), (None, "C")],
)
def test_tier_forms_are_read(archive, tmp_path, fmt, written, tier):
    path = one_row_file(tmp_path, fmt, 客户名称="广州嘉禾医疗", 客户等级=written)
    report = import_clients(archive, path)
    assert report.imported == 1 and not report.rejected
    assert only_client(archive).tier == tier


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_tier_rejects_the_row(archive, tmp_path, fmt):
    path = one_row_file(tmp_path, fmt, 客户名称="广州嘉禾医疗", 客户等级="E级")
    report = import_clients(archive, path)
    assert report.imported == 0
    (problem,) = report.rejected
    assert (problem.row, problem.column, problem.code) == (2, "客户等级", "unknown_tier")
    assert "E级" in problem.reason
    assert all_clients(archive) == []


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("written", ["2024-03-05", "2024/3/5", "2024年3月5日", "2024.3.5"])
def test_date_forms_are_read(archive, tmp_path, fmt, written):
    path = one_row_file(tmp_path, fmt, 客户名称="苏州恒远", 建档日期=written)
    assert import_clients(archive, path).imported == 1
    assert only_client(archive).created_on == date(2024, 3, 5)


@pytest.mark.parametrize("value", [date(2024, 3, 5), datetime(2024, 3, 5, 0, 0)])
def test_real_excel_dates_are_read(archive, tmp_path, value):
    path = one_row_file(tmp_path, "xlsx", 客户名称="苏州恒远", 建档日期=value)
    assert import_clients(archive, path).imported == 1
    assert only_client(archive).created_on == date(2024, 3, 5)


def test_excel_date_shows_as_iso_text_in_preview(archive, tmp_path):
    path = one_row_file(tmp_path, "xlsx", 客户名称="苏州恒远", 建档日期=date(2024, 3, 5))
    (row,) = preview_import(archive, path).rows
    assert row.values[TEMPLATE_HEADINGS.index("建档日期")] == "2024-03-05"


def test_empty_date_means_today(archive, tmp_path):
    path = one_row_file(tmp_path, "csv", 客户名称="苏州恒远")
    import_clients(archive, path)
    assert only_client(archive).created_on == archive.today()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("written", "code"), [("2024-02-30", "impossible_date"), ("下周二", "bad_date")]
)
def test_impossible_or_unreadable_date_rejects(archive, tmp_path, fmt, written, code):
    path = one_row_file(tmp_path, fmt, 客户名称="苏州恒远", 建档日期=written)
    report = import_clients(archive, path)
    (problem,) = report.rejected
    assert (problem.row, problem.column, problem.code) == (2, "建档日期", code)
    assert written in problem.reason
    assert report.imported == 0


# --- phones, e-mail, USCC, name -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "written",
    [
        "+86 138 0013 8000",
        "138-0013-8000",
        "１３８００１３８０００",
        "0086 13800138000",
        "13800138000",
    ],
)
def test_mobile_numbers_are_normalised(archive, tmp_path, fmt, written):
    path = one_row_file(tmp_path, fmt, 客户名称="成都天府", 联系人="赵磊", 手机=written)
    assert import_clients(archive, path).imported == 1
    (contact,) = only_client(archive).contacts
    assert contact.mobile == "13800138000"


def test_mobile_typed_as_a_number_in_excel(archive, tmp_path):
    path = one_row_file(tmp_path, "xlsx", 客户名称="成都天府", 联系人="赵磊", 手机=13800138000)
    import_clients(archive, path)
    assert only_client(archive).contacts[0].mobile == "13800138000"


@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_mobile_rejects(archive, tmp_path, fmt):
    path = one_row_file(tmp_path, fmt, 客户名称="成都天府", 联系人="赵磊", 手机="1380013")
    (problem,) = import_clients(archive, path).rejected
    assert (problem.column, problem.code) == ("手机", "bad_mobile")


@pytest.mark.parametrize("fmt", FORMATS)
def test_email_is_checked_and_lowered(archive, tmp_path, fmt):
    good = one_row_file(tmp_path, fmt, 客户名称="成都天府", 联系人="赵磊", 邮箱="ZL@Example.com")
    assert import_clients(archive, good).imported == 1
    assert only_client(archive).contacts[0].email == "zl@example.com"


@pytest.mark.parametrize("written", ["zl@example", "zl.example.com", "zl@@example.com"])
def test_malformed_email_rejects(archive, tmp_path, written):
    path = one_row_file(tmp_path, "csv", 客户名称="成都天府", 联系人="赵磊", 邮箱=written)
    (problem,) = import_clients(archive, path).rejected
    assert (problem.column, problem.code, problem.field) == ("邮箱", "bad_email", "email")


@pytest.mark.parametrize("fmt", FORMATS)
def test_uscc_is_checked(archive, tmp_path, fmt):
    code = valid_uscc(1)
    good = one_row_file(tmp_path, fmt, 客户名称="厦门鹭岛", 统一社会信用代码=code.lower())
    assert import_clients(archive, good).imported == 1
    assert only_client(archive).uscc == code


@pytest.mark.parametrize(
    ("written", "code"),
    [(wrong_check(valid_uscc(2)), "uscc_checksum"), ("91440101123", "uscc_length")],
)
def test_wrong_uscc_rejects(archive, tmp_path, written, code):
    path = one_row_file(tmp_path, "xlsx", 客户名称="厦门鹭岛", 统一社会信用代码=written)
    (problem,) = import_clients(archive, path).rejected
    assert (problem.row, problem.column, problem.code) == (2, "统一社会信用代码", code)


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_name_rejects(archive, tmp_path, fmt):
    path = one_row_file(tmp_path, fmt, 客户名称="  ", 行业="物流")
    (problem,) = import_clients(archive, path).rejected
    assert (problem.row, problem.column, problem.code, problem.reason) == (
        2,
        "客户名称",
        "required",
        "不能为空",
    )


def test_every_problem_of_a_row_is_reported(archive, tmp_path):
    path = one_row_file(
        tmp_path,
        "xlsx",
        客户名称="",
        统一社会信用代码=wrong_check(valid_uscc(3)),
        客户等级="X",
        建档日期="2024-13-01",
        联系人="孙丽",
        邮箱="sunli@",
    )
    report = preview_import(archive, path)
    assert [p.column for p in report.rejected] == [
        "客户名称",
        "统一社会信用代码",
        "客户等级",
        "建档日期",
        "邮箱",
    ]
    assert {p.row for p in report.rejected} == {2}
    (row,) = report.rows
    assert row.status == "rejected"
    assert row.message.startswith("客户名称:不能为空;统一社会信用代码:")


@pytest.mark.parametrize("cells", [{"手机": "13800138000"}, {"邮箱": "a@b.cn"}, {"职务": "经理"}])
def test_contact_details_without_a_contact_name_reject(archive, tmp_path, cells):
    path = one_row_file(tmp_path, "csv", 客户名称="青岛海滨", **cells)
    (problem,) = import_clients(archive, path).rejected
    assert (problem.column, problem.code, problem.field) == ("联系人", "required", "contact_name")


def test_a_contact_is_created_only_when_named(archive, tmp_path):
    rows = [
        template_row(客户名称="青岛海滨", 联系人="钱伟", 职务="总经理", 手机="13600004444"),
        template_row(客户名称="合肥讯联"),
    ]
    import_clients(archive, write_xlsx(tmp_path / "c.xlsx", TEMPLATE_HEADINGS, rows))
    by_name = {c.name: c for c in all_clients(archive)}
    (contact,) = by_name["青岛海滨"].contacts
    assert (contact.name, contact.title, contact.mobile) == ("钱伟", "总经理", "13600004444")
    assert by_name["合肥讯联"].contacts == ()


def test_text_fields_are_kept(archive, tmp_path):
    path = one_row_file(
        tmp_path,
        "xlsx",
        客户名称=" 广州嘉禾医疗设备有限公司 ",
        行业="医疗",
        地区="广州",
        地址="广州市天河区体育西路100号",
        客户经理="王芳",
        备注="年度框架协议",
    )
    import_clients(archive, path)
    client = only_client(archive)
    assert (client.name, client.industry, client.region, client.owner, client.notes) == (
        "广州嘉禾医疗设备有限公司",
        "医疗",
        "广州",
        "王芳",
        "年度框架协议",
    )
    assert client.address == "广州市天河区体育西路100号"


# --- blank rows, duplicates --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_rows_are_skipped_and_counted(archive, tmp_path, fmt):
    empty = [None] * len(TEMPLATE_HEADINGS)
    spaces = ["  "] + [None] * (len(TEMPLATE_HEADINGS) - 1)
    rows = [template_row(客户名称="甲公司"), empty, spaces, template_row(客户名称="乙公司"), empty]
    path = (
        write_xlsx(tmp_path / "b.xlsx", TEMPLATE_HEADINGS, rows)
        if fmt == "xlsx"
        else write_csv(tmp_path / "b.csv", TEMPLATE_HEADINGS, rows)
    )
    report = import_clients(archive, path)
    assert (report.imported, report.blank_rows, report.rejected) == (2, 2, ())
    assert [r.row for r in report.rows] == [2, 5]


def test_xlsx_with_missing_rows_and_formatted_empty_cells(archive, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(TEMPLATE_HEADINGS))
    sheet.cell(2, 1, "甲公司")
    sheet.cell(3, 300).font = openpyxl.styles.Font(bold=True)  # formatted, never filled
    sheet.cell(5, 1, "乙公司")
    sheet.cell(5, 3, "B类")
    workbook.save(tmp_path / "gaps.xlsx")
    report = import_clients(archive, tmp_path / "gaps.xlsx")
    assert (report.imported, report.blank_rows) == (2, 2)
    assert [r.row for r in report.rows] == [2, 5]
    assert report.rows[1].values[:3] == ("乙公司", "", "B类")


def test_duplicates_within_the_file(archive, tmp_path):
    code = valid_uscc(4)
    rows = [
        template_row(客户名称="广州嘉禾医疗设备有限公司", 统一社会信用代码=code),
        template_row(客户名称="广州嘉禾医疗设备 有限公司"),  # same name once spaces are gone
        template_row(客户名称="广州嘉禾医疗设备(有限)公司"),
        template_row(客户名称="别的名字", 统一社会信用代码=code),  # same USCC
        template_row(客户名称="广州嘉禾医疗设备(有限)公司"),  # full-width brackets fold
    ]
    report = import_clients(archive, write_xlsx(tmp_path / "d.xlsx", TEMPLATE_HEADINGS, rows))
    assert report.imported == 2
    assert report.duplicates == (
        DuplicateRow(3, "广州嘉禾医疗设备有限公司", None),
        DuplicateRow(5, "广州嘉禾医疗设备有限公司", None),
        DuplicateRow(6, "广州嘉禾医疗设备(有限)公司", None),
    )
    assert [r.status for r in report.rows] == ["ok", "duplicate", "ok", "duplicate", "duplicate"]
    assert report.rows[1].message == "与“广州嘉禾医疗设备有限公司”重复"
    assert len(all_clients(archive)) == 2


def test_duplicates_of_the_archive(archive, tmp_path):
    code = valid_uscc(5)
    by_name = clients.create_client(archive, ClientDraft(name="苏州工业园区恒远电子有限公司"))
    by_code = clients.create_client(archive, ClientDraft(name="厦门鹭岛环保", uscc=code))
    rows = [
        template_row(客户名称="苏州工业园区恒远电子有限公司 "),
        template_row(客户名称="厦门鹭岛环保科技有限公司", 统一社会信用代码=code),
        template_row(客户名称="全新客户"),
    ]
    report = import_clients(archive, write_csv(tmp_path / "d.csv", TEMPLATE_HEADINGS, rows))
    assert report.imported == 1
    assert report.duplicates == (
        DuplicateRow(2, "苏州工业园区恒远电子有限公司", by_name.id),
        DuplicateRow(3, "厦门鹭岛环保", by_code.id),
    )
    assert report.as_json()["duplicates"] == [
        {"row": 2, "existing": "苏州工业园区恒远电子有限公司"},
        {"row": 3, "existing": "厦门鹭岛环保"},
    ]
    assert len(all_clients(archive)) == 3


# --- headings and file formats ---------------------------------------------------------------


def test_headings_with_spaces_stars_and_english(archive, tmp_path):
    heading = [" 客户 名称* ", "Tier", "建档日期＊", "Contact", "Mobile", "E-Mail", "内部编号"]
    rows = [["广州嘉禾", "b级", "2024/3/5", "周强", "138 0000 1111", "Q@X.CN", "K-001"]]
    report = import_clients(archive, write_xlsx(tmp_path / "h.xlsx", heading, rows))
    assert report.imported == 1
    assert report.ignored_columns == ("内部编号",)
    client = only_client(archive)
    assert (client.tier, client.created_on) == ("B", date(2024, 3, 5))
    assert (client.contacts[0].mobile, client.contacts[0].email) == ("13800001111", "q@x.cn")


def test_full_width_spaces_and_case_in_headings(archive, tmp_path):
    heading = ["CLIENT　NAME", "Account Manager", "Date on file", "notes＊"]
    rows = [["合肥讯联", "刘洋", "2024年1月15日", "框架协议"]]
    import_clients(archive, write_csv(tmp_path / "h.csv", heading, rows))
    client = only_client(archive)
    assert (client.owner, client.created_on, client.notes) == (
        "刘洋",
        date(2024, 1, 15),
        "框架协议",
    )


def test_problems_name_the_column_as_written(archive, tmp_path):
    heading = ["客户名称 *", "Created On"]
    rows = [["合肥讯联", "2024-02-30"]]
    (problem,) = preview_import(archive, write_csv(tmp_path / "h.csv", heading, rows)).rejected
    assert (problem.column, problem.field) == ("Created On", "created_on")


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_name_heading_refuses_the_file(archive, tmp_path, fmt):
    heading = ["公司", "客户等级"]
    rows = [["广州嘉禾", "A"]]
    path = (
        write_xlsx(tmp_path / "m.xlsx", heading, rows)
        if fmt == "xlsx"
        else write_csv(tmp_path / "m.csv", heading, rows)
    )
    with pytest.raises(ValidationError) as caught:
        preview_import(archive, path)
    assert (caught.value.field, caught.value.code) == ("heading", "missing_heading")
    assert caught.value.details["value"] == "客户名称"


def test_unsupported_and_unreadable_files(archive, tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError) as caught:
        preview_import(archive, tmp_path / "old.xls")
    assert caught.value.code == "unsupported_format"
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError) as caught:
        preview_import(archive, tmp_path / "broken.xlsx")
    assert caught.value.code == "not_a_workbook"
    with pytest.raises(ValidationError) as caught:
        preview_import(archive, tmp_path / "missing.csv")
    assert caught.value.code == "unreadable"


def test_csv_in_gb18030(archive, tmp_path):
    rows = [template_row(客户名称="成都天府软件园信息技术有限公司", 客户等级="c", 联系人="赵磊")]
    path = write_csv(tmp_path / "gbk.csv", TEMPLATE_HEADINGS, rows, encoding="gb18030")
    assert import_clients(archive, path).imported == 1
    client = only_client(archive)
    assert (client.name, client.tier, client.contacts[0].name) == (
        "成都天府软件园信息技术有限公司",
        "C",
        "赵磊",
    )


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_csv_delimiters_are_sniffed(archive, tmp_path, delimiter):
    rows = [template_row(客户名称="青岛海滨物流", 客户等级="B类", 地址="青岛市, 市南区")]
    path = write_csv(tmp_path / "t.csv", TEMPLATE_HEADINGS, rows, delimiter=delimiter)
    assert import_clients(archive, path).imported == 1
    assert only_client(archive).address == "青岛市, 市南区"


# --- the preview and the transaction ---------------------------------------------------------


def test_preview_writes_nothing(archive, tmp_path):
    path = one_row_file(tmp_path, "xlsx", 客户名称="广州嘉禾", 联系人="周强")
    report = preview_import(archive, path)
    assert (report.imported, report.dry_run) == (1, True)
    assert report.rows[0].status == "ok" and report.rows[0].message == ""
    assert all_clients(archive) == []


class FakeTask:
    def __init__(self, cancel_after: int | None = None):
        self.calls: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def progress(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.calls) >= self.cancel_after

    def raise_if_cancelled(self) -> None:
        if self.cancelled():
            raise CancelledError()


def many_rows(count: int) -> list[list]:
    return [template_row(客户名称=f"测试客户{i}号", 联系人=f"联系人{i}") for i in range(count)]


def test_progress_is_reported_up_to_the_total(archive, tmp_path):
    path = write_csv(tmp_path / "many.csv", TEMPLATE_HEADINGS, many_rows(2500))
    task = FakeTask()
    assert import_clients(archive, path, task=task).imported == 2500
    done, total = task.calls[-1]
    assert done == total and total > 0
    assert [d for d, _ in task.calls] == sorted(d for d, _ in task.calls)


def test_cancel_during_the_write_leaves_the_archive_unchanged(archive, tmp_path):
    clients.create_client(archive, ClientDraft(name="已有客户"), [ContactDraft(name="老联系人")])
    path = write_csv(tmp_path / "many.csv", TEMPLATE_HEADINGS, many_rows(3000))
    analysis_checkpoints = 4  # every 1,000 rows and at the end
    task = FakeTask(cancel_after=analysis_checkpoints + 1)  # after the first written batch
    with pytest.raises(CancelledError):
        import_clients(archive, path, task=task)
    assert [c.name for c in all_clients(archive)] == ["已有客户"]
    assert clients.client_count(archive) == 1


# --- a messy client list (tests/data/messy_clients.py) ---------------------------------------


def test_messy_client_list(archive, tmp_path):
    report = import_clients(archive, messy_clients_xlsx(tmp_path / "clients.xlsx"))
    by_status: dict[str, list[int]] = {}
    for row in report.rows:
        by_status.setdefault(row.status, []).append(row.row)
    assert by_status == {"ok": [2, 3, 4, 5], "rejected": [6, 7, 10], "duplicate": [8]}
    assert report.blank_rows == 1
    assert [(p.row, p.column, p.code) for p in report.rejected] == [
        (6, "客户名称", "required"),
        (6, "统一社会信用代码", "uscc_checksum"),  # its 91370200MA3C00000X is wrong too
        (7, "统一社会信用代码", "uscc_checksum"),
        (10, "建档日期", "impossible_date"),
    ]
    assert report.as_json()["duplicates"] == [{"row": 8, "existing": "广州嘉禾医疗设备有限公司"}]
    imported = {c.name: c for c in all_clients(archive)}
    assert len(imported) == 4
    suzhou = imported["苏州工业园区恒远电子有限公司"]
    assert (suzhou.tier, suzhou.created_on, suzhou.contacts[0].mobile) == (
        "B",
        date(2023, 11, 2),
        "13900002222",
    )
    chengdu = imported["成都天府软件园信息技术有限公司"]
    assert (chengdu.tier, chengdu.created_on, chengdu.contacts[0].mobile) == (
        "C",
        date(2024, 1, 15),
        "13700003333",
    )
    assert imported["广州嘉禾医疗设备有限公司"].created_on == date(2023, 5, 8)
