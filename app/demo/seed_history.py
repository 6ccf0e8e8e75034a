"""`xiuhua seed-history`: realistic case history for the demo city, written with COPY.

What it writes, per case (all in the database's own tables, nothing faked for the stats):

- the case row (`dispatch_case`): a cell of the district drawn with a skewed weight (some cells
  are hotspots), a category from a realistic mix, the source (inspector ~90 %, 12345 hotline,
  public, video), the responsible unit decided by the real routing rules (`route`, once per
  category and street), counters, stage timestamps and the state reached by `until`;
- its stage clocks (`dispatch_case_stage`) with limits from the filing standards and stage
  limits; ~90 % handled on time, some late, reworks (返工), returns (回退), extensions (延期),
  suspensions (挂账), voids (作废), rejections (不予受理) and merges; cases whose next step
  would fall after `until` stay open (some already overdue), and a few get stuck open;
- a compact, hash-chained event trail (`dispatch_case_event`): one event per decision that a
  person takes and the indicators rate (上报, 派发核实, 核实, 不予受理/合并/自处理, 立案, 作废,
  派遣, 回退, 延期, 挂账/恢复, 处置反馈, 核查, 结案, 回访). Requests, denials, 签收 and the
  sweeper's 预警/超期 events are not generated. Every event carries `"seeded": true` in its
  payload and is chained by `app.cases.audit` (the one chain writer's body and hash), so
  `xiuhua audit verify` checks seeded history like any other.

Due times of seeded stages convert working time to elapsed time with the average ratio of a
working week (37.5 working hours in 168 hours; a working day ≈ 1.4 days) instead of the
calendar: close to the real clock, cheap for tens of millions of stages. Running stages are
left as the sweeper would find them before its first pass (green, next threshold = the yellow
ratio `XIUHUA_LIGHT_YELLOW_RATIO` of the limit), so
the first `xiuhua sweep` lights them and writes their 预警/超期 events.

Facts are computed per chunk from the written rows (the same SQL as the refresher) and the
rollups are rebuilt from the facts at the end, under the stats lock.
"""

from __future__ import annotations

import bisect
import json
import math
import queue
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.audit import GENESIS, body_text, canonical, canonical_json, chain_hash
from app.cases.catalogue import category_scope
from app.cases.models import Category, FilingStandard
from app.cases.time.deadlines import TimeUnit, light_of, yellow_ratio
from app.cases.time.standards import handling_limit, pick_standard, stage_limit
from app.core.config import get_settings
from app.core.db import unit_of_work
from app.core.errors import InvalidInput, NotFound
from app.grid.coords import to_wgs84
from app.grid.service import route
from app.stats import facts

Progress = Callable[[str, int, int], None]

# Elapsed seconds per unit of working time: a working week has 37.5 working hours in 168 h.
WORK_HOUR_S = 3600 * 168 / 37.5
WORK_DAY_S = 86400 * 7 / 5
_UNIT_S = {
    TimeUnit.minute: 60.0,
    TimeUnit.natural_hour: 3600.0,
    TimeUnit.natural_day: 86400.0,
    TimeUnit.work_hour: WORK_HOUR_S,
    TimeUnit.work_day: WORK_DAY_S,
}
# Popular categories (weight) of a city's case mix; the rest of the catalogue shares a tail.
POPULAR: dict[tuple[str, str], float] = {
    ("event", "06010"): 16,  # 暴露垃圾
    ("event", "09006"): 12,  # 占道经营
    ("event", "07001"): 11,  # 非法小广告
    ("event", "06012"): 10,  # 道路不洁
    ("event", "06001"): 3,  # 私搭乱建
    ("component", "01003"): 3,  # 雨水井盖
    ("component", "01002"): 2.5,  # 污水井盖
    ("component", "01001"): 2,  # 供水井盖
}


@dataclass(frozen=True, slots=True)
class SeedMix:
    """Proportions of the generated history (defaults: a typical city's figures)."""

    sources: tuple[tuple[str, float], ...] = (
        ("inspector", 0.90),
        ("hotline", 0.06),
        ("public", 0.03),
        ("video", 0.01),
    )
    verify_false: float = 0.10  # citizen reports found not to exist
    reject: float = 0.03  # 不予受理/不予立案
    merge: float = 0.01
    self_handle: float = 0.02  # inspector reports handled on the spot
    void: float = 0.015
    returned: float = 0.04  # first dispatch to a wrong unit, 回退, re-dispatch
    extension: float = 0.03
    suspension: float = 0.015
    late_handle: float = 0.10  # ~90 % handled on time
    rework: float = 0.06
    late_other: float = 0.04  # file/dispatch/check/close steps late
    stuck: float = 0.0005  # cases that stop moving while being handled (long overdue)
    satisfaction: tuple[tuple[str, float], ...] = (
        ("satisfied", 0.80),
        ("basically_satisfied", 0.12),
        ("dissatisfied", 0.08),
    )
    tail_category_weight: float = 0.15


