"""Idempotency replay in one round trip: lock the keys, then read their records.

Revision ID: 3f6b1d9e8c27
Revises: 7a3d9c41e2b6
Create Date: 2026-12-08 10:00:00.000000

A request with an Idempotency-Key first takes the key's transaction-level advisory lock, then
reads the key's record in a snapshot taken after the lock was granted, so a first request with
the same key that committed while this one waited is seen. Two statements did that in two round
trips. `dispatch_idempotency_replay` does it in one: inside a VOLATILE PL/pgSQL function each
statement takes a new snapshot (READ COMMITTED), so its read still comes after its locks. Keys
are locked in key order (two batches sharing keys never deadlock).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f6b1d9e8c27"
down_revision: str | None = "7a3d9c41e2b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
CREATE FUNCTION dispatch_idempotency_replay(p_scope text, p_keys text[])
RETURNS TABLE (key text, request_hash text, status_code integer, response jsonb)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    k text;
BEGIN
    FOREACH k IN ARRAY ARRAY(SELECT DISTINCT u FROM unnest(p_keys) AS u ORDER BY u) LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended(p_scope || '|' || k, 0));
    END LOOP;
    -- a statement of its own: its snapshot is taken after every lock above was granted
    RETURN QUERY
        SELECT i.key::text, i.request_hash::text, i.status_code, i.response
        FROM dispatch_idempotency i
        WHERE i.scope = p_scope AND i.key = ANY(p_keys);
END
$$
"""
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS dispatch_idempotency_replay(text, text[])")
