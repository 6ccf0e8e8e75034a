"""Indicator tables (综合评价指标): counts, rates and composite scores per scope and period.

Every table is computed in one SQL statement from the rollups (whole months from month rows,
other days from day rows, or from the facts for scopes kept only by month) plus the open facts
for what is overdue *now*. Rates, scores and bands are SQL expressions generated from the
definitions below, with weights and bands bound from `stats_setting`; nothing large is loaded
into Python (tables are paged with `limit`/`offset`).

Two on-time figures are shown side by side (DOMAIN.md §6):
- 含超期在办 (the honest rate): on time / (finished + open cases already past due). An open
  case counts as late as soon as a stage of it is past due, so the rate cannot read 100 %
  while work piles up.
- 仅已处置 / 仅已结案: on time / finished, the closed-only rate.

A rate whose denominator is 0 is null (no data), never 0 or 100 %; a score is null when a
component with a non-zero weight is null.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.core.errors import InvalidInput
from app.stats.facts import AREA_SCOPES
from app.stats.models import ACTOR_MEASURE_KEYS, ACTOR_MEASURES, CASE_MEASURE_KEYS, CASE_MEASURES
from app.stats.periods import Period, make_period
from app.stats.settings import COMPONENTS, get_settings_map
from app.stats.table import Column, StatsTable


class UnknownScope(InvalidInput):
    """A scope the indicators do not know."""

    code = "unknown_scope"
    message = "未知的统计范围"


class UnknownColumn(InvalidInput):
    """A column (e.g. for ordering) that the table does not have."""

    code = "unknown_column"
    message = "未知的指标列"


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate: numerator / denominator (SQL over the summed counts)."""

    label: str
    num: str
    den: str


RATES: dict[str, Rate] = {
    "close_rate": Rate("结案率", "closed_filed", "filed"),
    "handle_on_time_rate": Rate(
        "按期处置率（含超期在办）", "handled_on_time", "handled + handle_overdue"
    ),
    "handle_on_time_rate_closed": Rate("按期处置率（仅已处置）", "handled_on_time", "handled"),
    "rework_rate": Rate("返工率", "handled_reworked", "handled"),
    "close_on_time_rate": Rate(
        "按期结案率（含超期在办）", "closed_on_time", "closed + open_overdue"
    ),
    "close_on_time_rate_closed": Rate("按期结案率（仅已结案）", "closed_on_time", "closed"),
    "satisfaction_rate": Rate(
        "满意率", "satisfied + CAST(:basic_factor AS float8) * basically_satisfied", "callbacks"
    ),
    "response_rate": Rate("响应率", "contacted_in_time", "contact_known"),
    "resolve_rate": Rate("解决率", "resolved", "resolved_known"),
    "valid_report_rate": Rate("有效上报率", "valid_reports", "reports_decided"),
    "miss_rate": Rate("漏报率", "cell_public", "cell_cases"),
    "verify_on_time_rate": Rate("按时核实率", "verify_on_time", "verify_done"),
    "check_on_time_rate": Rate("按时核查率", "check_on_time", "check_done"),
    "intake_on_time_rate": Rate("按时受理率", "intake_on_time", "intake_done"),
    "dispatch_on_time_rate": Rate("按时派遣率", "dispatch_on_time", "dispatch_done"),
    "dispatch_accuracy_rate": Rate(
        "准确派遣率", "dispatch_done - dispatch_returned", "dispatch_done"
    ),
    "file_on_time_rate": Rate("按时立案率", "filed_on_time", "filed"),
    "file_accuracy_rate": Rate("准确立案率", "filed - filed_voided", "filed"),
    "closing_on_time_rate": Rate("按时结案率", "close_on_time", "close_done"),
}

# Score components that are not plain rates ({rate} stands for a rate's SQL).
_COMPONENT_SQL = {
    "filed_score": "CASE WHEN max(filed) OVER () > 0 THEN filed::float8 / max(filed) OVER () END",
    "rework_free_rate": "1 - ({rework_rate})",
    "miss_free_rate": "1 - ({miss_rate})",
}

