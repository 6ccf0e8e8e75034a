"""The sweeper (`xiuhua sweep`): stage lights, 预警/超期 events and 督办 escalation.

State lives in the database, so a sweep is idempotent and crash-safe:

- Only stages whose light can change are touched: open, running stages (not stopped, not
  paused) with `next_threshold_at < now` — the partial index
  `ix_dispatch_case_stage_open_next_threshold`. The light changes strictly *after* a threshold
  (`StageClock.light_at`), hence `<`: a stage exactly at its threshold is left alone.
- The new light comes from the stored `yellow_at` / `due_at` (no calendar arithmetic); the
  next threshold becomes `due_at` after yellow and NULL after red, so a swept stage leaves the
  index range and a second sweep at the same instant finds nothing.
- Work is done in batches, one transaction each: one `UPDATE … RETURNING` that locks its
  rows `FOR UPDATE OF stage, case SKIP LOCKED` (concurrent sweepers never take the same stage,
  and a case being changed by `act()` is skipped until the next sweep instead of racing for its
  event sequence), then `app.cases.audit.append_many`: one query for each case's chain tail
  (from the locked case row, `event_count` / `last_event_hash`, as `append_one` reads it) and
  one statement inserting the events and moving each case's chain tail. A crash loses at most the open batch,
  which rolls back and is redone next time. `workers` connections sweep side by side (SKIP LOCKED shares the rows out), so
  the database updates one batch while Python hashes the events of another.
- Events, once per stage: `warning` when a stage turns yellow (`warned_at`), `overdue` when it
  turns red (`overdue_at`). A stage that jumps from green straight to red (the sweeper was not
  running) gets only the `overdue` event; a stage made green again by an extension changes
  light again but is not warned or escalated a second time. The overdue event escalates (督办) the stage to the
  parent of the stage's unit, or to the command centre when the stage has no unit (the
  centre's own stages) or the unit no active parent, and sets `escalated_at`. The events use
  the case's current status as from/to status and the `system` actor, and are chained by
  `app.cases.audit` exactly like every other event (`seq` = last + 1, `prev_hash` = last hash).
- `run_periodic` sweeps in-process every few seconds while it holds a PostgreSQL advisory
  lock, so one process of a deployment sweeps and the others stand by.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, Row, text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.audit import NewEvent, append_many
from app.cases.time.deadlines import Light, light_sql, yellow_ratio
from app.core.clock import now as clock_now
from app.core.config import get_settings
from app.core.db import unit_of_work
from app.core.errors import InvalidInput
from app.core.logging import get_logger

DEFAULT_BATCH_SIZE = 2000
DEFAULT_WORKERS = 2
# pg_try_advisory_lock key of the periodic sweeper ("xiuhua sweep" in one bigint).
SWEEPER_LOCK_KEY = 0x7869_7568_7377_6570
COMMAND_CENTRE = "command_centre"
WARNING = "warning"
OVERDUE = "overdue"
RED, YELLOW = Light.red.value, Light.yellow.value

# The new light comes from the one light rule (`deadlines.light_conditions`), rendered as SQL.
_NEW_LIGHT = light_sql(":now", "s.yellow_at", "s.due_at")
_SWEEP_SQL = text(
    f"""
WITH due AS (
    SELECT s.id, c.status, s.warned_at AS was_warned, s.overdue_at AS was_overdue,
           p.id AS parent_id, p.name AS parent_name, {_NEW_LIGHT} AS light
    FROM dispatch_case_stage s
    JOIN dispatch_case c ON c.id = s.case_id
    LEFT JOIN grid_unit u ON u.id = s.unit_id
    LEFT JOIN grid_unit p ON p.id = u.parent_id AND p.active
    WHERE s.stopped_at IS NULL AND s.paused_at IS NULL AND s.next_threshold_at < :now
    ORDER BY s.next_threshold_at
    LIMIT :limit
    FOR UPDATE OF s, c SKIP LOCKED
)
UPDATE dispatch_case_stage s SET
    light = due.light,
    next_threshold_at = CASE due.light WHEN '{RED}' THEN NULL
                                       WHEN '{YELLOW}' THEN s.due_at ELSE s.yellow_at END,
    warned_at = CASE WHEN due.light = '{YELLOW}' THEN coalesce(s.warned_at, :now)
                     ELSE s.warned_at END,
    overdue_at = CASE WHEN due.light = '{RED}' THEN coalesce(s.overdue_at, :now)
                      ELSE s.overdue_at END,
    escalated_at = CASE WHEN due.light = '{RED}' AND s.overdue_at IS NULL
                        THEN coalesce(s.escalated_at, :now) ELSE s.escalated_at END
