"""Case search (案卷查询) indexes; responsibility rules can be deactivated (停用).

Revision ID: 5e8c2b7d1a90
Revises: dd6b49bf48f2
Create Date: 2026-12-06 10:00:00.000000

- `ix_dispatch_case_reported_id (reported_at, id)`: the search's newest-first keyset order;
- trigram (GIN, `gin_trgm_ops`) indexes on `case_no`, `description` and `address_text`: the
  search's text condition (`ILIKE '%…%'` on each, OR-ed: a bitmap OR of the three);
- `grid_rule.active` (default true): the router skips inactive rules; the admin API deactivates
  a rule instead of deleting it.

On a large live database, create the indexes beforehand with CREATE INDEX CONCURRENTLY (same
names); this revision then finds them by name and skips them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e8c2b7d1a90"
down_revision: str | None = "dd6b49bf48f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRGM = ("case_no", "description", "address_text")


def upgrade() -> None:
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_dispatch_case_reported_id ON dispatch_case (reported_at, id)"
    )
    for col in TRGM:
        op.execute(
            f"CREATE INDEX IF NOT EXISTS ix_dispatch_case_{col}_trgm ON dispatch_case"
            f" USING gin ({col} gin_trgm_ops)"
        )
    op.add_column(
        "grid_rule",
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("grid_rule", "active")
    for col in reversed(TRGM):
        op.execute(f"DROP INDEX IF EXISTS ix_dispatch_case_{col}_trgm")
    op.execute("DROP INDEX IF EXISTS ix_dispatch_case_reported_id")
