"""add-client and edit-client refuse a 统一社会信用代码 that GB 32100-2015 (with its 第1号修改单)
does not allow, or that is a person's 居民身份证号码; add-activity refuses an expense of 10^16
yuan (issue 13, §6). Chinese message naming the field, exit 1, nothing saved."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run
from stdnum.cn import uscc as stdnum_uscc

RESIDENT_ID = "11010519491231002X"  # a valid ID number that also passes the USCC check
WRONG_CATEGORY = "94110108MA01KPGY4" + stdnum_uscc.calc_check_digit("94110108MA01KPGY4")
FARMING = "N2110108MA01KPGY4" + stdnum_uscc.calc_check_digit("N2110108MA01KPGY4")


def _client_count(db) -> int:
    listed = run("clients", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)["total"]


def test_add_and_edit_client_refuse_codes_the_standard_does_not_allow(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    added = run("add-client", "--name", "杭州宏远机械有限公司", "--db", db)
    assert added.returncode == 0, added.stderr

    as_id = run("add-client", "--name", "上海东方贸易", "--uscc", RESIDENT_ID, "--db", db)
    assert as_id.returncode == 1
    assert (
        f"统一社会信用代码：这是居民身份证号码，不是统一社会信用代码“{RESIDENT_ID}”" in as_id.stderr
    )
    assert "Traceback" not in as_id.stderr
    assert _client_count(db) == 1

    wrong = run("edit-client", 1, "--uscc", WRONG_CATEGORY, "--db", db)
    assert wrong.returncode == 1
    assert "统一社会信用代码：" in wrong.stderr
    assert "第 2 位机构类别代码“4”不属于登记管理部门“9 工商”" in wrong.stderr
    assert "1 企业、2 个体工商户、3 农民专业合作社" in wrong.stderr

    unknown = "Z1110108MA01KPGY4X"
    bad_authority = run("edit-client", 1, "--uscc", unknown, "--db", db)
    assert bad_authority.returncode == 1
    assert "第 1 位登记管理部门代码“Z”不存在" in bad_authority.stderr

    # N 农业, 2 村级集体经济组织: allowed since the 修改单
    ok = run("edit-client", 1, "--uscc", FARMING.lower(), "--db", db)
    assert ok.returncode == 0, ok.stderr
    shown = run("client", 1, "--json", "--db", db)
    assert json.loads(shown.stdout)["uscc"] == FARMING


def test_an_expense_of_ten_to_the_sixteen_yuan_is_refused(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    assert run("add-client", "--name", "杭州宏远机械有限公司", "--db", db).returncode == 0
    args = ("add-activity", 1, "--kind", "visit", "--subject", "x", "--db", db)
    refused = run(*args, "--expense", "10000000000000000")
    assert refused.returncode == 1
    assert "费用：金额过大“10000000000000000”（最多 999,999,999,999.99 元）" in refused.stderr
    listed = run("activities", "--json", "--db", db)
    assert json.loads(listed.stdout)["total"] == 0
