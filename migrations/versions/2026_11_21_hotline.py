"""12345 hotline (接诉即办): tickets, urgency classes, category keywords; case location optional.

A hotline ticket without a usable address is still accepted and routed to its district's
fallback unit (兜底), so the location columns of dispatch_case become nullable — all of them or
none (CHECK location_complete). Seeds the default urgency classes (feedback limits in natural
time) and the synonym keywords used to suggest a category; both are data a deployment edits.

Revision ID: a7d3e91c4b20
Revises: 2879c8fe6c1a
Create Date: 2026-11-21 12:47:52.876588
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision: str = 'a7d3e91c4b20'
down_revision: str | None = '2879c8fe6c1a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOCATION_COLUMNS = [
    ('raw_lon', sa.DOUBLE_PRECISION(precision=53)),
    ('raw_lat', sa.DOUBLE_PRECISION(precision=53)),
    ('raw_crs', sa.VARCHAR(length=16)),
    ('grid_code', sa.VARCHAR(length=15)),
    ('community_code', sa.VARCHAR(length=12)),
    ('street_code', sa.VARCHAR(length=9)),
    ('mgmt_class', sa.VARCHAR(length=16)),
]

# DOMAIN.md §6: emergencies 2 h, water/power/gas/heating 24 h, general 7 days, complex 15 days.
URGENCIES = [
    {'code': 'emergency', 'name': '紧急', 'feedback_limit_value': 2, 'feedback_limit_unit': 'natural_hour', 'seq': 1},
    {'code': 'utilities', 'name': '水电气热', 'feedback_limit_value': 24, 'feedback_limit_unit': 'natural_hour', 'seq': 2},
    {'code': 'general', 'name': '一般', 'feedback_limit_value': 7, 'feedback_limit_unit': 'natural_day', 'seq': 3},
    {'code': 'complex', 'name': '疑难复杂', 'feedback_limit_value': 15, 'feedback_limit_unit': 'natural_day', 'seq': 4},
]

_COVERS = ['01001', '01002', '01003', '01005', '01006', '01007', '01008', '01009', '01010',
           '01011', '01012', '01014', '01015', '01017', '01018', '01019', '01020', '01021',
           '01022']
# (event code, keyword, weight): the words callers use. Category names are keywords already.
SYNONYMS = [
    *[(code, '井盖', 0.5) for code in _COVERS],
    ('01023', '井盖', 1.0), ('01023', '窨井盖', 1.0), ('01023', '马葫芦', 1.0),
    ('01002', '下水道井盖', 1.0), ('01002', '下水井盖', 1.0),
    ('01037', '路灯不亮', 1.0), ('01037', '路灯坏', 1.0),
    ('09006', '摆摊', 1.0), ('09006', '地摊', 1.0), ('09006', '路边摊', 1.0),
    ('09006', '占道', 1.0), ('09006', '出摊', 1.0),
    ('09001', '游商', 1.0), ('09001', '流动商贩', 1.0), ('09001', '小商贩', 0.5),
    ('09005', '店外经营', 1.0), ('09005', '出店经营', 1.0),
    ('07001', '小广告', 1.0), ('07001', '牛皮癣', 1.0), ('07001', '贴广告', 1.0),
    ('07001', '办证广告', 1.0),
    ('07002', '发传单', 1.0), ('07002', '传单', 1.0),
    ('06010', '垃圾', 1.0), ('06010', '垃圾堆', 1.0),
    ('06011', '渣土', 1.0), ('06042', '垃圾箱满', 1.0), ('06042', '垃圾桶满', 1.0),
    ('06042', '满溢', 1.0),
    ('06028', '噪音', 1.0), ('06028', '噪声', 1.0), ('06028', '扰民', 0.5),
    ('08001', '施工噪音', 1.0), ('08001', '夜间施工', 1.0),
    ('06027', '油烟', 1.0), ('06029', '烧烤', 1.0),
    ('06001', '违建', 1.0), ('06001', '违章建筑', 1.0), ('06001', '乱搭乱建', 1.0),
    ('06013', '坑洼', 1.0), ('06013', '路面塌陷', 1.0),
    ('09009', '乱停车', 1.0), ('09009', '违停', 1.0), ('09009', '乱停乱放', 0.5),
    ('09011', '共享单车', 1.0), ('09010', '电动车乱停', 1.0),
    ('09003', '乞讨', 1.0), ('08004', '扬尘', 1.0),
    ('10001', '积雪', 1.0), ('10001', '结冰', 1.0),
]


def upgrade() -> None:
    op.create_table('dispatch_hotline_keyword',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('keyword', sa.Text(), nullable=False),
    sa.Column('weight', sa.Float(), server_default='1', nullable=False),
    sa.CheckConstraint("code ~ '^\\d{5}$'", name=op.f('ck_dispatch_hotline_keyword_code_format')),
    sa.CheckConstraint("kind IN ('component','event')", name=op.f('ck_dispatch_hotline_keyword_kind')),
    sa.CheckConstraint('length(keyword) > 0', name=op.f('ck_dispatch_hotline_keyword_keyword_not_empty')),
    sa.CheckConstraint('weight > 0', name=op.f('ck_dispatch_hotline_keyword_weight_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_hotline_keyword')),
    sa.UniqueConstraint('kind', 'code', 'keyword', name='uq_dispatch_hotline_keyword_key')
    )
    op.create_table('dispatch_hotline_urgency',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('feedback_limit_value', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('feedback_limit_unit', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.Integer(), server_default='0', nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.CheckConstraint("feedback_limit_unit IN ('minute','work_hour','work_day','natural_hour','natural_day')", name=op.f('ck_dispatch_hotline_urgency_feedback_limit_unit')),
    sa.CheckConstraint('feedback_limit_value > 0', name=op.f('ck_dispatch_hotline_urgency_feedback_limit_positive')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_dispatch_hotline_urgency'))
    )
    op.create_table('dispatch_hotline_ticket',
    sa.Column('case_id', sa.BigInteger(), nullable=False),
    sa.Column('source_system', sa.String(length=16), nullable=False),
    sa.Column('ticket_no', sa.String(length=64), nullable=False),
    sa.Column('caller_name_enc', sa.Text(), nullable=True),
    sa.Column('caller_name_masked', sa.String(length=64), nullable=True),
    sa.Column('caller_phone_enc', sa.Text(), nullable=False),
    sa.Column('caller_phone_masked', sa.String(length=32), nullable=False),
    sa.Column('phone_index', sa.String(length=64), nullable=False),
    sa.Column('urgency', sa.String(length=16), nullable=False),
    sa.Column('feedback_limit_value', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('feedback_limit_unit', sa.String(length=16), nullable=False),
    sa.Column('feedback_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('location_source', sa.String(length=16), nullable=False),
    sa.Column('address_id', sa.BigInteger(), nullable=True),
    sa.Column('geocode_score', sa.Float(), nullable=True),
    sa.Column('category_source', sa.String(length=16), nullable=False),
    sa.Column('contacted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('contacted_by', sa.Integer(), nullable=True),
    sa.Column('contacted_in_time', sa.Boolean(), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.Integer(), nullable=True),
    sa.Column('satisfaction', sa.String(length=32), nullable=True),
    sa.Column('callback_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("category_source IN ('agent','suggested')", name=op.f('ck_dispatch_hotline_ticket_category_source')),
    sa.CheckConstraint("feedback_limit_unit IN ('minute','work_hour','work_day','natural_hour','natural_day')", name=op.f('ck_dispatch_hotline_ticket_feedback_limit_unit')),
    sa.CheckConstraint("location_source IN ('point','address','geocoded','none')", name=op.f('ck_dispatch_hotline_ticket_location_source')),
    sa.CheckConstraint("satisfaction IS NULL OR satisfaction IN ('satisfied','basically_satisfied','dissatisfied')", name=op.f('ck_dispatch_hotline_ticket_satisfaction')),
    sa.CheckConstraint('(contacted_at IS NULL) = (contacted_in_time IS NULL)', name=op.f('ck_dispatch_hotline_ticket_contact')),
    sa.ForeignKeyConstraint(['case_id'], ['dispatch_case.id'], name=op.f('fk_dispatch_hotline_ticket_case_id_dispatch_case'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['urgency'], ['dispatch_hotline_urgency.code'], name=op.f('fk_dispatch_hotline_ticket_urgency_dispatch_hotline_urgency')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_dispatch_hotline_ticket')),
    sa.UniqueConstraint('source_system', 'ticket_no', name='uq_dispatch_hotline_ticket_no')
    )
    op.create_index('ix_dispatch_hotline_ticket_phone_index', 'dispatch_hotline_ticket', ['phone_index'], unique=False)
    op.create_index('ix_dispatch_hotline_ticket_uncontacted_due', 'dispatch_hotline_ticket', ['feedback_due_at'], unique=False, postgresql_where=sa.text('contacted_at IS NULL'))
    op.alter_column('dispatch_case', 'geom', existing_type=Geometry('POINT', srid=4326), nullable=True)
    for name, type_ in LOCATION_COLUMNS:
        op.alter_column('dispatch_case', name, existing_type=type_, nullable=True)
    op.create_check_constraint(
        op.f('ck_dispatch_case_location_complete'),
        'dispatch_case',
        'num_nulls(geom, raw_lon, raw_lat, raw_crs, grid_code, community_code, street_code,'
        ' mgmt_class) IN (0, 8)',
    )
    urgency = sa.table(
        'dispatch_hotline_urgency',
        sa.column('code', sa.String), sa.column('name', sa.Text),
        sa.column('feedback_limit_value', sa.Numeric), sa.column('feedback_limit_unit', sa.String),
        sa.column('seq', sa.Integer),
    )
    op.bulk_insert(urgency, URGENCIES)
    keyword = sa.table(
        'dispatch_hotline_keyword',
        sa.column('kind', sa.String), sa.column('code', sa.String),
        sa.column('keyword', sa.Text), sa.column('weight', sa.Float),
    )
    op.bulk_insert(
        keyword, [{'kind': 'event', 'code': c, 'keyword': k, 'weight': w} for c, k, w in SYNONYMS]
    )


def downgrade() -> None:
    located = op.get_bind().execute(
        sa.text('SELECT count(*) FROM dispatch_case WHERE geom IS NULL')
    ).scalar()
    if located:
        raise RuntimeError(
            f'{located} cases have no location (hotline tickets routed to a fallback unit); the'
            ' previous schema cannot hold them. Locate or export them before downgrading.'
        )
    op.drop_constraint(op.f('ck_dispatch_case_location_complete'), 'dispatch_case', type_='check')
    for name, type_ in reversed(LOCATION_COLUMNS):
        op.alter_column('dispatch_case', name, existing_type=type_, nullable=False)
    op.alter_column('dispatch_case', 'geom', existing_type=Geometry('POINT', srid=4326), nullable=False)
    op.drop_index('ix_dispatch_hotline_ticket_uncontacted_due', table_name='dispatch_hotline_ticket', postgresql_where=sa.text('contacted_at IS NULL'))
    op.drop_index('ix_dispatch_hotline_ticket_phone_index', table_name='dispatch_hotline_ticket')
    op.drop_table('dispatch_hotline_ticket')
    op.drop_table('dispatch_hotline_urgency')
    op.drop_table('dispatch_hotline_keyword')
