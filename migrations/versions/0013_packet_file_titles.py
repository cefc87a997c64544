"""Files inside a tender packet section get their own title and a dense order, and the legal
representative's 职务 and 身份证号 move from each tender's 法定代表人身份证明 into 公司信息.

- packet_files.title: '' means "the default" (a qualification's name, or the file's name
  without its extension), so existing rows keep printing what they printed.
- packet_files.position is renumbered 1, 2, 3 … within each section in the order the rows had
  (position, then id), so moving a file up or down swaps two distinct numbers.
- company.legal_rep_title / company.legal_rep_id_number are filled from the newest tender whose
  法定代表人身份证明 has them typed, unless the settings already hold a value. The typed values
  stay in the sections (the downgrade then loses nothing).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

files = sa.table(
    "packet_files",
    sa.column("id", sa.Integer),
    sa.column("section_id", sa.Integer),
    sa.column("position", sa.Integer),
)
sections = sa.table(
    "packet_sections",
    sa.column("id", sa.Integer),
    sa.column("form", sa.String),
    sa.column("content", sa.Text),
)
settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))

# the typed key of the 法定代表人身份证明 section -> the company setting it becomes
MOVED = {"position": "company.legal_rep_title", "id_number": "company.legal_rep_id_number"}


def _autoincrement() -> dict:
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}


def upgrade() -> None:
    with op.batch_alter_table("packet_files", table_kwargs=_autoincrement()) as batch:
        batch.add_column(sa.Column("title", sa.String(200), nullable=False, server_default=""))
    _renumber_files()
    _move_legal_rep_details()


def _renumber_files() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(files.c.id, files.c.section_id).order_by(
            files.c.section_id, files.c.position, files.c.id
        )
    ).all()
    counters: dict[int, int] = {}
    for file_id, section_id in rows:
        counters[section_id] = counters.get(section_id, 0) + 1
        bind.execute(
            files.update().where(files.c.id == file_id).values(position=counters[section_id])
        )


def _move_legal_rep_details() -> None:
    bind = op.get_bind()
    stored = dict(
        bind.execute(
            sa.select(settings.c.key, settings.c.value).where(
                settings.c.key.in_(list(MOVED.values()))
            )
        ).all()
    )
    found: dict[str, str] = {}
    contents = bind.execute(
        sa.select(sections.c.content)
        .where(sections.c.form == "legal_rep")
        .order_by(sections.c.id.desc())
    )
    for (content,) in contents:
        try:
            typed = json.loads(content or "{}")
        except ValueError:
            continue
        for source, key in MOVED.items():
            value = str(typed.get(source) or "").strip() if isinstance(typed, dict) else ""
            if value and key not in found:
                found[key] = value
    for key, value in found.items():
        if stored.get(key) not in (None, "", '""'):
            continue  # the settings hold a value already
        if key in stored:
            bind.execute(settings.delete().where(settings.c.key == key))
        bind.execute(settings.insert().values(key=key, value=json.dumps(value, ensure_ascii=False)))


def downgrade() -> None:
    with op.batch_alter_table("packet_files", table_kwargs=_autoincrement()) as batch:
        batch.drop_column("title")
