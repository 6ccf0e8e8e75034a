"""Case search (案卷查询) index; responsibility rules can be deactivated (停用).

Revision ID: 5e8c2b7d1a90
Revises: 5e1c0a7d2b93
Create Date: 2026-12-06 10:00:00.000000

- `ix_dispatch_case_reported_id (reported_at, id)`: the search's newest-first keyset order
  (EXPLAIN on 10,000 cases: an index scan stopping at the page, instead of sorting them all);
  the text condition needs no index at that size (a filter, ~20 ms even when nothing matches);
- `grid_rule.active` (default true): the router skips inactive rules; the admin API deactivates
  a rule instead of deleting it.

On a large live database, create the index beforehand with CREATE INDEX CONCURRENTLY (same
name); this revision then finds it by name and skips it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e8c2b7d1a90"
down_revision: str | None = "5e1c0a7d2b93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_dispatch_case_reported_id ON dispatch_case (reported_at, id)"
    )
    op.add_column(
        "grid_rule",
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("grid_rule", "active")
    op.execute("DROP INDEX IF EXISTS ix_dispatch_case_reported_id")
