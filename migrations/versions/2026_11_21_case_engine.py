"""Case engine: filing standards, stage limits, working calendar, cases, stage clocks, events.

The event table is append-only in the database too: triggers refuse UPDATE, DELETE, TRUNCATE.

Revision ID: 5967b731c808
Revises: 772b59ae2289
Create Date: 2026-11-21 10:56:33.804681
"""

from collections.abc import Sequence

import geoalchemy2
import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects import postgresql

revision: str = '5967b731c808'
down_revision: str | None = '772b59ae2289'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('dispatch_calendar_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_workday', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_dispatch_calendar_day'))
    )
    op.create_table('dispatch_calendar_year',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_dispatch_calendar_year'))
    )
    op.create_table('dispatch_case_number',
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('district_code', 'year', name=op.f('pk_dispatch_case_number'))
    )
    op.create_table('dispatch_idempotency',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.String(length=200), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', 'scope', name=op.f('pk_dispatch_idempotency'))
    )
    op.create_table('dispatch_stage_limit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=True),
    sa.Column('limit_value', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('limit_unit', sa.String(length=16), nullable=False),
    sa.CheckConstraint("limit_unit IN ('minute','work_hour','work_day','natural_hour','natural_day')", name=op.f('ck_dispatch_stage_limit_limit_unit')),
    sa.CheckConstraint("stage IN ('verify','file','dispatch','handle','check','close')", name=op.f('ck_dispatch_stage_limit_stage')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_stage_limit'))
    )
    op.create_index('uq_dispatch_stage_limit_stage_source', 'dispatch_stage_limit', ['stage', sa.literal_column("coalesce(source, '*')")], unique=True)
    op.create_table('dispatch_filing_standard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('filing_condition', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('limit_value', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('limit_unit', sa.String(length=16), nullable=False),
    sa.Column('key_limit_value', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('key_limit_unit', sa.String(length=16), nullable=True),
    sa.Column('closing_condition', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("key_limit_unit IS NULL OR key_limit_unit IN ('minute','work_hour','work_day','natural_hour','natural_day')", name=op.f('ck_dispatch_filing_standard_key_limit_unit')),
    sa.CheckConstraint("limit_unit IN ('minute','work_hour','work_day','natural_hour','natural_day')", name=op.f('ck_dispatch_filing_standard_limit_unit')),
    sa.CheckConstraint("severity IN ('urgent','serious','general','minor')", name=op.f('ck_dispatch_filing_standard_severity')),
    sa.ForeignKeyConstraint(['category_id'], ['dispatch_category.id'], name=op.f('fk_dispatch_filing_standard_category_id_dispatch_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_filing_standard'))
    )
    op.create_index('ix_dispatch_filing_standard_category_active', 'dispatch_filing_standard', ['category_id', 'active'], unique=False)
    op.create_geospatial_table('dispatch_case',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('case_no', sa.String(length=32), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=True),
    sa.Column('severity', sa.String(length=16), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('address_text', sa.Text(), nullable=True),
    sa.Column('geom', Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('raw_lon', sa.Float(), nullable=False),
    sa.Column('raw_lat', sa.Float(), nullable=False),
    sa.Column('raw_crs', sa.String(length=16), nullable=False),
    sa.Column('grid_code', sa.String(length=15), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('street_code', sa.String(length=9), nullable=False),
    sa.Column('mgmt_class', sa.String(length=16), nullable=False),
    sa.Column('routed_unit_id', sa.Integer(), nullable=True),
    sa.Column('routed_rule_id', sa.Integer(), nullable=True),
    sa.Column('routed_by', sa.String(length=32), nullable=True),
    sa.Column('component_id', sa.String(length=17), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('pending', sa.String(length=16), nullable=True),
    sa.Column('pending_payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('assigned_unit_id', sa.Integer(), nullable=True),
    sa.Column('dispatching_unit_id', sa.Integer(), nullable=True),
    sa.Column('signed', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('master_case_id', sa.BigInteger(), nullable=True),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('dispatches', sa.Integer(), server_default='0', nullable=False),
    sa.Column('redispatches', sa.Integer(), server_default='0', nullable=False),
    sa.Column('returns', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reworks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('extensions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('extension_hours', sa.Numeric(precision=10, scale=2), server_default='0', nullable=False),
    sa.Column('suspensions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('suspended_seconds', sa.Integer(), server_default='0', nullable=False),
    sa.Column('repeat_requests', sa.Integer(), server_default='0', nullable=False),
    sa.Column('satisfaction', sa.String(length=32), nullable=True),
    sa.Column('event_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_event_hash', sa.String(length=64), nullable=True),
    sa.Column('calendar_provisional', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['assigned_unit_id'], ['grid_unit.id'], name=op.f('fk_dispatch_case_assigned_unit_id_grid_unit')),
    sa.ForeignKeyConstraint(['category_id'], ['dispatch_category.id'], name=op.f('fk_dispatch_case_category_id_dispatch_category')),
    sa.ForeignKeyConstraint(['dispatching_unit_id'], ['grid_unit.id'], name=op.f('fk_dispatch_case_dispatching_unit_id_grid_unit')),
    sa.ForeignKeyConstraint(['master_case_id'], ['dispatch_case.id'], name=op.f('fk_dispatch_case_master_case_id_dispatch_case')),
    sa.ForeignKeyConstraint(['routed_unit_id'], ['grid_unit.id'], name=op.f('fk_dispatch_case_routed_unit_id_grid_unit')),
    sa.ForeignKeyConstraint(['standard_id'], ['dispatch_filing_standard.id'], name=op.f('fk_dispatch_case_standard_id_dispatch_filing_standard')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_case')),
    sa.UniqueConstraint('case_no', name=op.f('uq_dispatch_case_case_no')),
    postgresql_with={'fillfactor': 90}
    )
    op.create_index('ix_dispatch_case_assigned_unit_status', 'dispatch_case', ['assigned_unit_id', 'status'], unique=False)
    op.create_index(op.f('ix_dispatch_case_category_id'), 'dispatch_case', ['category_id'], unique=False)
    op.create_index(op.f('ix_dispatch_case_district_code'), 'dispatch_case', ['district_code'], unique=False)
    op.create_geospatial_index('ix_dispatch_case_geom', 'dispatch_case', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index(op.f('ix_dispatch_case_grid_code'), 'dispatch_case', ['grid_code'], unique=False)
    op.create_index('ix_dispatch_case_open_category_reported', 'dispatch_case', ['category_id', 'reported_at'], unique=False, postgresql_where=sa.text("status NOT IN ('rejected','merged','closed','evaluated','voided')"))
    op.create_index('ix_dispatch_case_status', 'dispatch_case', ['status'], unique=False)
    op.create_table('dispatch_case_event',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_role', sa.String(length=16), nullable=False),
    sa.Column('actor_unit_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('photos', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['dispatch_case.id'], name=op.f('fk_dispatch_case_event_case_id_dispatch_case'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_case_event')),
    sa.UniqueConstraint('case_id', 'seq', name='uq_dispatch_case_event_case_seq')
    )
    op.create_table('dispatch_case_stage',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('level', sa.Integer(), server_default='1', nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('limit_value', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('limit_unit', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('yellow_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_threshold_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stopped_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paused_seconds', sa.Integer(), server_default='0', nullable=False),
    sa.Column('extension_hours', sa.Numeric(precision=10, scale=2), server_default='0', nullable=False),
    sa.Column('provisional', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('light', sa.String(length=8), server_default='green', nullable=False),
    sa.Column('warned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('overdue_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("light IN ('green','yellow','red')", name=op.f('ck_dispatch_case_stage_light')),
    sa.CheckConstraint("stage IN ('verify','file','dispatch','handle','check','close')", name=op.f('ck_dispatch_case_stage_stage')),
    sa.ForeignKeyConstraint(['case_id'], ['dispatch_case.id'], name=op.f('fk_dispatch_case_stage_case_id_dispatch_case'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['grid_unit.id'], name=op.f('fk_dispatch_case_stage_unit_id_grid_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_case_stage'))
    )
    op.create_index('ix_dispatch_case_stage_case_id', 'dispatch_case_stage', ['case_id', 'stage'], unique=False)
    op.create_index('ix_dispatch_case_stage_open_next_threshold', 'dispatch_case_stage', ['next_threshold_at'], unique=False, postgresql_where=sa.text('stopped_at IS NULL AND paused_at IS NULL'))
    op.add_column('dispatch_category', sa.Column('auto_dispatch', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    op.add_column('dispatch_category', sa.Column('duplicate_radius_m', sa.Float(), nullable=True))
    op.add_column('dispatch_category', sa.Column('duplicate_window_h', sa.Float(), nullable=True))
    op.execute(
        """
CREATE FUNCTION dispatch_case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dispatch_case_event is append-only (执法全过程记录只能追加)'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER dispatch_case_event_append_only
  BEFORE UPDATE OR DELETE ON dispatch_case_event
  FOR EACH ROW EXECUTE FUNCTION dispatch_case_event_append_only();
CREATE TRIGGER dispatch_case_event_no_truncate
  BEFORE TRUNCATE ON dispatch_case_event
  FOR EACH STATEMENT EXECUTE FUNCTION dispatch_case_event_append_only();
"""
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS dispatch_case_event_no_truncate ON dispatch_case_event")
    op.execute("DROP TRIGGER IF EXISTS dispatch_case_event_append_only ON dispatch_case_event")
    op.execute("DROP FUNCTION IF EXISTS dispatch_case_event_append_only()")
    op.drop_column('dispatch_category', 'duplicate_window_h')
    op.drop_column('dispatch_category', 'duplicate_radius_m')
    op.drop_column('dispatch_category', 'auto_dispatch')
    op.drop_index('ix_dispatch_case_stage_open_next_threshold', table_name='dispatch_case_stage', postgresql_where=sa.text('stopped_at IS NULL AND paused_at IS NULL'))
    op.drop_index('ix_dispatch_case_stage_case_id', table_name='dispatch_case_stage')
    op.drop_table('dispatch_case_stage')
    op.drop_table('dispatch_case_event')
    op.drop_index('ix_dispatch_case_status', table_name='dispatch_case')
    op.drop_index('ix_dispatch_case_open_category_reported', table_name='dispatch_case', postgresql_where=sa.text("status NOT IN ('rejected','merged','closed','evaluated','voided')"))
    op.drop_index(op.f('ix_dispatch_case_grid_code'), table_name='dispatch_case')
    op.drop_geospatial_index('ix_dispatch_case_geom', table_name='dispatch_case', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_dispatch_case_district_code'), table_name='dispatch_case')
    op.drop_index(op.f('ix_dispatch_case_category_id'), table_name='dispatch_case')
    op.drop_index('ix_dispatch_case_assigned_unit_status', table_name='dispatch_case')
    op.drop_geospatial_table('dispatch_case')
    op.drop_index('ix_dispatch_filing_standard_category_active', table_name='dispatch_filing_standard')
    op.drop_table('dispatch_filing_standard')
    op.drop_index('uq_dispatch_stage_limit_stage_source', table_name='dispatch_stage_limit')
    op.drop_table('dispatch_stage_limit')
    op.drop_table('dispatch_idempotency')
    op.drop_table('dispatch_case_number')
    op.drop_table('dispatch_calendar_year')
    op.drop_table('dispatch_calendar_day')
