"""What a person is told after printing when characters had no glyph in any font (they print
as boxes, to be written in by hand): which, and where to choose a font that has them."""

from __future__ import annotations

SHOWN = 10  # characters named; more are "…"


def boxed_note(chars: str, failed_font: str = "", lang: str = "zh", cli: bool = False) -> str:
    """The note for `chars` printed as boxes ("" when none), and for a chosen 补充字体 file
    (`failed_font`) that could not be used; `cli`: how to choose one on the command line."""
    lines = []
    if failed_font:
        lines.append(
            f"Rare characters font {failed_font} cannot be used (missing or not a TrueType font)"
            if lang == "en"
            else f"补充字体 {failed_font} 无法使用（文件不存在或不是 TrueType 字体）"
        )
    if chars:
        shown = chars[:SHOWN] + ("…" if len(chars) > SHOWN else "")
        if lang == "en":
            where = "sales-compass font --rare FILE" if cli else "Settings → Rare characters font"
            lines.append(
                f"{len(chars)} character(s) have no glyph in any font and print as boxes: "
                f"{shown}; choose a font file that has them in {where}"
            )
        else:
            where = "（命令行：sales-compass font --rare 字体文件）" if cli else ""
            lines.append(
                f"{len(chars)} 个字没有字形，已印为方框：{shown}；"
                f"可在 设置 → 补充字体 选一个字体文件{where}"
            )
    return "\n".join(lines)
