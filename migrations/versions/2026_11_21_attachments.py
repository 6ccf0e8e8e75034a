"""Photo attachments (照片附件): one row per stored photo, linked to its case once known.

Revision ID: df4a71eb858b
Revises: 5967b731c808
Create Date: 2026-11-21 11:15:47.061378
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'df4a71eb858b'
down_revision: str | None = '5967b731c808'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('dispatch_attachment',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('content_type', sa.String(length=32), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.Text(), nullable=False),
    sa.Column('thumbnail_key', sa.Text(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('exif_lon', sa.Float(), nullable=True),
    sa.Column('exif_lat', sa.Float(), nullable=True),
    sa.Column('exif_taken_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('uploaded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('report','verify','before','after','check')", name=op.f('ck_dispatch_attachment_kind')),
    sa.CheckConstraint('(exif_lon IS NULL) = (exif_lat IS NULL)', name=op.f('ck_dispatch_attachment_exif_point')),
    sa.CheckConstraint('size_bytes > 0', name=op.f('ck_dispatch_attachment_size_bytes')),
    sa.ForeignKeyConstraint(['case_id'], ['dispatch_case.id'], name=op.f('fk_dispatch_attachment_case_id_dispatch_case'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_attachment'))
    )
    op.create_index('ix_dispatch_attachment_case_id', 'dispatch_attachment', ['case_id'], unique=False)
    op.create_index('ix_dispatch_attachment_sha256', 'dispatch_attachment', ['sha256'], unique=False)
    op.create_index('ix_dispatch_attachment_unlinked_created_at', 'dispatch_attachment', ['created_at'], unique=False, postgresql_where=sa.text('case_id IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_dispatch_attachment_unlinked_created_at', table_name='dispatch_attachment', postgresql_where=sa.text('case_id IS NULL'))
    op.drop_index('ix_dispatch_attachment_sha256', table_name='dispatch_attachment')
    op.drop_index('ix_dispatch_attachment_case_id', table_name='dispatch_attachment')
    op.drop_table('dispatch_attachment')
