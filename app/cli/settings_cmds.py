"""company (our own company's details), intervals (visit frequency per tier) and user (the name
the change history records)."""

from __future__ import annotations

import argparse
from dataclasses import asdict, fields, replace

from app.cli import command, lang, print_json
from app.domain.enums import Tier
from app.domain.errors import ValidationError
from app.domain.messages import field_label
from app.services import identity, settings
from app.services.archive import Archive

# The labels of the settings dialog's Company tab (resources/i18n: zh_CN, en).
COMPANY_LABELS: dict[str, tuple[str, str]] = {
    "name": ("公司名称", "Company name"),
    "uscc": ("统一社会信用代码", "Unified social credit code"),
    "address": ("地址", "Address"),
    "legal_representative": ("法定代表人", "Legal representative"),
    "legal_rep_title": ("法定代表人职务", "Legal representative's title"),
    "legal_rep_id_number": ("法定代表人身份证号", "Legal representative's ID number"),
    "phone": ("电话", "Phone"),
    "fax": ("传真", "Fax"),
    "bank": ("开户银行", "Bank"),
    "bank_account": ("银行账号", "Bank account"),
    "masthead": ("发文机关标志", "Issuing authority mark (notices, letters)"),
    "print_office": ("印发机关", "Printing office (notices)"),
}


def register(subparsers) -> None:
    p = command(
        subparsers,
        "company",
        _company,
        "show or set our company's details (printed on documents)",
        writes=_sets_company,
    )
    for f in fields(settings.CompanySettings):
        zh, en = COMPANY_LABELS.get(f.name, (f.name, f.name))
        p.add_argument(f"--{f.name.replace('_', '-')}", dest=f.name, help=f"{zh} ({en})")
    p.add_argument("--json", action="store_true")
    p = command(
        subparsers,
        "intervals",
        _intervals,
        "show or set the visit interval per tier (days)",
        writes=lambda args: bool(args.set),  # showing them reads the archive only
    )
    p.add_argument("--set", action="append", default=[], metavar="TIER=DAYS", help="e.g. A=7")
    p.add_argument("--json", action="store_true")
    p = command(
        subparsers,
        "user",
        _user,
        "show or set the name recorded as who made each change (记录修改人; default: the login)",
    )
    p.add_argument(
        "--set", dest="name", metavar="NAME", help='e.g. 王芳; "" goes back to the login'
    )
    p.add_argument("--json", action="store_true")
    p = command(
        subparsers,
        "font",
        _font,
        "show or set the fonts documents print in (文档字体, 补充字体 for rare characters)",
        writes=lambda args: args.document is not None or args.rare is not None,
    )
    p.add_argument(
        "--document", metavar="FILE", help='文档字体: a .ttf/.ttc for the body; "" for the default'
    )
    p.add_argument(
        "--rare",
        metavar="FILE",
        help="补充字体: a .ttf/.ttc for characters no document face has (a name such as 张𠮷,"
        ' e.g. SimSun-ExtB, HanaMinB); "" to find one on this machine',
    )
    p.add_argument("--json", action="store_true")


def _sets_company(args: argparse.Namespace) -> bool:
    """Only setting a detail writes: showing them opens the archive read-only (it starts
    faster, issue 11, and works while the window has the archive)."""
    return any(getattr(args, f.name, None) is not None for f in fields(settings.CompanySettings))


def _company(args: argparse.Namespace, archive: Archive) -> int:
    current = settings.company(archive)
    changes = {
        f.name: getattr(args, f.name) for f in fields(current) if getattr(args, f.name) is not None
    }
    if changes:
        current = settings.save_company(archive, replace(current, **changes))
    if args.json:
        print_json(current)
    else:
        english = lang() == "en"
        for key, value in asdict(current).items():
            zh, en = COMPANY_LABELS.get(key, (key, key))
            print(f"{en}: {value}" if english else f"{zh}：{value}")
    return 0


def _font(args: argparse.Namespace, archive: Archive) -> int:
    if args.document is not None or args.rare is not None:
        prefs = settings.save_fonts(archive, args.document, args.rare)
    else:
        prefs = settings.preferences(archive)
    fonts = {"document_font": prefs.document_font, "rare_font": prefs.rare_font}
    if args.json:
        print_json(fonts)
        return 0
    english = lang() == "en"
    unset = {
        "document_font": "(default)" if english else "（默认）",
        "rare_font": "(found on this machine)" if english else "（在本机查找）",
    }
    for key, value in fonts.items():
        label = field_label(key, "en" if english else "zh")
        print(f"{label}: {value or unset[key]}" if english else f"{label}：{value or unset[key]}")
    return 0


def _user(args: argparse.Namespace, archive: Archive) -> int:
    if args.name is not None:
        identity.set_user_name(archive, args.name)
    chosen = identity.chosen_user_name(archive)
    login = identity.os_login()
    if args.json:
        print_json({"user": chosen or login, "chosen": chosen, "login": login})
    elif lang() == "en":
        print(f"Name in the history: {chosen or login}" + ("" if chosen else " (the login)"))
    else:
        print(f"记录修改人：{chosen or login}" + ("" if chosen else "（系统登录名）"))
    return 0


def _intervals(args: argparse.Namespace, archive: Archive) -> int:
    if args.set:
        days: dict[Tier, int] = {}
        for item in args.set:
            tier, equals, value = (part.strip() for part in item.partition("="))
            if not equals:
                raise ValidationError("interval", "bad_key_value", value=item)
            if tier.upper() not in Tier.__members__:
                raise ValidationError("tier", "unknown_tier", value=tier)
            if not value.isdigit():
                raise ValidationError("interval", "bad_interval", value=item)
            days[Tier(tier.upper())] = int(value)
        settings.save_visit_intervals(archive, days)
    intervals = settings.visit_intervals(archive)
    if args.json:
        print_json({t.value: intervals.for_tier(t) for t in Tier})
    else:
        for tier in Tier:
            print(f"{tier.value}: {intervals.for_tier(tier)} 天")
    return 0
