"""Open311 intake records are written before their case: the foreign key is checked at commit.

Revision ID: 5c2e8a7d1f90
Revises: 3f6b1d9e8c27
Create Date: 2026-12-09 10:00:00.000000

An Open311 `POST requests` writes the intake record (client, token, what the citizen sent) and
the case. The case's insert draws the district's case number, whose row every report in the
district waits for until the drawing transaction commits; written last, that insert commits in
its own round trip (the number row is then held for the statement and the commit's flush only).
So the record goes first, and its foreign key to the case is checked at commit
(DEFERRABLE INITIALLY DEFERRED): a record whose case never came still fails the commit.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5c2e8a7d1f90"
down_revision: str | None = "3f6b1d9e8c27"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = "fk_dispatch_open311_request_case_id_dispatch_case"


def upgrade() -> None:
    op.execute(
        f"ALTER TABLE dispatch_open311_request ALTER CONSTRAINT {FK} DEFERRABLE INITIALLY DEFERRED"
    )


def downgrade() -> None:
    op.execute(f"ALTER TABLE dispatch_open311_request ALTER CONSTRAINT {FK} NOT DEFERRABLE")