_EXTRA_LABELS = {
    "handle_overdue": "处置超期在办数",
    "open_overdue": "超期在办数",
    "cell_cases": "责任网格案件数",
    "cell_public": "责任网格非监督员来源案件数",
    "patrol_cells": "责任网格数",
}
LABELS: dict[str, str] = {
    **{m.key: m.label for m in CASE_MEASURES},
    **{m.key: m.label for m in ACTOR_MEASURES},
    **_EXTRA_LABELS,
    **{k: r.label for k, r in RATES.items()},
}
LABELS["filed"] = "立案数"
LABELS["close_done"] = "结案数"

AREA_COUNTS = (
    "cases",
    "filed",
    "rejected",
    "merged",
    "voided",
    "dispatched",
    "returned",
    "handled",
    "handled_on_time",
    "handled_late",
    "handle_overdue",
    "reworked",
    "extended",
    "suspended",
    "escalated",
    "closed",
    "closed_on_time",
    "open_overdue",
)
AREA_RATES = (
    "close_rate",
    "handle_on_time_rate",
    "handle_on_time_rate_closed",
    "rework_rate",
    "close_on_time_rate",
    "close_on_time_rate_closed",
    "satisfaction_rate",
)
HOTLINE_COUNTS = (
    "callbacks",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
    "contact_known",
    "contacted_in_time",
    "resolved_known",
    "resolved",
)
HOTLINE_RATES = ("response_rate", "resolve_rate", "satisfaction_rate")


@dataclass(frozen=True, slots=True)
class ScopeSpec:
    """A scope: its Chinese name, how a member is named, its columns and score scheme."""

    label: str
    key_label: str
    counts: tuple[str, ...]
    rates: tuple[str, ...]
    scheme: str | None
    role: str | None = None  # person scopes: the actor role in stats_rollup_actor


SCOPES: dict[str, ScopeSpec] = {
    "district": ScopeSpec("区县", "区县代码", AREA_COUNTS, AREA_RATES, "street"),
    "street": ScopeSpec("街道", "街道代码", AREA_COUNTS, AREA_RATES, "street"),
    "community": ScopeSpec("社区", "社区代码", AREA_COUNTS, AREA_RATES, "street"),
    "cell": ScopeSpec("单元网格", "网格代码", AREA_COUNTS, AREA_RATES, "street"),
    "unit": ScopeSpec(
        "责任单位",
        "单位 ID",
        (*AREA_COUNTS, "callbacks"),
        (*AREA_RATES, "response_rate", "resolve_rate"),
        "unit",
    ),
    "category": ScopeSpec("类别", "类别 ID", AREA_COUNTS, AREA_RATES, None),
    "source": ScopeSpec("来源", "来源", AREA_COUNTS, AREA_RATES, None),
    "inspector": ScopeSpec(
        "监督员",
        "用户 ID",
        (
            "reports",
            "reports_decided",
            "valid_reports",
            "verify_done",
            "verify_on_time",
            "check_done",
            "check_on_time",
            "patrol_cells",
            "cell_cases",
            "cell_public",
        ),
        ("valid_report_rate", "miss_rate", "verify_on_time_rate", "check_on_time_rate"),
        "inspector",
        "inspector",
    ),
    "operator": ScopeSpec(
        "受理员",
        "用户 ID",
        ("reports", "intake_done", "intake_on_time"),
        ("intake_on_time_rate",),
        "operator",
        "operator",
    ),
    "dispatcher": ScopeSpec(
        "派遣员",
        "用户 ID",
        ("dispatch_done", "dispatch_on_time", "dispatch_returned"),
        ("dispatch_on_time_rate", "dispatch_accuracy_rate"),
        "dispatcher",
        "dispatcher",
    ),
    "shift_leader": ScopeSpec(
        "值班长",
        "用户 ID",
        ("filed", "filed_on_time", "filed_voided", "close_done", "close_on_time"),
        ("file_on_time_rate", "file_accuracy_rate", "closing_on_time_rate"),
        "shift_leader",
        "shift_leader",
    ),
}

