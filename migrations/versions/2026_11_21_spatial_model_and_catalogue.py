"""Spatial model (areas, cells, units, rules, components, frontage, addresses) and catalogue.

Enables the PostGIS and pg_trgm extensions first.

Revision ID: 772b59ae2289
Revises:
Create Date: 2026-11-21 10:07:53.708063
"""

from collections.abc import Sequence

import geoalchemy2
import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects import postgresql

revision: str = '772b59ae2289'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('dispatch_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalogue', sa.String(length=64), server_default='GB/T 47678.5-2026', nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('major_code', sa.String(length=2), nullable=False),
    sa.Column('major_name', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('standard_ref', sa.Text(), nullable=True),
    sa.Column('provenance', sa.Text(), nullable=True),
    sa.Column('component_code', sa.String(length=5), nullable=True),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.CheckConstraint("code ~ '^\\d{5}$'", name=op.f('ck_dispatch_category_code_format')),
    sa.CheckConstraint("kind IN ('component','event')", name=op.f('ck_dispatch_category_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_category')),
    sa.UniqueConstraint('catalogue', 'kind', 'code', name='uq_dispatch_category_key')
    )
    op.create_geospatial_table('grid_address',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('full_text', sa.Text(), nullable=False),
    sa.Column('norm_text', sa.Text(), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('street_code', sa.String(length=9), nullable=True),
    sa.Column('road', sa.Text(), nullable=True),
    sa.Column('house_number', sa.Text(), nullable=True),
    sa.Column('poi', sa.Text(), nullable=True),
    sa.Column('geom', Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_address')),
    sa.UniqueConstraint('code', name=op.f('uq_grid_address_code'))
    )
    op.create_index(op.f('ix_grid_address_district_code'), 'grid_address', ['district_code'], unique=False)
    op.create_geospatial_index('ix_grid_address_geom', 'grid_address', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index('ix_grid_address_norm_text_trgm', 'grid_address', ['norm_text'], unique=False, postgresql_using='gin', postgresql_ops={'norm_text': 'gin_trgm_ops'})
    op.create_geospatial_table('grid_cell',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=15), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('street_code', sa.String(length=9), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('mgmt_class', sa.String(length=16), server_default='normal', nullable=False),
    sa.Column('area_m2', sa.Float(), nullable=False),
    sa.Column('geom', Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('valid_from', sa.DateTime(timezone=True), nullable=False),
    sa.Column('valid_to', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("code ~ '^\\d{15}$'", name=op.f('ck_grid_cell_code_format')),
    sa.CheckConstraint('valid_to IS NULL OR valid_to > valid_from', name=op.f('ck_grid_cell_validity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_cell'))
    )
    op.create_index('ix_grid_cell_code_valid_from', 'grid_cell', ['code', 'valid_from'], unique=True)
    op.create_index(op.f('ix_grid_cell_community_code'), 'grid_cell', ['community_code'], unique=False)
    op.create_geospatial_index('ix_grid_cell_current_geom', 'grid_cell', ['geom'], unique=False, postgresql_using='gist', postgresql_where=sa.text('valid_to IS NULL'), postgresql_ops={})
    op.create_index(op.f('ix_grid_cell_district_code'), 'grid_cell', ['district_code'], unique=False)
    op.create_geospatial_index('ix_grid_cell_geom', 'grid_cell', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index('uq_grid_cell_current_code', 'grid_cell', ['code'], unique=True, postgresql_where=sa.text('valid_to IS NULL'))
    op.create_geospatial_table('grid_frontage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holder_name', sa.Text(), nullable=False),
    sa.Column('holder_contact', sa.Text(), nullable=True),
    sa.Column('holder_phone', sa.Text(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('geom', Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_frontage'))
    )
    op.create_index(op.f('ix_grid_frontage_district_code'), 'grid_frontage', ['district_code'], unique=False)
    op.create_geospatial_index('ix_grid_frontage_geom', 'grid_frontage', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_table('grid_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.Text(), nullable=True),
    sa.Column('contact_phone', sa.Text(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['grid_unit.id'], name=op.f('fk_grid_unit_parent_id_grid_unit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_grid_unit_code'))
    )
    op.create_index(op.f('ix_grid_unit_district_code'), 'grid_unit', ['district_code'], unique=False)
    op.create_index(op.f('ix_grid_unit_parent_id'), 'grid_unit', ['parent_id'], unique=False)
    op.create_geospatial_table('grid_component',
    sa.Column('id', sa.String(length=17), nullable=False),
    sa.Column('category_code', sa.String(length=5), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('supervising_dept', sa.Text(), nullable=True),
    sa.Column('owner_unit_id', sa.Integer(), nullable=True),
    sa.Column('maintainer_unit_id', sa.Integer(), nullable=True),
    sa.Column('owner_name', sa.Text(), nullable=True),
    sa.Column('maintainer_name', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=16), server_default='intact', nullable=False),
    sa.Column('geom', Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('grid_code', sa.String(length=15), nullable=True),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("id ~ '^\\d{17}$'", name=op.f('ck_grid_component_id_format')),
    sa.CheckConstraint("state IN ('intact','damaged','lost','abandoned','removed')", name=op.f('ck_grid_component_state')),
    sa.ForeignKeyConstraint(['maintainer_unit_id'], ['grid_unit.id'], name=op.f('fk_grid_component_maintainer_unit_id_grid_unit'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_unit_id'], ['grid_unit.id'], name=op.f('fk_grid_component_owner_unit_id_grid_unit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_component'))
    )
    op.create_index('ix_grid_component_category_code', 'grid_component', ['category_code'], unique=False)
    op.create_index(op.f('ix_grid_component_district_code'), 'grid_component', ['district_code'], unique=False)
    op.create_geospatial_index('ix_grid_component_geom', 'grid_component', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index(op.f('ix_grid_component_grid_code'), 'grid_component', ['grid_code'], unique=False)
    op.create_geospatial_table('grid_district',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('geom', Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('fallback_unit_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("code ~ '^\\d{6}$'", name=op.f('ck_grid_district_code_format')),
    sa.ForeignKeyConstraint(['fallback_unit_id'], ['grid_unit.id'], name=op.f('fk_grid_district_fallback_unit_id_grid_unit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_grid_district'))
    )
    op.create_geospatial_index('ix_grid_district_geom', 'grid_district', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_geospatial_table('grid_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('category_kind', sa.String(length=16), nullable=True),
    sa.Column('major_code', sa.String(length=2), nullable=True),
    sa.Column('category_code', sa.String(length=5), nullable=True),
    sa.Column('area_scope', sa.String(length=16), nullable=False),
    sa.Column('area_code', sa.String(length=15), nullable=True),
    sa.Column('cell_codes', postgresql.ARRAY(sa.String(length=15)), nullable=True),
    sa.Column('geom', Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry'), nullable=True),
    sa.Column('priority', sa.Integer(), server_default='0', nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("(area_scope IN ('district','street','community') AND area_code IS NOT NULL) OR (area_scope = 'cells' AND cell_codes IS NOT NULL) OR (area_scope = 'polygon' AND geom IS NOT NULL)", name=op.f('ck_grid_rule_area_scope_value')),
    sa.CheckConstraint("area_scope IN ('district','street','community','cells','polygon')", name=op.f('ck_grid_rule_area_scope')),
    sa.CheckConstraint("category_kind IS NULL OR category_kind IN ('component','event')", name=op.f('ck_grid_rule_kind')),
    sa.CheckConstraint("role IN ('territorial','specialist','fallback')", name=op.f('ck_grid_rule_role')),
    sa.CheckConstraint('category_code IS NULL OR major_code IS NULL', name=op.f('ck_grid_rule_one_category_scope')),
    sa.ForeignKeyConstraint(['unit_id'], ['grid_unit.id'], name=op.f('fk_grid_rule_unit_id_grid_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_rule'))
    )
    op.create_index('ix_grid_rule_area_code', 'grid_rule', ['area_code'], unique=False)
    op.create_index('ix_grid_rule_cell_codes', 'grid_rule', ['cell_codes'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_grid_rule_district_code'), 'grid_rule', ['district_code'], unique=False)
    op.create_geospatial_index('ix_grid_rule_geom', 'grid_rule', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index(op.f('ix_grid_rule_unit_id'), 'grid_rule', ['unit_id'], unique=False)
    op.create_geospatial_table('grid_street',
    sa.Column('code', sa.String(length=9), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('geom', Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.CheckConstraint("code ~ '^\\d{9}$'", name=op.f('ck_grid_street_code_format')),
    sa.ForeignKeyConstraint(['district_code'], ['grid_district.code'], name=op.f('fk_grid_street_district_code_grid_district'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_grid_street'))
    )
    op.create_index(op.f('ix_grid_street_district_code'), 'grid_street', ['district_code'], unique=False)
    op.create_geospatial_index('ix_grid_street_geom', 'grid_street', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_geospatial_table('grid_community',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('street_code', sa.String(length=9), nullable=False),
    sa.Column('district_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('geom', Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.CheckConstraint("code ~ '^\\d{12}$'", name=op.f('ck_grid_community_code_format')),
    sa.ForeignKeyConstraint(['street_code'], ['grid_street.code'], name=op.f('fk_grid_community_street_code_grid_street'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_grid_community'))
    )
    op.create_index(op.f('ix_grid_community_district_code'), 'grid_community', ['district_code'], unique=False)
    op.create_geospatial_index('ix_grid_community_geom', 'grid_community', ['geom'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index(op.f('ix_grid_community_street_code'), 'grid_community', ['street_code'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_grid_community_street_code'), table_name='grid_community')
    op.drop_geospatial_index('ix_grid_community_geom', table_name='grid_community', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_grid_community_district_code'), table_name='grid_community')
    op.drop_geospatial_table('grid_community')
    op.drop_geospatial_index('ix_grid_street_geom', table_name='grid_street', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_grid_street_district_code'), table_name='grid_street')
    op.drop_geospatial_table('grid_street')
    op.drop_index(op.f('ix_grid_rule_unit_id'), table_name='grid_rule')
    op.drop_geospatial_index('ix_grid_rule_geom', table_name='grid_rule', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_grid_rule_district_code'), table_name='grid_rule')
    op.drop_index('ix_grid_rule_cell_codes', table_name='grid_rule', postgresql_using='gin')
    op.drop_index('ix_grid_rule_area_code', table_name='grid_rule')
    op.drop_geospatial_table('grid_rule')
    op.drop_geospatial_index('ix_grid_district_geom', table_name='grid_district', postgresql_using='gist', column_name='geom')
    op.drop_geospatial_table('grid_district')
    op.drop_index(op.f('ix_grid_component_grid_code'), table_name='grid_component')
    op.drop_geospatial_index('ix_grid_component_geom', table_name='grid_component', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_grid_component_district_code'), table_name='grid_component')
    op.drop_index('ix_grid_component_category_code', table_name='grid_component')
    op.drop_geospatial_table('grid_component')
    op.drop_index(op.f('ix_grid_unit_parent_id'), table_name='grid_unit')
    op.drop_index(op.f('ix_grid_unit_district_code'), table_name='grid_unit')
    op.drop_table('grid_unit')
    op.drop_geospatial_index('ix_grid_frontage_geom', table_name='grid_frontage', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_grid_frontage_district_code'), table_name='grid_frontage')
    op.drop_geospatial_table('grid_frontage')
    op.drop_index('uq_grid_cell_current_code', table_name='grid_cell', postgresql_where=sa.text('valid_to IS NULL'))
    op.drop_geospatial_index('ix_grid_cell_geom', table_name='grid_cell', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_grid_cell_district_code'), table_name='grid_cell')
    op.drop_geospatial_index('ix_grid_cell_current_geom', table_name='grid_cell', postgresql_using='gist', postgresql_where=sa.text('valid_to IS NULL'), column_name='geom')
    op.drop_index(op.f('ix_grid_cell_community_code'), table_name='grid_cell')
    op.drop_index('ix_grid_cell_code_valid_from', table_name='grid_cell')
    op.drop_geospatial_table('grid_cell')
    op.drop_index('ix_grid_address_norm_text_trgm', table_name='grid_address', postgresql_using='gin', postgresql_ops={'norm_text': 'gin_trgm_ops'})
    op.drop_geospatial_index('ix_grid_address_geom', table_name='grid_address', postgresql_using='gist', column_name='geom')
    op.drop_index(op.f('ix_grid_address_district_code'), table_name='grid_address')
    op.drop_geospatial_table('grid_address')
    op.drop_table('dispatch_category')
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
    op.execute("DROP EXTENSION IF EXISTS postgis")
