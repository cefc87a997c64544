"""Refreshes the Qt translations of the window in one command.

    .venv/bin/python scripts/update_translations.py [--check] [--lang zh_CN]

1. pyside6-lupdate over every app/ui/**/*.py into resources/i18n/sales_compass_<lang>.ts:
   existing translations are kept, new strings are added as unfinished, strings no longer in
   the code are dropped.
2. Reports the untranslated strings (count and list, with their context and file) and the
   translations whose placeholders ({0}, %n, %1, &-accelerators) differ from the source.
3. pyside6-lrelease into resources/i18n/sales_compass_<lang>.qm (unfinished strings are left
   out, so the window shows the English source for them).

With --check the exit code is 1 while any string is untranslated or a placeholder is broken.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "app" / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
DEFAULT_LANGS = ("zh_CN",)

_PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*(?::[^{}]*)?\}|%n|%L?\d+")
_ACCELERATOR = re.compile(r"&(?!&)\w")
_CLASS = re.compile(r"^\s*class\s+(\w+)", re.MULTILINE)
_EXPLICIT = re.compile(r"(?:\btranslate|QT_TRANSLATE_NOOP3?)\(\s*[\"']([^\"']+)[\"']")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]
    unfinished: bool
    obsolete: bool
    location: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def untranslated(self) -> bool:
        return self.unfinished or not self.translations or not all(self.translations)


def ts_path(lang: str) -> Path:
    return I18N_DIR / f"sales_compass_{lang}.ts"


def qm_path(lang: str) -> Path:
    return I18N_DIR / f"sales_compass_{lang}.qm"


def qt_tool(name: str) -> str:
    """The PySide6 tool beside this interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 into the venv")
    return found


def ui_sources() -> list[Path]:
    return sorted(path for path in UI_DIR.rglob("*.py") if "__pycache__" not in path.parts)


def run_lupdate(ts_file: Path, lang: str, keep_obsolete: bool = False) -> None:
    """Extracts every tr()/translate() string of app/ui into ts_file, merging what it holds."""
    sources = [str(path.relative_to(ROOT)) for path in ui_sources()]
    command = [qt_tool("pyside6-lupdate"), "-silent", "-locations", "relative"]
    command += ["-source-language", "en", "-target-language", lang]
    if not keep_obsolete:
        command.append("-no-obsolete")
    command += [*sources, "-ts", str(ts_file)]
    subprocess.run(command, cwd=ROOT, check=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    command = [qt_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts_file)]
    subprocess.run([*command, "-qm", str(qm_file)], cwd=ROOT, check=True)


def read_messages(ts_file: Path) -> list[Message]:
    """Every message of a .ts file; `obsolete` marks the vanished/obsolete ones."""
    messages = []
    filename = ""  # relative locations name the file only when it changes
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            location = message.find("location")
            if location is not None and location.get("filename"):
                filename = Path(location.get("filename", "")).name
            messages.append(_message(name, message, filename))
    return messages


def _message(context: str, node: ET.Element, filename: str) -> Message:
    translation = node.find("translation")
    kind = translation.get("type", "") if translation is not None else "unfinished"
    if translation is None:
        texts: tuple[str, ...] = ()
    elif node.get("numerus") == "yes":
        texts = tuple(form.text or "" for form in translation.iter("numerusform"))
    else:
        texts = (translation.text or "",)
    return Message(
        context=context,
        source=node.findtext("source", ""),
        comment=node.findtext("comment", ""),
        numerus=node.get("numerus") == "yes",
        translations=texts,
        unfinished=kind == "unfinished",
        obsolete=kind in ("obsolete", "vanished"),
        location=filename,
    )


def placeholders(text: str) -> list[str]:
    """The markers a translation must keep: {0}/{name}, %n, %1 and one &-accelerator."""
    found = sorted(_PLACEHOLDER.findall(text))
    if _ACCELERATOR.search(text):
        found.append("&")
    return found


def broken_placeholders(message: Message) -> list[str]:
    """Translations whose markers differ from the source's (for %n only plural forms count)."""
    expected = placeholders(message.source)
    return [text for text in message.translations if text and placeholders(text) != expected]


