"""`receipt edit` through the real entry point: what is given changes, the rest is kept, and
bad input or an unknown id exits 1 with a Chinese message and changes nothing."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run


def _two_contracts_one_receipt(db) -> None:
    """A client with HT-1 and HT-2; receipt #1 of ¥1,000.00 on 2026-03-10 booked to HT-1."""
    out = run(
        "add-client", "--name", "广州恒通贸易有限公司", "--owner", "张伟", "--json", "--db", db
    )
    assert out.returncode == 0, out.stderr
    cid = json.loads(out.stdout)["id"]
    for number in ("HT-1", "HT-2"):
        added = run(
            "contract", "add", "--number", number, "--client", cid, "--signed", "2026-03-02",
            "--amount", "50000", "--db", db,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    paid = run(
        "receipt", "add", "--client", cid, "--amount", "1000", "--date", "2026-03-10",
        "--contract", "HT-1", "--method", "银行转账", "--db", db,
    )  # fmt: skip
    assert paid.returncode == 0, paid.stderr


def _receipt(db) -> dict:
    out = run("receipts", "--json", "--db", db)
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)
    return row


def test_receipt_edit_changes_only_what_is_given(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _two_contracts_one_receipt(db)
    out = run("receipt", "edit", "1", "--amount", "2,345.67", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "已修改回款 #1" in out.stdout and "¥2,345.67" in out.stdout and "合同 HT-1" in out.stdout
    row = _receipt(db)
    assert row["amount"] == "2345.67" and row["received_on"] == "2026-03-10"
    assert row["contract_number"] == "HT-1"
    out = run(
        "receipt", "edit", "1", "--date", "2026-04-05", "--contract", "HT-2",
        "--method", "承兑汇票", "--notes", "第二期", "--db", db,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    row = _receipt(db)
    assert row["received_on"] == "2026-04-05" and row["contract_number"] == "HT-2"
    assert row["method"] == "承兑汇票" and row["notes"] == "第二期"
    assert row["amount"] == "2345.67"  # kept
    found = run("search", "2,345.67", "--db", db).stdout
    assert "[回款] #1" in found
    out = run("receipt", "edit", "1", "--contract", "none", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "未指定合同" in out.stdout
    row = _receipt(db)
    assert row["contract_id"] is None and row["method"] == "承兑汇票"


def test_receipt_edit_refuses_bad_input_and_unknown_ids(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _two_contracts_one_receipt(db)
    before = _receipt(db)
    for args, said in (
        (("--amount", "abc"), "金额：金额无效“abc”"),
        (("--amount", "0"), "金额：必须大于 0"),
        (("--date", "2026-13-45"), "回款日期"),
        (("--contract", "HT-404"), "HT-404"),
    ):
        out = run("receipt", "edit", "1", *args, "--db", db)
        assert out.returncode == 1 and said in out.stderr, out.stderr
        assert out.stdout == ""
    unknown = run("receipt", "edit", "99", "--amount", "5", "--db", db)
    assert unknown.returncode == 1 and "99" in unknown.stderr
    assert any("\u4e00" <= c <= "\u9fff" for c in unknown.stderr)  # said in Chinese
    assert _receipt(db) == before
