"""Per-case facts and the rollups maintained from the event stream (outbox → refresher).

How the rollups stay equal to a recomputation, by construction:

- An AFTER INSERT trigger on `dispatch_case_event` (statement level) queues the case ids of the
  new events in `stats_outbox`, in the writer's own transaction: an event and its queue entry
  commit together or not at all. Every change of a case goes through an event (`_apply`, the
  sweeper, the calendar reload), so every change is queued.
- The refresher takes queued rows with `DELETE … RETURNING` (`SKIP LOCKED`), recomputes the fact
  row of each of those cases from the base tables (`dispatch_case`, `dispatch_case_stage`,
  `dispatch_case_event`), and in the same transaction subtracts the stored (old) fact from every
  rollup and adds the new one, then replaces the stored fact. Refreshers serialize on a
  transaction-level advisory lock, so the stored fact is always what the rollups contain.
- No watermark: an event whose transaction commits late has its own queue row, which only
  becomes visible (and taken) when it commits; the fact read after taking it sees the event.
  A queue row taken early for a case whose later events are not yet visible is harmless: those
  events queue the case again.

Open-overdue is a state at query time (it changes with the clock, not with events), so it is
not rolled up: the fact keeps `open_due_at` / `handle_due_at` of open cases and the indicator
queries count `… < now` over the partial index of open facts.

Attribution: a case's measures belong to the day it was reported (上报日期, in the calendar's
time zone) — a period selects a cohort of cases. Person measures go to the last person who took
each kind of action on the case (the reporter, the operator who decided the intake, the shift
leader who filed or closed it, the dispatcher, the verifying or checking inspector).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Engine, TextClause, text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.time.deadlines import overdue_sql
from app.channels.hotline.rates import hotline_facts
from app.core.config import get_settings
from app.core.db import unit_of_work
from app.core.errors import InvalidInput
from app.core.logging import get_logger
from app.grid.codes import unlocated_sql
from app.stats.models import (
    ACTOR_MEASURE_KEYS,
    CASE_MEASURE_KEYS,
    SLOT_COLUMNS,
    SLOT_COUNTS,
)

# pg advisory lock of the refresher / rebuild ("xiuhstat" in one bigint).
STATS_LOCK_KEY = 0x7869_7568_7374_6174
DEFAULT_BATCH_SIZE = 5000

A = wf.Action
_PERSON = "e.actor_id IS NOT NULL AND e.actor_role <> 'system'"
_INTAKE = (A.send_verify, A.reject, A.merge)
_VERIFY = (A.verify_exists, A.verify_not_exists)
_CHECK = (A.check_pass, A.check_fail)
_RELEVANT = (
    A.report,
    *_INTAKE,
    A.file,
    *_VERIFY,
    A.dispatch,
    A.return_approve,
    *_CHECK,
    A.close,
)
FINISHED = tuple(sorted(s.value for s in wf.FINISHED_STATUSES))


def _stage_stops() -> list[tuple[str, str]]:
    """Return (action, stage it stops) for the stages people are rated on (from the table)."""
    pairs: dict[str, str] = {}
    for rule in wf.TABLE:
        for stage in rule.stops:
            if stage is wf.Stage.handle:
                continue  # units are rated on the case's 处置 stages, not per event
            if pairs.setdefault(rule.action.value, stage.value) != stage.value:
                raise ValueError(f"{rule.action} stops two stages")
    return sorted(pairs.items())


def _in(actions: Iterable[wf.Action | str]) -> str:
    return "(" + ", ".join(f"'{wf.Action(a).value}'" for a in actions) + ")"


_STOPS_VALUES = ", ".join(f"('{a}', '{s}')" for a, s in _stage_stops())
_FINISHED_SQL = "(" + ", ".join(f"'{s}'" for s in FINISHED) + ")"


def _last(col: str, cond: str) -> str:
    return f"(array_agg(e.{col} ORDER BY e.seq DESC) FILTER (WHERE {cond}))[1]"


def _fact_sql(where: str) -> str:
    """Return the SELECT of fact rows (columns in table order) of the cases matching `where`."""
    intake = f"e.action IN {_in(_INTAKE)} AND {_PERSON}"
    verify = f"e.action IN {_in(_VERIFY)} AND {_PERSON}"
    check = f"e.action IN {_in(_CHECK)} AND {_PERSON}"
    file = f"e.action = 'file' AND {_PERSON}"
    dispatch = f"e.action = 'dispatch' AND {_PERSON}"
    close = f"e.action = 'close' AND {_PERSON}"
    report = f"e.action = 'report' AND {_PERSON}"
    return f"""