def stray_contexts(messages: list[Message]) -> list[Message]:
    """Messages that can never be translated at run time. PySide's tr() looks a string up
    under the class that defines the calling method; lupdate files `other.tr("x")` under the
    variable name "other", and an alias `tr = QCoreApplication.translate` as tr(source,
    comment) with no context. Valid contexts are app/ui class names and the first argument
    of translate()/QT_TRANSLATE_NOOP()."""
    known: set[str] = set()
    for path in ui_sources():
        text = path.read_text(encoding="utf-8")
        known |= set(_CLASS.findall(text)) | set(_EXPLICIT.findall(text))
    return [message for message in messages if message.context not in known]


def calls_in_code() -> list[tuple[str | None, str, str]]:
    """(context or None for tr(), source, file) of every tr()/translate()/QT_TRANSLATE_NOOP()
    call with literal strings in app/ui, read with Python's own parser."""
    found = []
    for path in ui_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                call = _literal_call(node)
                if call is not None:
                    found.append((*call, path.name))
    return found


def _literal_call(node: ast.Call) -> tuple[str | None, str] | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    texts = [a.value if isinstance(a, ast.Constant) else None for a in node.args[:2]]
    if name == "tr" and texts and isinstance(texts[0], str):
        return None, texts[0]
    literal = len(texts) == 2 and all(isinstance(text, str) for text in texts)
    if name in ("translate", "QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3") and literal:
        return texts[0], texts[1]
    return None


def unseen_calls(messages: list[Message]) -> list[tuple[str | None, str, str]]:
    """Calls lupdate did not extract, so their text can never be translated: its Python
    parser skips a tr() inside an f-string and translate(c, s, "", obj.n) (the count must be
    a plain name there)."""
    keys = {(m.context, m.source) for m in messages}
    sources = {m.source for m in messages} | {m.context for m in messages}
    return [
        (context, source, where)
        for context, source, where in calls_in_code()
        if (source not in sources if context is None else (context, source) not in keys)
    ]


def current(messages: list[Message]) -> list[Message]:
    return [message for message in messages if not message.obsolete]


def report(lang: str, messages: list[Message]) -> int:
    """Prints the state of one language; returns the number of problems."""
    live = current(messages)
    missing = [message for message in live if message.untranslated]
    broken = [(m, text) for m in live if not m.untranslated for text in broken_placeholders(m)]
    print(
        f"{lang}: {len(live)} strings, {len(live) - len(missing)} translated, "
        f"{len(missing)} untranslated"
    )
    for message in missing:
        print(f"  untranslated  [{message.context}] {message.source!r}  ({message.location})")
    for message, text in broken:
        print(f"  placeholders  [{message.context}] {message.source!r} -> {text!r}")
    stray = stray_contexts(live)
    for message in stray:
        print(
            f"  no context    [{message.context}] {message.source!r} {message.comment!r}  "
            f"({message.location}): never translated at run time; call "
            f'QCoreApplication.translate("Context", "text") there instead of this tr()'
        )
    unseen = unseen_calls(live)
    for context, source, where in unseen:
        print(
            f"  not extracted [{context or ''}] {source!r}  ({where}): lupdate cannot read this "
            "call; move it out of the f-string, or pass the count as a plain name"
        )
    return len(missing) + len(broken) + len(stray) + len(unseen)


def update(lang: str) -> int:
    ts_file = ts_path(lang)
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    run_lupdate(ts_file, lang)
    run_lrelease(ts_file, qm_path(lang))
    problems = report(lang, read_messages(ts_file))
    print(f"  compiled {qm_path(lang).relative_to(ROOT)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is untranslated")
    parser.add_argument("--lang", action="append", help="language(s) to update (default zh_CN)")
    options = parser.parse_args(argv)
    existing = sorted(p.stem.removeprefix("sales_compass_") for p in I18N_DIR.glob("*.ts"))
    langs = options.lang or existing or list(DEFAULT_LANGS)
    problems = sum(update(lang) for lang in langs)
    return 1 if options.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
