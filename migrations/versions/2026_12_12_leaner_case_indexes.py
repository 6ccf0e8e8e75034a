"""Fewer index entries per case written: every report and every transition pays for each.

Revision ID: 6e1a9c3f5b27
Revises: 2b8f6e4d9c15
Create Date: 2026-12-12 09:00:00.000000

- `ix_dispatch_case_reported_at` (reported_at) goes: `ix_dispatch_case_reported_id`
  (reported_at, id) answers every query it answered (the public lists by date, Open311).
- `ix_dispatch_case_reporter_id` and `ix_dispatch_case_task_inspector_id` keep only the cases
  that have a reporter / a task inspector. Machine, Open311 and hotline reports have no reporter,
  and a case has a task inspector only while it is being verified or checked; a look-up by a
  person (`= :user_id`) implies the column is not null, so it still uses the index.

A report inserts into every index of `dispatch_case`, and a transition changes the status (an
indexed column), so its update is never HOT and inserts into every index too
(docs/PERFORMANCE.md, #15 第十一步).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6e1a9c3f5b27"
down_revision: str | None = "2b8f6e4d9c15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_dispatch_case_reported_at", table_name="dispatch_case")
    for column in ("reporter_id", "task_inspector_id"):
        name = f"ix_dispatch_case_{column}"
        op.drop_index(name, table_name="dispatch_case")
        op.create_index(
            name, "dispatch_case", [column], postgresql_where=sa.text(f"{column} IS NOT NULL")
        )


def downgrade() -> None:
    for column in ("reporter_id", "task_inspector_id"):
        name = f"ix_dispatch_case_{column}"
        op.drop_index(name, table_name="dispatch_case")
        op.create_index(name, "dispatch_case", [column])
    op.create_index("ix_dispatch_case_reported_at", "dispatch_case", ["reported_at"])
