"""统一社会信用代码 (GB 32100-2015《法人和其他组织统一社会信用代码编码规则》 with its 第1号修改单):
which registration authority gave the code (第1位), which kind of body it is (第2位), its
check character (python-stdnum's MOD 31-3), and telling a person's 居民身份证号码 apart.

The table of authorities and categories, as the amended standard gives it:
  1 机构编制: 1 机关, 2 事业单位, 3 中央编办直接管理机构编制的群众团体, 9 其他
  2 外交: 1 外国常住新闻机构, 9 其他
  3 司法行政: 1 律师执业机构, 2 公证处, 3 基层法律服务所, 4 司法鉴定机构, 5 仲裁委员会, 9 其他
  4 文化: 1 外国在华文化中心, 9 其他
  5 民政: 1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他
  6 旅游: 1 外国旅游部门常驻代表机构, 2 港澳台地区旅游部门常驻内地（大陆）代表机构, 9 其他
  7 宗教: 1 宗教活动场所, 2 宗教院校, 9 其他
  8 工会: 1 基层工会, 9 其他
  9 工商: 1 企业, 2 个体工商户, 3 农民专业合作社
  A 中央军委改革和编制办公室: 1 军队事业单位, 9 其他
  N 农业: 1 组级集体经济组织, 2 村级集体经济组织, 3 乡镇级集体经济组织, 9 其他
  Y 其他: 不再具体划分机构类别，统一用 1 表示"""

from __future__ import annotations

from datetime import date

from app.domain.errors import ValidationError

AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常住新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {
            "1": "外国旅游部门常驻代表机构",
            "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
            "9": "其他",
        },
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}
# The 31 characters a code is written with (no I, O, S, V, Z), in the order the check uses.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# The earliest birth year taken for a person's ID number: an 18-digit number whose "birth date"
# is older, or in the future, is not read as one.
EARLIEST_BIRTH_YEAR = 1900


def check_uscc(code: str, field: str = "uscc", today: date | None = None) -> str:
    """`code` (already folded to upper-case ASCII without spaces) if it is a 统一社会信用代码;
    else ValidationError on `field`: uscc_is_ric (a valid 居民身份证号码), uscc_length,
    uscc_authority, uscc_category, uscc_format (a region code that is not six digits, a letter
    the code does not use) or uscc_checksum."""
    if is_resident_id(code, today):
        raise ValidationError(field, "uscc_is_ric", value=code)
    if len(code) != 18:
        raise ValidationError(field, "uscc_length", value=code)
    _check_authority(code, field)
    if not code[2:8].isdigit() or any(ch not in ALPHABET for ch in code[8:]):
        raise ValidationError(field, "uscc_format", value=code)
    if code[-1] != check_character(code[:-1]):
        raise ValidationError(field, "uscc_checksum", value=code)
    return code


_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^i mod 31
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(body: str) -> str:
    """The check character of the first 17 characters `body` (already upper-case, each in
    ALPHABET): python-stdnum's uscc.calc_check_digit without its clean-up of separators, which
    was a third of a 10,000-row import's code checking (issue 11)."""
    total = sum(_VALUE[ch] * w for ch, w in zip(body, _WEIGHTS, strict=False))
    return ALPHABET[(31 - total) % 31]


def _check_authority(code: str, field: str) -> None:
    authority = AUTHORITIES.get(code[0])
    if authority is None:
        raise ValidationError(
            field, "uscc_authority", value=code, char=code[0], choices=authority_choices()
        )
    name, categories = authority
    if code[1] not in categories:
        allowed = "、".join(f"{digit} {kind}" for digit, kind in categories.items())
        raise ValidationError(
            field,
            "uscc_category",
            value=code,
            char=code[1],
            authority=f"{code[0]} {name}",
            choices=allowed,
        )


def authority_choices() -> str:
    """'1 机构编制、2 外交、…、Y 其他' for a message."""
    return "、".join(f"{char} {name}" for char, (name, _) in AUTHORITIES.items())


def is_resident_id(code: str, today: date | None = None) -> bool:
    """Whether `code` is a valid 居民身份证号码 (GB 11643-1999, checked by python-stdnum: its
    region code, birth date and check digit) of someone born from 1900 up to `today`.

    A real 统一社会信用代码 is read as one only when its first six characters happen to form a
    county's code, its registration region ends in 19 or 20, its organisation code starts with
    a month and day, and the ID check digit agrees (1 in 11): none of 200,000 generated codes of
    every authority and category did (tests/unit/test_credit_codes.py)."""
    if len(code) != 18 or not code[:17].isdigit():
        return False
    from stdnum.cn import ric as stdnum_ric  # its tables and ssl on first use (issue 11)
    from stdnum.exceptions import ValidationError as StdnumError

    if code[-1] != stdnum_ric.calc_check_digit(code):  # stdnum's first test, without the
        return False  # look-up of the county that most codes never reach (issue 11)
    try:
        stdnum_ric.validate(code)
        born = stdnum_ric.get_birth_date(code)
    except (StdnumError, KeyError):  # KeyError: stdnum 2.2 on a province without that county
        return False
    return born.year >= EARLIEST_BIRTH_YEAR and born <= (today or date.today())
