"""Space: areas, unit grid cells, units, rules, components, frontage zones, standard addresses.

Districts → streets → communities → cells. Every geometry is stored in EPSG:4326 (app.core.db.SRID).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import SRID, Base


def _multipolygon() -> Geometry:
    return Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False)


def _point() -> Geometry:
    return Geometry("POINT", srid=SRID, spatial_index=False)


class District(Base):
    """区县: 6-digit GB/T 2260 code."""

    __tablename__ = "grid_district"
    __table_args__ = (
        CheckConstraint(r"code ~ '^\d{6}$'", name="code_format"),
        Index("ix_grid_district_geom", "geom", postgresql_using="gist"),
    )

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    geom: Mapped[bytes] = mapped_column(_multipolygon())
    fallback_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("grid_unit.id", ondelete="SET NULL")
    )


class Street(Base):
    """街道/镇: 9-digit code (district 6 + 3)."""

    __tablename__ = "grid_street"
    __table_args__ = (
        CheckConstraint(r"code ~ '^\d{9}$'", name="code_format"),
        Index("ix_grid_street_geom", "geom", postgresql_using="gist"),
    )

    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    district_code: Mapped[str] = mapped_column(
        ForeignKey("grid_district.code", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    geom: Mapped[bytes] = mapped_column(_multipolygon())


class Community(Base):
    """社区/村: 12-digit code (street 9 + 3)."""

    __tablename__ = "grid_community"
    __table_args__ = (
        CheckConstraint(r"code ~ '^\d{12}$'", name="code_format"),
        Index("ix_grid_community_geom", "geom", postgresql_using="gist"),
    )

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    street_code: Mapped[str] = mapped_column(
        ForeignKey("grid_street.code", ondelete="CASCADE"), index=True
    )
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    name: Mapped[str] = mapped_column(Text)
    geom: Mapped[bytes] = mapped_column(_multipolygon())


class Cell(Base):
    """单元网格: 15-digit code; one row per survey generation (valid_from/valid_to)."""

    __tablename__ = "grid_cell"
    __table_args__ = (
        CheckConstraint(r"code ~ '^\d{15}$'", name="code_format"),
        CheckConstraint("valid_to IS NULL OR valid_to > valid_from", name="validity"),
        Index(
            "uq_grid_cell_current_code",
            "code",
            unique=True,
            postgresql_where=text("valid_to IS NULL"),
        ),
        Index(
            "ix_grid_cell_current_geom",
            "geom",
            postgresql_using="gist",
            postgresql_where=text("valid_to IS NULL"),
        ),
        Index("ix_grid_cell_geom", "geom", postgresql_using="gist"),
        Index("ix_grid_cell_code_valid_from", "code", "valid_from", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    code: Mapped[str] = mapped_column(String(15))
    community_code: Mapped[str] = mapped_column(String(12), index=True)
    street_code: Mapped[str] = mapped_column(String(9))
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    mgmt_class: Mapped[str] = mapped_column(String(16), server_default="normal")
    area_m2: Mapped[float] = mapped_column(Float)
    geom: Mapped[bytes] = mapped_column(_multipolygon())
    valid_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    valid_to: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Unit(Base):
    """责任单位: a bureau, street office, utility company, district government; may have a parent."""

    __tablename__ = "grid_unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    district_code: Mapped[str | None] = mapped_column(String(6), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("grid_unit.id", ondelete="SET NULL"), index=True
    )
    contact_name: Mapped[str | None] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class Rule(Base):
    """责任规则: unit × category scope × area scope × role × priority."""

    __tablename__ = "grid_rule"
    __table_args__ = (
        CheckConstraint("role IN ('territorial','specialist','fallback')", name="role"),
        CheckConstraint(
            "category_kind IS NULL OR category_kind IN ('component','event')", name="kind"
        ),
        CheckConstraint(
            "area_scope IN ('district','street','community','cells','polygon')", name="area_scope"
        ),
        CheckConstraint(
            "(area_scope IN ('district','street','community') AND area_code IS NOT NULL)"
            " OR (area_scope = 'cells' AND cell_codes IS NOT NULL)"
            " OR (area_scope = 'polygon' AND geom IS NOT NULL)",
            name="area_scope_value",
        ),
        CheckConstraint("category_code IS NULL OR major_code IS NULL", name="one_category_scope"),
        Index("ix_grid_rule_geom", "geom", postgresql_using="gist"),
        Index("ix_grid_rule_area_code", "area_code"),
        Index("ix_grid_rule_cell_codes", "cell_codes", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("grid_unit.id", ondelete="CASCADE"), index=True)
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    role: Mapped[str] = mapped_column(String(16))
    category_kind: Mapped[str | None] = mapped_column(String(16))
    major_code: Mapped[str | None] = mapped_column(String(2))
    category_code: Mapped[str | None] = mapped_column(String(5))
    area_scope: Mapped[str] = mapped_column(String(16))
    area_code: Mapped[str | None] = mapped_column(String(15))
    cell_codes: Mapped[list[str] | None] = mapped_column(ARRAY(String(15)))
    geom: Mapped[bytes | None] = mapped_column(_multipolygon(), nullable=True)
    priority: Mapped[int] = mapped_column(Integer, server_default="0")
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))  # 停用: not routed


class Component(Base):
    """部件: 17-digit id (6 admin + 2 major + 3 minor + 6 sequence)."""

    __tablename__ = "grid_component"
    __table_args__ = (
        CheckConstraint(r"id ~ '^\d{17}$'", name="id_format"),
        CheckConstraint("state IN ('intact','damaged','lost','abandoned','removed')", name="state"),
        Index("ix_grid_component_geom", "geom", postgresql_using="gist"),
        Index("ix_grid_component_category_code", "category_code"),
    )

    id: Mapped[str] = mapped_column(String(17), primary_key=True)
    category_code: Mapped[str] = mapped_column(String(5))
    name: Mapped[str | None] = mapped_column(Text)
    supervising_dept: Mapped[str | None] = mapped_column(Text)
    owner_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("grid_unit.id", ondelete="SET NULL")
    )
    maintainer_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("grid_unit.id", ondelete="SET NULL")
    )
    owner_name: Mapped[str | None] = mapped_column(Text)
    maintainer_name: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), server_default="intact")
    geom: Mapped[bytes] = mapped_column(_point())
    grid_code: Mapped[str | None] = mapped_column(String(15), index=True)
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Frontage(Base):
    """门前三包 zone: the shop or unit responsible for the frontage, with its polygon."""

    __tablename__ = "grid_frontage"
    __table_args__ = (Index("ix_grid_frontage_geom", "geom", postgresql_using="gist"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder_name: Mapped[str] = mapped_column(Text)
    holder_contact: Mapped[str | None] = mapped_column(Text)
    holder_phone: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    geom: Mapped[bytes] = mapped_column(_multipolygon())


class Address(Base):
    """标准地址: full text, parts and a point; `norm_text` is the normalised form for pg_trgm."""

    __tablename__ = "grid_address"
    __table_args__ = (
        Index("ix_grid_address_geom", "geom", postgresql_using="gist"),
        Index(
            "ix_grid_address_norm_text_trgm",
            "norm_text",
            postgresql_using="gin",
            postgresql_ops={"norm_text": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    code: Mapped[str | None] = mapped_column(String(32), unique=True)
    full_text: Mapped[str] = mapped_column(Text)
    norm_text: Mapped[str] = mapped_column(Text)
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    street_code: Mapped[str | None] = mapped_column(String(9))
    road: Mapped[str | None] = mapped_column(Text)
    house_number: Mapped[str | None] = mapped_column(Text)
    poi: Mapped[str | None] = mapped_column(Text)
    geom: Mapped[bytes] = mapped_column(_point())


class ImportJob(Base):
    """网格数据导入任务: an upload checked (dry run) or imported off the request thread.

    The row is the job's record and its progress: a console polls it by id (stage, done/total,
    `progress` 0–1), and after the run it keeps the outcome — the summary, or every problem with
    its fid, code and point (and shape, as GeoJSON) — for as long as the row is kept.
    """

    __tablename__ = "grid_import_job"
    __table_args__ = (
        CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'refused', 'failed')", name="status"
        ),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress_range"),
        Index("ix_grid_import_job_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    layer: Mapped[str] = mapped_column(String(16))
    dry_run: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16), server_default=text("'queued'"))
    file_name: Mapped[str] = mapped_column(Text)
    file_path: Mapped[str] = mapped_column(Text)
    options: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    stage: Mapped[str | None] = mapped_column(Text)
    done: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    total: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    progress: Mapped[float] = mapped_column(Float, server_default=text("0"))
    message: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    problems: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