FROM due
WHERE s.id = due.id
RETURNING s.id, s.case_id, s.stage, s.level, s.unit_id, s.light, s.yellow_at, s.due_at,
          due.status, due.was_warned, due.was_overdue, due.parent_id, due.parent_name
"""
)


@dataclass(slots=True)
class SweepResult:
    """What one sweep (or one batch of it) did."""

    now: datetime
    batches: int = 0
    stages: int = 0  # stages whose light was recomputed
    warnings: int = 0  # `warning` events (turned yellow)
    overdue: int = 0  # `overdue` events (turned red), each escalated
    escalated_to_units: int = 0
    escalated_to_centre: int = 0
    seconds: float = 0.0

    def add(self, other: SweepResult) -> None:
        """Add a batch's counts to this total."""
        self.batches += other.batches
        self.stages += other.stages
        self.warnings += other.warnings
        self.overdue += other.overdue
        self.escalated_to_units += other.escalated_to_units
        self.escalated_to_centre += other.escalated_to_centre


def _check_now(now: datetime) -> None:
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise InvalidInput("扫描时间必须是带时区的时间", field="now")


def sweep_batch(session: Session, now: datetime, limit: int = DEFAULT_BATCH_SIZE) -> SweepResult:
    """Sweep up to `limit` due stages inside the caller's transaction (never commits)."""
    _check_now(now)
    rows = session.execute(_SWEEP_SQL, {"now": now, "limit": limit}).all()
    result = SweepResult(now=now, batches=1, stages=len(rows))
    append_many(session, _events_for(sorted(rows, key=lambda r: (r.case_id, r.id)), now, result))
    return result


def _events_for(rows: Sequence[Row[Any]], now: datetime, result: SweepResult) -> list[NewEvent]:
    """Build the hash-chained events of the swept rows (sorted by case) and count them."""
    wanted = [
        r
        for r in rows
        if (r.light == YELLOW and r.was_warned is None)
        or (r.light == RED and r.was_overdue is None)
    ]
    if not wanted:
        return []
    tz = ZoneInfo(get_settings().calendar_timezone)
    pct = f"{yellow_ratio() * 100:g}%"
    events: list[NewEvent] = []
    for r in wanted:
        label = wf.Stage(r.stage).label
        payload: dict[str, Any] = {
            "stage_id": r.id,
            "stage": r.stage,
            "level": r.level,
            "unit_id": r.unit_id,
            "light": r.light,
            "yellow_at": r.yellow_at.astimezone(tz).isoformat(),
            "due_at": r.due_at.astimezone(tz).isoformat(),
        }
        if r.light == YELLOW:
            action, note = WARNING, f"{label}阶段时限已用去 {pct}（黄灯预警）"
            result.warnings += 1
        else:
            action = OVERDUE
            result.overdue += 1
            if r.parent_id is not None:
                payload |= {"escalated_to": "unit", "escalated_to_unit_id": r.parent_id}
                note = f"{label}阶段已超时（红灯），督办至上级单位{r.parent_name}"
                result.escalated_to_units += 1
            else:
                payload |= {"escalated_to": COMMAND_CENTRE, "escalated_to_unit_id": None}
                note = f"{label}阶段已超时（红灯），督办至指挥中心"
                result.escalated_to_centre += 1
        events.append(
            NewEvent(
                case_id=r.case_id,
                action=action,
                from_status=r.status,
                to_status=r.status,
                note=note,
                payload=payload,
                created_at=now,
            )
        )
    return events