_NAMES: dict[str, tuple[str, str]] = {
    # scope → (join, name expression)
    "district": ("LEFT JOIN grid_district n ON n.code = t.key", "n.name"),
    "street": ("LEFT JOIN grid_street n ON n.code = t.key", "n.name"),
    "community": ("LEFT JOIN grid_community n ON n.code = t.key", "n.name"),
    "cell": (
        "LEFT JOIN grid_community n ON n.code = left(t.key, 12)",
        "n.name || ' ' || right(t.key, 3) || ' 号网格'",
    ),
    "unit": ("LEFT JOIN grid_unit n ON n.id = CAST(t.key AS integer)", "n.name"),
    "category": (
        "LEFT JOIN dispatch_category n ON n.id = CAST(t.key AS integer)",
        "n.name || '（' || n.kind || ':' || n.code || '）'",
    ),
    "source": (
        "",
        "CASE t.key "
        + " ".join(f"WHEN '{s.value}' THEN '{s.label}'" for s in wf.Source)
        + " ELSE t.key END",
    ),
}


# 责任网格: inspectors' patrol areas (dispatch_patrol_area, kept with the accounts) as cells; a
# community assignment stands for all its current cells.
PATROL_CELLS = """
    SELECT a.inspector_id, coalesce(g.code, a.code) AS grid_code
    FROM dispatch_patrol_area a
    LEFT JOIN grid_cell g
      ON a.kind = 'community' AND g.community_code = a.code AND g.valid_to IS NULL
    WHERE a.kind = 'cell' OR g.code IS NOT NULL
"""


def _rate_sql(rate: Rate) -> str:
    return f"CASE WHEN ({rate.den}) > 0 THEN ({rate.num})::float8 / ({rate.den}) END"


def _district_filter(col: str) -> str:
    return f"(CAST(:districts AS text[]) IS NULL OR {col} = ANY(CAST(:districts AS text[])))"


def period_rows(
    table: str, where: str, key: str, cols: Sequence[str], fact_key: str | None, prefix: str = ""
) -> str:
    """Rows of `table` for the period: year, month and day rows, and (optionally) fact days.

    One SELECT per grain (not an OR), so each is a range scan of the primary key.
    """
    c = "".join(f", {col}" for col in cols)
    sql = " UNION ALL ".join(
        f"SELECT {key} AS key{c} FROM {table} WHERE {where} AND grain = '{grain}'"
        f" AND period_start = ANY(CAST(:{prefix}{param} AS date[]))"
        f" AND {_district_filter('district_code')}"
        for grain, param in (("y", "years"), ("m", "months"), ("d", "rdays"))
    )
    if fact_key is not None:
        sql += (
            f" UNION ALL SELECT ({fact_key})::text AS key{c} FROM stats_case_fact f"
            f" WHERE f.report_day = ANY(CAST(:{prefix}fdays AS date[]))"
            f" AND {_district_filter('f.district_code')}"
            f" AND ({fact_key}) IS NOT NULL"
        )
    return sql


def split_period(period: Period, grains: str) -> dict[str, list[date]]:
    """Return the period's parameters for `period_rows` given the grains a scope keeps.

    years / months / rdays (day rows) when those grains exist; days of a scope without day rows
    come from the facts (fdays).
    """
    years, months, days = period.split_years()
    if "y" not in grains:
        years, (months, days) = [], period.split()
    if "m" not in grains:
        years, months, days = [], [], period.all_days()
    return {
        "years": years,
        "months": months,
        "rdays": days if "d" in grains else [],
        "fdays": [] if "d" in grains else days,
    }


# Scopes whose key implies its district: one rollup period gives one row per key.
_ONE_ROW_PER_KEY = frozenset({"district", "street", "community", "cell"})


def _area_total(scope: str, grouped: bool) -> str:
    """Return SQL counting the members of an area scope in the period (keys only)."""
    spec = AREA_SCOPES[scope]
    keys = period_rows(
        "stats_rollup_area",
        "scope = :scope",
        "scope_key",
        (),
        None if "d" in spec.grains else f"f.{spec.key_sql}",
    )
    if grouped:
        return f"(SELECT count(*) FROM (SELECT key FROM ({keys}) k GROUP BY key) g)"
    return f"(SELECT count(*) FROM ({keys}) k)"


