"""sales-compass font: the 补充字体 for rare characters (𠮷) through the real entry point; a
minutes PDF then draws the name from it, and without any font for the character the command
says on stderr which characters printed as boxes."""

from __future__ import annotations

from cli_runner import new_archive
from cli_runner import run_cli as run
from pypdf import PdfReader
from rare_font import NAME, write_rare_font


def _ok(*args: object) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _minutes(db) -> None:
    _ok("minutes", "add", "--title", "项目推进会", "--time", "2026-11-20 09:30",
        "--host", "张𠮷", "--db", db)  # fmt: skip


def _embedded(path) -> set[str]:
    page = PdfReader(str(path)).pages[0]
    return {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in page["/Resources"]["/Font"].values()}  # fmt: skip


def test_a_chosen_rare_font_prints_the_name(tmp_path, monkeypatch):
    db = new_archive(tmp_path / "a.sqlite3")
    font = write_rare_font(tmp_path / "rare.ttf", monkeypatch)
    assert "补充字体：（在本机查找）" in _ok("font", "--db", db)
    assert f"补充字体：{font}" in _ok("font", "--rare", font, "--db", db)
    _minutes(db)
    out = tmp_path / "minutes.pdf"
    printed = run("pdf", "minutes", "1", out, "--db", db)
    assert printed.returncode == 0 and "方框" not in printed.stderr
    assert NAME in _embedded(out)
    assert "张𠮷" in PdfReader(str(out)).pages[0].extract_text()


def test_without_a_font_the_boxes_are_told_on_stderr(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _minutes(db)
    printed = run("pdf", "minutes", "1", tmp_path / "minutes.pdf", "--db", db)
    assert printed.returncode == 0
    assert (
        "警告：1 个字没有字形，已印为方框：𠮷；可在 设置 → 补充字体 选一个字体文件"
        in printed.stderr
    )
    english = run("pdf", "minutes", "1", tmp_path / "m2.pdf", "--db", db, env_lang="en")
    assert "warning: 1 character(s) have no glyph in any font and print as boxes: 𠮷" in english.stderr  # fmt: skip


def test_a_bad_font_file_is_refused_naming_the_field(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    missing = run("font", "--rare", tmp_path / "none.ttf", "--db", db)
    assert missing.returncode == 1 and "补充字体" in missing.stderr and "不存在" in missing.stderr
    assert "Traceback" not in missing.stderr
    otf = tmp_path / "cff.otf"
    otf.write_bytes(b"OTTO" + bytes(64))
    refused = run("font", "--rare", otf, "--db", db)
    assert refused.returncode == 1 and "补充字体" in refused.stderr and "TrueType" in refused.stderr
    assert "补充字体：（在本机查找）" in _ok("font", "--db", db)  # nothing kept
