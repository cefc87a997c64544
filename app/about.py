"""What 帮助 → 关于 says: the program's version and the licences of what it is built on, read from
the installed distributions (importlib.metadata), so the list follows the real installation.
Standard library only, so every layer may use it (app.main prints the version from here)."""

from __future__ import annotations

import platform
import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "sales-compass"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    url: str = ""


def version() -> str:
    """The installed distribution's version; from a checkout that is not installed, pyproject's."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    with PYPROJECT.open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dependencies() -> list[str]:
    """The distributions the program needs (not the test tools): the installed metadata's, and
    a checkout's pyproject.toml, which may list newer ones than an old editable install."""
    names: dict[str, str] = {}
    try:
        for requirement in metadata.requires(DISTRIBUTION) or []:
            if "extra ==" not in requirement:
                names.setdefault(_normal(_name(requirement)), _name(requirement))
    except metadata.PackageNotFoundError:
        pass
    if PYPROJECT.is_file():
        with PYPROJECT.open("rb") as file:
            project = tomllib.load(file).get("project", {})
        for requirement in project.get("dependencies", []):
            names.setdefault(_normal(_name(requirement)), _name(requirement))
    return list(names.values())


def licence_of(meta) -> str:
    """The SPDX expression when the package gives one, else its short License field, else the
    licence its classifiers name."""
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60 and text.upper() != "UNKNOWN":
        return text
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            return classifier.split("::")[-1].strip()
    return text.splitlines()[0][:60] if text else "?"


def _home(meta) -> str:
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return (meta.get("Home-page") or "").strip()


def components() -> list[Component]:
    """Python, then each library the program needs, as installed here."""
    found = [
        Component(
            "Python",
            platform.python_version(),
            "PSF-2.0 (Python Software Foundation License)",
            "https://www.python.org",
        )
    ]
    for name in dependencies():
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(Component(meta["Name"], meta["Version"], licence_of(meta), _home(meta)))
    return found