WITH c AS MATERIALIZED (
    SELECT * FROM dispatch_case c WHERE {where}
)
SELECT
    c.id AS case_id,
    (c.reported_at AT TIME ZONE CAST(:tz AS text))::date AS report_day,
    c.district_code,
    -- a ticket with no usable location (12345 兜底) counts in its district under "未定位"
    coalesce(c.street_code, {unlocated_sql("street", "c.district_code")}) AS street_code,
    coalesce(c.community_code, {unlocated_sql("community", "c.district_code")})
        AS community_code,
    coalesce(c.grid_code, {unlocated_sql("cell", "c.district_code")}) AS grid_code,
    c.category_id, c.source,
    s.unit_id, c.status,
    o.is_open,
    CASE WHEN o.is_open THEN s.open_due_at END AS open_due_at,
    CASE WHEN o.is_open THEN s.handle_due_at END AS handle_due_at,
    1 AS cases,
    (c.source <> 'inspector')::int AS public_reports,
    (c.filed_at IS NOT NULL)::int AS filed,
    (c.status = 'rejected')::int AS rejected,
    (c.status = 'merged')::int AS merged,
    (c.status = 'voided')::int AS voided,
    (c.dispatches > 0)::int AS dispatched,
    (c.returns > 0)::int AS returned,
    c.returns,
    h.handled::int AS handled,
    (h.handled AND s.handle_on_time)::int AS handled_on_time,
    (h.handled AND NOT s.handle_on_time)::int AS handled_late,
    (h.handled AND c.reworks > 0)::int AS handled_reworked,
    (c.reworks > 0)::int AS reworked,
    c.reworks,
    (c.extensions > 0)::int AS extended,
    c.extensions,
    (c.suspensions > 0)::int AS suspended,
    c.suspensions,
    coalesce(s.escalated, false)::int AS escalated,
    (c.closed_at IS NOT NULL)::int AS closed,
    (c.closed_at IS NOT NULL AND c.filed_at IS NOT NULL)::int AS closed_filed,
    (c.closed_at IS NOT NULL AND coalesce(s.late_stages, 0) = 0)::int AS closed_on_time,
    (o.is_open AND coalesce(s.late_stages, 0) > 0)::int AS open_late,
    (c.satisfaction IS NOT NULL)::int AS callbacks,
    coalesce(c.satisfaction = 'satisfied', false)::int AS satisfied,
    coalesce(c.satisfaction = 'basically_satisfied', false)::int AS basically_satisfied,
    coalesce(c.satisfaction = 'dissatisfied', false)::int AS dissatisfied,
    (hl.contacted_in_time IS NOT NULL)::int AS contact_known,
    coalesce(hl.contacted_in_time, false)::int AS contacted_in_time,
    (hl.resolved IS NOT NULL)::int AS resolved_known,
    coalesce(hl.resolved, false)::int AS resolved,
    a.reporter_role, a.intake_role,
    a.reporter_id, a.intake_id, a.filer_id, a.verifier_id, a.dispatcher_id, a.checker_id,
    a.closer_id,
    (c.status NOT IN ('reported', 'verifying'))::int AS reports_decided,
    (c.filed_at IS NOT NULL OR c.closed_at IS NOT NULL)::int AS valid_reports,
    coalesce(a.intake_done, 0) AS intake_done,
    coalesce(a.intake_on_time, 0) AS intake_on_time,
    coalesce(a.filed_on_time, 0) AS filed_on_time,
    coalesce(a.verify_done, 0) AS verify_done,
    coalesce(a.verify_on_time, 0) AS verify_on_time,
    coalesce(a.dispatch_done, 0) AS dispatch_done,
    coalesce(a.dispatch_on_time, 0) AS dispatch_on_time,
    coalesce(a.dispatch_returned, 0) AS dispatch_returned,
    coalesce(a.check_done, 0) AS check_done,
    coalesce(a.check_on_time, 0) AS check_on_time,
    coalesce(a.close_done, 0) AS close_done,
    coalesce(a.close_on_time, 0) AS close_on_time
