"""Grid import jobs (网格数据导入任务): uploads checked or imported off the request thread.

One row per job: its options, progress (stage, done/total, progress 0–1, heartbeat) polled by the
console, and its outcome (summary, or every problem with fid, code, point and shape).

Revision ID: dd6b49bf48f2
Revises: 9c54ce2de532
Create Date: 2026-12-04 16:25:19.650753
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "dd6b49bf48f2"
down_revision: str | None = "9c54ce2de532"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grid_import_job",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("layer", sa.String(length=16), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column(
            "status", sa.String(length=16), server_default=sa.text("'queued'"), nullable=False
        ),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column(
            "options",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("stage", sa.Text(), nullable=True),
        sa.Column("done", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("total", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("progress", sa.Float(), server_default=sa.text("0"), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("error_code", sa.String(length=64), nullable=True),
        sa.Column("result", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("problems", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'refused', 'failed')",
            name=op.f("ck_grid_import_job_status"),
        ),
        sa.CheckConstraint(
            "progress >= 0 AND progress <= 1", name=op.f("ck_grid_import_job_progress_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_import_job")),
    )
    op.create_index(
        "ix_grid_import_job_created_at", "grid_import_job", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_grid_import_job_created_at", table_name="grid_import_job")
    op.drop_table("grid_import_job")
