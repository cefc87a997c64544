"""Bad input on the command line is refused with a Chinese message naming the field (exit 1),
never guessed at; empty results and the company's details read as words, not keys."""

from __future__ import annotations

import json

import pytest
from test_archive_cli import demo_archive, demo_copy, run  # noqa: F401 (fixtures)


@pytest.fixture
def db(demo_copy):  # noqa: F811
    """A private copy of the demo archive (test_archive_cli's)."""
    return demo_copy


def refused(result, *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    for word in words:
        assert word in result.stderr, result.stderr


def test_money_finer_than_the_fen_or_in_exponent_notation_is_refused(db):
    refused(
        run(
            "add-activity",
            1,
            "--kind",
            "visit",
            "--subject",
            "x",
            "--expense",
            "12.345",
            "--db",
            db,
        ),
        "费用：金额最多两位小数",
        "12.345",
    )
    refused(run("rebate", "quote", "--sales", "100", "--receipts", "1.005", "--db", db), "回款：")
    refused(
        run("receipt", "add", "--client", 1, "--amount", "1e3", "--date", "2026-01-02", "--db", db),
        "金额：金额无效“1e3”",
    )
    refused(run("rebate", "quote", "--sales", "NaN", "--receipts", "1", "--db", db), "销售额：")
    refused(run("rebate", "quote", "--sales", "Infinity", "--receipts", "1", "--db", db))
    # what people type stays accepted
    ok = run("rebate", "quote", "--sales", "¥1,234.50", "--receipts", "１２３", "--db", db)
    assert ok.returncode == 0, ok.stderr
    assert "¥1,234.50" in ok.stdout and "¥123.00" in ok.stdout
    added = run(
        "add-activity",
        1,
        "--kind",
        "visit",
        "--subject",
        "x",
        "--expense",
        "12.34",
        "--json",
        "--db",
        db,
    )
    assert added.returncode == 0 and json.loads(added.stdout)["expense"] == "12.34"


def test_contact_details_without_a_contact_name_are_refused(db):
    for option in (("--mobile", "123"), ("--email", "bad@"), ("--contact-title", "经理")):
        result = run("add-client", "--name", "新客户甲有限公司", *option, "--db", db)
        refused(result, "联系人：填写手机/邮箱/职务时必须填写联系人姓名")
    listed = run("clients", "--text", "新客户甲", "--db", db)
    assert "(0)" in listed.stdout  # nothing was created
    with_contact = run(
        "add-client",
        "--name",
        "新客户甲有限公司",
        "--contact",
        "李雷",
        "--mobile",
        "123",
        "--db",
        db,
    )
    refused(with_contact, "手机")  # with a name, the details are checked


def test_not_found_names_the_record_in_chinese(db):
    refused(run("client", 99999, "--db", db), "客户 #99999 不存在")
    refused(run("done", 99999, "--db", db), "活动 #99999 不存在")
    refused(
        run("add-activity", 99999, "--kind", "visit", "--subject", "x", "--db", db),
        "客户 #99999 不存在",
    )
    refused(run("attachments", "client", 99999, "--db", db), "客户 #99999 不存在")
    refused(run("attachments", "activity", 99999, "--db", db), "活动 #99999 不存在")
    assert "Client #99999 does not exist" in run("client", 99999, "--db", db, env_lang="en").stderr


def test_option_and_tier_problems_name_what_is_wrong(db):
    refused(run("receivables", "--as-of", "2026-02-30", "--db", db), "截至日期：日期不存在")
    refused(run("intervals", "--set", "Z=5", "--db", db), "客户等级", "“Z”")
    refused(run("intervals", "--set", "A=0", "--db", db), "拜访间隔：应为 1 到 3650 天")
    refused(run("clients", "--tier", "Z", "--db", db), "客户等级", "“Z”")
    refused(run("clients", "--sort", "bogus", "--db", db), "排序", "bogus", "last_visit_on")
    refused(run("clients", "--limit", "-1", "--db", db), "参数 --limit 应为不小于 0 的整数：“-1”")
    by_tier = run("clients", "--tier", "a", "--sort", "created_on", "--db", db)
    assert by_tier.returncode == 0 and by_tier.stdout.strip()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("client", "abc"), ("错误：参数 client_id 应为整数：“abc”",)),
        (("client",), ("缺少必需的参数：client_id",)),
        (("clients", "--status", "zz"), ("参数 --status 无法识别“zz”",)),
        (("clients", "--bogus"), ("无法识别的参数：--bogus",)),
        (("clients", "--limit"), ("参数 --limit 后面需要一个值",)),
    ],
)
def test_argparse_errors_are_chinese(args, words):
    refused(run(*args), *words)


def test_argparse_errors_stay_english_with_lang_en():
    result = run("client", "abc", env_lang="en")
    refused(result, "argument client_id: invalid int value: 'abc'")


def test_search_without_hits_says_so(db):
    result = run("search", "bjhxqq", "--db", db)
    assert result.returncode == 0 and result.stdout.strip() == "无结果"
    as_json = run("search", "bjhxqq", "--json", "--db", db)
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []
    assert "every record" in run("search", "--help").stdout


def test_company_prints_the_dialogs_labels(db):
    result = run("company", "--db", db)
    assert result.returncode == 0
    assert "公司名称：" in result.stdout and "法定代表人：" in result.stdout
    assert "统一社会信用代码：" in result.stdout and "legal_representative" not in result.stdout
    english = run("company", "--db", db, env_lang="en")
    assert "Legal representative:" in english.stdout


def test_contract_line_takes_the_bar_like_documents_and_the_old_comma(db):
    result = run(
        "contract",
        "add",
        "--number",
        "T-1",
        "--client",
        1,
        "--signed",
        "2026-01-05",
        "--line",
        "服务器|2|台|1,234.50",
        "--line",
        "网线,3,根,10",
        "--db",
        db,
    )
    assert result.returncode == 0, result.stderr
    assert "¥2,499.00" in result.stdout
    assert "产品|数量|单位|单价" in run("contract", "add", "--help").stdout


def test_rebate_approve_takes_the_due_step_without_step(db):
    pending = [
        r
        for r in json.loads(run("rebate", "list", "--json", "--db", db).stdout)
        if r["status_label"] == "待大客户部经理审批"
    ]
    assert pending, "the demo has a rebate waiting for the manager"
    rebate_id = pending[0]["id"]
    refused(
        run("rebate", "approve", rebate_id, "--step", "gm", "--by", "王", "--db", db),
        "不能越级审批",
    )
    done = run("rebate", "approve", rebate_id, "--by", "李", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "李 同意" in done.stdout
    refused(
        run("rebate", "approve", rebate_id, "--step", "manager", "--by", "李", "--db", db),
        "已审批过",
    )