FROM c
-- per case (index lookups): the plan stays the same from one case to tens of millions
LEFT JOIN LATERAL (
    SELECT
        count(*) FILTER (WHERE {overdue_sql("st.stopped_at", "st.due_at")}) AS late_stages,
        min(st.due_at) FILTER (WHERE st.stopped_at IS NULL AND st.paused_at IS NULL)
            AS open_due_at,
        min(st.due_at) FILTER (WHERE st.stage = 'handle' AND st.level = 1
                               AND st.stopped_at IS NULL AND st.paused_at IS NULL)
            AS handle_due_at,
        coalesce(bool_or(st.stage = 'handle' AND st.level = 1 AND st.stopped_at IS NULL), false)
            AS handle_running,
        (array_agg(st.unit_id ORDER BY st.started_at DESC, st.id DESC)
            FILTER (WHERE st.stage = 'handle' AND st.level = 1))[1] AS unit_id,
        coalesce(bool_or(st.stage = 'handle' AND st.level = 1 AND st.stopped_at = c.handled_at
                         AND st.stopped_at <= st.due_at), false) AS handle_on_time,
        coalesce(bool_or(st.escalated_at IS NOT NULL), false) AS escalated
    FROM dispatch_case_stage st WHERE st.case_id = c.id
) s ON true
LEFT JOIN LATERAL (
    SELECT
        {_last("actor_role", report)} AS reporter_role,
        {_last("actor_role", intake)} AS intake_role,
        {_last("actor_id", report)} AS reporter_id,
        {_last("actor_id", intake)} AS intake_id,
        {_last("actor_id", file)} AS filer_id,
        {_last("actor_id", verify)} AS verifier_id,
        {_last("actor_id", dispatch)} AS dispatcher_id,
        {_last("actor_id", check)} AS checker_id,
        {_last("actor_id", close)} AS closer_id,
        count(*) FILTER (WHERE {intake}) AS intake_done,
        count(*) FILTER (WHERE {intake} AND e.on_time) AS intake_on_time,
        count(*) FILTER (WHERE {file} AND e.on_time) AS filed_on_time,
        count(*) FILTER (WHERE {verify}) AS verify_done,
        count(*) FILTER (WHERE {verify} AND e.on_time) AS verify_on_time,
        count(*) FILTER (WHERE {dispatch}) AS dispatch_done,
        count(*) FILTER (WHERE {dispatch} AND e.on_time) AS dispatch_on_time,
        count(*) FILTER (WHERE {dispatch} AND e.next_dr = 'return_approve') AS dispatch_returned,
        count(*) FILTER (WHERE {check}) AS check_done,
        count(*) FILTER (WHERE {check} AND e.on_time) AS check_on_time,
        count(*) FILTER (WHERE {close}) AS close_done,
        count(*) FILTER (WHERE {close} AND e.on_time) AS close_on_time
    FROM (
        SELECT e.seq, e.action, e.actor_id, e.actor_role,
               coalesce(st.on_time, false) AS on_time,
               CASE WHEN e.action IN ('dispatch', 'return_approve') THEN
                   lead(e.action) OVER (PARTITION BY e.action IN ('dispatch', 'return_approve')
                                        ORDER BY e.seq) END AS next_dr
        FROM dispatch_case_event e
        LEFT JOIN (VALUES {_STOPS_VALUES}) m(action, stage) ON m.action = e.action
        LEFT JOIN LATERAL (
            SELECT s2.stopped_at <= s2.due_at AS on_time FROM dispatch_case_stage s2
            WHERE s2.case_id = e.case_id AND s2.stage = m.stage AND s2.level = 1
              AND s2.stopped_at = e.created_at
            ORDER BY s2.id LIMIT 1
        ) st ON true
        WHERE e.case_id = c.id AND e.action IN {_in(_RELEVANT)}
    ) e
) a ON true
LEFT JOIN jsonb_to_recordset(CAST(:hotline AS jsonb))
    AS hl(case_id bigint, contacted_in_time boolean, resolved boolean) ON hl.case_id = c.id
