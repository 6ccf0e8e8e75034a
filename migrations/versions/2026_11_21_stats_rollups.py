"""Evaluation (综合评价): per-case facts, rollups, the event outbox, settings, assessments.

An AFTER INSERT trigger (statement level, with a transition table) on dispatch_case_event queues
the cases of new events in stats_outbox, inside the writer's transaction; the refresher
(app/stats/facts.py) applies them to the facts and rollups. Existing cases are queued once here,
so an upgraded database gets its figures on the first refresh. Settings are seeded with the
defaults of DOMAIN.md §6 (the snapshot of app.stats.settings.DEFAULTS at this revision; a test
keeps them equal).

Revision ID: 9c54ce2de532
Revises: 3a1f0c9e7b42
Create Date: 2026-11-21 12:34:58.818326
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '9c54ce2de532'
down_revision: str | None = '3a1f0c9e7b42'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SETTINGS = {
    "unit_weights": {
        "filed_score": 0.10, "close_rate": 0.30, "handle_on_time_rate": 0.30,
        "rework_free_rate": 0.30,
    },
    "street_weights": {"close_rate": 0.50, "close_on_time_rate": 0.50},
    "inspector_weights": {
        "valid_report_rate": 0.40, "miss_free_rate": 0.20, "verify_on_time_rate": 0.20,
        "check_on_time_rate": 0.20,
    },
    "operator_weights": {"intake_on_time_rate": 1.0},
    "dispatcher_weights": {"dispatch_on_time_rate": 0.50, "dispatch_accuracy_rate": 0.50},
    "shift_leader_weights": {
        "file_on_time_rate": 0.40, "file_accuracy_rate": 0.30, "closing_on_time_rate": 0.30,
    },
    "hotline_weights": {"response_rate": 0.10, "resolve_rate": 0.50, "satisfaction_rate": 0.40},
    "score_bands": [
        {"min": 90, "label": "优秀"}, {"min": 80, "label": "良好"}, {"min": 60, "label": "合格"},
        {"min": 0, "label": "不合格"},
    ],
    "satisfaction": {"basically_satisfied_factor": 0.9},
    "repeat": {"min_cases": 3},
    "limits": {"max_days": 400, "max_rows": 10000},
}

TRIGGER = """
CREATE FUNCTION stats_queue_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_outbox (case_id) SELECT DISTINCT case_id FROM new_events;
  RETURN NULL;
