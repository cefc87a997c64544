"""What the app stores, it accepts again: every normaliser's output (and what the screens and
documents show of it) reads back through the same normaliser as the very same value.

Property tests: hypothesis generates what people type; whatever a reader accepts, its result is a
fixed point of the reader."""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from app.domain.documents import format_cn_date
from app.domain.enums import TIER_LABELS_ZH, Tier
from app.domain.errors import ValidationError, ValidationErrors
from app.domain.money import MAX_YUAN, AmountError, format_yuan, parse_yuan
from app.domain.parsing import (
    parse_date,
    parse_email,
    parse_landline,
    parse_mobile,
    parse_percent,
    parse_tier,
    parse_uscc,
)
from app.domain.rebates import percent
from app.domain.records import ClientDraft, ContactDraft, validate_client, validate_contact
from app.services import analysis, clients, plans, tenders
from app.services import settings as company_settings
from app.services.settings import CompanySettings

pytestmark = pytest.mark.both_backends

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def _n(count: int, first: str = "0123456789") -> st.SearchStrategy[str]:
    rest = st.text(alphabet="0123456789", min_size=count - 1, max_size=count - 1)
    return st.tuples(st.sampled_from(first), rest).map("".join)


area_codes = st.one_of(
    st.just("010"),
    st.builds(lambda d: f"02{d}", digits),
    st.builds(lambda a, b: f"0{a}{b}", st.sampled_from("3456789"), _n(2)),
)
locals_ = st.one_of(_n(7, "23456789"), _n(8, "23456789"))
mobiles = st.builds(lambda a, b: f"1{a}{b}", st.sampled_from("3456789"), _n(9))
extensions = _n(1) | _n(3) | _n(4) | _n(6)
separators = st.sampled_from(["", "-", " ", "—", "－", "(", ")"])
ext_marks = st.sampled_from(["转", " 转 ", "-", " - ", "ext", " ext. ", "#", "x", "X"])


@st.composite
def typed_landlines(draw) -> str:
    kind = draw(st.sampled_from(["area", "local", "mobile", "400"]))
    if kind == "area":
        area = draw(area_codes)
        prefix = draw(st.sampled_from(["", "+86 ", "0086-", "(", "（"]))
        if prefix in ("+86 ", "0086-"):
            area = area[1:]
        number = prefix + area + draw(separators) + draw(locals_)
    elif kind == "local":
        number = draw(locals_)
    elif kind == "mobile":
        number = draw(mobiles)
    else:
        number = draw(st.sampled_from(["400", "800"])) + draw(separators) + draw(_n(7))
    if draw(st.booleans()):
        number += draw(ext_marks) + draw(extensions)
    return number


def _fixed_point(reader, typed):
    """The reader's result, after checking that reading it again gives it back unchanged."""
    try:
        stored = reader(typed)
    except (ValidationError, AmountError):
        return None
    assert reader(stored) == stored, (typed, stored)
    return stored


@given(typed_landlines())
@example("010-62345679 转 8021")
@example("010 6234567转9")
@example("13812345678 ext 12")
@settings(max_examples=400)
def test_a_stored_landline_reads_back_as_itself(typed):
    stored = _fixed_point(parse_landline, typed)
    assert stored is not None, typed


@given(st.text(alphabet="0123456789-() +转#x", max_size=24))
@settings(max_examples=400)
def test_whatever_landline_is_accepted_reads_back_as_itself(typed):
    _fixed_point(parse_landline, typed)


def test_the_landline_with_an_extension_of_the_report_reads_back():
    assert parse_landline("010-62345679-8021") == "010-62345679-8021"
    assert parse_landline("010-62345679转8021") == "010-62345679-8021"
    # an extension after a seven-digit number stays an extension, never part of the number
    assert parse_landline(parse_landline("010-6234567 转 9")) == "010-6234567-9"
    # the way people group digits is not mistaken for an extension
    assert parse_landline("010-6234-5679") == "010-62345679"
    assert parse_landline("4008-123-456") == "4008123456"
    assert parse_landline("400-810-8888") == "4008108888"


@given(
    st.builds(
        lambda prefix, number, sep: prefix + sep.join([number[:3], number[3:7], number[7:]]),
        st.sampled_from(["", "+86", "+86 ", "0086", "86"]),
        mobiles,
        st.sampled_from(["", " ", "-"]),
    )
)
def test_a_stored_mobile_reads_back_as_itself(typed):
    assert _fixed_point(parse_mobile, typed) is not None


@given(st.text(alphabet="0123456789-+ ()", max_size=20))
def test_whatever_mobile_is_accepted_reads_back_as_itself(typed):
    _fixed_point(parse_mobile, typed)


@given(st.emails())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_whatever_email_is_accepted_reads_back_as_itself(typed):
    _fixed_point(parse_email, typed)


@given(st.text(alphabet=string.ascii_letters + string.digits + "@._-+ＡＢ＠", max_size=30))
def test_whatever_email_text_is_accepted_reads_back_as_itself(typed):
    _fixed_point(parse_email, typed)


_USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@given(st.text(alphabet=_USCC_BODY, min_size=17, max_size=17), st.booleans(), st.booleans())
def test_a_stored_uscc_reads_back_as_itself(body, lower, spaced):
    code = body + stdnum_uscc.calc_check_digit(body)
    typed = code.lower() if lower else code
    if spaced:
        typed = " ".join([typed[:6], typed[6:12], typed[12:]])
    try:
        stored = parse_uscc(typed)
    except ValidationError:  # a registration authority or region code that does not exist
        return
    assert stored == code
    assert parse_uscc(stored) == stored


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_shown_date_reads_back_as_the_same_day(day):
    for shown in (
        day.isoformat(),  # stored, exported and the date fields' yyyy-MM-dd
        format_cn_date(day),  # 2026年3月5日 on documents
        f"{day:%Y/%m/%d}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day:%Y%m%d}",
    ):
        assert parse_date(shown) == day, shown
    assert parse_date(day) == day


@given(st.decimals(min_value=-MAX_YUAN, max_value=MAX_YUAN, places=2))
def test_every_shown_amount_reads_back_as_the_same_money(amount):
    for shown in (format_yuan(amount), str(amount), f"¥{amount}", f"{amount}元"):
        assert parse_yuan(shown) == amount, shown


@given(st.text(alphabet="0123456789.,-+¥元 ", max_size=16))
def test_whatever_amount_is_accepted_reads_back_through_its_display(typed):
    try:
        amount = parse_yuan(typed)
    except AmountError:
        return
    assume(amount is not None)
    assert parse_yuan(format_yuan(amount)) == amount
    assert parse_yuan(str(amount)) == amount


@given(st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=6))
def test_every_shown_rate_reads_back_as_the_same_rate(rate):
    assert parse_percent(percent(rate)) == rate
    assert parse_percent(percent(rate).removesuffix("%")) == rate


@pytest.mark.parametrize("typed", ["1e1", "NaN", "inf", "8%%", "abc"])
def test_a_rate_is_never_guessed(typed):
    with pytest.raises(ValidationError):
        parse_percent(typed)


@pytest.mark.parametrize("tier", list(Tier))
def test_every_tier_reads_back_from_its_value_and_its_label(tier):
    assert parse_tier(tier.value) == tier
    assert parse_tier(TIER_LABELS_ZH[tier]) == tier


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_every_shown_month_reads_back(year, month):
    for reader in (plans.parse_month, analysis.parse_month):
        for shown in (f"{year}-{month:02d}", f"{year}-{month}", f"{year}年{month}月"):
            assert reader(shown) == (year, month), shown


@given(
    st.decimals(min_value=Decimal("0.0000001"), max_value=Decimal("1e9"), allow_nan=False, places=7)
)
def test_every_stored_quantity_reads_back(quantity):
    assume(quantity > 0)
    for shown in (str(quantity), f"{quantity.normalize():f}"):
        assert tenders.parse_quantity(shown) == quantity, shown


@given(
    st.one_of(st.none(), typed_landlines()),
    st.one_of(st.none(), mobiles),
    st.one_of(st.none(), st.emails()),
)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_a_validated_contact_validates_to_itself(phone, mobile, email):
    draft = ContactDraft(name="  张伟 ", title="经理", mobile=mobile, phone=phone, email=email)
    try:
        once = validate_contact(draft)
    except ValidationErrors:
        return
    assert validate_contact(once) == once


def test_a_validated_client_validates_to_itself():
    code = "91110108" + "MA01ABCD" + "X"
    code = code[:17] + stdnum_uscc.calc_check_digit(code[:17])
    once = validate_client(ClientDraft(name=" 北京 华信 ", uscc=code.lower(), address=" 海淀区 "))
    assert validate_client(once) == once


# --- through the services: what one save stores, the next save accepts --------------------------


def test_a_contact_saved_with_an_extension_is_saved_again_unchanged(archive):
    client = clients.create_client(archive, ClientDraft(name="北京华信科技有限公司"))
    typed = ContactDraft(name="张伟", phone="010-62345679 转 8021", mobile="138 0013 8001")
    record = clients.add_contact(archive, client.id, typed)
    assert record.phone == "010-62345679-8021"
    again = ContactDraft(
        name=record.name,
        title=record.title,
        mobile=record.mobile,
        phone=record.phone,
        email=record.email,
        birthday=record.birthday,
    )
    assert clients.update_contact(archive, record.id, again).phone == "010-62345679-8021"


def test_company_phone_and_fax_with_extensions_are_saved_again_unchanged(archive):
    typed = CompanySettings(name="华信", phone="010-62345678转801", fax="010 62345679 ext 12")
    stored = company_settings.save_company(archive, typed)
    assert (stored.phone, stored.fax) == ("010-62345678-801", "010-62345679-12")
    assert company_settings.save_company(archive, company_settings.company(archive)) == stored