CROSS JOIN LATERAL (SELECT c.status NOT IN {_FINISHED_SQL} AS is_open) o
CROSS JOIN LATERAL (
    SELECT c.handled_at IS NOT NULL AND NOT coalesce(s.handle_running, false) AS handled
) h
"""


def located_sql(col: str) -> str:
    """Return SQL true when a street, community or cell code of the facts is a real place.

    A case without a point is kept in its district with the code ``<district>000…`` (its own
    three digits 000, which no street, community or cell has): counted in district totals and
    as 未定位 beside area tables, never listed as a place (docs/STATS.md).
    """
    return f"right({col}, 3) <> '000'"


FACT_COLUMNS: tuple[str, ...] = (
    "case_id",
    "report_day",
    "district_code",
    "street_code",
    "community_code",
    "grid_code",
    "category_id",
    "source",
    "unit_id",
    "status",
    "is_open",
    "open_due_at",
    "handle_due_at",
    *CASE_MEASURE_KEYS,
    "reporter_role",
    "intake_role",
    *SLOT_COLUMNS,
    *SLOT_COUNTS,
)
_COLS = ", ".join(FACT_COLUMNS)
FACTS_BY_IDS = _fact_sql("c.id = ANY(CAST(:ids AS bigint[]))")
FACTS_BY_RANGE = _fact_sql("c.id BETWEEN :lo AND :hi")


# --- rollup projections -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AreaScope:
    """A rollup scope of stats_rollup_area: the fact column it groups by and its grains."""

    key_sql: str
    grains: str  # 'd' day, 'm' month, 'y' year; days outside the grains come from the facts


AREA_SCOPES: dict[str, AreaScope] = {
    "district": AreaScope("district_code", "dmy"),
    "street": AreaScope("street_code", "dmy"),
    "community": AreaScope("community_code", "dmy"),
    "cell": AreaScope("grid_code", "my"),  # ~1 row per case per day: days come from the facts
    "unit": AreaScope("unit_id::text", "dmy"),
    "category": AreaScope("category_id::text", "dmy"),
    "source": AreaScope("source", "dmy"),
}


@dataclass(frozen=True, slots=True)
class Slot:
    """A person slot of the fact: the actor column, its role, and the measures it carries."""

    actor: str
    role_sql: str
    measures: dict[str, str]  # actor measure → expression on the fact


SLOTS: tuple[Slot, ...] = (
    Slot(
        "reporter_id",
        "f.reporter_role",
        {
            "reports": "1",
            "reports_decided": "f.reports_decided",
            "valid_reports": "f.valid_reports",
        },
    ),
    Slot(
        "intake_id",
        "f.intake_role",
        {"intake_done": "f.intake_done", "intake_on_time": "f.intake_on_time"},
    ),
    Slot(
        "filer_id",
        "'shift_leader'",
        {"filed": "1", "filed_on_time": "f.filed_on_time", "filed_voided": "f.voided"},
    ),
    Slot(
        "verifier_id",
        "'inspector'",
        {"verify_done": "f.verify_done", "verify_on_time": "f.verify_on_time"},
    ),
    Slot(
        "dispatcher_id",
        "'dispatcher'",
        {
            "dispatch_done": "f.dispatch_done",
            "dispatch_on_time": "f.dispatch_on_time",
            "dispatch_returned": "f.dispatch_returned",
        },
    ),
    Slot(
        "checker_id",
        "'inspector'",
        {"check_done": "f.check_done", "check_on_time": "f.check_on_time"},
    ),
    Slot(
        "closer_id",
        "'shift_leader'",
        {"close_done": "f.close_done", "close_on_time": "f.close_on_time"},
    ),
)

_PERIOD = {
    "d": "f.report_day",
    "m": "date_trunc('month', f.report_day)::date",
    "y": "date_trunc('year', f.report_day)::date",
}


def area_rollup_select(source: str, signed: bool = False) -> str:
    """SELECT of grouped stats_rollup_area rows from fact rows `source` (alias f)."""
    sign = "f.sign * " if signed else ""
    parts = []
    for scope, spec in AREA_SCOPES.items():
        for grain in spec.grains:
            measures = ", ".join(f"{sign}f.{m} AS {m}" for m in CASE_MEASURE_KEYS)
            parts.append(
                f"SELECT '{scope}' AS scope, '{grain}' AS grain, {_PERIOD[grain]} AS period_start,"
                f" f.district_code, ({spec.key_sql}) AS scope_key, {measures}"
                f" FROM {source} f WHERE ({spec.key_sql}) IS NOT NULL"
            )
    sums = ", ".join(f"sum({m})::int AS {m}" for m in CASE_MEASURE_KEYS)
    having = " OR ".join(f"sum({m}) <> 0" for m in CASE_MEASURE_KEYS)
    return (
        f"SELECT scope, grain, period_start, district_code, scope_key, {sums}"
        f" FROM ({' UNION ALL '.join(parts)}) p"
        " GROUP BY scope, grain, period_start, district_code, scope_key"
        f" HAVING {having}"
    )


def actor_rollup_select(
    source: str, signed: bool = False, *, grains: str = "dmy", having: bool = True
) -> str:
    """SELECT of grouped stats_rollup_actor rows from fact rows `source` (alias f)."""
    sign = "f.sign * " if signed else ""
    parts = []
    for slot in SLOTS:
        exprs = {"n": "1", **slot.measures}
        for grain in grains:
            measures = ", ".join(
                f"{sign}({exprs[m]}) AS {m}" if m in exprs else f"0 AS {m}"
                for m in ACTOR_MEASURE_KEYS
            )
            parts.append(
                f"SELECT {slot.role_sql} AS role, '{grain}' AS grain,"
                f" {_PERIOD[grain]} AS period_start, f.district_code, f.{slot.actor} AS actor_id,"
                f" {measures} FROM {source} f WHERE f.{slot.actor} IS NOT NULL"
            )
    sums = ", ".join(f"sum({m})::int AS {m}" for m in ACTOR_MEASURE_KEYS)
    nonzero = " OR ".join(f"sum({m}) <> 0" for m in ACTOR_MEASURE_KEYS)
    return (
        f"SELECT role, grain, period_start, district_code, actor_id, {sums}"
        f" FROM ({' UNION ALL '.join(parts)}) p"
        " GROUP BY role, grain, period_start, district_code, actor_id"
        + (f" HAVING {nonzero}" if having else "")
    )


def hotspot_rollup_select(source: str, signed: bool = False) -> str:
    """SELECT of grouped stats_rollup_hotspot rows (month × cell × category) from `source`."""
    sign = "f.sign * " if signed else ""
    return (
        f"SELECT {_PERIOD['m']} AS period_start, f.district_code, f.grid_code, f.category_id,"
        f" sum({sign}f.cases)::int AS cases FROM {source} f"
        " GROUP BY 1, 2, 3, 4 HAVING sum(" + sign + "f.cases) <> 0"
    )


@dataclass(frozen=True, slots=True)
class Rollup:
    """A rollup table: its key columns, measure columns and the column that says 'empty'."""

    table: str
    keys: tuple[str, ...]
    measures: tuple[str, ...]
    empty: str
    select: Callable[[str, bool], str]


ROLLUPS: tuple[Rollup, ...] = (
    Rollup(
        "stats_rollup_area",
        ("scope", "grain", "period_start", "district_code", "scope_key"),
        CASE_MEASURE_KEYS,
        "cases",
        area_rollup_select,
    ),
    Rollup(
        "stats_rollup_actor",
        ("role", "grain", "period_start", "district_code", "actor_id"),
        ACTOR_MEASURE_KEYS,
        "n",
        actor_rollup_select,
    ),
    Rollup(
        "stats_rollup_hotspot",
        ("period_start", "district_code", "grid_code", "category_id"),
        ("cases",),
        "cases",
        hotspot_rollup_select,
    ),
)


def _upsert(rollup: Rollup, select_sql: str) -> str:
    cols = ", ".join((*rollup.keys, *rollup.measures))
    sets = ", ".join(f"{m} = {rollup.table}.{m} + excluded.{m}" for m in rollup.measures)
    return (
        f"INSERT INTO {rollup.table} ({cols}) {select_sql}"
        f" ON CONFLICT ({', '.join(rollup.keys)}) DO UPDATE SET {sets}"
    )


# --- hotline facts ------------------------------------------------------------------------------


def _hotline_json(session: Session, case_ids: Sequence[int]) -> str:
    """Return the 12345 facts (响应、解决) of the cases that are hotline tickets, as JSON.

    Read from the ticket table (app.channels.hotline.rates): contacted within the feedback limit, and
    the resolved flag of the reply. A ticket not (yet) contacted is undecided here (null): the
    rollups are not re-read as time passes, so "late without contact" is left to the hotline
    desk's live rates (`/api/v1/hotline/rates`), which count it as late.
    """
    facts = hotline_facts(session, case_ids)
    return json.dumps(
        [
            {"case_id": k, "contacted_in_time": v.contacted_in_time, "resolved": v.resolved}
            for k, v in facts.items()
        ]
    )


# --- refresh ------------------------------------------------------------------------------------


def _tz() -> str:
    return get_settings().calendar_timezone


def _temp_tables(session: Session) -> None:
    session.execute(
        text(
            "CREATE TEMP TABLE IF NOT EXISTS stats_new_fact"
            " (LIKE stats_case_fact INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
    )
    session.execute(text("DELETE FROM stats_new_fact"))


def enqueue(session: Session, case_ids: Iterable[int]) -> None:
    """Queue cases for the refresher (for changes that do not go through case events)."""
    ids = sorted(set(case_ids))
    if ids:
        session.execute(
            text("INSERT INTO stats_outbox (case_id) SELECT unnest(CAST(:ids AS bigint[]))"),
            {"ids": ids},
        )


def apply_cases(session: Session, case_ids: Sequence[int]) -> None:
    """Recompute the facts of `case_ids` and move every rollup by (new − old); never commits.

    The caller must hold the stats lock (`lock`), so that the stored facts are exactly what
    the rollups contain while this runs.
    """
    ids = sorted(set(case_ids))
    if not ids:
        return
    _temp_tables(session)
    insert_new, moves, replace = _apply_statements()
    # Generic plans: the statements are the same at every batch, and their plans do not depend
    # on how many cases a batch has (per-case index lookups); planning the rollup upserts anew
    # cost ~17 ms a batch, more than a batch of 100 cases itself (docs/PERFORMANCE.md). A
    # statement is prepared (and its plan kept) from its sixth execution on a connection.
    session.execute(_SETTINGS)
    session.execute(insert_new, {"ids": ids, "tz": _tz(), "hotline": _hotline_json(session, ids)})
    for upsert, prune in moves:
        session.execute(upsert, {"ids": ids})
        session.execute(prune)
    drop_old, keep_new, clear_new = replace
    session.execute(drop_old, {"ids": ids})
    session.execute(keep_new)
    session.execute(clear_new)


_SETTINGS = text(
    "SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)"
)


@cache
def _apply_statements() -> tuple[
    TextClause,
    tuple[tuple[TextClause, TextClause], ...],
    tuple[TextClause, TextClause, TextClause],
]:
    """Return the statements of `apply_cases`, built and parsed once (~120 KB of SQL)."""
    delta = (
        f"(SELECT -1 AS sign, {_COLS} FROM stats_case_fact WHERE case_id = ANY(CAST(:ids AS bigint[]))"
        f" UNION ALL SELECT 1 AS sign, {_COLS} FROM stats_new_fact)"
    )
    return (
        text(f"INSERT INTO stats_new_fact ({_COLS}) {FACTS_BY_IDS}"),
        tuple(
            (
                text(_upsert(rollup, rollup.select(delta, True))),
                text(f"DELETE FROM {rollup.table} WHERE {rollup.empty} = 0"),
            )
            for rollup in ROLLUPS
        ),
        (
            text("DELETE FROM stats_case_fact WHERE case_id = ANY(CAST(:ids AS bigint[]))"),
            text(f"INSERT INTO stats_case_fact ({_COLS}) SELECT {_COLS} FROM stats_new_fact"),
            text("DELETE FROM stats_new_fact"),
        ),
    )


def lock(session: Session, wait: bool = True) -> bool:
    """Take the stats lock for the caller's transaction; return False if busy and not waiting."""
    if wait:
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": STATS_LOCK_KEY})
        return True
    return bool(
        session.execute(
            text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": STATS_LOCK_KEY}
        ).scalar_one()
    )