def sweep(
    engine: Engine,
    now: datetime,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = DEFAULT_WORKERS,
    on_batch: Callable[[SweepResult], None] | None = None,
) -> SweepResult:
    """Sweep every stage due at `now`, one committed transaction per batch; safe to rerun.

    `workers` connections sweep side by side (SKIP LOCKED gives each its own rows), so the
    database works on one batch while Python hashes the events of another. `on_batch` is called
    with the running total after each committed batch (progress); an exception it raises stops
    that worker after its committed batch and is re-raised.
    """
    _check_now(now)
    if batch_size < 1:
        raise InvalidInput("批大小必须大于 0", field="batch_size")
    if workers < 1:
        raise InvalidInput("并行数必须大于 0", field="workers")
    started = time.perf_counter()
    total = SweepResult(now=now)
    guard = threading.Lock()
    failed = threading.Event()  # one worker failed: the others stop after their batch

    def work() -> None:
        try:
            while not failed.is_set():
                with unit_of_work(engine) as session:
                    batch = sweep_batch(session, now, batch_size)
                with guard:
                    total.add(batch)
                    total.seconds = time.perf_counter() - started
                    if on_batch is not None:
                        on_batch(total)
                if batch.stages < batch_size:
                    return
        except BaseException:
            failed.set()
            raise

    if workers == 1:
        work()
    else:
        with ThreadPoolExecutor(workers, thread_name_prefix="xiuhua-sweep") as pool:
            for future in [pool.submit(work) for _ in range(workers)]:
                future.result()
    total.seconds = time.perf_counter() - started
    return total


# --- the periodic in-process sweeper ------------------------------------------------------------


def _try_lock(engine: Engine) -> Connection | None:
    """Return a connection holding the sweeper's advisory lock, or None if another holds it."""
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        got = conn.execute(
            text("SELECT pg_try_advisory_lock(:k)"), {"k": SWEEPER_LOCK_KEY}
        ).scalar_one()
    except BaseException:
        conn.close()
        raise
    if got:
        return conn
    conn.close()
    return None


def _release(conn: Connection | None) -> None:
    """Release the advisory lock (closing the session would too) and close the connection."""
    if conn is None:
        return
    try:
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": SWEEPER_LOCK_KEY})
    except Exception:  # a broken connection holds no lock any more
        conn.invalidate()
    finally:
        conn.close()


def run_periodic(
    engine: Engine,
    interval_s: float,
    stop_event: threading.Event,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = DEFAULT_WORKERS,
    clock: Callable[[], datetime] = clock_now,
    on_sweep: Callable[[datetime], None] | None = None,
) -> int:
    """Sweep every `interval_s` seconds until `stop_event` is set, only while holding the lock.

    `on_sweep(at)` is called after each finished sweep (the API's /metrics records it).

    Only the holder of the advisory lock `SWEEPER_LOCK_KEY` sweeps; the others retry every
    interval and take over when the holder stops or its connection dies. Errors are logged and
    retried, never raised. Returns the number of sweeps this runner made.
    """
    if interval_s <= 0:
        raise InvalidInput("扫描间隔必须大于 0 秒", field="interval_s")
    log = get_logger("xiuhua.sweeper")
    sweeps = 0
    lock: Connection | None = None
    try:
        while not stop_event.is_set():
            try:
                if lock is not None:
                    lock.execute(text("SELECT 1"))  # a dead session has lost the lock
                else:
                    lock = _try_lock(engine)
                    if lock is not None:
                        log.info("sweeper_lock_acquired", interval_s=interval_s)
                if lock is not None:
                    at = clock()
                    result = sweep(engine, at, batch_size=batch_size, workers=workers)
                    sweeps += 1
                    if on_sweep is not None:
                        on_sweep(at)
                    if result.stages:
                        log.info(
                            "sweep",
                            stages=result.stages,
                            warnings=result.warnings,
                            overdue=result.overdue,
                            batches=result.batches,
                            seconds=round(result.seconds, 3),
                        )
            except Exception:
                log.exception("sweep_failed")
                _release(lock)
                lock = None
            stop_event.wait(interval_s)
    finally:
        _release(lock)
    return sweeps
