"""Company settings (printed on later documents), visit intervals and preferences."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from app.db import plain_settings
from app.db.repositories import settings as repo
from app.domain.enums import Tier
from app.domain.errors import ValidationError
from app.domain.text import clean
from app.domain.visits import VisitIntervals
from app.services.archive import Archive
from app.services.readers import reader

COMPANY_PREFIX = "company."
INTERVAL_PREFIX = "visit_interval."


@dataclass(frozen=True)
class CompanySettings:
    name: str = ""
    uscc: str = ""
    address: str = ""
    legal_representative: str = ""
    # the legal representative's details for the 法定代表人身份证明 / 授权委托书 (issue 12)
    legal_rep_title: str = ""  # 职务, e.g. 执行董事兼总经理
    legal_rep_id_number: str = ""  # 居民身份证号码, checked
    phone: str = ""
    fax: str = ""
    bank: str = ""
    bank_account: str = ""
    masthead: str = ""  # 发文机关标志 of notices and letters; empty: the company name
    print_office: str = ""  # 印发机关 in a notice's 版记; empty: the company name


@dataclass(frozen=True)
class Preferences:
    language: str = "zh_CN"
    document_font: str = ""
    rare_font: str = ""  # 补充字体: for characters no document face has (a name in Extension B)


def _stored(archive: Archive, prefix: str) -> dict[str, object]:
    """The settings under `prefix`; a read-only archive file is read without SQLAlchemy."""
    with reader(archive, plain_settings, "settings") as (settings_repo, session):
        return settings_repo.get_prefix(session, prefix)


def company(archive: Archive) -> CompanySettings:
    stored = _stored(archive, COMPANY_PREFIX)
    values = {f.name: str(stored.get(COMPANY_PREFIX + f.name, "")) for f in fields(CompanySettings)}
    return CompanySettings(**values)


def save_company(archive: Archive, settings: CompanySettings) -> CompanySettings:
    # the checks here, not at the top: their code tables (python-stdnum, 12-25 ms) are for
    # saving; every printed document reads the company settings (issue 11)
    from app.domain.parsing import parse_landline, parse_ric, parse_uscc

    cleaned = CompanySettings(**{k: clean(v) for k, v in asdict(settings).items()})
    uscc = parse_uscc(cleaned.uscc, "uscc") or ""
    phone = parse_landline(cleaned.phone, "phone") or ""
    fax = parse_landline(cleaned.fax, "fax") or ""
    id_number = parse_ric(cleaned.legal_rep_id_number, "legal_rep_id_number") or ""
    checked = {"uscc": uscc, "phone": phone, "fax": fax, "legal_rep_id_number": id_number}
    cleaned = CompanySettings(**{**asdict(cleaned), **checked})
    with archive.db.session() as session:
        for key, value in asdict(cleaned).items():
            repo.put(session, COMPANY_PREFIX + key, value)
    return cleaned


def visit_intervals(archive: Archive) -> VisitIntervals:
    stored = _stored(archive, INTERVAL_PREFIX)
    intervals = VisitIntervals.default()
    for tier in Tier:
        value = stored.get(INTERVAL_PREFIX + tier.value)
        if isinstance(value, int) and value > 0:
            intervals.days[tier] = value
    return intervals


def save_visit_intervals(archive: Archive, days: dict[Tier, int]) -> VisitIntervals:
    for tier, value in days.items():
        if not isinstance(value, int) or not 1 <= value <= 3650:
            raise ValidationError("interval", "bad_interval", tier=tier.value, value=value)
    with archive.db.session() as session:
        for tier, value in days.items():
            repo.put(session, INTERVAL_PREFIX + Tier(tier).value, value)
    return visit_intervals(archive)


def preferences(archive: Archive) -> Preferences:
    """The language and the font documents are printed in. The window keeps both per user
    (not in the archive) and hands the font to the archive it opens (`Archive.document_font`);
    without one (the command line) the value an older version stored in the archive counts."""
    stored = stored_preferences(archive)
    font, rare = archive.document_font, archive.rare_font
    return Preferences(
        language=stored.language or "zh_CN",
        document_font=stored.document_font if font is None else font,
        rare_font=stored.rare_font if rare is None else rare,
    )


def stored_preferences(archive: Archive) -> Preferences:
    """What an older version stored in the archive ('' where nothing was stored)."""
    stored = _stored(archive, "pref.")
    return Preferences(
        language=str(stored.get("pref.language", "")),
        document_font=str(stored.get("pref.document_font", "")),
        rare_font=str(stored.get("pref.rare_font", "")),
    )


def save_preferences(archive: Archive, prefs: Preferences) -> None:
    with archive.db.session() as session:
        repo.put(session, "pref.language", prefs.language)
        repo.put(session, "pref.document_font", prefs.document_font)
        repo.put(session, "pref.rare_font", prefs.rare_font)


def save_fonts(archive: Archive, document_font: str | None, rare_font: str | None) -> Preferences:
    """Keeps the fonts the command line prints with (None: left as it is, "": the default);
    a file that is missing or not a TrueType font is refused naming its field."""
    changes = {"document_font": document_font, "rare_font": rare_font}
    for name, path in changes.items():
        if path:
            check_font_file(path, name)
    with archive.db.session() as session:
        for name, path in changes.items():
            if path is not None:
                repo.put(
                    session, f"pref.{name}", str(Path(path).expanduser().resolve()) if path else ""
                )
    return preferences(archive)


# The first bytes of a TrueType font (or a collection of them); "OTTO" is a font with
# PostScript (CFF) outlines, which ReportLab cannot embed.
TRUETYPE_TAGS = (b"\x00\x01\x00\x00", b"true", b"ttcf")


def check_font_file(path: str | Path, field: str) -> None:
    """Refuses a font file that does not exist or is not a TrueType font (.ttf, .ttc)."""
    file = Path(path).expanduser()
    if not file.is_file():
        raise ValidationError(field, "font_missing", value=str(path))
    try:
        with open(file, "rb") as fh:
            tag = fh.read(4)
    except OSError:
        raise ValidationError(field, "font_missing", value=str(path)) from None
    if tag not in TRUETYPE_TAGS:
        raise ValidationError(field, "font_not_truetype", value=str(path))


def print_font(archive: Archive) -> Path | None:
    """The body font documents are printed in (None: the system's or the bundled Song face);
    the 补充字体 for rare characters is handed to the PDF builders at the same time."""
    from app.exports.pdf_rare import choose_rare_font  # printing follows: the PDF libraries

    prefs = preferences(archive)
    choose_rare_font(prefs.rare_font)
    return Path(prefs.document_font) if prefs.document_font else None
