"""The third-party notices: every component the program ships with, its version, its licence and
the licence text where the component ships one.

Made from the installed distributions (importlib.metadata): the program's dependencies and theirs,
plus what no distribution describes: Qt (through PySide6, LGPL-3.0), CPython (PSF) and the bundled
fonts (their licences are in resources/fonts). scripts/make_notices.py writes the text to a file;
the PyInstaller build ships it as resources/THIRD-PARTY-NOTICES.txt, where 帮助 → 关于 reads it
(a bundle has no complete metadata to make it again). Standard library only."""

from __future__ import annotations

import platform
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app import about, paths

NOTICES_FILE = paths.RESOURCES / "THIRD-PARTY-NOTICES.txt"
RULE = "=" * 78
LICENCE_FILE = re.compile(r"(^|/)(licen[cs]e|copying|notice)[^/]*$", re.IGNORECASE)
QT_NOTE = (
    "Qt and PySide6 are used under the GNU Lesser General Public License v3 (LGPL-3.0): they are "
    "shipped as separate shared libraries, which you may replace with your own build of the same "
    "version. The source code is at https://code.qt.io and https://download.qt.io."
)


@dataclass(frozen=True)
class Notice:
    name: str
    version: str
    licence: str
    url: str = ""
    text: str = ""


@dataclass(frozen=True)
class BundledFont:
    name: str
    version: str
    licence: str
    url: str
    licence_file: str


FONTS = (
    BundledFont(
        "WenQuanYi Micro Hei font (wqy-microhei.ttc, the window's CJK font)",
        "0.2.0-beta",
        "Apache-2.0, or GPL-3.0-or-later with the font embedding exception",
        "http://wenq.org",
        "LICENSE-wqy-microhei.txt",
    ),
    BundledFont(
        "Compass Serif SC font (printed documents; from Noto Serif CJK)",
        "2.001",
        "OFL-1.1 (SIL Open Font License 1.1)",
        "https://github.com/notofonts/noto-cjk",
        "LICENSE-compass-serif.txt",
    ),
    BundledFont(
        "Compass FangSong SC font (公文 bodies; from Fandol Fang)",
        "1.300",
        "GPL-3.0 with the font exception",
        "https://ctan.org/pkg/fandol",
        "LICENSE-compass-fangsong.txt",
    ),
)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement(text: str) -> tuple[str, set[str], str]:
    """(name, extras, marker) of a requirement string such as `reportlab[accel]>=4; extra == "x"`."""
    spec, _, marker = text.partition(";")
    found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?", spec)
    if found is None:
        return "", set(), marker
    extras = {e.strip() for e in (found.group(2) or "").split(",") if e.strip()}
    return found.group(1), extras, marker


def _wanted(marker: str, extras: set[str]) -> bool:
    named = re.findall(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
    return not named or bool(set(named) & extras)


# Installed in place of a requirement's extra: psycopg's C implementation built against the
# system's libpq, which the Linux bundle ships instead of psycopg[binary] (packaging/linux).
ALTERNATIVES = ("psycopg-c",)


def distributions() -> list[metadata.Distribution]:
    """The installed distributions the program runs on: its dependencies and theirs (with the
    extras it asks for), each once, by name."""
    found: dict[str, metadata.Distribution] = {}
    queue = [_requirement(r)[:2] for r in _top_requirements()]
    queue += [(name, set()) for name in ALTERNATIVES]
    while queue:
        name, extras = queue.pop()
        key = _normal(name)
        if not key or key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = dist
        for requirement in dist.requires or []:
            child, child_extras, marker = _requirement(requirement)
            if _wanted(marker, extras):
                queue.append((child, child_extras))
    return sorted(found.values(), key=lambda d: _normal(d.metadata["Name"]))


def _top_requirements() -> list[str]:
    """The program's own requirements with their extras (reportlab[accel], psycopg[binary])."""
    try:
        listed = metadata.requires(about.DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        listed = []
    wanted = [r for r in listed if "extra ==" not in r]
    names = {_normal(_requirement(r)[0]) for r in wanted}
    # A checkout may list newer dependencies than an old editable install.
    wanted += [r for r in _pyproject_requirements() if _normal(_requirement(r)[0]) not in names]
    return wanted


def _pyproject_requirements() -> list[str]:
    import tomllib

    if not about.PYPROJECT.is_file():
        return []
    with about.PYPROJECT.open("rb") as file:
        return list(tomllib.load(file).get("project", {}).get("dependencies", []))


def licence_texts(dist: metadata.Distribution) -> str:
    """The licence files the distribution ships (LICENSE, COPYING, NOTICE ...), joined."""
    texts = []
    for file in dist.files or []:
        if not LICENCE_FILE.search(str(file)) or ".dist-info" not in str(file).split("/")[0]:
            continue
        try:
            texts.append(Path(dist.locate_file(file)).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    return "\n\n".join(t.strip() for t in texts)


def _python_licence_text() -> str:
    candidates = [
        Path(sys.base_prefix) / "LICENSE.txt",  # Windows
        Path(sys.base_prefix)
        / "lib"
        / f"python{sys.version_info[0]}.{sys.version_info[1]}"
        / "LICENSE.txt",
    ]
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace").strip()
    return ""


def notices() -> list[Notice]:
    """Qt, CPython, every distribution the program runs on, then the bundled fonts."""
    entries = [
        Notice(
            "Qt (through PySide6)", _qt_version(), "LGPL-3.0-only", "https://www.qt.io", QT_NOTE
        ),
        Notice(
            "CPython",
            platform.python_version(),
            "PSF-2.0 (Python Software Foundation License Version 2)",
            "https://www.python.org",
            _python_licence_text(),
        ),
    ]
    for dist in distributions():
        meta = dist.metadata
        text = licence_texts(dist)
        licence = about.licence_of(meta)
        if _normal(meta["Name"]).startswith(("pyside6", "shiboken6")):
            licence = f"{licence} (used under LGPL-3.0)"
            text = (QT_NOTE + "\n\n" + text).strip()
        entries.append(Notice(meta["Name"], meta["Version"], licence, about._home(meta), text))
    for font in FONTS:
        path = paths.RESOURCES / "fonts" / font.licence_file
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        entries.append(Notice(font.name, font.version, font.licence, font.url, text.strip()))
    return entries


def _qt_version() -> str:
    try:
        return metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        return "?"


def notices_text(entries: list[Notice] | None = None) -> str:
    entries = notices() if entries is None else entries
    head = [
        f"Sales Compass {about.version()}: third-party notices",
        "",
        "Sales Compass (销售罗盘) is distributed under the MIT License (see LICENSE). It includes "
        "the following components, each under its own licence:",
        "",
    ]
    head += [f"- {e.name} {e.version}: {e.licence}" for e in entries]
    parts = ["\n".join(head)]
    for e in entries:
        lines = [RULE, f"{e.name} {e.version}", f"Licence: {e.licence}"]
        if e.url:
            lines.append(f"Home: {e.url}")
        lines += ["", e.text or "(the component ships no licence text; see its home page)"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def shipped_or_current() -> str:
    """The notices file shipped with the program, or (from a checkout) made now."""
    if NOTICES_FILE.is_file():
        return NOTICES_FILE.read_text(encoding="utf-8")
    return notices_text()