@dataclass(frozen=True, slots=True)
class SeedOptions:
    """What to generate."""

    cases: int
    years: float
    until: datetime
    district: str | None = None
    seed: int = 1
    chunk: int = 20_000
    mix: SeedMix = field(default_factory=SeedMix)


@dataclass(slots=True)
class SeedSummary:
    """What was written and how long it took."""

    district: str
    cases: int = 0
    stages: int = 0
    events: int = 0
    open_cases: int = 0
    seconds: float = 0.0
    copy_seconds: float = 0.0
    facts_seconds: float = 0.0
    rollup_seconds: float = 0.0
    triggers_skipped: bool = False
    copy_by_table: dict[str, float] = field(default_factory=dict)
    generate_wait_seconds: float = 0.0
    facts_wait_seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"区县 {self.district}：{self.cases:,} 个案卷（在办 {self.open_cases:,}），"
            f"{self.stages:,} 个阶段计时，{self.events:,} 条事件；用时 {self.seconds:.0f} 秒"
            f"（写入 {self.copy_seconds:.0f}、事实表 {self.facts_seconds:.0f}、"
            f"汇总 {self.rollup_seconds:.0f}）"
        )


# --- the world the history happens in ---------------------------------------------------------


@dataclass(slots=True)
class CategoryInfo:
    """A category with its filing standard and handling limits."""

    id: int
    standard_id: int
    severity: str
    limit: tuple[Decimal, TimeUnit]
    key_limit: tuple[Decimal, TimeUnit]


@dataclass(slots=True)
class World:
    """Cells, categories, routes, people and limits of one district."""

    district: str
    cells: list[tuple[str, str, str, str, float, float]]  # code, comm, street, class, lon, lat
    cell_cum: list[float]
    categories: list[CategoryInfo]
    category_cum: list[float]
    routes: dict[tuple[int, str], int]  # (category id, street) → unit id
    units: list[int]
    limits: dict[tuple[str, str], tuple[Decimal, TimeUnit]]  # (stage, source) → limit
    inspectors: dict[str, int]  # community → inspector id
    operators: list[int]
    leaders: list[int]
    dispatchers: list[int]
    agents: list[int]


