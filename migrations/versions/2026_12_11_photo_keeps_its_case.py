"""A photo linked to a case stays with it: `dispatch_attachment_keeps_its_case`.

Revision ID: 2b8f6e4d9c15
Revises: 9d4e2b7c1a63
Create Date: 2026-12-11 09:00:00.000000

A report's insert links its photos in the same statement (`app.cases.writes`), after checking
them without a row lock. Two reports naming one photo at once would both pass that check; the
later statement waits for the photo's row, and this trigger refuses to move the photo to its
case (SQLSTATE `XH001`, read as `PhotoOfAnotherCase`, 422): that statement inserts nothing.
The rule was the application's alone (`validate_photo_ids`); it now holds for every writer.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "2b8f6e4d9c15"
down_revision: str | None = "9d4e2b7c1a63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
CREATE FUNCTION dispatch_attachment_keeps_its_case() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'XH001',
        MESSAGE = format('photo %s belongs to case %s', OLD.id, OLD.case_id),
        TABLE = 'dispatch_attachment',
        COLUMN = 'case_id';
END
$$;
CREATE TRIGGER dispatch_attachment_keeps_its_case
    BEFORE UPDATE OF case_id ON dispatch_attachment
    FOR EACH ROW
    WHEN (OLD.case_id IS NOT NULL AND NEW.case_id IS DISTINCT FROM OLD.case_id)
    EXECUTE FUNCTION dispatch_attachment_keeps_its_case();
"""
    )


def downgrade() -> None:
    op.execute(
        "DROP TRIGGER IF EXISTS dispatch_attachment_keeps_its_case ON dispatch_attachment;"
        " DROP FUNCTION IF EXISTS dispatch_attachment_keeps_its_case()"
    )