def refresh_batch(session: Session, limit: int = DEFAULT_BATCH_SIZE, wait: bool = True) -> int:
    """Take up to `limit` queued rows and refresh their cases; return the cases refreshed."""
    return _take_and_apply(session, limit, wait)[1]


def _take_and_apply(session: Session, limit: int, wait: bool) -> tuple[int, int]:
    """`refresh_batch`; return the queue rows taken and the cases refreshed."""
    if limit < 1:
        raise InvalidInput("批大小必须大于 0", field="limit")
    if not lock(session, wait):
        return 0, 0
    ids = list(
        session.execute(
            text(
                "WITH q AS (SELECT id FROM stats_outbox ORDER BY id LIMIT :n FOR UPDATE SKIP LOCKED)"
                " DELETE FROM stats_outbox o USING q WHERE o.id = q.id RETURNING o.case_id"
            ),
            {"n": limit},
        ).scalars()
    )
    unique = sorted(set(ids))
    apply_cases(session, unique)
    return len(ids), len(unique)


@dataclass(slots=True)
class RefreshResult:
    """What a refresh did."""

    batches: int = 0
    cases: int = 0
    seconds: float = 0.0


def refresh(
    engine: Engine,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wait: bool = True,
    on_batch: Callable[[RefreshResult], None] | None = None,
    duty: float = 1.0,
    pause: Callable[[float], bool] | None = None,
) -> RefreshResult:
    """Refresh what is queued, one committed transaction per batch; safe to rerun.

    The round ends with the first batch that comes back short of `batch_size` (the queue was
    empty when it was taken): cases queued meanwhile wait for the next round. Under a steady
    stream of events a round that went on until the queue stayed empty never ends, and takes
    each few cases as a batch of its own; each batch costs the same fixed statements, so the
    refresher then cost more CPU than the requests it follows (docs/PERFORMANCE.md).

    `duty` below 1 paces the round: after each batch it pauses (`pause(seconds)`, which returns
    True to stop the round; default `time.sleep`) so that batches take at most that share of
    the round's time. A round of thousands of cases in one go kept one of the database's cores
    busy for up to a second, and the requests of that second waited for it
    (docs/PERFORMANCE.md).
    """
    if not 0 < duty <= 1:
        raise InvalidInput("刷新的工作时间占比必须在 0 与 1 之间（不含 0）", field="duty")
    started = time.perf_counter()
    result = RefreshResult()
    while True:
        batch_started = time.perf_counter()
        with unit_of_work(engine) as session:
            taken, n = _take_and_apply(session, batch_size, wait)
        if taken == 0:
            break
        result.batches += 1
        result.cases += n
        result.seconds = time.perf_counter() - started
        if on_batch is not None:
            on_batch(result)
        if taken < batch_size:
            break
        if duty < 1:
            rest = (time.perf_counter() - batch_started) * (1 / duty - 1)
            if (pause or _sleep)(rest):
                break
    result.seconds = time.perf_counter() - started
    return result


