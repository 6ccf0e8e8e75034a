"""A transition's read after its lock, in the lock's round trip: `dispatch_case_read`.

Revision ID: 9d4e2b7c1a63
Revises: 5c2e8a7d1f90
Create Date: 2026-12-10 09:00:00.000000

A transition locks its cases (`SELECT … FOR UPDATE`), then reads their clocks, the assigned
unit's sub-units and, for the single action's answer, photos, reporter and unit names. The read
must come after the lock: a transaction that held the lock may have changed the clocks, and a
statement's own snapshot is taken before it waits for a lock. So it was a second statement and
a second round trip. Inside a VOLATILE PL/pgSQL function each statement takes a new snapshot
(READ COMMITTED), so the lock statement calls this function once its rows are locked
(`app.cases.service._lock`) and the read still sees every earlier holder's writes.

`p_ids`: the cases; `p_open_only`: open clocks only; `p_view`: photos, reporter and unit names
too; `p_unit_ids`: target units of a dispatch, with whether each has active sub-units.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9d4e2b7c1a63"
down_revision: str | None = "5c2e8a7d1f90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
CREATE FUNCTION dispatch_case_read(
    p_ids bigint[], p_open_only boolean, p_view boolean, p_unit_ids integer[]
)
RETURNS TABLE (
    id bigint, sub_units boolean, clocks json, photos json, reporter json, unit_names json,
    units json
)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    -- a statement of its own: its snapshot is taken when the function is called, after the
    -- caller's lock was granted
    RETURN QUERY
    SELECT c.id,
           EXISTS (SELECT 1 FROM grid_unit g WHERE g.parent_id = c.assigned_unit_id AND g.active),
           (SELECT json_agg(json_build_object(
                        'id', s.id, 'stage', s.stage, 'level', s.level, 'unit_id', s.unit_id,
                        'limit_value', s.limit_value::text, 'limit_unit', s.limit_unit,
                        'started_at', s.started_at, 'due_at', s.due_at, 'yellow_at', s.yellow_at,
                        'next_threshold_at', s.next_threshold_at, 'stopped_at', s.stopped_at,
                        'paused_at', s.paused_at, 'paused_seconds', s.paused_seconds,
                        'extension_hours', s.extension_hours::text, 'provisional', s.provisional,
                        'light', s.light) ORDER BY s.id)
            FROM dispatch_case_stage s
            WHERE s.case_id = c.id AND (NOT p_open_only OR s.stopped_at IS NULL)),
           CASE WHEN p_view THEN (
               SELECT json_agg(json_build_object('id', a.id, 'kind', a.kind,
                                                 'created_at', a.created_at)
                               ORDER BY a.created_at, a.id)
               FROM dispatch_attachment a WHERE a.case_id = c.id) END,
           CASE WHEN p_view THEN (
               SELECT json_build_object('display_name', u.display_name, 'username', u.username,
                                        'unit_id', u.unit_id)
               FROM account_user u WHERE u.id = c.reporter_id) END,
           CASE WHEN p_view THEN (
               SELECT json_object_agg(g.id, g.name) FROM grid_unit g
               WHERE g.id IN (c.routed_unit_id, c.assigned_unit_id, c.dispatching_unit_id,
                              (SELECT u.unit_id FROM account_user u WHERE u.id = c.reporter_id)))
           END,
           (SELECT json_agg(json_build_object(
                        'id', u.id, 'name', u.name, 'active', u.active, 'parent_id', u.parent_id,
                        'has_sub_units', EXISTS (SELECT 1 FROM grid_unit g
                                                 WHERE g.parent_id = u.id AND g.active)))
            FROM grid_unit u WHERE u.id = ANY(p_unit_ids))
    FROM dispatch_case c WHERE c.id = ANY(p_ids);
END
$$
"""
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS dispatch_case_read(bigint[], boolean, boolean, integer[])")