def _area_base(scope: str, grouped: bool = True) -> str:
    spec = AREA_SCOPES[scope]
    sums = ", ".join(f"sum({m})::bigint AS {m}" for m in CASE_MEASURE_KEYS)
    rows = period_rows(
        "stats_rollup_area",
        "scope = :scope",
        "scope_key",
        CASE_MEASURE_KEYS,
        None if "d" in spec.grains else f"f.{spec.key_sql}",
    )
    fkey = f"({spec.key_sql})::text"
    if grouped:
        r = f"r AS (SELECT key, {sums} FROM ({rows}) x GROUP BY key)"
    else:  # one row per key already (one month or one year of an area scope): no aggregate
        plain = ", ".join(f"{m}::bigint AS {m}" for m in CASE_MEASURE_KEYS)
        r = f"r AS (SELECT key, {plain} FROM ({rows}) x)"
    return f"""
{r},
o AS (
    SELECT {fkey} AS key,
           count(*) FILTER (WHERE open_late = 0 AND open_due_at < :now) AS running_overdue,
           count(*) FILTER (WHERE handle_due_at < :now) AS handle_overdue
    FROM stats_case_fact
    WHERE is_open AND report_day BETWEEN :d0 AND :d1 AND {_district_filter("district_code")}
      AND {fkey} IS NOT NULL
    GROUP BY 1
),
t AS (
    SELECT r.*, coalesce(o.handle_overdue, 0) AS handle_overdue,
           r.open_late + coalesce(o.running_overdue, 0) AS open_overdue
    FROM r LEFT JOIN o ON o.key = r.key
)"""


def _person_base(spec: ScopeSpec) -> str:
    sums = ", ".join(f"sum({m})::bigint AS {m}" for m in ACTOR_MEASURE_KEYS)
    rows = period_rows(
        "stats_rollup_actor", "role = :role", "actor_id::text", ACTOR_MEASURE_KEYS, None
    )
    base = f"r AS (SELECT key, {sums} FROM ({rows}) x GROUP BY key)"
    if spec.role != "inspector":
        return base + ",\nt AS (SELECT r.* FROM r)"
    cells = period_rows(
        "stats_rollup_area",
        "scope = 'cell'",
        "scope_key",
        ("cases", "public_reports"),
        "f.grid_code",
        prefix="cell_",
    )
    keep = ", ".join(f"coalesce(r.{m}, 0) AS {m}" for m in ACTOR_MEASURE_KEYS)
    return f"""{base},
m AS (
    SELECT p.inspector_id::text AS key, count(DISTINCT p.grid_code) AS patrol_cells,
           coalesce(sum(c.public_reports), 0) AS cell_public, coalesce(sum(c.cases), 0) AS cell_cases
    FROM ({PATROL_CELLS}) p LEFT JOIN ({cells}) c ON c.key = p.grid_code
    WHERE {_district_filter("left(p.grid_code, 6)")}
    GROUP BY p.inspector_id
),
t AS (
    SELECT coalesce(r.key, m.key) AS key, {keep}, coalesce(m.patrol_cells, 0) AS patrol_cells,
           coalesce(m.cell_public, 0) AS cell_public, coalesce(m.cell_cases, 0) AS cell_cases
    FROM r FULL JOIN m ON m.key = r.key
)"""


def _component_sql(comp: str) -> str:
    """Return a score component as SQL over the summed counts (rates inlined)."""
    if comp in RATES:
        return _rate_sql(RATES[comp])
    return _COMPONENT_SQL[comp].format(**{k: _rate_sql(r) for k, r in RATES.items()})


def _score_sql(scheme: str, weights: Mapping[str, float], params: dict[str, Any]) -> str:
    parts, nulls = [], []
    for comp in COMPONENTS[scheme]:
        w = float(weights.get(comp, 0.0))
        if w == 0:
            continue
        expr = _component_sql(comp)
        name = f"w_{scheme}_{comp}"
        params[name] = w
        parts.append(f"CAST(:{name} AS float8) * ({expr})")
        nulls.append(f"({expr}) IS NULL")
    if not parts:
        return "NULL::float8"
    return f"CASE WHEN {' OR '.join(nulls)} THEN NULL ELSE 100 * ({' + '.join(parts)}) END"


def band_of(score: float | None, bands: Sequence[tuple[float, str]]) -> str | None:
    """Return the band (等次) of a score rounded to 2 decimals: the first band whose min it reaches."""
    if score is None:
        return None
    return next((label for low, label in bands if score >= low), None)


@dataclass(frozen=True, slots=True)
class Query:
    """A built indicator query: SQL, parameters and the columns it yields."""

    sql: str
    params: dict[str, Any]
    columns: tuple[Column, ...]
    bands: tuple[tuple[float, str], ...] = ()


