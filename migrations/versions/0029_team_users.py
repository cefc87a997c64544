"""The team archive's users (issue 14 §2): which PostgreSQL login is which person, with the
person's name as the archive records it (clients.owner, a rebate's applicant, an approval's
actor, the history's user), the app role and whether the login is disabled.

The group roles, grants and row-level security policies that use this table are made by
`sales-compass team init` (app.db.team_roles): their names carry the database's name, which a
revision does not know. An archive file has one user and no logins, so on SQLite this revision
does nothing.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.create_table(
        "team_users",
        sa.Column("login", sa.String(63), primary_key=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("app_role", sa.String(20), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("display_name", name="uq_team_users_display_name"),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.drop_table("team_users")
