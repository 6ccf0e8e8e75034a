"""Login throttling (per account and per address), identity events, refresh-token families.

Revision ID: 5e1c0a7d2b93
Revises: dd6b49bf48f2
Create Date: 2026-12-04 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5e1c0a7d2b93"
down_revision: str | None = "dd6b49bf48f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_login_throttle",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lockouts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('account','ip')", name=op.f("ck_account_login_throttle_kind")),
        sa.PrimaryKeyConstraint("kind", "key", name=op.f("pk_account_login_throttle")),
    )
    op.create_table(
        "account_event",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("username", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("ip", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column(
            "detail",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["account_user.id"],
            name=op.f("fk_account_event_actor_id_account_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["account_user.id"],
            name=op.f("fk_account_event_user_id_account_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_event")),
    )
    op.create_index(op.f("ix_account_event_at"), "account_event", ["at"], unique=False)
    op.create_index(op.f("ix_account_event_user_id"), "account_event", ["user_id"], unique=False)
    op.create_table(
        "account_refresh_token",
        sa.Column("jti", sa.String(length=32), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["account_user.id"],
            name=op.f("fk_account_refresh_token_user_id_account_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("jti", name=op.f("pk_account_refresh_token")),
    )
    op.create_index(
        op.f("ix_account_refresh_token_family"), "account_refresh_token", ["family"], unique=False
    )
    op.create_index(
        op.f("ix_account_refresh_token_user_id"), "account_refresh_token", ["user_id"], unique=False
    )
    op.create_index(
        op.f("ix_account_refresh_token_expires_at"),
        "account_refresh_token",
        ["expires_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("account_refresh_token")
    op.drop_table("account_event")
    op.drop_table("account_login_throttle")