def build_query(
    session: Session,
    scope: str,
    period: Period,
    *,
    districts: Sequence[str] | None,
    now: datetime,
    counts: Sequence[str] | None = None,
    rates: Sequence[str] | None = None,
    scheme: str | bool | None = True,
    order_by: str | None = None,
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> Query:
    """Build the indicator query of `scope` over `period` (see `indicator_table`)."""
    spec = SCOPES.get(scope)
    if spec is None:
        raise UnknownScope(
            f"未知的统计范围“{scope}”，可选：{'、'.join(SCOPES)}", scope=scope, known=list(SCOPES)
        )
    settings = get_settings_map(session)
    max_rows = int(settings["limits"]["max_rows"])
    limit = max_rows if limit is None else limit
    if not 1 <= limit <= max_rows:
        raise InvalidInput(f"limit 须在 1 到 {max_rows} 之间", field="limit", limit=limit)
    if offset < 0:
        raise InvalidInput("offset 不能为负数", field="offset")
    counts = tuple(spec.counts if counts is None else counts)
    rates = tuple(spec.rates if rates is None else rates)
    use_scheme = spec.scheme if scheme is True else (scheme or None)
    params: dict[str, Any] = {
        "scope": scope,
        "role": spec.role,
        "now": now,
        "d0": period.start,
        "d1": period.end,
        "districts": list(districts) if districts is not None else None,
        "basic_factor": float(settings["satisfaction"]["basically_satisfied_factor"]),
        "limit": limit,
        "offset": offset,
    }
    if spec.role is None:
        split = split_period(period, AREA_SCOPES[scope].grains)
        periods = len(split["years"]) + len(split["months"]) + len(split["rdays"])
        single = scope in _ONE_ROW_PER_KEY and periods == 1 and not split["fdays"]
        base = _area_base(scope, grouped=not single)
        total = _area_total(scope, grouped=not single)
        params |= split
        join, name = _NAMES[scope]
    else:
        base = _person_base(spec)
        params |= split_period(period, "dmy")
        params |= {
            f"cell_{k}": v for k, v in split_period(period, AREA_SCOPES["cell"].grains).items()
        }
        join, name = "", "NULL::text"
        total = "count(*) OVER ()"  # a few hundred people at most
    score = "NULL::float8 AS score"
    columns: list[Column] = [
        Column("key", spec.key_label),
        Column("name", "名称"),
        *(Column(k, LABELS[k], "int") for k in counts),
        *(Column(k, RATES[k].label, "rate") for k in rates),
    ]
    if use_scheme is not None:
        score = _score_sql(use_scheme, settings[f"{use_scheme}_weights"], params) + " AS score"
        columns += [Column("score", "综合得分", "score"), Column("band", "等次")]
    extra = ""
    if scope == "unit" and rates and "satisfaction_rate" in rates and scheme is True:
        extra = (
            ", " + _score_sql("hotline", settings["hotline_weights"], params) + " AS hotline_score"
        )
        columns.append(Column("hotline_score", "12345 三率综合得分", "score"))
    keys = [c.key for c in columns]
    order = order_by or (
        "score" if use_scheme is not None else "cases" if "cases" in keys else "key"
    )
    if order not in keys:
        raise UnknownColumn(f"没有指标列“{order}”", column=order, known=keys)
    direction = "DESC NULLS LAST" if descending else "ASC NULLS LAST"
    sort_col = f", {_rate_sql(RATES[order])} AS {order}" if order in RATES else ""
    select = ", ".join(
        {"name": f"{name} AS name", "band": "NULL::text AS band"}.get(
            k, f"{_rate_sql(RATES[k])} AS {k}" if k in RATES else f"t.{k}"
        )
        for k in keys
    )
    # Every member gets only what ordering needs (its score, or the sort column); rates, names
    # and the rest are computed for the returned page only. The band is given in Python from
    # the rounded score.
    sql = f"""
WITH {base},
s AS (SELECT t.*, {score}{extra}{sort_col} FROM t),
p AS (
    SELECT s.*, {total} AS total_rows FROM s
    ORDER BY s.{order} {direction}, s.key LIMIT :limit OFFSET :offset
)
SELECT {select}, t.total_rows FROM p t {join}
ORDER BY t.{order} {direction}, t.key
"""
    bands = tuple((float(b["min"]), str(b["label"])) for b in settings["score_bands"])
    return Query(sql, params, tuple(columns), bands)


# Rates and scores are computed in float8 (numeric division costs ~50 ms on 40k rows) and
# rounded only for the rows returned: rates to 4 decimals, scores to 2.
_DIGITS = {"rate": 4, "score": 2}


def _plain(value: Any, kind: str) -> Any:
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and kind in _DIGITS:
        return round(value, _DIGITS[kind])
    return value


def run_query(session: Session, q: Query) -> tuple[list[dict[str, Any]], int]:
    """Run a built query; return its rows (plain values) and the total row count."""
    session.execute(text("SET LOCAL jit = off"))  # JIT compiles for ~100 ms on big plans
    # the page's window (total rows) and sort hold every member (40k cells) in memory
    session.execute(text("SET LOCAL work_mem = '64MB'"))
    rows = session.execute(text(q.sql), q.params).mappings().all()
    total = int(rows[0]["total_rows"]) if rows else 0
    kinds = [(c.key, c.kind) for c in q.columns]
    out = [{k: _plain(r[k], kind) for k, kind in kinds} for r in rows]
    if any(c.key == "band" for c in q.columns):
        for row in out:
            row["band"] = band_of(row["score"], q.bands)
    return out, total


def indicator_table(
    session: Session,
    scope: str,
    period: Period,
    *,
    districts: Sequence[str] | None = None,
    now: datetime,
    order_by: str | None = None,
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> StatsTable:
    """Return the indicator table of `scope` (district … shift_leader) over `period`.

    `districts` limits the cases to those districts (None = all). Rows are ordered by
    `order_by` (default: score, else cases) and paged; `meta.total_rows` is the full count.
    Raises UnknownScope, UnknownColumn or InvalidInput (limit/offset).
    """
    q = build_query(
        session,
        scope,
        period,
        districts=districts,
        now=now,
        order_by=order_by,
        descending=descending,
        limit=limit,
        offset=offset,
    )
    rows, total = run_query(session, q)
    spec = SCOPES[scope]
    return StatsTable(
        title=f"{period.label} {spec.label}综合评价指标",
        columns=q.columns,
        rows=rows,
        meta=_meta(scope, period, districts, now, total, q, limit, offset),
    )


def hotline_table(
    session: Session,
    period: Period,
    *,
    districts: Sequence[str] | None = None,
    now: datetime,
    limit: int | None = None,
    offset: int = 0,
) -> StatsTable:
    """Return 12345 三率 per unit (响应率、解决率、满意率 and their composite) over `period`."""
    q = build_query(
        session,
        "unit",
        period,
        districts=districts,
        now=now,
        counts=HOTLINE_COUNTS,
        rates=HOTLINE_RATES,
        scheme="hotline",
        order_by="score",
        limit=limit,
        offset=offset,
    )
    rows, total = run_query(session, q)
    return StatsTable(
        title=f"{period.label} 12345 接诉即办三率（按责任单位）",
        columns=q.columns,
        rows=rows,
        meta=_meta("unit", period, districts, now, total, q, limit, offset)
        | {
            "note": "响应率、解决率来自热线工单数据；没有数据的单位为空（null），不按 0 或 100% 计。"
        },
    )


def _meta(
    scope: str,
    period: Period,
    districts: Sequence[str] | None,
    now: datetime,
    total: int,
    q: Query,
    limit: int | None,
    offset: int,
) -> dict[str, Any]:
    return {
        "scope": scope,
        "scope_label": SCOPES[scope].label,
        "period": {
            "kind": period.kind.value,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period.label,
        },
        "districts": list(districts) if districts is not None else None,
        "now": now.isoformat(),
        "total_rows": total,
        "limit": q.params["limit"],
        "offset": offset,
        "basis": "按上报日期（日历时区）选取案卷；超期在办按查询时刻计算",
    }


def resolve_period(
    session: Session,
    kind: str,
    *,
    on: str | date | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    now: datetime,
) -> Period:
    """Return the period asked for, checked against the configured maximum length."""
    from zoneinfo import ZoneInfo

    from app.core.config import get_settings

    max_days = int(get_settings_map(session)["limits"]["max_days"])
    today = now.astimezone(ZoneInfo(get_settings().calendar_timezone)).date()
    return make_period(kind, on=on, start=start, end=end, today=today, max_days=max_days)
