"""统一社会信用代码: the registration authority (第1位) and category (第2位) of GB 32100-2015
《法人和其他组织统一社会信用代码编码规则》 with its 第1号修改单, the MOD 31-3 check character
(python-stdnum), and a 居民身份证号码 that happens to pass that check refused (issue 13, §6).

The standard's table (4.1/4.2 as amended), as quoted by every source found:
"第1位：登记管理部门代码，使用阿拉伯数字或英文字母表示。分为1机构编制；2外交；3司法行政；4文化；
5民政；6旅游；7宗教；8工会；9工商；A中央军委改革和编制办公室；N农业；Y其他。"
"第2位：机构类别代码，使用阿拉伯数字表示。分为：1机构编制：1机关，2事业单位，3中央编办直接管理
机构编制的群众团体，9其他；2外交：1外国常住新闻机构，9其他；3司法行政：1律师执业机构，2公证处，
3基层法律服务所，4司法鉴定机构，5仲裁委员会，9其他；4文化：1外国在华文化中心，9其他；5民政：
1社会团体，2民办非企业单位，3基金会，9其他；6旅游：1外国旅游部门常驻代表机构，2港澳台地区旅游
部门常驻内地（大陆）代表机构，9其他；7宗教：1宗教活动场所，2宗教院校，9其他；8工会：1基层工会，
9其他；9工商：1企业，2个体工商户，3农民专业合作社；A中央军委改革和编制办公室：1军队事业单位，
9其他；N农业：1组级集体经济组织，2村级集体经济组织，3乡镇级集体经济组织，9其他；Y其他：不再具体
划分机构类别，统一用1表示。"
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from app.domain.credit_codes import AUTHORITIES, is_resident_id
from app.domain.errors import ValidationError
from app.domain.messages import describe
from app.domain.parsing import parse_uscc

# Written out from the standard's table above (not from the module under test).
ALLOWED = {
    "1": "1239",
    "2": "19",
    "3": "123459",
    "4": "19",
    "5": "1239",
    "6": "129",
    "7": "129",
    "8": "19",
    "9": "123",
    "A": "19",
    "N": "1239",
    "Y": "1",
}
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z


def _code(authority: str, category: str, region: str, org: str) -> str:
    body = f"{authority}{category}{region}{org}"
    return body + stdnum_uscc.calc_check_digit(body)


def test_the_table_is_the_standards():
    assert {a: "".join(cats) for a, (_name, cats) in AUTHORITIES.items()} == ALLOWED


@pytest.mark.parametrize(
    "authority, category", [(a, c) for a, cats in ALLOWED.items() for c in cats]
)
def test_every_authority_and_category_of_the_standard_is_accepted(authority, category):
    code = _code(authority, category, "110108", "MA01KPGY4")
    assert parse_uscc(code) == code


def test_known_codes_pass():
    # 91110000600037341L: python-stdnum's own example; the others carry A, N and Y
    for code in ("91110000600037341L", "91110108MA01ABCD2H"):
        assert parse_uscc(code) == code
    for authority, category in (("A", "1"), ("N", "2"), ("Y", "1")):
        code = _code(authority, category, "440300", "MA5F12345")
        assert parse_uscc(code.lower()) == code


@pytest.mark.parametrize("authority", ["0", "B", "C", "G", "M", "P", "X"])
def test_an_authority_the_standard_does_not_have_is_refused(authority):
    code = _code(authority, "1", "110108", "MA01KPGY4")
    with pytest.raises(ValidationError) as refused:
        parse_uscc(code, "uscc")
    assert refused.value.code == "uscc_authority"
    text = describe(refused.value)
    assert text.startswith("统一社会信用代码：") and f"第 1 位登记管理部门代码“{authority}”" in text
    assert "A 中央军委改革和编制办公室" in text and "N 农业" in text and "Y 其他" in text


@pytest.mark.parametrize(
    "authority, category",
    [(a, c) for a, cats in ALLOWED.items() for c in "0123456789" if c not in cats],
)
def test_a_category_its_authority_does_not_have_is_refused(authority, category):
    code = _code(authority, category, "110108", "MA01KPGY4")
    with pytest.raises(ValidationError) as refused:
        parse_uscc(code, "uscc")
    assert refused.value.code == "uscc_category"


def test_the_category_message_names_the_field_the_authority_and_what_it_allows():
    with pytest.raises(ValidationError) as refused:
        parse_uscc(_code("9", "4", "110108", "MA01KPGY4"), "uscc")
    text = describe(refused.value)
    assert text.startswith("统一社会信用代码：")
    assert "第 2 位机构类别代码“4”不属于登记管理部门“9 工商”" in text
    assert "1 企业、2 个体工商户、3 农民专业合作社" in text


def test_the_checksum_is_still_checked():
    code = _code("N", "1", "110108", "MA01KPGY4")
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as refused:
        parse_uscc(wrong)
    assert refused.value.code == "uscc_checksum"


def _resident_ids(count: int, seed: int) -> list[str]:
    """Valid 居民身份证号码 (GB 11643-1999: region, birth date, sequence, check digit) that ALSO
    pass the USCC check character: about 1 in 31 of them does."""
    rng = random.Random(seed)
    regions = ["110105", "120101", "130102", "210102", "310104", "320102", "330106", "340102",
               "350102", "370102", "410105", "440106", "510104", "530102", "610103", "620102",
               "710000", "810000"]  # fmt: skip
    found: list[str] = []
    while len(found) < count:
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 80))
        body = f"{rng.choice(regions)}{born:%Y%m%d}{rng.randrange(1000):03d}"
        number = body + stdnum_ric.calc_check_digit(body + "0")
        if not stdnum_ric.is_valid(number) or not number[17].isdigit():
            continue
        if stdnum_uscc.calc_check_digit(number[:17]) == number[17]:
            found.append(number)
    return found


def test_300_resident_id_numbers_that_pass_the_checksum_are_all_refused():
    ids = _resident_ids(300, seed=13)
    assert len(set(ids)) == 300
    for number in ids:
        with pytest.raises(ValidationError) as refused:
            parse_uscc(number, "uscc")
        assert refused.value.code == "uscc_is_ric", number
    text = describe(refused.value)
    assert text == f"统一社会信用代码：这是居民身份证号码，不是统一社会信用代码“{ids[-1]}”"


def test_generated_codes_of_every_authority_and_category_all_pass():
    """Real codes are not mistaken for ID numbers: 300 codes per authority and category, with
    registration regions of every province (GB/T 2260) and all-digit organisation codes (the
    old 组织机构代码, the likeliest to look like a birth date)."""
    rng = random.Random(32100)
    provinces = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35",
                 "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
                 "61", "62", "63", "64", "65"]  # fmt: skip
    for authority, categories in ALLOWED.items():
        for category in categories:
            for _ in range(300):
                region = f"{rng.choice(provinces)}{rng.randrange(1, 30):02d}{rng.randrange(30):02d}"
                org = "".join(rng.choice(ALPHABET[:10]) for _ in range(8)) + rng.choice(ALPHABET)
                code = _code(authority, category, region, org)
                assert parse_uscc(code) == code


def test_a_birth_date_in_the_future_or_before_1900_is_no_id_number():
    body = "11010520300101001"  # born 2030-01-01
    number = body + stdnum_ric.calc_check_digit(body + "0")
    assert not is_resident_id(number, today=date(2026, 12, 6))
    assert is_resident_id(number, today=date(2031, 1, 1))


def test_an_id_number_of_an_unknown_county_is_refused_without_a_traceback():
    """python-stdnum 2.2 raises KeyError for a province it knows with a county it does not
    (11 北京, 9999): the field is named instead."""
    from app.domain.parsing import parse_ric

    body = "11999919900101001"
    with pytest.raises(ValidationError) as refused:
        parse_ric(body + stdnum_ric.calc_check_digit(body + "0"), "legal_rep_id_number")
    assert refused.value.code == "ric_format"
    assert not is_resident_id(body + stdnum_ric.calc_check_digit(body + "0"))


def test_the_check_character_is_stdnums():
    """check_character is python-stdnum's MOD 31-3 (issue 11: computed without its clean-up)."""
    from app.domain.credit_codes import check_character

    rng = random.Random(31)
    for _ in range(20_000):
        body = "".join(rng.choice(ALPHABET) for _ in range(17))
        assert check_character(body) == stdnum_uscc.calc_check_digit(body), body
