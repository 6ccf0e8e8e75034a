"""Work queues (工作队列): indexes for the unit queue, approvals and the supervision list.

Revision ID: 3a1f0c9e7b42
Revises: 7f311a5e0c21
Create Date: 2026-11-21 18:00:00.000000

On a large live database, create these indexes beforehand with CREATE INDEX CONCURRENTLY
(same names and predicates); this revision then finds them by name and skips them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '3a1f0c9e7b42'
down_revision: str | None = '7f311a5e0c21'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# name, table, column, predicate
INDEXES = (
    ('ix_dispatch_case_dispatching_unit', 'dispatch_case', 'dispatching_unit_id',
     'dispatching_unit_id IS NOT NULL'),
    ('ix_dispatch_case_pending', 'dispatch_case', 'pending', 'pending IS NOT NULL'),
    ('ix_dispatch_case_stage_open_due', 'dispatch_case_stage', 'due_at', 'stopped_at IS NULL'),
    ('ix_dispatch_case_stage_open_red', 'dispatch_case_stage', 'case_id',
     "stopped_at IS NULL AND light = 'red'"),
)


def upgrade() -> None:
    for name, table, column, where in INDEXES:
        op.execute(f'CREATE INDEX IF NOT EXISTS {name} ON {table} ({column}) WHERE {where}')


def downgrade() -> None:
    for name, _table, _column, _where in reversed(INDEXES):
        op.execute(f'DROP INDEX IF EXISTS {name}')