def _cum(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def load_world(session: Session, district: str, rng: random.Random, mix: SeedMix) -> World:
    """Read the district's cells, categories, units and limits; route each category once per street."""
    rows = session.execute(
        text(
            "SELECT code, community_code, street_code, mgmt_class,"
            " ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom))"
            " FROM grid_cell WHERE district_code = :d AND valid_to IS NULL ORDER BY code"
        ),
        {"d": district},
    ).all()
    if not rows:
        raise NotFound(f"区县 {district} 没有单元网格：先生成演示城市", district=district)
    cells = [(r[0], r[1], r[2], r[3], float(r[4]), float(r[5])) for r in rows]
    # lognormal cell weights: most cells see few cases, a few are hotspots; key areas busier
    weights = [math.exp(rng.gauss(0, 1.1)) * (2.5 if c[3] == "key" else 1.0) for c in cells]
    cats: list[CategoryInfo] = []
    cat_weights: list[float] = []
    scopes: dict[int, Any] = {}
    for cat in session.query(Category).filter(Category.enabled.is_(True)).order_by(Category.id):
        w = POPULAR.get((cat.kind, cat.code))
        if w is None:
            # a long tail: a stable subset of the rest of the catalogue
            if rng.random() > 0.25:
                continue
            w = mix.tail_category_weight
        try:
            std: FilingStandard = pick_standard(session, cat.id, None)
        except (NotFound, InvalidInput):
            continue
        cats.append(
            CategoryInfo(
                cat.id,
                std.id,
                std.severity,
                handling_limit(std, "normal"),
                handling_limit(std, "key"),
            )
        )
        cat_weights.append(w)
        scopes[cat.id] = category_scope(cat)
    streets: dict[str, tuple[float, float]] = {}
    for c in cells:
        streets.setdefault(c[2], (c[4], c[5]))
    routes: dict[tuple[int, str], int] = {}
    for cat_info in cats:
        for street, (lon, lat) in streets.items():
            r = route(session, scopes[cat_info.id], to_wgs84(lon, lat))
            routes[(cat_info.id, street)] = r.unit.id
    units = list(
        session.execute(
            text("SELECT id FROM grid_unit WHERE active AND district_code = :d ORDER BY id"),
            {"d": district},
        ).scalars()
    )
    limits = {}
    for stage in (
        wf.Stage.verify,
        wf.Stage.file,
        wf.Stage.dispatch,
        wf.Stage.check,
        wf.Stage.close,
    ):
        for source, _ in mix.sources:
            limits[(stage.value, source)] = stage_limit(session, stage, source)
    communities = sorted({c[1] for c in cells})
    base = 10_000 + int(district[-3:]) * 1000 if district[-3:].isdigit() else 10_000
    return World(
        district=district,
        cells=cells,
        cell_cum=_cum(weights),
        categories=cats,
        category_cum=_cum(cat_weights),
        routes=routes,
        units=units,
        limits=limits,
        inspectors={c: 1_000_000 + base + i for i, c in enumerate(communities)},
        operators=[2_000_000 + base + i for i in range(6)],
        leaders=[3_000_000 + base + i for i in range(4)],
        dispatchers=[4_000_000 + base + i for i in range(4)],
        agents=[6_000_000 + base + i for i in range(3)],
    )


# --- one case's history -----------------------------------------------------------------------


def _iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def _q(v: object) -> str:
    """Return a value as COPY text."""
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    return str(v)


_PAYLOADS: dict[tuple[tuple[str, Any], ...], tuple[str, str]] = {}
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _payload(extra: dict[str, Any] | None) -> tuple[str, str]:
    """Return the payload's canonical JSON (hashed) and the same text escaped for COPY."""
    key = tuple(sorted((extra or {}).items()))
    got = _PAYLOADS.get(key)
    if got is None:
        body = canonical_json(canonical({"seeded": True, **(extra or {})}))
        got = _PAYLOADS[key] = (body, body.translate(_COPY_ESCAPES))
    return got


class CaseBuilder:
    """Builds one case's rows (COPY lines) by replaying its decisions in time order."""

    __slots__ = (
        "case",
        "cid",
        "events",
        "last_hash",
        "open",
        "stages",
    )

    def __init__(self, cid: int) -> None:
        self.cid = cid
        self.events: list[str] = []
        self.stages: list[str] = []
        self.open: dict[
            str, list[Any]
        ] = {}  # stage → [start, due, limit_value, unit, unit_id, ext, paused_s, paused_at]
        self.last_hash = GENESIS
        self.case: dict[str, Any] = {
            "dispatches": 0,
            "returns": 0,
            "reworks": 0,
            "extensions": 0,
            "extension_hours": Decimal(0),
            "suspensions": 0,
            "suspended_seconds": 0,
            "assigned_unit_id": None,
            "signed": False,
            "satisfaction": None,
            "pending": None,
        }

    def event(
        self,
        action: str,
        frm: str | None,
        to: str,
        ts: int,
        actor_id: int | None,
        role: str,
        unit_id: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Append a hash-chained event (`app.cases.audit`'s canonical body and hash)."""
        seq = len(self.events) + 1
        payload, payload_copy = _payload(extra)
        at = _iso(ts)
        h = chain_hash(
            body_text(
                case_id=self.cid,
                seq=seq,
                action=action,
                from_status=frm,
                to_status=to,
                actor_id=actor_id,
                actor_role=role,
                actor_unit_id=unit_id,
                note=None,
                payload_json=payload,
                photos_json="[]",
                at_utc=at,
                prev_hash=self.last_hash,
            )
        )
        self.events.append(
            f"{self.cid}\t{seq}\t{action}\t{_q(frm)}\t{to}\t{_q(actor_id)}\t{role}\t{_q(unit_id)}"
            f"\t\\N\t{payload_copy}\t[]\t{at}\t{self.last_hash}\t{h}\n"
        )
        self.last_hash = h
        self.case["status"] = to

    def start(
        self, stage: str, ts: int, limit: tuple[Decimal, TimeUnit], unit_id: int | None = None
    ) -> int:
        """Start a stage clock; return its due time."""
        due = ts + int(float(limit[0]) * _UNIT_S[limit[1]])
        self.open[stage] = [ts, due, limit[0], limit[1], unit_id, Decimal(0), 0, None]
        return due

    def due(self, stage: str) -> int:
        """Return the due time of a running stage."""
        return int(self.open[stage][1])

    def stop(self, stage: str, ts: int) -> None:
        """Stop a stage clock and write its row."""
        self._row(stage, self.open.pop(stage), ts)

    def _row(self, stage: str, st: list[Any], stopped: int | None) -> None:
        start, due, lv, lu, unit_id, ext, paused_s, paused_at = st
        yellow = start + int((due - start) * yellow_ratio())
        if stopped is not None:
            light = light_of(stopped, yellow, due).value
            nxt = None
        else:
            light, nxt = "green", (None if paused_at is not None else _iso(yellow))
        self.stages.append(
            f"{self.cid}\t{stage}\t1\t{_q(unit_id)}\t{lv}\t{lu.value}\t{_iso(start)}\t{_iso(due)}"
            f"\t{_iso(yellow)}\t{_q(nxt)}\t{_q(_iso(stopped) if stopped is not None else None)}"
            f"\t{_q(_iso(paused_at) if paused_at is not None else None)}\t{paused_s}\t{ext}\tf"
            f"\t{light}\t\\N\t\\N\t\\N\n"
        )

    def close_open(self) -> None:
        """Write the rows of the stages still running at the end of the history."""
        for stage, st in list(self.open.items()):
            self._row(stage, st, None)
        self.open.clear()


def _pick(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    r = rng.random()
    acc = 0.0
    for value, p in options:
        acc += p
        if r < acc:
            return value
    return options[-1][0]


def build_case(
    world: World, mix: SeedMix, rng: random.Random, cid: int, reported: int, until: int
) -> tuple[CaseBuilder, dict[str, Any]]:
    """Replay one case from its report to `until` (or its end); return the builder and row."""
    b = CaseBuilder(cid)
    cell = world.cells[bisect.bisect(world.cell_cum, rng.random() * world.cell_cum[-1])]
    cat = world.categories[
        min(
            bisect.bisect(world.category_cum, rng.random() * world.category_cum[-1]),
            len(world.categories) - 1,
        )
    ]
    _code, comm, street, mclass, lon, lat = cell
    source = _pick(rng, mix.sources)
    unit = world.routes[(cat.id, street)]
    inspector = world.inspectors[comm]
    leader = rng.choice(world.leaders)
    dispatcher = rng.choice(world.dispatchers)
    operator = rng.choice(world.operators)
    c = b.case
    c.update(
        cell=cell,
        cat=cat,
        source=source,
        unit=unit,
        reported=reported,
        lon=lon + rng.uniform(-2e-4, 2e-4),
        lat=lat + rng.uniform(-1.5e-4, 1.5e-4),
        reporter={"inspector": inspector, "hotline": rng.choice(world.agents)}.get(
            source, None if source == "video" else operator
        ),
        master=None,
    )
    role = {"inspector": "inspector", "hotline": "hotline_agent", "video": "system"}.get(
        source, "operator"
    )
    lim = world.limits

    def late(p: float = mix.late_other) -> bool:
        return rng.random() < p

    def step(ts: int, due: int, late_p: float = mix.late_other) -> int:
        """Time of the next action: within the limit, or late."""
        span = max(60, due - ts)
        frac = rng.uniform(1.05, 2.5) if late(late_p) else rng.uniform(0.05, 0.95)
        return ts + int(span * frac)

    t = reported
    b.event("report", None, "reported", t, c["reporter"], role)
    due = b.start("file", t, lim[("file", source)])
    if source != "inspector":
        t2 = t + rng.randint(120, 1200)
        if t2 > until:
            return _finish(b, c)
        t = t2
        b.stop("file", t)
        b.event("send_verify", "reported", "verifying", t, operator, "operator")
        due = b.start("verify", t, lim[("verify", source)])
        t2 = step(t, due)
        if t2 > until:
            return _finish(b, c)
        t = t2
        b.stop("verify", t)
        c["verified"] = t
        if rng.random() < mix.verify_false:
            b.event("verify_not_exists", "verifying", "rejected", t, inspector, "inspector")
            return _finish(b, c, ended=t)
        b.event("verify_exists", "verifying", "reported", t, inspector, "inspector")
        due = b.start("file", t, lim[("file", source)])
    t2 = step(t, due)
    if t2 > until:
        return _finish(b, c)
    t = t2
    r = rng.random()
    if r < mix.reject:
        b.stop("file", t)
        who, wrole = (leader, "shift_leader") if source == "inspector" else (operator, "operator")
        b.event("reject", "reported", "rejected", t, who, wrole)
        return _finish(b, c, ended=t)
    r -= mix.reject
    if r < mix.merge and cid > 1:
        b.stop("file", t)
        c["master"] = cid - 1
        b.event(
            "merge",
            "reported",
            "merged",
            t,
            operator,
            "operator",
            extra={"master_case_id": cid - 1},
        )
        return _finish(b, c, ended=t)
    r -= mix.merge
    if source == "inspector" and r < mix.self_handle:
        b.stop("file", t)
        c["closed"] = t
        b.event("self_handle", "reported", "closed", t, inspector, "inspector")
        return _finish(b, c, ended=t)
    b.stop("file", t)
    c["filed"] = t
    b.event("file", "reported", "filed", t, leader, "shift_leader")
    due = b.start("dispatch", t, lim[("dispatch", source)])
    t2 = step(t, due)
    if t2 > until:
        return _finish(b, c)
    t = t2
    if rng.random() < mix.void:
        b.stop("dispatch", t)
        b.event("void_approve", "filed", "voided", t, leader, "shift_leader")
        return _finish(b, c, ended=t)
    handle_limit = cat.key_limit if mclass == "key" else cat.limit
    if rng.random() < mix.returned and len(world.units) > 1:
        wrong = rng.choice([u for u in world.units[:20] if u != unit] or world.units)
        b.stop("dispatch", t)
        c["dispatches"] += 1
        c["dispatched"] = t
        b.event(
            "dispatch", "filed", "dispatched", t, dispatcher, "dispatcher", extra={"unit_id": wrong}
        )
        due = b.start("handle", t, handle_limit, wrong)
        t2 = t + rng.randint(600, 14_400)
        if t2 > until:
            c["assigned_unit_id"] = wrong
            return _finish(b, c)
        t = t2
        b.stop("handle", t)
        c["returns"] += 1
        b.event("return_approve", "dispatched", "filed", t, dispatcher, "dispatcher")
        due = b.start("dispatch", t, lim[("dispatch", source)])
        t2 = step(t, due)
        if t2 > until:
            return _finish(b, c)
        t = t2
    b.stop("dispatch", t)
    c["dispatches"] += 1
    c["dispatched"] = t
    c["assigned_unit_id"] = unit
    b.event("dispatch", "filed", "dispatched", t, dispatcher, "dispatcher", extra={"unit_id": unit})
    handler = 5_000_000 + unit
    reworks = 2 if rng.random() < mix.rework * 0.1 else (1 if rng.random() < mix.rework else 0)
    stuck = rng.random() < mix.stuck
    for attempt in range(reworks + 1):
        due = b.start("handle", t, handle_limit, unit)
        if stuck:
            return _finish(b, c)
        if attempt == 0 and rng.random() < mix.extension:
            t2 = t + int((due - t) * rng.uniform(0.3, 0.7))
            if t2 > until:
                return _finish(b, c)
            t = t2
            hours = rng.choice([4, 8, 24])
            st = b.open["handle"]
            st[5] = Decimal(hours)
            unit_s = WORK_HOUR_S if st[3] in (TimeUnit.work_hour, TimeUnit.work_day) else 3600.0
            st[1] = due = st[1] + int(hours * unit_s)
            c["extensions"] += 1
            c["extension_hours"] += Decimal(hours)
            b.event(
                "extend_approve",
                "dispatched",
                "dispatched",
                t,
                dispatcher,
                "dispatcher",
                extra={"hours": str(hours)},
            )
        if attempt == 0 and rng.random() < mix.suspension:
            t2 = t + int((due - t) * rng.uniform(0.1, 0.5))
            if t2 > until:
                return _finish(b, c)
            t = t2
            st = b.open["handle"]
            st[7] = t
            c["suspensions"] += 1
            b.event("suspend_approve", "dispatched", "suspended", t, dispatcher, "dispatcher")
            t2 = t + rng.randint(86_400, 20 * 86_400)
            if t2 > until:
                return _finish(b, c)
            paused = t2 - t
            t = t2
            st[7] = None
            st[6] += paused
            st[1] = due = st[1] + paused
            c["suspended_seconds"] += paused
            b.event("resume", "suspended", "dispatched", t, dispatcher, "dispatcher")
        t2 = step(t, due, mix.late_handle)
        if t2 > until:
            return _finish(b, c)
        t = t2
        b.stop("handle", t)
        c["handled"] = t
        b.event("handle", "dispatched", "handled", t, handler, "unit_handler", unit_id=unit)
        due = b.start("check", t, lim[("check", source)])
        t2 = step(t, due)
        if t2 > until:
            return _finish(b, c)
        t = t2
        b.stop("check", t)
        c["checked"] = t
        if attempt < reworks:
            c["reworks"] += 1
            b.event("check_fail", "handled", "dispatched", t, inspector, "inspector")
            continue
        b.event("check_pass", "handled", "to_close", t, inspector, "inspector")
    due = b.start("close", t, lim[("close", source)])
    t2 = step(t, due)
    if t2 > until:
        return _finish(b, c)
    t = t2
    b.stop("close", t)
    c["closed"] = t
    b.event("close", "to_close", "closed", t, leader, "shift_leader")
    if source == "hotline":
        t2 = t + rng.randint(3600, 3 * 86_400)
        if t2 <= until:
            t = t2
            c["satisfaction"] = sat = _pick(rng, mix.satisfaction)
            b.event(
                "callback",
                "closed",
                "evaluated",
                t,
                rng.choice(world.agents),
                "hotline_agent",
                extra={"satisfaction": sat},
            )
    return _finish(b, c, ended=c["closed"])


def _finish(
    b: CaseBuilder, c: dict[str, Any], ended: int | None = None
) -> tuple[CaseBuilder, dict[str, Any]]:
    b.close_open()
    c["finished"] = ended
    return b, c


def _case_line(b: CaseBuilder, c: dict[str, Any], case_no: str, desc: str) -> str:
    code, comm, street, mclass, _lon, _lat = c["cell"]
    cat: CategoryInfo = c["cat"]
    status = c["status"]
    dispatching = None
    assigned = (
        c["assigned_unit_id"]
        if status in ("dispatched", "handled", "to_close", "closed", "evaluated", "suspended")
        else None
    )
    last_ts = max(
        (c.get(k) or 0)
        for k in ("reported", "verified", "filed", "dispatched", "handled", "checked", "closed")
    )
    ts = {
        k: (_iso(c[k]) if c.get(k) else None)
        for k in ("verified", "filed", "dispatched", "handled", "checked", "closed")
    }
    finished = _iso(c["finished"]) if c.get("finished") else None
    signed = status in ("handled", "to_close", "closed", "evaluated")
    vals = [
        b.cid,
        case_no,
        c["district"],
        c["source"],
        cat.id,
        cat.standard_id,
        cat.severity,
        desc,
        None,
        f"SRID=4326;POINT({c['lon']:.7f} {c['lat']:.7f})",
        f"{c['lon']:.7f}",
        f"{c['lat']:.7f}",
        "wgs84",
        code,
        comm,
        street,
        mclass,
        c["unit"],
        None,
        "rule",
        None,
        status,
        None,
        None,
        assigned,
        dispatching,
        signed,
        c["master"] if status == "merged" else None,
        c["reporter"],
        c["dispatches"],
        0,
        c["returns"],
        c["reworks"],
        c["extensions"],
        c["extension_hours"],
        c["suspensions"],
        c["suspended_seconds"],
        0,
        c["satisfaction"],
        len(b.events),
        b.last_hash,
        False,
        _iso(c["reported"]),
        ts["verified"],
        ts["filed"],
        ts["dispatched"],
        None,  # 签收 is not generated
        ts["handled"],
        ts["checked"],
        ts["closed"],
        finished,
        _iso(max(last_ts, c["reported"])),
        len(b.events),
    ]
    return "\t".join(_q(v) for v in vals) + "\n"


CASE_COLUMNS = (
    "id, case_no, district_code, source, category_id, standard_id, severity, description,"
    " address_text, geom, raw_lon, raw_lat, raw_crs, grid_code, community_code, street_code,"
    " mgmt_class, routed_unit_id, routed_rule_id, routed_by, component_id, status, pending,"
    " pending_payload, assigned_unit_id, dispatching_unit_id, signed, master_case_id,"
    " reporter_id, dispatches, redispatches, returns, reworks, extensions, extension_hours,"
    " suspensions, suspended_seconds, repeat_requests, satisfaction, event_count,"
    " last_event_hash, calendar_provisional, reported_at, verified_at, filed_at, dispatched_at,"
    " signed_at, handled_at, checked_at, closed_at, finished_at, updated_at, version"
)
STAGE_COLUMNS = (
    "case_id, stage, level, unit_id, limit_value, limit_unit, started_at, due_at, yellow_at,"
    " next_threshold_at, stopped_at, paused_at, paused_seconds, extension_hours, provisional,"
    " light, warned_at, overdue_at, escalated_at"
)
EVENT_COLUMNS = (
    "case_id, seq, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note,"
    " payload, photos, created_at, prev_hash, hash"
)


@dataclass(slots=True)
class _Chunk:
    ids: list[int]
    cases: str
    stages: str
    events: str
    n_stages: int
    n_events: int
    open_cases: int


DESCRIPTION = "历史案卷（seed-history 生成）"


def _generate_chunk(
    world: World,
    mix: SeedMix,
    rng: random.Random,
    ids: list[int],
    times: list[int],
    numbers: list[str],
    until: int,
) -> _Chunk:
    cases: list[str] = []
    stages: list[str] = []
    events: list[str] = []
    n_open = 0
    desc = DESCRIPTION
    for cid, ts, no in zip(ids, times, numbers, strict=True):
        b, c = build_case(world, mix, rng, cid, ts, until)
        c["district"] = world.district
        if c["status"] not in wf.FINISHED_STATUSES:
            n_open += 1
        cases.append(_case_line(b, c, no, desc))
        stages.extend(b.stages)
        events.extend(b.events)
    return _Chunk(
        ids, "".join(cases), "".join(stages), "".join(events), len(stages), len(events), n_open
    )


def _times(rng: random.Random, n: int, t0: int, t1: int) -> list[int]:
    """Report instants in [t0, t1): more on working days and in daytime, sorted."""
    out: list[int] = []
    tz_shift = 8 * 3600  # Beijing time for the daily/weekly shape
    while len(out) < n:
        ts = rng.randint(t0, t1 - 1)
        local = ts + tz_shift
        hour = (local // 3600) % 24
        weekday = (local // 86400 + 3) % 7  # 1970-01-01 was a Thursday → 0 = Monday
        p = (1.0 if 7 <= hour < 20 else 0.15) * (1.0 if weekday < 5 else 0.6)
        if rng.random() < p:
            out.append(ts)
    out.sort()
    return out


def _case_numbers(session: Session, district: str, times: list[int]) -> list[str]:
    """Draw case numbers per (district, year), gap-free with the live counter."""
    settings = get_settings()
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(settings.calendar_timezone)
    years = [datetime.fromtimestamp(ts, tz).year for ts in times]
    counts: dict[int, int] = {}
    for y in years:
        counts[y] = counts.get(y, 0) + 1
    nexts: dict[int, int] = {}
    for y, n in counts.items():
        last = session.execute(
            text(
                "INSERT INTO dispatch_case_number (district_code, year, last_seq)"
                " VALUES (:d, :y, :n) ON CONFLICT (district_code, year)"
                " DO UPDATE SET last_seq = dispatch_case_number.last_seq + :n RETURNING last_seq"
            ),
            {"d": district, "y": y, "n": n},
        ).scalar_one()
        nexts[y] = int(last) - n + 1
    out = []
    for y in years:
        out.append(settings.case_no_format.format(district=district, year=y, seq=nexts[y]))
        nexts[y] += 1
    return out


def seed_history(
    engine: Engine, opts: SeedOptions, progress: Progress | None = None
) -> SeedSummary:
    """Write `opts.cases` cases of history ending at `opts.until`; compute facts and rollups.

    Chunks are generated in a background thread while the previous chunk is copied, each chunk
    is committed on its own (a crash keeps whole chunks). Needs the demo city's district.
    """
    if opts.cases < 1:
        raise InvalidInput("案卷数必须大于 0", field="cases")
    if not 0 < opts.years <= 20:
        raise InvalidInput("年数应在 0 到 20 之间", field="years")
    if opts.until.utcoffset() is None:
        raise InvalidInput("截止时刻需要带时区", field="until")
    say = progress or (lambda _m, _d, _t: None)
    started = time.perf_counter()
    rng = random.Random(opts.seed)
    district = opts.district or get_settings().demo_district
    with unit_of_work(engine) as s:
        world = load_world(s, district, rng, opts.mix)
        _assign_patrol(s, world)
    summary = SeedSummary(district=district)
    until = int(opts.until.timestamp())
    t0 = until - int(opts.years * 365.25 * 86400)
    n_chunks = max(1, math.ceil(opts.cases / opts.chunk))
    sizes = [
        opts.cases // n_chunks + (1 if i < opts.cases % n_chunks else 0) for i in range(n_chunks)
    ]
    span = (until - t0) / n_chunks
    todo: queue.Queue[tuple[int, _Chunk] | BaseException | None] = queue.Queue(maxsize=2)
    # ids and case numbers are drawn up front per chunk (in the producer, on its own connection)

    def produce() -> None:
        try:
            for i, size in enumerate(sizes):
                lo, hi = int(t0 + i * span), int(t0 + (i + 1) * span)
                times = _times(rng, size, lo, hi)
                with unit_of_work(engine) as s:
                    ids = list(
                        s.execute(
                            text(
                                "SELECT nextval('dispatch_case_id_seq') FROM generate_series(1, :n)"
                            ),
                            {"n": size},
                        ).scalars()
                    )
                    numbers = _case_numbers(s, district, times)
                todo.put((i, _generate_chunk(world, opts.mix, rng, ids, times, numbers, until)))
            todo.put(None)
        except BaseException as exc:
            todo.put(exc)

    producer = threading.Thread(target=produce, name="xiuhua-seed", daemon=True)
    producer.start()
    done = 0
    fact_pool = ThreadPoolExecutor(1, thread_name_prefix="xiuhua-seed-facts")
    pending: list[Future[float]] = []
    say("生成并写入历史案卷", 0, opts.cases)
    while True:
        tw = time.perf_counter()
        item = todo.get()
        summary.generate_wait_seconds += time.perf_counter() - tw
        if item is None:
            break
        if isinstance(item, BaseException):
            raise item
        _i, chunk = item
        t = time.perf_counter()
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                cur.execute("SET synchronous_commit = off")
                try:
                    cur.execute("SET session_replication_role = replica")
                    summary.triggers_skipped = True
                except Exception:  # not a superuser: the outbox trigger queues the cases
                    raw.rollback()
                    summary.triggers_skipped = False
                for table, cols, data in (
                    ("dispatch_case", CASE_COLUMNS, chunk.cases),
                    ("dispatch_case_stage", STAGE_COLUMNS, chunk.stages),
                    ("dispatch_case_event", EVENT_COLUMNS, chunk.events),
                ):
                    tc = time.perf_counter()
                    with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as cp:
                        cp.write(data)
                    summary.copy_by_table[table] = summary.copy_by_table.get(table, 0.0) + (
                        time.perf_counter() - tc
                    )
                cur.execute("SET session_replication_role = DEFAULT")
            raw.commit()
        summary.copy_seconds += time.perf_counter() - t
        # the facts of this chunk are computed on another connection while the next is copied
        pending.append(fact_pool.submit(_facts, engine, chunk.ids))
        summary.cases += len(chunk.ids)
        summary.stages += chunk.n_stages
        summary.events += chunk.n_events
        summary.open_cases += chunk.open_cases
        done += len(chunk.ids)
        say("生成并写入历史案卷", done, opts.cases)
    producer.join()
    t = time.perf_counter()
    for f in pending:
        summary.facts_seconds += f.result()
    fact_pool.shutdown()
    summary.facts_wait_seconds = time.perf_counter() - t
    t = time.perf_counter()
    say("汇总表重算", 0, 1)
    with unit_of_work(engine) as s:
        facts.rebuild_rollups(s)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE dispatch_case, dispatch_case_stage, dispatch_case_event"))
    say("汇总表重算", 1, 1)
    summary.rollup_seconds = time.perf_counter() - t
    summary.seconds = time.perf_counter() - started
    return summary


def _facts(engine: Engine, ids: list[int]) -> float:
    t = time.perf_counter()
    with unit_of_work(engine) as s:
        facts.insert_facts(s, ids)
    return time.perf_counter() - t


def _assign_patrol(session: Session, world: World) -> None:
    """Give each community's seeded inspector an account and the community (责任网格)."""
    ids = list(world.inspectors.values())
    session.execute(
        text(
            "INSERT INTO account_user (id, username, display_name, role, district_codes)"
            " SELECT i, 'seed-inspector-' || i, '监督员（历史数据）' || i, 'inspector',"
            " ARRAY[CAST(:d AS varchar)] FROM unnest(CAST(:i AS int[])) AS i"
            " ON CONFLICT (id) DO NOTHING"
        ),
        {"i": ids, "d": world.district},
    )
    session.execute(
        text("DELETE FROM dispatch_patrol_area WHERE inspector_id = ANY(:i)"), {"i": ids}
    )
    session.execute(
        text(
            "INSERT INTO dispatch_patrol_area (inspector_id, kind, code)"
            " SELECT CAST(j.inspector AS int), 'community', j.community"
            " FROM jsonb_each_text(CAST(:m AS jsonb)) AS j(community, inspector)"
        ),
        {"m": json.dumps(world.inspectors)},
    )
