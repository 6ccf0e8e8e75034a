"""Dispatch tables: catalogue, filing standards, stage limits, working calendar (cases follow)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.cases import workflow as wf
from app.core.db import SRID, Base

DEFAULT_CATALOGUE = "GB/T 47678.5-2026"


class Category(Base):
    """部件/事件类别: (kind, 5-digit code) within a catalogue (standard or local extension)."""

    __tablename__ = "dispatch_category"
    __table_args__ = (
        UniqueConstraint("catalogue", "kind", "code", name="uq_dispatch_category_key"),
        CheckConstraint("kind IN ('component','event')", name="kind"),
        CheckConstraint(r"code ~ '^\d{5}$'", name="code_format"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalogue: Mapped[str] = mapped_column(String(64), server_default=DEFAULT_CATALOGUE)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(5))
    major_code: Mapped[str] = mapped_column(String(2))
    major_name: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    standard_ref: Mapped[str | None] = mapped_column(Text)
    provenance: Mapped[str | None] = mapped_column(Text)
    component_code: Mapped[str | None] = mapped_column(String(5))
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    # offered to the public (Open311 services); default set by catalogue.default_public_intake
    public_intake: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    auto_dispatch: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    duplicate_radius_m: Mapped[float | None] = mapped_column(Float)
    duplicate_window_h: Mapped[float | None] = mapped_column(Float)


class FilingStandard(Base):
    """立结案标准: one filing condition of a category, with severity and handling limit.

    Rows are versioned: an edit inserts a new row and retires the old one, so running stages keep
    the limit they started with (each stage also stores its own limit snapshot).
    """

    __tablename__ = "dispatch_filing_standard"
    __table_args__ = (
        CheckConstraint("severity IN ('urgent','serious','general','minor')", name="severity"),
        CheckConstraint(
            "limit_unit IN ('minute','work_hour','work_day','natural_hour','natural_day')",
            name="limit_unit",
        ),
        CheckConstraint(
            "key_limit_unit IS NULL OR key_limit_unit IN"
            " ('minute','work_hour','work_day','natural_hour','natural_day')",
            name="key_limit_unit",
        ),
        Index("ix_dispatch_filing_standard_category_active", "category_id", "active"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("dispatch_category.id"))
    seq: Mapped[int] = mapped_column(Integer)
    filing_condition: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(16))
    limit_value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    limit_unit: Mapped[str] = mapped_column(String(16))
    key_limit_value: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    key_limit_unit: Mapped[str | None] = mapped_column(String(16))
    closing_condition: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StageLimit(Base):
    """阶段时限: the limit of a stage (核实, 立案, 派遣, 核查, 结案), optionally per source channel."""

    __tablename__ = "dispatch_stage_limit"
    __table_args__ = (
        CheckConstraint(
            "stage IN ('verify','file','dispatch','handle','check','close')", name="stage"
        ),
        CheckConstraint(
            "limit_unit IN ('minute','work_hour','work_day','natural_hour','natural_day')",
            name="limit_unit",
        ),
        Index(
            "uq_dispatch_stage_limit_stage_source",
            "stage",
            text("coalesce(source, '*')"),
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stage: Mapped[str] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(String(16))
    limit_value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    limit_unit: Mapped[str] = mapped_column(String(16))


class CalendarDay(Base):
    """A date of the working calendar that differs from (or names) the weekday rule."""

    __tablename__ = "dispatch_calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)


class CalendarYear(Base):
    """A year whose State Council schedule is loaded (dates outside are provisional)."""

    __tablename__ = "dispatch_calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RefVersion(Base):
    """The version of the reference data (catalogue, filing standards, stage limits, calendar).

    One row (`id` 1). A statement trigger on each reference table sets `version` to the next
    value of `dispatch_ref_version_seq` (never reused, even when the edit rolls back), so a
    per-process cache labelled with a version is current exactly while that version is.
    """

    __tablename__ = "dispatch_ref_version"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, server_default="0")


class CaseNumber(Base):
    """Gap-free case-number sequence per district and year (row-locked on use)."""

    __tablename__ = "dispatch_case_number"

    district_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, server_default="0")


class Case(Base):
    """案卷: a problem in public space on its way through the closed loop."""

    __tablename__ = "dispatch_case"
    __table_args__ = (
        Index("ix_dispatch_case_geom", "geom", postgresql_using="gist"),
        Index("ix_dispatch_case_status", "status"),
        Index("ix_dispatch_case_assigned_unit_status", "assigned_unit_id", "status"),
        Index(
            "ix_dispatch_case_open_category_reported",
            "category_id",
            "reported_at",
            postgresql_where=text(f"status NOT IN {wf.FINISHED_SQL}"),
        ),
        CheckConstraint(
            "num_nulls(geom, raw_lon, raw_lat, raw_crs, grid_code, community_code, street_code,"
            " mgmt_class) IN (0, 8)",
            name="location_complete",
        ),
        # work queues (app.queues): cases a unit passed to a sub-unit; pending requests
        Index(
            "ix_dispatch_case_dispatching_unit",
            "dispatching_unit_id",
            postgresql_where=text("dispatching_unit_id IS NOT NULL"),
        ),
        Index("ix_dispatch_case_pending", "pending", postgresql_where=text("pending IS NOT NULL")),
        # case search (app.queues.search): newest first, keyset pages; also the public lists
        # by date (Open311), which a separate (reported_at) index only duplicated
        Index("ix_dispatch_case_reported_id", "reported_at", "id"),
        # who reported / who verifies or checks: most cases have neither (machine and hotline
        # reports, no task yet), and a case looked up by either always has it
        Index(
            "ix_dispatch_case_reporter_id",
            "reporter_id",
            postgresql_where=text("reporter_id IS NOT NULL"),
        ),
        Index(
            "ix_dispatch_case_task_inspector_id",
            "task_inspector_id",
            postgresql_where=text("task_inspector_id IS NOT NULL"),
        ),
        # room on each page so counter and chain-tail updates stay HOT (no index rewrites)
        {"postgresql_with": {"fillfactor": 90}},
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(32), unique=True)
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    source: Mapped[str] = mapped_column(String(16))
    category_id: Mapped[int] = mapped_column(ForeignKey("dispatch_category.id"), index=True)
    standard_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_filing_standard.id"))
    severity: Mapped[str | None] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    address_text: Mapped[str | None] = mapped_column(Text)
    # The location is all or nothing: a hotline ticket without a usable address has none (it is
    # routed to its district's fallback unit; app.channels.hotline.tickets) — CHECK location_complete.
    geom: Mapped[bytes | None] = mapped_column(Geometry("POINT", srid=SRID, spatial_index=False))
    raw_lon: Mapped[float | None] = mapped_column(Float)
    raw_lat: Mapped[float | None] = mapped_column(Float)
    raw_crs: Mapped[str | None] = mapped_column(String(16))
    # located at report time, never recomputed (a re-surveyed grid does not move old cases)
    grid_code: Mapped[str | None] = mapped_column(String(15), index=True)
    community_code: Mapped[str | None] = mapped_column(String(12))
    street_code: Mapped[str | None] = mapped_column(String(9))
    mgmt_class: Mapped[str | None] = mapped_column(String(16))
    routed_unit_id: Mapped[int | None] = mapped_column(ForeignKey("grid_unit.id"))
    routed_rule_id: Mapped[int | None] = mapped_column(Integer)
    routed_by: Mapped[str | None] = mapped_column(String(32))
    component_id: Mapped[str | None] = mapped_column(String(17))
    status: Mapped[str] = mapped_column(String(16))
    pending: Mapped[str | None] = mapped_column(String(16))
    pending_payload: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    assigned_unit_id: Mapped[int | None] = mapped_column(ForeignKey("grid_unit.id"))
    dispatching_unit_id: Mapped[int | None] = mapped_column(ForeignKey("grid_unit.id"))
    signed: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    master_case_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_case.id"))
    reporter_id: Mapped[int | None] = mapped_column(Integer)
    # The inspector who holds the case's current verify (核实) or check (核查) task.
    task_inspector_id: Mapped[int | None] = mapped_column(Integer)
    # An inspector reported outside the cells/communities assigned to them (accepted, flagged).
    outside_patrol_area: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    dispatches: Mapped[int] = mapped_column(Integer, server_default="0")
    redispatches: Mapped[int] = mapped_column(Integer, server_default="0")
    returns: Mapped[int] = mapped_column(Integer, server_default="0")
    reworks: Mapped[int] = mapped_column(Integer, server_default="0")
    extensions: Mapped[int] = mapped_column(Integer, server_default="0")
    extension_hours: Mapped[Decimal] = mapped_column(Numeric(10, 2), server_default="0")
    suspensions: Mapped[int] = mapped_column(Integer, server_default="0")
    suspended_seconds: Mapped[int] = mapped_column(Integer, server_default="0")
    repeat_requests: Mapped[int] = mapped_column(Integer, server_default="0")
    satisfaction: Mapped[str | None] = mapped_column(String(32))
    event_count: Mapped[int] = mapped_column(Integer, server_default="0")
    last_event_hash: Mapped[str | None] = mapped_column(String(64))
    calendar_provisional: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    filed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class CaseStage(Base):
    """The clock of one stage (and dispatch level) of a case: limit, due time, light."""

    __tablename__ = "dispatch_case_stage"
    __table_args__ = (
        CheckConstraint(
            "stage IN ('verify','file','dispatch','handle','check','close')", name="stage"
        ),
        CheckConstraint("light IN ('green','yellow','red')", name="light"),
        Index("ix_dispatch_case_stage_case_id", "case_id", "stage"),
        # a unit's queue and visibility: cases ever assigned to the unit (handle clocks)
        Index(
            "ix_dispatch_case_stage_unit_case",
            "unit_id",
            "case_id",
            postgresql_where=text("unit_id IS NOT NULL"),
        ),
        Index(
            "ix_dispatch_case_stage_open_next_threshold",
            "next_threshold_at",
            postgresql_where=text("stopped_at IS NULL AND paused_at IS NULL"),
        ),
        # the supervision list (督办): open stages past due, or marked red by the sweeper
        Index(
            "ix_dispatch_case_stage_open_due", "due_at", postgresql_where=text("stopped_at IS NULL")
        ),
        Index(
            "ix_dispatch_case_stage_open_red",
            "case_id",
            postgresql_where=text("stopped_at IS NULL AND light = 'red'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dispatch_case.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer, server_default="1")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("grid_unit.id"))
    limit_value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    limit_unit: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    yellow_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_threshold_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paused_seconds: Mapped[int] = mapped_column(Integer, server_default="0")
    extension_hours: Mapped[Decimal] = mapped_column(Numeric(10, 2), server_default="0")
    provisional: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    light: Mapped[str] = mapped_column(String(8), server_default="green")
    warned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    overdue_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CaseEvent(Base):
    """执法全过程记录: append-only, hash-chained per case (hash covers the previous hash)."""

    __tablename__ = "dispatch_case_event"
    __table_args__ = (
        UniqueConstraint("case_id", "seq", name="uq_dispatch_case_event_case_seq"),
        Index("ix_dispatch_case_event_txid_id", "txid", "id"),
        Index("ix_dispatch_case_event_created_at", "created_at"),  # update feeds by time (Open311)
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dispatch_case.id", ondelete="RESTRICT"))
    seq: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_role: Mapped[str] = mapped_column(String(16))
    actor_unit_id: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    photos: Mapped[list[str]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # The writing transaction's id (xid8 as bigint): the live feed reads events in commit-safe
    # (txid, id) order, only below the oldest running transaction (app.cases.feed).
    txid: Mapped[int] = mapped_column(
        BigInteger, server_default=text("(pg_current_xact_id()::text)::bigint")
    )


class IdempotencyRecord(Base):
    """The first answer to a request made with an `Idempotency-Key` (replayed on retries)."""

    __tablename__ = "dispatch_idempotency"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Attachment(Base):
    """照片附件: one stored photo (上报、核实、处置前、处置后、核查), linked to its case once known.

    The bytes are kept as uploaded (sha256 recorded); EXIF GPS and time are kept as evidence and
    never replace the point a report posts.
    """

    __tablename__ = "dispatch_attachment"
    __table_args__ = (
        CheckConstraint("kind IN ('report','verify','before','after','check')", name="kind"),
        CheckConstraint("size_bytes > 0", name="size_bytes"),
        CheckConstraint("(exif_lon IS NULL) = (exif_lat IS NULL)", name="exif_point"),
        Index("ix_dispatch_attachment_case_id", "case_id"),
        Index("ix_dispatch_attachment_sha256", "sha256"),
        # the unlinked uploads a cleanup job looks for
        Index(
            "ix_dispatch_attachment_unlinked_created_at",
            "created_at",
            postgresql_where=text("case_id IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_case.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16))
    content_type: Mapped[str] = mapped_column(String(32))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(Text)
    thumbnail_key: Mapped[str] = mapped_column(Text)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    exif_lon: Mapped[float | None] = mapped_column(Float)
    exif_lat: Mapped[float | None] = mapped_column(Float)
    exif_taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    uploaded_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# --- 12345 hotline (接诉即办) ----------------------------------------------------------------------

_LIMIT_UNITS = "('minute','work_hour','work_day','natural_hour','natural_day')"


class HotlineUrgency(Base):
    """紧急程度: an urgency class of hotline tickets and its feedback limit (反馈时限)."""

    __tablename__ = "dispatch_hotline_urgency"
    __table_args__ = (
        CheckConstraint(f"feedback_limit_unit IN {_LIMIT_UNITS}", name="feedback_limit_unit"),
        CheckConstraint("feedback_limit_value > 0", name="feedback_limit_positive"),
    )

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    feedback_limit_value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    feedback_limit_unit: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class HotlineKeyword(Base):
    """A keyword (synonym) that suggests a category from a caller's words (井盖, 摆摊, 牛皮癣…).

    Category names are keywords already (app.channels.hotline.categories.name_keywords); rows here add the
    words callers use. Keyed by (kind, code) so rows may precede the catalogue they point to.
    """

    __tablename__ = "dispatch_hotline_keyword"
    __table_args__ = (
        UniqueConstraint("kind", "code", "keyword", name="uq_dispatch_hotline_keyword_key"),
        CheckConstraint("kind IN ('component','event')", name="kind"),
        CheckConstraint(r"code ~ '^\d{5}$'", name="code_format"),
        CheckConstraint("weight > 0", name="weight_positive"),
        CheckConstraint("length(keyword) > 0", name="keyword_not_empty"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(5))
    keyword: Mapped[str] = mapped_column(Text)
    weight: Mapped[float] = mapped_column(Float, server_default="1")


class HotlineTicket(Base):
    """热线工单: the hotline side of a case — ticket number, caller (encrypted), clocks, results.

    The caller's name and phone are stored only encrypted (app.core.pii) plus their display masks;
    `phone_index` is a keyed blind index that finds repeat callers without decrypting.
    """

    __tablename__ = "dispatch_hotline_ticket"
    __table_args__ = (
        UniqueConstraint("source_system", "ticket_no", name="uq_dispatch_hotline_ticket_no"),
        CheckConstraint(
            "location_source IN ('point','address','geocoded','none')", name="location_source"
        ),
        CheckConstraint("category_source IN ('agent','suggested')", name="category_source"),
        CheckConstraint(f"feedback_limit_unit IN {_LIMIT_UNITS}", name="feedback_limit_unit"),
        CheckConstraint(
            f"satisfaction IS NULL OR satisfaction IN {wf.SATISFACTION_SQL}",
            name="satisfaction",
        ),
        CheckConstraint("(contacted_at IS NULL) = (contacted_in_time IS NULL)", name="contact"),
        Index("ix_dispatch_hotline_ticket_phone_index", "phone_index"),
        # the desk's "feedback overdue" list: tickets nobody has contacted yet
        Index(
            "ix_dispatch_hotline_ticket_uncontacted_due",
            "feedback_due_at",
            postgresql_where=text("contacted_at IS NULL"),
        ),
    )

    case_id: Mapped[int] = mapped_column(
        ForeignKey("dispatch_case.id", ondelete="RESTRICT"), primary_key=True
    )
    source_system: Mapped[str] = mapped_column(String(16))
    ticket_no: Mapped[str] = mapped_column(String(64))
    caller_name_enc: Mapped[str | None] = mapped_column(Text)
    caller_name_masked: Mapped[str | None] = mapped_column(String(64))
    caller_phone_enc: Mapped[str] = mapped_column(Text)
    caller_phone_masked: Mapped[str] = mapped_column(String(32))
    phone_index: Mapped[str] = mapped_column(String(64))
    urgency: Mapped[str] = mapped_column(ForeignKey("dispatch_hotline_urgency.code"))
    feedback_limit_value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    feedback_limit_unit: Mapped[str] = mapped_column(String(16))
    feedback_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    location_source: Mapped[str] = mapped_column(String(16))
    address_id: Mapped[int | None] = mapped_column(BigInteger)
    geocode_score: Mapped[float | None] = mapped_column(Float)
    category_source: Mapped[str] = mapped_column(String(16))
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    contacted_by: Mapped[int | None] = mapped_column(Integer)
    contacted_in_time: Mapped[bool | None] = mapped_column(Boolean)
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[int | None] = mapped_column(Integer)
    satisfaction: Mapped[str | None] = mapped_column(String(32))
    callback_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