END $$;
CREATE TRIGGER stats_queue_cases
  AFTER INSERT ON dispatch_case_event
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION stats_queue_cases();
"""


def upgrade() -> None:
    op.create_table('stats_assessment',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('scope_key', sa.String(length=15), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('score', sa.Numeric(precision=7, scale=3), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('band', sa.Text(), nullable=True),
    sa.Column('figures', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_by', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('unit','street')", name=op.f('ck_stats_assessment_kind')),
    sa.PrimaryKeyConstraint('month', 'kind', 'district_code', 'scope_key', name=op.f('pk_stats_assessment'))
    )
    op.create_table('stats_case_fact',
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('report_day', sa.Date(), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('street_code', sa.String(length=9), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('grid_code', sa.String(length=15), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('open_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handle_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cases', sa.Integer(), server_default='0', nullable=False),
    sa.Column('public_reports', sa.Integer(), server_default='0', nullable=False),
    sa.Column('filed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('rejected', sa.Integer(), server_default='0', nullable=False),
    sa.Column('merged', sa.Integer(), server_default='0', nullable=False),
    sa.Column('voided', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatched', sa.Integer(), server_default='0', nullable=False),
    sa.Column('returned', sa.Integer(), server_default='0', nullable=False),
    sa.Column('returns', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled_late', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled_reworked', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reworked', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reworks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('extended', sa.Integer(), server_default='0', nullable=False),
    sa.Column('extensions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('suspended', sa.Integer(), server_default='0', nullable=False),
    sa.Column('suspensions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('escalated', sa.Integer(), server_default='0', nullable=False),
    sa.Column('closed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('closed_filed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('closed_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('open_late', sa.Integer(), server_default='0', nullable=False),
    sa.Column('callbacks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('satisfied', sa.Integer(), server_default='0', nullable=False),
    sa.Column('basically_satisfied', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dissatisfied', sa.Integer(), server_default='0', nullable=False),
    sa.Column('contact_known', sa.Integer(), server_default='0', nullable=False),
    sa.Column('contacted_in_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('resolved_known', sa.Integer(), server_default='0', nullable=False),
    sa.Column('resolved', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reporter_role', sa.String(length=16), nullable=True),
    sa.Column('intake_role', sa.String(length=16), nullable=True),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('intake_id', sa.Integer(), nullable=True),
    sa.Column('filer_id', sa.Integer(), nullable=True),
    sa.Column('verifier_id', sa.Integer(), nullable=True),
    sa.Column('dispatcher_id', sa.Integer(), nullable=True),
    sa.Column('checker_id', sa.Integer(), nullable=True),
    sa.Column('closer_id', sa.Integer(), nullable=True),
    sa.Column('reports_decided', sa.Integer(), server_default='0', nullable=False),
    sa.Column('valid_reports', sa.Integer(), server_default='0', nullable=False),
    sa.Column('intake_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('intake_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('filed_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('verify_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('verify_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatch_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatch_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatch_returned', sa.Integer(), server_default='0', nullable=False),
    sa.Column('check_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('check_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('close_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('close_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_stats_case_fact'))
    )
    op.create_index('ix_stats_case_fact_open_report_day', 'stats_case_fact', ['report_day', 'district_code'], unique=False, postgresql_where=sa.text('is_open'))
    op.create_index('ix_stats_case_fact_report_day', 'stats_case_fact', ['report_day'], unique=False)
    op.create_table('stats_outbox',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_outbox'))
    )
    op.create_table('stats_rollup_actor',
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reports', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reports_decided', sa.Integer(), server_default='0', nullable=False),
    sa.Column('valid_reports', sa.Integer(), server_default='0', nullable=False),
    sa.Column('intake_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('intake_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('verify_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('verify_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('filed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('filed_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('filed_voided', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatch_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatch_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatch_returned', sa.Integer(), server_default='0', nullable=False),
    sa.Column('check_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('check_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('close_done', sa.Integer(), server_default='0', nullable=False),
    sa.Column('close_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("grain IN ('d','m','y')", name=op.f('ck_stats_rollup_actor_grain')),
    sa.PrimaryKeyConstraint('role', 'grain', 'period_start', 'district_code', 'actor_id', name=op.f('pk_stats_rollup_actor'))
    )
    op.create_index('ix_stats_rollup_actor_empty', 'stats_rollup_actor', ['role'], unique=False, postgresql_where=sa.text('n = 0'))
    op.create_table('stats_rollup_area',
    sa.Column('scope', sa.String(length=12), nullable=False),
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('scope_key', sa.String(length=15), nullable=False),
    sa.Column('cases', sa.Integer(), server_default='0', nullable=False),
    sa.Column('public_reports', sa.Integer(), server_default='0', nullable=False),
    sa.Column('filed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('rejected', sa.Integer(), server_default='0', nullable=False),
    sa.Column('merged', sa.Integer(), server_default='0', nullable=False),
    sa.Column('voided', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dispatched', sa.Integer(), server_default='0', nullable=False),
    sa.Column('returned', sa.Integer(), server_default='0', nullable=False),
    sa.Column('returns', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled_late', sa.Integer(), server_default='0', nullable=False),
    sa.Column('handled_reworked', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reworked', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reworks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('extended', sa.Integer(), server_default='0', nullable=False),
    sa.Column('extensions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('suspended', sa.Integer(), server_default='0', nullable=False),
    sa.Column('suspensions', sa.Integer(), server_default='0', nullable=False),
    sa.Column('escalated', sa.Integer(), server_default='0', nullable=False),
    sa.Column('closed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('closed_filed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('closed_on_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('open_late', sa.Integer(), server_default='0', nullable=False),
    sa.Column('callbacks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('satisfied', sa.Integer(), server_default='0', nullable=False),
    sa.Column('basically_satisfied', sa.Integer(), server_default='0', nullable=False),
    sa.Column('dissatisfied', sa.Integer(), server_default='0', nullable=False),
    sa.Column('contact_known', sa.Integer(), server_default='0', nullable=False),
    sa.Column('contacted_in_time', sa.Integer(), server_default='0', nullable=False),
    sa.Column('resolved_known', sa.Integer(), server_default='0', nullable=False),
    sa.Column('resolved', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("grain IN ('d','m','y')", name=op.f('ck_stats_rollup_area_grain')),
    sa.PrimaryKeyConstraint('scope', 'grain', 'period_start', 'district_code', 'scope_key', name=op.f('pk_stats_rollup_area'))
    )
    op.create_index('ix_stats_rollup_area_empty', 'stats_rollup_area', ['scope'], unique=False, postgresql_where=sa.text('cases = 0'))
    op.create_table('stats_rollup_hotspot',
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('grid_code', sa.String(length=15), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('cases', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('period_start', 'district_code', 'grid_code', 'category_id', name=op.f('pk_stats_rollup_hotspot'))
    )
    op.create_index('ix_stats_rollup_hotspot_empty', 'stats_rollup_hotspot', ['period_start'], unique=False, postgresql_where=sa.text('cases = 0'))
    op.create_index('ix_stats_rollup_hotspot_grid_code', 'stats_rollup_hotspot', ['grid_code', 'period_start'], unique=False)
    op.create_table('stats_setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_stats_setting'))
    )


    op.execute(TRIGGER)
    op.execute("INSERT INTO stats_outbox (case_id) SELECT id FROM dispatch_case ORDER BY id")
    setting = sa.table("stats_setting", sa.column("key"), sa.column("value", postgresql.JSONB))
    op.bulk_insert(setting, [{"key": k, "value": v} for k, v in SETTINGS.items()])


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS stats_queue_cases ON dispatch_case_event")
    op.execute("DROP FUNCTION IF EXISTS stats_queue_cases()")
    op.drop_table('stats_setting')
    op.drop_index('ix_stats_rollup_hotspot_grid_code', table_name='stats_rollup_hotspot')
    op.drop_index('ix_stats_rollup_hotspot_empty', table_name='stats_rollup_hotspot', postgresql_where=sa.text('cases = 0'))
    op.drop_table('stats_rollup_hotspot')
    op.drop_index('ix_stats_rollup_area_empty', table_name='stats_rollup_area', postgresql_where=sa.text('cases = 0'))
    op.drop_table('stats_rollup_area')
    op.drop_index('ix_stats_rollup_actor_empty', table_name='stats_rollup_actor', postgresql_where=sa.text('n = 0'))
    op.drop_table('stats_rollup_actor')
    op.drop_table('stats_outbox')
    op.drop_index('ix_stats_case_fact_report_day', table_name='stats_case_fact')
    op.drop_index('ix_stats_case_fact_open_report_day', table_name='stats_case_fact', postgresql_where=sa.text('is_open'))
    op.drop_table('stats_case_fact')
    op.drop_table('stats_assessment')
