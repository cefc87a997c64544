"""Lenient, never-guessing readers for what people type or keep in spreadsheets.

Each reader returns the normalised value, None for an empty input, or raises ValidationError
naming the field and a reason code."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NoReturn

from app.domain.credit_codes import check_uscc
from app.domain.enums import Tier
from app.domain.errors import ValidationError
from app.domain.money import AmountError, parse_yuan
from app.domain.text import clean

_TIER = re.compile(r"^([ABCD])\s*(类|级|级客户|类客户)?$", re.IGNORECASE)
_TIER_WORDS = {"重点": Tier.A, "主要": Tier.B, "一般": Tier.C, "潜在": Tier.D}


def parse_tier(value: object, field: str = "tier") -> Tier | None:
    text = clean(value)
    if not text:
        return None
    match = _TIER.match(text)
    if match:
        return Tier(match.group(1).upper())
    if text in _TIER_WORDS:
        return _TIER_WORDS[text]
    letter, _, word = text.partition(" ")  # the label shown for a tier: 'A 重点'
    tier = _TIER_WORDS.get(word.strip())
    if tier is not None and tier.value == letter.upper():
        return tier
    raise ValidationError(field, "unknown_tier", value=text)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object, field: str = "date") -> date | None:
    """2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, a date/datetime, or an Excel serial.

    A time part '2024-03-05 00:00:00' is accepted. Impossible dates are rejected, never rolled."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValidationError(field, "bad_date", value=str(value))
    text = clean(value)
    if not text:
        return None
    text = re.sub(r"[ T]\d{1,2}:\d{2}(:\d{2})?$", "", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise ValidationError(field, "impossible_date", value=text) from None
    raise ValidationError(field, "bad_date", value=text)


_PHONE_KEEP = re.compile(r"[\s\-－—()（）.]")


def parse_mobile(value: object, field: str = "mobile") -> str | None:
    """Mainland mobile: 11 digits starting with 1, after removing spaces, dashes and +86/0086."""
    text = _digits_text(value)
    if not text:
        return None
    text = re.sub(r"^(\+86|0086|86(?=1\d{10}$))", "", text)
    if re.fullmatch(r"1[3-9]\d{9}", text):
        return text
    raise ValidationError(field, "bad_mobile", value=clean(value))


def parse_landline(value: object, field: str = "phone") -> str | None:
    """Landline as digits with one dash after the area code when it can be told: 010-12345678.

    Extension after 转/ext/# is kept as '-123', and what is stored so (010-62345679-8021) reads
    back as itself. Anything that is not 7-12 digits is rejected."""
    raw = unicodedata.normalize("NFKC", clean(value))
    if not raw:
        return None
    main, ext = _split_extension(raw)
    try:
        number = _landline_number(main, field, value)
    except ValidationError:
        # The stored form of a number with an extension, 010-62345679-8021, or one typed the
        # same way: the last dash group is the extension when the rest is a number by itself.
        stored = _STORED_EXTENSION.fullmatch(main) if not ext else None
        if stored is None:
            raise
        number, ext = _landline_number(stored.group(1), field, value), stored.group(2)
    else:
        stored = _STORED_EXTENSION.fullmatch(main) if not ext else None
        if stored is not None and _CANONICAL_NUMBER.fullmatch(stored.group(1)):
            number, ext = stored.group(1), stored.group(2)  # exactly as stored: keep it so
    return f"{number}-{ext}" if ext else number


# What parse_landline returns before an extension; with "-digits" after it, it is read back as
# that number and its extension (010-6234567-9 stays so, never 010-62345679).
_CANONICAL_NUMBER = re.compile(
    r"0(?:10|2\d)-\d{7,8}|0[3-9]\d{2}-\d{7,8}|1[3-9]\d{9}|[2-9]\d{6,7}|[48]00\d{7}"
)
_STORED_EXTENSION = re.compile(r"(.*\d)\s*-\s*(\d+)")


def _landline_number(main: str, field: str, value: object) -> str:
    digits = _digits_text(main)
    if digits.startswith(("+86", "0086")):
        digits = "0" + re.sub(r"^(\+86|0086)0?", "", digits)
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        number = digits
    elif re.fullmatch(r"0(10|2\d)\d{7,8}", digits):
        number = f"{digits[:3]}-{digits[3:]}"
    elif re.fullmatch(r"0[3-9]\d{2}\d{7,8}", digits):
        number = f"{digits[:4]}-{digits[4:]}"
    elif re.fullmatch(r"[2-9]\d{6,7}|400\d{7}|800\d{7}", digits):
        number = digits
    else:
        raise ValidationError(field, "bad_phone", value=clean(value))
    return number


def _split_extension(raw: str) -> tuple[str, str]:
    parts = re.split(r"转|ext\.?|#|x", raw, maxsplit=1, flags=re.IGNORECASE)
    ext = re.sub(r"\D", "", parts[1]) if len(parts) > 1 else ""
    return parts[0], ext


def _digits_text(value: object) -> str:
    text = unicodedata.normalize("NFKC", clean(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
    return _PHONE_KEEP.sub("", text)


_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


def parse_email(value: object, field: str = "email") -> str | None:
    text = unicodedata.normalize("NFKC", clean(value))
    if not text:
        return None
    if not _EMAIL.match(text) or ".." in text:
        raise ValidationError(field, "bad_email", value=text)
    return text.lower()


def parse_uscc(value: object, field: str = "uscc") -> str | None:
    """统一社会信用代码 (GB 32100-2015 and its 第1号修改单), stored upper-case: its registration
    authority and category (credit_codes.AUTHORITIES), the check character by python-stdnum,
    and never a person's 居民身份证号码 that happens to pass that check."""
    text = _folded(value)
    return check_uscc(text, field) if text else None


def parse_ric(value: object, field: str = "id_number") -> str | None:
    """居民身份证号码 (GB 11643-1999: 18 characters, the last a check digit or X), checked by
    python-stdnum with its birth date and region, stored upper-case."""
    from stdnum.cn import ric as stdnum_ric  # loaded on first use: a list never needs it

    return _stdnum_checked(value, field, stdnum_ric.validate, "ric")


def _stdnum_checked(
    value: object, field: str, validate: Callable[[str], str], code: str
) -> str | None:
    """`value` normalised (full-width to ASCII, spaces out, upper-case) and validated; None when
    empty; ValidationError `<code>_checksum`, `<code>_length` or `<code>_format`."""
    from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
    from stdnum.exceptions import ValidationError as StdnumError

    text = _folded(value)
    if not text:
        return None
    try:
        return validate(text)
    except InvalidChecksum:
        raise ValidationError(field, f"{code}_checksum", value=text) from None
    except InvalidLength:
        raise ValidationError(field, f"{code}_length", value=text) from None
    except (InvalidFormat, StdnumError, KeyError):  # KeyError: stdnum 2.2, unknown county
        raise ValidationError(field, f"{code}_format", value=text) from None


def _folded(value: object) -> str:
    """Typed code as stored: full-width to ASCII, spaces out, upper-case."""
    return unicodedata.normalize("NFKC", clean(value)).replace(" ", "").upper()


def ric_gender(number: str) -> str:
    """男 or 女 from a valid 18-character ID number (its 17th digit: odd for men); '' if not."""
    return (
        ("男" if int(number[16]) % 2 else "女")
        if len(number) == 18 and number[16].isdigit()
        else ""
    )


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def refuse_moment(text: str, field: str) -> NoReturn:
    """Refuses `text` typed for a date and time ('YYYY-MM-DD HH:MM'), saying why: a day that
    does not exist (2026-02-30 09:00) is said to be one; anything else is not a date."""
    day = _ISO_DAY.fullmatch(text.strip().replace("T", " ").split(" ")[0])
    if day is not None:
        try:
            date(*map(int, day.groups()))
        except ValueError:
            raise ValidationError(field, "impossible_date", value=text.strip()) from None
    raise ValidationError(field, "bad_date", value=text)


def parse_money(text: str | None, field: str, required: bool = False) -> Decimal | None:
    """An amount typed by a person ('1,234.5', '¥ 80,000') for `field`: None when blank (refused
    as required when `required`); not a number, finer than the fen or too large is refused
    with its reason, never rounded."""
    try:
        value = parse_yuan(text) if text is not None else None
    except AmountError as exc:
        raise ValidationError(field, exc.code, value=text) from None
    if value is None and required:
        raise ValidationError(field, "required")
    return value


_PLAIN_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_percent(value: object, field: str = "rate") -> Decimal | None:
    """'8', '8%', '7.5 %', '８％' -> the rate as a fraction (Decimal('0.08')); '' -> None.

    The inverse of rebates.percent: what it prints reads back as the same rate. Exponents, NaN
    and infinities are refused, never guessed."""
    text = clean(value).replace(" ", "").removesuffix("%")
    if not text:
        return None
    if not _PLAIN_DECIMAL.fullmatch(text):
        raise ValidationError(field, "bad_rate", rate=clean(value))
    return Decimal(text) / 100


BANK_ACCOUNT_DIGITS = (6, 32)


def parse_bank_account(value: object, field: str = "bank_account") -> str | None:
    """A bank account number (账号) as digits in groups the way it was typed, full-width digits
    folded: '0200 0045 0900 1234 567'. 6-32 digits; letters or other signs are refused."""
    raw = unicodedata.normalize("NFKC", clean(value))
    if not raw:
        return None
    text = re.sub(r"\s+", " ", raw.replace("-", " ")).strip()
    digits = text.replace(" ", "")
    low, high = BANK_ACCOUNT_DIGITS
    if not re.fullmatch(r"[0-9]+", digits) or not low <= len(digits) <= high:
        raise ValidationError(field, "bad_bank_account", value=str(value))
    return text
