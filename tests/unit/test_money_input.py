"""Typed money is strict (never rounded silently); a spreadsheet's numeric cell rounds to the fen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.cli import argparse_message
from app.domain.errors import NotFoundError
from app.domain.messages import describe, problem_text
from app.domain.money import AmountError, parse_yuan, yuan_from_number

pytestmark = pytest.mark.both_backends

D = Decimal


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,234.50", "1234.50"),
        ("¥1,234.50", "1234.50"),
        ("１２３", "123.00"),
        ("1234", "1234.00"),
        ("12.340", "12.34"),  # trailing zeros lose nothing
        (".5", "0.50"),
        ("-5", "-5.00"),
    ],
)
def test_typed_money_that_is_accepted(text, amount):
    assert parse_yuan(text) == D(amount)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("12.345", "too_many_decimals"),
        ("1.005", "too_many_decimals"),
        ("0.001", "too_many_decimals"),
        ("1e3", "bad_amount"),
        ("1E-2", "bad_amount"),
        ("NaN", "bad_amount"),
        ("Infinity", "bad_amount"),
        ("-inf", "bad_amount"),
        ("1_000", "bad_amount"),
        ("1.2.3", "bad_amount"),
    ],
)
def test_typed_money_that_is_refused(text, code):
    with pytest.raises(AmountError) as err:
        parse_yuan(text)
    assert err.value.code == code
    assert isinstance(err.value, ValueError)  # callers catching ValueError still refuse it


def test_refusal_reads_as_a_reason():
    assert problem_text("expense", "too_many_decimals", {"value": "12.345"}) == (
        "费用：金额最多两位小数（精确到分）“12.345”"
    )


def test_numeric_cells_round_their_float_noise_to_the_fen():
    assert yuan_from_number(1234.5) == D("1234.50")
    assert yuan_from_number(1234.5000000001) == D("1234.50")
    assert yuan_from_number(0.1 + 0.2) == D("0.30")
    assert yuan_from_number(2.675) == D("2.68")  # the number Excel shows, half up
    assert yuan_from_number(1000) == D("1000.00")
    with pytest.raises(AmountError):
        yuan_from_number(float("nan"))


def test_receipts_import_rounds_numeric_cells_but_not_typed_text(archive, tmp_path):
    from openpyxl import Workbook

    from app.domain.records import ClientDraft
    from app.services import clients, contracts

    client = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="张伟"))
    book = Workbook()
    sheet = book.active
    sheet.append(["回款日期", "客户名称", "统一社会信用代码", "合同编号", "金额", "方式", "备注"])
    sheet.append(["2026-11-20", client.name, "", "", 1234.5000000001, "", "公式"])
    sheet.append(["2026-11-21", client.name, "", "", 0.1 + 0.2, "", ""])
    sheet.append(["2026-11-22", client.name, "", "", "12.345", "", "文本"])
    sheet.append(["2026-11-23", client.name, "", "", "1e3", "", "文本"])
    path = tmp_path / "回款.xlsx"
    book.save(path)
    report = contracts.import_receipts(archive, path)
    assert report.imported == 2
    assert {(p.row, p.code) for p in report.rejected} == {
        (4, "too_many_decimals"),
        (5, "bad_amount"),
    }
    booked = sorted(r.amount for r in contracts.list_receipts(archive, client.id))
    assert booked == [D("0.30"), D("1234.50")]


def test_not_found_names_the_record():
    assert describe(NotFoundError("client", 99999)) == "客户 #99999 不存在"
    assert describe(NotFoundError("template", "nope")) == "模板 #nope 不存在"
    assert describe(NotFoundError("document_version", "1/v9")) == "文书版本 #1/v9 不存在"
    assert describe(NotFoundError("activity", 3), "en") == "Activity #3 does not exist"


def test_argparse_messages_in_chinese():
    said = argparse_message("argument --kind: invalid choice: 'x' (choose from 'a', 'b')")
    assert said == "参数 --kind 无法识别“x”（可选：'a', 'b'）"
    assert argparse_message("argument --x: expected one argument") == "参数 --x 后面需要一个值"
    assert argparse_message("something new") == "something new"
    assert argparse_message("unrecognized arguments: a", "en") == "unrecognized arguments: a"
