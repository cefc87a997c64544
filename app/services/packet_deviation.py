"""The rows of a tender packet's response/deviation tables (技术/商务响应偏离表): set as typed,
pasted from Excel or Word, or imported from a .csv/.xlsx file."""

from __future__ import annotations

from pathlib import Path

from app.domain import deviation_rows
from app.domain.errors import ValidationError
from app.services import tender_packet
from app.services.archive import Archive
from app.services.tender_packet import SectionRecord

DEVIATION_FORMS = ("tech_deviation", "biz_deviation")


def deviation_section(archive: Archive, tender_id: int, title: str | None) -> SectionRecord:
    """The packet's deviation table titled `title` (spaces ignored), or its first one."""
    packet = tender_packet.sections(archive, tender_id)
    tables = [s for s in packet if s.form in DEVIATION_FORMS]
    choices = "、".join(s.title for s in tables) or "—"
    if title is None:
        if not tables:
            raise ValidationError(
                "section_title", "not_a_deviation_table", value="", choices=choices
            )
        return tables[0]
    wanted = "".join(title.split())
    for section in packet:
        if "".join(section.title.split()) == wanted:
            if section.form not in DEVIATION_FORMS:
                raise ValidationError(
                    "section_title", "not_a_deviation_table", value=section.title, choices=choices
                )
            return section
    raise ValidationError(
        "section_title",
        "unknown_section",
        value=title,
        choices="、".join(s.title for s in packet),
    )


def read_rows(path: Path) -> list[list[str]]:
    """The rows of a .csv or .xlsx (its first sheet): [要求, 响应, 偏离情况, 说明] each."""
    from app.exports.spreadsheet import read_table  # openpyxl only when a file is read

    path = Path(path)
    table = read_table(path)
    rows = deviation_rows.normalise([table.heading, *(cells for _n, cells in table.rows)])
    if not rows:
        raise ValidationError("deviation_file", "no_rows", value=path.name)
    return rows


def import_rows(
    archive: Archive, section_id: int, rows: list[list[str]], append: bool = False
) -> SectionRecord:
    """Puts `rows` into the deviation table (after its rows with `append`) in one write."""
    section = tender_packet.section(archive, section_id)
    if section.form not in DEVIATION_FORMS:
        raise ValidationError(
            "section_title", "not_a_deviation_table", value=section.title, choices="—"
        )
    kept = list(section.content.get("rows") or []) if append else []
    tender_packet.set_content(archive, section_id, {**section.content, "rows": kept + rows})
    return tender_packet.section(archive, section_id)