def _sleep(seconds: float) -> bool:
    time.sleep(seconds)
    return False


def queued(session: Session) -> int:
    """Return the number of queued rows (cases waiting for the refresher, with repeats)."""
    return int(session.execute(text("SELECT count(*) FROM stats_outbox")).scalar_one())


# --- rebuild and check --------------------------------------------------------------------------


def _insert_facts_range(session: Session, target: str, lo: int, hi: int) -> int:
    ids = list(
        session.execute(
            text("SELECT id FROM dispatch_case WHERE id BETWEEN :lo AND :hi"), {"lo": lo, "hi": hi}
        ).scalars()
    )
    if not ids:
        return 0
    session.execute(
        text(f"INSERT INTO {target} ({_COLS}) {FACTS_BY_RANGE}"),
        {"lo": lo, "hi": hi, "tz": _tz(), "hotline": _hotline_json(session, ids)},
    )
    return len(ids)


def compute_facts(
    session: Session,
    target: str,
    *,
    chunk: int = 200_000,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Insert the facts of every case (recomputed from the base tables) into `target`."""
    lo, hi, total = session.execute(
        text("SELECT min(id), max(id), count(*) FROM dispatch_case")
    ).one()
    if total == 0:
        return 0
    done = 0
    start = int(lo)
    while start <= int(hi):
        done += _insert_facts_range(session, target, start, start + chunk - 1)
        start += chunk
        if progress is not None:
            progress(done, int(total))
    return done


def rebuild(
    session: Session, *, chunk: int = 200_000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Recompute every fact and rollup from the base tables (admin operation; never commits).

    Takes the stats lock, so refreshers wait; queued rows are left in place (refreshing them
    again is harmless), because an event committing during the rebuild must still be applied.
    """
    lock(session)
    session.execute(text("SET LOCAL jit = off"))
    session.execute(text("TRUNCATE stats_case_fact"))
    n = compute_facts(session, "stats_case_fact", chunk=chunk, progress=progress)
    session.execute(text("ANALYZE stats_case_fact"))
    rebuild_rollups(session)
    return n


def rebuild_rollups(session: Session) -> None:
    """Recompute every rollup from the stored facts, under the stats lock (never commits)."""
    lock(session)
    session.execute(text("SET LOCAL jit = off"))
    session.execute(text("SET LOCAL work_mem = '256MB'"))
    session.execute(text("TRUNCATE " + ", ".join(r.table for r in ROLLUPS)))
    # One statement per scope (a hash aggregate each), months summed from the day rows: the
    # same rows as `area_rollup_select` / `actor_rollup_select`, several times faster at scale.
    # Rows are written in primary-key order: a month's rows of a scope then sit on adjacent
    # pages (a month of 39k cells reads ~1k pages instead of ~16k).
    a_cols = ", ".join(CASE_MEASURE_KEYS)
    a_sums = ", ".join(f"sum({m})::int" for m in CASE_MEASURE_KEYS)
    for scope, spec in AREA_SCOPES.items():
        if "d" in spec.grains:
            session.execute(
                text(
                    f"INSERT INTO stats_rollup_area (scope, grain, period_start, district_code,"
                    f" scope_key, {a_cols}) SELECT '{scope}', 'd', f.report_day, f.district_code,"
                    f" ({spec.key_sql}), {a_sums} FROM stats_case_fact f"
                    f" WHERE ({spec.key_sql}) IS NOT NULL GROUP BY 3, 4, 5 ORDER BY 3, 4, 5"
                )
            )
            src = "stats_rollup_area f WHERE f.scope = CAST(:s AS text) AND f.grain = 'd'"
        else:
            src = (
                f"(SELECT f.*, f.report_day AS period_start, ({spec.key_sql}) AS scope_key"
                f" FROM stats_case_fact f) f WHERE f.scope_key IS NOT NULL"
            )
        session.execute(
            text(
                f"INSERT INTO stats_rollup_area (scope, grain, period_start, district_code,"
                f" scope_key, {a_cols}) SELECT CAST(:s AS text), 'm',"
                f" date_trunc('month', f.period_start)::date, f.district_code, f.scope_key,"
                f" {a_sums} FROM {src} GROUP BY 3, 4, 5 ORDER BY 3, 4, 5"
            ),
            {"s": scope},
        )
        session.execute(
            text(
                f"INSERT INTO stats_rollup_area (scope, grain, period_start, district_code,"
                f" scope_key, {a_cols}) SELECT scope, 'y',"
                f" date_trunc('year', period_start)::date, district_code, scope_key, {a_sums}"
                " FROM stats_rollup_area WHERE scope = CAST(:s AS text) AND grain = 'm'"
                " GROUP BY scope, 3, district_code, scope_key ORDER BY 3, 4, 5"
            ),
            {"s": scope},
        )
    c_cols = ", ".join(ACTOR_MEASURE_KEYS)
    c_sums = ", ".join(f"sum({m})::int" for m in ACTOR_MEASURE_KEYS)
    days = (
        actor_rollup_select("stats_case_fact", False, grains="d", having=False)
        + " ORDER BY 1, 3, 4, 5"
    )
    session.execute(
        text(
            f"INSERT INTO stats_rollup_actor (role, grain, period_start, district_code, actor_id,"
            f" {c_cols}) {days}"
        )
    )
    session.execute(
        text(
            f"INSERT INTO stats_rollup_actor (role, grain, period_start, district_code, actor_id,"
            f" {c_cols}) SELECT role, 'm', date_trunc('month', period_start)::date,"
            f" district_code, actor_id, {c_sums} FROM stats_rollup_actor WHERE grain = 'd'"
            " GROUP BY role, 3, district_code, actor_id ORDER BY 1, 3, 4, 5"
        )
    )
    session.execute(
        text(
            f"INSERT INTO stats_rollup_actor (role, grain, period_start, district_code, actor_id,"
            f" {c_cols}) SELECT role, 'y', date_trunc('year', period_start)::date,"
            f" district_code, actor_id, {c_sums} FROM stats_rollup_actor WHERE grain = 'm'"
            " GROUP BY role, 3, district_code, actor_id ORDER BY 1, 3, 4, 5"
        )
    )
    hotspot = ROLLUPS[2]
    h_cols = ", ".join((*hotspot.keys, *hotspot.measures))
    session.execute(
        text(
            f"INSERT INTO {hotspot.table} ({h_cols})"
            f" {hotspot.select('stats_case_fact', False)} ORDER BY 1, 2, 3, 4"
        )
    )
    for rollup in ROLLUPS:
        session.execute(text(f"ANALYZE {rollup.table}"))


def insert_facts(session: Session, case_ids: Sequence[int]) -> None:
    """Insert the facts of new cases that have none yet, leaving the rollups alone.

    For bulk loads (seed-history): follow with `rebuild_rollups`.
    """
    ids = sorted(set(case_ids))
    if ids:
        session.execute(text("SET LOCAL jit = off"))
        session.execute(
            text(f"INSERT INTO stats_case_fact ({_COLS}) {FACTS_BY_IDS}"),
            {"ids": ids, "tz": _tz(), "hotline": _hotline_json(session, ids)},
        )


def check(session: Session) -> dict[str, int]:
    """Compare the stored facts and every rollup with a from-scratch recomputation.

    Returns, per table, the number of rows that differ (in either direction): all zeros when
    the incremental maintenance equals the recomputation. Run it after a refresh has drained
    the queue; never commits (temporary tables only).
    """
    lock(session)
    session.execute(
        text(
            "CREATE TEMP TABLE IF NOT EXISTS stats_check_fact"
            " (LIKE stats_case_fact INCLUDING DEFAULTS) ON COMMIT DROP"
        )
    )
    session.execute(text("DELETE FROM stats_check_fact"))
    compute_facts(session, "stats_check_fact")
    out: dict[str, int] = {}
    out["stats_case_fact"] = _diff(session, "stats_case_fact", "stats_check_fact", FACT_COLUMNS)
    for rollup in ROLLUPS:
        tmp = f"stats_check_{rollup.table.removeprefix('stats_')}"
        cols = (*rollup.keys, *rollup.measures)
        session.execute(
            text(
                f"CREATE TEMP TABLE {tmp} ON COMMIT DROP AS"
                f" {rollup.select('stats_check_fact', False)}"
            )
        )
        out[rollup.table] = _diff(session, rollup.table, tmp, cols)
        session.execute(text(f"DROP TABLE {tmp}"))
    session.execute(text("DROP TABLE stats_check_fact"))
    return out


def _diff(session: Session, a: str, b: str, cols: Sequence[str]) -> int:
    c = ", ".join(cols)
    return int(
        session.execute(
            text(
                f"SELECT (SELECT count(*) FROM (SELECT {c} FROM {a} EXCEPT ALL SELECT {c} FROM {b}) x)"
                f" + (SELECT count(*) FROM (SELECT {c} FROM {b} EXCEPT ALL SELECT {c} FROM {a}) y)"
            )
        ).scalar_one()
    )


# --- the periodic in-process refresher ----------------------------------------------------------


def run_periodic(
    engine: Engine,
    interval_s: float,
    stop_event: threading.Event,
    *,
    batch_size: int | None = None,
    duty: float | None = None,
) -> int:
    """Drain the queue every `interval_s` seconds until `stop_event` is set; return the rounds.

    Every API worker may run one: a batch only proceeds under the stats advisory lock (tried,
    not waited for), so one refresher works at a time and the others find nothing to do.
    Batches of `batch_size` cases, paced to `duty` (`refresh`); by default the settings'
    `XIUHUA_STATS_REFRESH_BATCH_SIZE` and `XIUHUA_STATS_REFRESH_DUTY`.
    Errors are logged and retried, never raised.
    """
    if interval_s <= 0:
        raise InvalidInput("刷新间隔必须大于 0 秒", field="interval_s")
    settings = get_settings()
    size = batch_size or settings.stats_refresh_batch_size
    share = duty or settings.stats_refresh_duty
    log = get_logger("xiuhua.stats")
    rounds = 0
    while not stop_event.is_set():
        try:
            result = refresh(engine, batch_size=size, wait=False, duty=share, pause=stop_event.wait)
            rounds += 1
            if result.cases:
                log.info(
                    "stats_refresh",
                    cases=result.cases,
                    batches=result.batches,
                    seconds=round(result.seconds, 3),
                )
        except Exception:
            log.exception("stats_refresh_failed")
        stop_event.wait(interval_s)
    return rounds
