"""Reference-data version (参考数据版本): one counter row bumped by every reference-table edit.

Revision ID: 7a3d9c41e2b6
Revises: 5e8c2b7d1a90
Create Date: 2026-12-07 10:00:00.000000

The report path caches the catalogue, filing standards, stage limits and the working calendar per
process and checks this row once per request (one primary-key read). A statement-level trigger on
each reference table (insert, update, delete, truncate) sets `version` to the next value of
`dispatch_ref_version_seq`: a sequence never hands out a number twice, so a version seen inside a
transaction that later rolls back is never seen again, and a cache labelled with it can never be
mistaken for current. Edits to these tables are rare (an administrator's), so the one row they
update serialises nothing that matters.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a3d9c41e2b6"
down_revision: str | None = "5e8c2b7d1a90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "dispatch_category",
    "dispatch_filing_standard",
    "dispatch_stage_limit",
    "dispatch_calendar_day",
    "dispatch_calendar_year",
)


def upgrade() -> None:
    op.create_table(
        "dispatch_ref_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), server_default="0", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_dispatch_ref_version_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatch_ref_version")),
    )
    op.execute("CREATE SEQUENCE dispatch_ref_version_seq")
    op.execute("INSERT INTO dispatch_ref_version (id, version) VALUES (1, 0)")
    op.execute(
        """
CREATE FUNCTION dispatch_bump_ref_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE dispatch_ref_version SET version = nextval('dispatch_ref_version_seq') WHERE id = 1;
    RETURN NULL;
END
$$
"""
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_ref_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION dispatch_bump_ref_version()"
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_ref_version ON {table}")
    op.execute("DROP FUNCTION IF EXISTS dispatch_bump_ref_version()")
    op.execute("DROP SEQUENCE IF EXISTS dispatch_ref_version_seq")
    op.drop_table("dispatch_ref_version")
