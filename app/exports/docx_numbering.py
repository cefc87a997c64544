"""Word's automatic numbering as text: legal's contracts number their clauses (第一条, 一、, 1.1)
by numbering definitions, not typed characters, so a paragraph's text alone lacks its number.
This counts the numbered paragraphs in reading order the way Word does for the common formats
(decimal, Chinese counting, letters, roman, circled) and gives each its label."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

from app.exports.docx_xml import Package, parser, w

DIGITS = "〇一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
STEMS = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (as Word counts clauses)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    if not rest:
        tail = ""
    elif rest < 10:
        tail = "零" + DIGITS[rest]
    else:
        tail = ("一" if rest < 20 else "") + chinese_counting(rest)
    return DIGITS[n // 100] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographDigital",
        "japaneseCounting",
    ):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n).translate(
            str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
        )
    if fmt == "ideographTraditional":
        return STEMS[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if n <= len(CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: every level's number in decimal (一 reads 1 in 1.1)


@dataclass
class Numbering:
    """Counts numbered paragraphs in reading order; label() gives the next one's number."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId -> levels
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # (numId, ilvl) override
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, p) -> str:
        """The number Word shows before paragraph `p` ('' when it has none), counted."""
        num_id, ilvl = self._num_of(p)
        abstract = self.nums.get(num_id or "")
        level = self.levels.get(abstract or "", {}).get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(abstract, {})
        start = self.starts.get((num_id, ilvl), level.start)
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = level.text
        for index in range(9):
            if f"%{index + 1}" in text:
                lvl = self.levels[abstract].get(index, Level())
                value = counts.get(index, self.starts.get((num_id, index), lvl.start))
                fmt = "decimal" if level.legal else lvl.fmt
                text = text.replace(f"%{index + 1}", format_number(value, fmt))
        if level.suffix == "nothing" or text.endswith(("、", "．", "：", ":")):
            return text
        return text + " "

    def _num_of(self, p) -> tuple[str | None, int]:
        ppr = p.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        style = ppr.find(w("pStyle")) if ppr is not None else None
        from_style = self.styles.get(style.get(w("val")) if style is not None else "", (None, 0))
        if num_pr is None:
            return from_style
        num_id = num_pr.find(w("numId"))
        ilvl = num_pr.find(w("ilvl"))
        level = int(ilvl.get(w("val")) or 0) if ilvl is not None else from_style[1]
        return (num_id.get(w("val")) if num_id is not None else from_style[0]), level


def numbering_of(package: Package) -> Numbering:
    """The numbering definitions of a package (none when it has no numbering part)."""
    from lxml import etree

    out = Numbering()
    data = package.parts.get("word/numbering.xml")
    if data:
        try:
            root = etree.fromstring(data, parser())
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            _read_definitions(root, out)
    styles = package.parts.get("word/styles.xml")
    if styles:
        with suppress(etree.XMLSyntaxError):
            _read_style_numbers(etree.fromstring(styles, parser()), out)
    return out


def _val(node, tag: str, default: str = "") -> str:
    found = node.find(w(tag)) if node is not None else None
    return (found.get(w("val")) or default) if found is not None else default


def _read_definitions(root, out: Numbering) -> None:
    for abstract in root.iter(w("abstractNum")):
        levels = {}
        for lvl in abstract.iter(w("lvl")):
            start = _val(lvl, "start", "1")
            levels[int(lvl.get(w("ilvl")) or 0)] = Level(
                int(start) if start.isdigit() else 1,
                _val(lvl, "numFmt", "decimal"),
                _val(lvl, "lvlText", ""),
                _val(lvl, "suff", "tab"),
                lvl.find(w("isLgl")) is not None,
            )
        out.levels[abstract.get(w("abstractNumId")) or ""] = levels
    for num in root.iter(w("num")):
        num_id = num.get(w("numId")) or ""
        out.nums[num_id] = _val(num, "abstractNumId")
        for override in num.iter(w("lvlOverride")):
            start = _val(override, "startOverride")
            if start.isdigit():
                out.starts[(num_id, int(override.get(w("ilvl")) or 0))] = int(start)


def _read_style_numbers(root, out: Numbering) -> None:
    for style in root.iter(w("style")):
        ppr = style.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is not None:
            level = _val(num_pr, "ilvl", "0")
            out.styles[style.get(w("styleId")) or ""] = (
                _val(num_pr, "numId"),
                int(level) if level.isdigit() else 0,
            )
