"""Stats tables: per-case facts, rollups maintained from the event stream, outbox, settings.

Every measure is a column of the same name in the fact table and in its rollup table; the lists
below are the one place that names them (the fact SQL, the delta SQL, the indicator queries and
the equality check are generated from them).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from app.core.db import Base


@dataclass(frozen=True, slots=True)
class Measure:
    """An additive count kept per case and summed in the rollups."""

    key: str
    label: str


# Case measures (per case 0/1 or a small count), summed in stats_rollup_area and, for `cases`,
# in stats_rollup_hotspot.
CASE_MEASURES: tuple[Measure, ...] = (
    Measure("cases", "上报数"),
    Measure("public_reports", "非监督员来源上报数"),
    Measure("filed", "立案数"),
    Measure("rejected", "不予受理/不予立案数"),
    Measure("merged", "合并数"),
    Measure("voided", "作废数"),
    Measure("dispatched", "派遣数"),
    Measure("returned", "回退案卷数"),
    Measure("returns", "回退次数"),
    Measure("handled", "处置数"),
    Measure("handled_on_time", "按期处置数"),
    Measure("handled_late", "超期处置数"),
    Measure("handled_reworked", "返工后处置数"),
    Measure("reworked", "返工案卷数"),
    Measure("reworks", "返工次数"),
    Measure("extended", "延期案卷数"),
    Measure("extensions", "延期次数"),
    Measure("suspended", "挂账案卷数"),
    Measure("suspensions", "挂账次数"),
    Measure("escalated", "督办案卷数"),
    Measure("closed", "结案数"),
    Measure("closed_filed", "立案后结案数"),
    Measure("closed_on_time", "按期结案数"),
    Measure("open_late", "在办且已有环节超期数"),
    Measure("callbacks", "有效回访数"),
    Measure("satisfied", "满意数"),
    Measure("basically_satisfied", "基本满意数"),
    Measure("dissatisfied", "不满意数"),
    Measure("contact_known", "有联系时效数据的热线案卷"),
    Measure("contacted_in_time", "按时联系数"),
    Measure("resolved_known", "有解决结果数据的热线案卷"),
    Measure("resolved", "已解决数"),
)
CASE_MEASURE_KEYS: tuple[str, ...] = tuple(m.key for m in CASE_MEASURES)

# Person measures, summed in stats_rollup_actor per (role, actor). `n` counts contributing
# case slots (a rollup row whose n drops to 0 is removed).
ACTOR_MEASURES: tuple[Measure, ...] = (
    Measure("n", "涉及案卷数"),
    Measure("reports", "上报数"),
    Measure("reports_decided", "已受理决定的上报数"),
    Measure("valid_reports", "有效上报数"),
    Measure("intake_done", "受理处理数"),
    Measure("intake_on_time", "按时受理数"),
    Measure("verify_done", "核实数"),
    Measure("verify_on_time", "按时核实数"),
    Measure("filed", "立案数"),
    Measure("filed_on_time", "按时立案数"),
    Measure("filed_voided", "立案后作废数"),
    Measure("dispatch_done", "派遣数"),
    Measure("dispatch_on_time", "按时派遣数"),
    Measure("dispatch_returned", "派遣后被回退数"),
    Measure("check_done", "核查数"),
    Measure("check_on_time", "按时核查数"),
    Measure("close_done", "结案数"),
    Measure("close_on_time", "按时结案数"),
)
ACTOR_MEASURE_KEYS: tuple[str, ...] = tuple(m.key for m in ACTOR_MEASURES)

# Actor slots of a case fact: who did it (the last actor of that kind of action) and counts.
SLOT_COLUMNS: tuple[str, ...] = (
    "reporter_id",
    "intake_id",
    "filer_id",
    "verifier_id",
    "dispatcher_id",
    "checker_id",
    "closer_id",
)
SLOT_COUNTS: tuple[str, ...] = (
    "reports_decided",
    "valid_reports",
    "intake_done",
    "intake_on_time",
    "filed_on_time",
    "verify_done",
    "verify_on_time",
    "dispatch_done",
    "dispatch_on_time",
    "dispatch_returned",
    "check_done",
    "check_on_time",
    "close_done",
    "close_on_time",
)


def _counts(keys: tuple[str, ...]) -> list[Column[int]]:
    return [Column(k, Integer, nullable=False, server_default="0") for k in keys]


case_fact = Table(
    "stats_case_fact",
    Base.metadata,
    Column("case_id", BigInteger, primary_key=True),
    Column("report_day", Date, nullable=False),
    Column("district_code", String(6), nullable=False),
    Column("street_code", String(9), nullable=False),
    Column("community_code", String(12), nullable=False),
    Column("grid_code", String(15), nullable=False),
    Column("category_id", Integer, nullable=False),
    Column("source", String(16), nullable=False),
    Column("unit_id", Integer),
    Column("status", String(16), nullable=False),
    Column("is_open", Boolean, nullable=False),
    # the earliest due time of the case's running (not paused) stages, while it is open
    Column("open_due_at", DateTime(timezone=True)),
    # the due time of its running level-1 处置 stage, while it is open
    Column("handle_due_at", DateTime(timezone=True)),
    *_counts(CASE_MEASURE_KEYS),
    Column("reporter_role", String(16)),
    Column("intake_role", String(16)),
    *[Column(k, Integer) for k in SLOT_COLUMNS],
    *_counts(SLOT_COUNTS),
    Index("ix_stats_case_fact_report_day", "report_day"),
    # open cases by report day: the "open overdue" figures are computed at query time from these
    Index(
        "ix_stats_case_fact_open_report_day",
        "report_day",
        "district_code",
        postgresql_where=text("is_open"),
    ),
)

rollup_area = Table(
    "stats_rollup_area",
    Base.metadata,
    Column("scope", String(12), nullable=False),
    Column("grain", String(1), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("district_code", String(6), nullable=False),
    Column("scope_key", String(15), nullable=False),
    *_counts(CASE_MEASURE_KEYS),
    PrimaryKeyConstraint("scope", "grain", "period_start", "district_code", "scope_key"),
    CheckConstraint("grain IN ('d','m','y')", name="grain"),
    Index("ix_stats_rollup_area_empty", "scope", postgresql_where=text("cases = 0")),
)

rollup_actor = Table(
    "stats_rollup_actor",
    Base.metadata,
    Column("role", String(16), nullable=False),
    Column("grain", String(1), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("district_code", String(6), nullable=False),
    Column("actor_id", Integer, nullable=False),
    *_counts(ACTOR_MEASURE_KEYS),
    PrimaryKeyConstraint("role", "grain", "period_start", "district_code", "actor_id"),
    CheckConstraint("grain IN ('d','m','y')", name="grain"),
    Index("ix_stats_rollup_actor_empty", "role", postgresql_where=text("n = 0")),
)

rollup_hotspot = Table(
    "stats_rollup_hotspot",
    Base.metadata,
    Column("period_start", Date, nullable=False),
    Column("district_code", String(6), nullable=False),
    Column("grid_code", String(15), nullable=False),
    Column("category_id", Integer, nullable=False),
    Column("cases", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("period_start", "district_code", "grid_code", "category_id"),
    Index("ix_stats_rollup_hotspot_empty", "period_start", postgresql_where=text("cases = 0")),
    # the categories of a few cells (the top of a hotspot list) over many months
    Index("ix_stats_rollup_hotspot_grid_code", "grid_code", "period_start"),
)

outbox = Table(
    "stats_outbox",
    Base.metadata,
    Column("id", BigInteger, primary_key=True),
    Column("case_id", BigInteger, nullable=False),
    Column("queued_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

setting = Table(
    "stats_setting",
    Base.metadata,
    Column("key", String(64), primary_key=True),
    Column("value", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_by", Integer),
)

assessment = Table(
    "stats_assessment",
    Base.metadata,
    Column("month", Date, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("district_code", String(6), nullable=False),
    Column("scope_key", String(15), nullable=False),
    Column("name", Text, nullable=False),
    Column("score", Numeric(7, 3)),  # null: not enough data for every weighted component
    Column("rank", Integer),
    Column("band", Text),
    Column("figures", JSONB, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", Integer),
    PrimaryKeyConstraint("month", "kind", "district_code", "scope_key"),
    CheckConstraint("kind IN ('unit','street')", name="kind"),
)
