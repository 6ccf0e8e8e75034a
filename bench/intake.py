"""Intake and transitions: reported cases per second at every layer, on a throwaway clone.

Everything that writes runs against `bench_intake_<pid>`, a clone of the configured database
made with `CREATE DATABASE … TEMPLATE` and dropped in a `finally` (a run killed before that
leaves a clone that the next run drops: its pid is no longer alive). The configured database is
never written: no bench case, event, attachment, idempotency record or case-number counter
ends up in it, and no append-only trigger has to be switched off.

In the clone, in this order:

1. the service in-process: `report_case` as `POST /api/v1/cases` runs it (idempotency lock,
   report, `case_view`, `jsonable_encoder`, remember, commit), one unit of work per report, with
   every step timed; then the transitions file → dispatch → sign → handle with `act`, one unit
   of work each, on those cases (handle with a real stored photo);
2. the HTTP API (uvicorn, 2 workers, loopback): closed loop at N connections, then open loop at
   a constant arrival rate (300/s); then Open311 `POST requests` under one API key at 8
   connections (`bench.open311`);
3. batch intake, transitions through the API and bulk actions (`bench.fast`);
4. the stack's floor: the raw statement behind a bare FastAPI endpoint, same workers, client and
   bodies as the closed loop (`bench.floor`);
5. pgbench: the raw locate-and-insert into `dispatch_case` itself, 1 and 2 clients (last, so its
   rows do not change what the duplicate check of the other layers sees; the floor's rows come
   just before it for the same reason).
"""

from __future__ import annotations

import functools
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from bench.common import ROOT, libpq_uri, summarize_ns
from bench.fast import measure_fast
from bench.floor import measure_floor
from bench.open311 import figures as open311_figures
from bench.open311 import measure_open311
from bench.points import Workload

CLONE_PREFIX = "bench_intake_"
GOAL_RATIO = 0.25  # intake_cases_per_s / intake_raw_per_s
GOAL_ABS = 1000  # cases/s on this 2-core machine
# Issue #15's targets, each judged in every run (a measurement, not a test):
# name → (figure, comparison, bound).
GOALS: dict[str, tuple[str, str, float]] = {
    "ratio": ("intake_vs_raw", ">=", GOAL_RATIO),
    "absolute": ("intake_cases_per_s", ">=", GOAL_ABS),
    "p99_at_300": ("intake_p99_ms_at_300rps", "<", 50),
    "worker_cpu": ("intake_worker_cpu_ms", "<=", 3),
    "open311": ("open311_post_per_s", ">=", 310),
    "batch": ("intake_batch_http_cases_per_s", ">=", 3000),
    "transitions": ("transitions_http_per_s", ">=", 500),
    "transitions_all": ("transitions_http_all_per_s", ">=", 500),
    "bulk_dispatch": ("bulk_dispatch_1000_s", "<", 2),
    "bulk_sign": ("bulk_sign_1000_s", "<", 2),
}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda v, b: v >= b,
    "<": lambda v, b: v < b,
    "<=": lambda v, b: v <= b,
}
OPEN_LOOP_RPS = 300

# Realistic report texts (巡查员上报): short, Chinese, varied in length.
DESCRIPTIONS = (
    "道路两侧有占道经营的流动摊贩，影响行人通行",
    "人行道上暴露垃圾堆放，已有异味，请尽快清运",
    "雨水井盖破损缺失一角，夜间存在安全隐患",
    "店外堆放杂物占用人行道约三米",
    "绿化带内有建筑垃圾倾倒，面积约五平方米，周边居民反映强烈，请相关部门处理",
    "路灯杆倾斜，灯罩脱落",
    "小区门口机动车乱停放，堵塞消防通道",
    "墙面有非法小广告张贴，数量较多",
    "污水井冒溢，路面积水",
    "广告牌松动，大风天气有坠落风险，需要尽快加固或拆除",
)


# --- the clone ----------------------------------------------------------------------------------


def _maintenance_uri(uri: str) -> str:
    """The same server, database `postgres` (to create and drop databases from)."""
    return make_url(uri).set(database="postgres").render_as_string(hide_password=False)


def _with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_stale_clones(admin: psycopg.Connection) -> list[str]:
    """Drop clones left by bench runs that died before their own clean-up (pid gone)."""
    dropped = []
    rows = admin.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s", (CLONE_PREFIX + "%",)
    ).fetchall()
    for (name,) in rows:
        m = re.fullmatch(CLONE_PREFIX + r"(\d+)", name)
        if m and not _alive(int(m.group(1))):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            dropped.append(name)
    return dropped


@contextmanager
def clone(database_url: str, wait_s: float = 20.0) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a fresh clone of the configured database; always drop it.

    `CREATE DATABASE … TEMPLATE` needs the source to have no other session: it is retried for
    `wait_s` (the earlier stages' connections take a moment to go), then fails naming who is
    connected.
    """
    uri = libpq_uri(database_url)
    source = make_url(database_url).database
    name = f"{CLONE_PREFIX}{os.getpid()}"
    with psycopg.connect(_maintenance_uri(uri), autocommit=True) as admin:
        drop_stale_clones(admin)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        deadline = time.monotonic() + wait_s
        while True:
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
                break
            except psycopg.errors.ObjectInUse:
                if time.monotonic() > deadline:
                    who = admin.execute(
                        "SELECT coalesce(nullif(application_name, ''), 'pid ' || pid) "
                        "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                        (source,),
                    ).fetchall()
                    raise RuntimeError(
                        f"cannot clone {source}: other sessions are connected "
                        f"({', '.join(w for (w,) in who)}); stop them and run again"
                    ) from None
                time.sleep(0.5)
    try:
        yield _with_database(database_url, name)
    finally:
        with psycopg.connect(_maintenance_uri(uri), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the workload -------------------------------------------------------------------------------


def report_bodies(work: Workload, n: int, seed: int) -> list[dict[str, Any]]:
    """`n` report bodies: the workload's points (cycled) with a mix of categories and texts."""
    rng = random.Random(seed)
    cats = work.categories
    # A realistic mix: most reports are a few everyday categories, the rest spread out.
    weights = [max(1, len(cats) - k) for k in range(len(cats))]
    out = []
    for i in range(n):
        lon, lat = work.points[i % len(work.points)]
        body: dict[str, Any] = {
            "category": rng.choices(cats, weights)[0],
            "lon": lon,
            "lat": lat,
            "description": rng.choice(DESCRIPTIONS),
        }
        if rng.random() < 0.3:
            body["address_text"] = f"{rng.choice(('东', '西', '南', '北'))}门附近"
        out.append(body)
    return out


def inspector_tokens(clone_url: str, n: int = 50) -> list[dict[str, str]]:
    """Create `n` inspectors in the clone and return a bearer header for each (real tokens)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from app.core.clock import now
    from app.core.config import get_settings
    from app.identity.models import User
    from app.identity.service import issue_tokens

    if not os.environ.get("XIUHUA_JWT_SECRET"):  # the server subprocess inherits it
        os.environ["XIUHUA_JWT_SECRET"] = "bench-" + os.urandom(24).hex()
        get_settings.cache_clear()
    engine = create_engine(clone_url)
    out = []
    with Session(engine) as s:
        for i in range(n):
            uid = s.execute(
                text(
                    "INSERT INTO account_user (username, display_name, role) VALUES (:u, :u2, 'inspector')"
                    " ON CONFLICT (username) DO UPDATE SET active = true RETURNING id"
                ),
                {"u": f"bench-inspector-{i}", "u2": f"bench-inspector-{i}"},
            ).scalar_one()
            user = s.get_one(User, uid)
            out.append({"Authorization": f"Bearer {issue_tokens(user, now()).access_token}"})
        s.commit()
    engine.dispose()
    return out


# --- in-process: the service --------------------------------------------------------------------


class StepTimer:
    """Inclusive wall time per named step (nested steps are counted in their callers too)."""

    def __init__(self) -> None:
        self.ns: dict[str, list[int]] = {}

    def add(self, name: str, ns: int) -> None:
        """Record one sample."""
        self.ns.setdefault(name, []).append(ns)

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """`fn`, timed under `name`."""

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter_ns()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter_ns() - t0)

        return timed

    def summary(self, reports: int) -> dict[str, Any]:
        """Per step: calls per report, mean and p50 µs per call, mean µs per report."""
        out = {}
        for name, v in self.ns.items():
            s = sorted(v)
            out[name] = {
                "calls_per_report": round(len(v) / reports, 2) if reports else None,
                "p50_us": round(s[len(s) // 2] / 1e3, 1),
                "mean_us": round(sum(v) / len(v) / 1e3, 1),
                "us_per_report": round(sum(v) / reports / 1e3, 1) if reports else None,
            }
        return out


# Steps of report_case and of the transitions, patched in this process only while measuring.
_SERVICE_STEPS = (
    ("validate_photo_ids", "photo check"),
    ("reference_and_case_ids", "reference version + case id"),
    ("route_and_duplicates", "locate + route + duplicate check (one statement)"),
    ("insert_cases", "insert case + clock + event, draw number (row lock)"),
    ("_write", "transition write: case, clocks, event, photo links (one statement)"),
    ("get_calendar", "work calendar load"),
    ("_effects", "stage clocks + event (all)"),
    ("case_state", "case state (transition table)"),
)


@contextmanager
def _instrumented(timer: StepTimer) -> Iterator[None]:
    from app.cases import service

    saved = {name: getattr(service, name) for name, _ in _SERVICE_STEPS}
    try:
        for name, _ in _SERVICE_STEPS:
            setattr(service, name, timer.wrap(name, saved[name]))
        yield
    finally:
        for name, fn in saved.items():
            setattr(service, name, fn)


def _photo_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 160, 90)).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def measure_service(
    clone_url: str, bodies: list[dict[str, Any]], max_reports: int, max_s: float
) -> dict[str, Any]:
    """Reports then transitions in-process against the clone, one unit of work per call."""
    import orjson

    from app.cases import idempotency
    from app.cases import workflow as wf
    from app.cases.attachments import FileSystemStorage, PhotoKind, store_photo
    from app.cases.service import ActionInput, ReportInput, act, case_view, report_case, report_view
    from app.core.clock import normalize_instants
    from app.core.clock import now as clock_now
    from app.core.db import get_engine, unit_of_work

    engine = get_engine(clone_url)
    timer = StepTimer()
    case_ids: list[int] = []
    lock_ns: list[int] = []
    total_ns: list[int] = []
    cpu_ns = 0
    out: dict[str, Any] = {}
    try:
        actor = wf.Actor(role=wf.Role.inspector, user_id=1)
        # one untimed report warms the imports, the pool and the prepared statements
        with _instrumented(StepTimer()):
            for b in bodies[-3:]:
                with unit_of_work(engine) as s:
                    report_case(s, ReportInput(source=wf.Source.inspector, **b), actor, clock_now())
        started = time.perf_counter()
        with _instrumented(timer):
            from app.cases import service

            numbered = service.insert_cases

            for i, b in enumerate(bodies[:max_reports]):
                c0 = time.process_time_ns()
                t0 = time.perf_counter_ns()
                t_lock = 0

                def note_lock(*a: Any, _f: Any = numbered, **k: Any) -> Any:
                    nonlocal t_lock
                    t_lock = time.perf_counter_ns()
                    return _f(*a, **k)

                service.insert_cases = note_lock
                with unit_of_work(engine) as s:
                    now = clock_now()
                    inp = ReportInput(source=wf.Source.inspector, **b)
                    scope = f"POST /cases|inspector|{1 + i % 50}"
                    t = time.perf_counter_ns()
                    fp = idempotency.request_fingerprint(b)
                    idempotency.replay(s, f"svc-{i}", scope, fp)
                    timer.add("idempotency lock + lookup", time.perf_counter_ns() - t)
                    t = time.perf_counter_ns()

                    def answer(r: Any, s: Any = s, now: Any = now) -> dict[str, Any]:
                        t_view = time.perf_counter_ns()
                        view = report_view(s, r, actor, now)
                        out: dict[str, Any] = normalize_instants(
                            view | {"possible_duplicates": r.possible_duplicates}
                        )
                        timer.add("the answer (view + JSON-ready)", time.perf_counter_ns() - t_view)
                        return out

                    # as the API: answered from the plan, the record stored by the insert
                    res = report_case(
                        s,
                        inp,
                        actor,
                        now,
                        answer=answer,
                        remember=idempotency.Remember(f"svc-{i}", scope, fp, 201),
                    )
                    timer.add("report_case (all, with the answer)", time.perf_counter_ns() - t)
                    t = time.perf_counter_ns()
                    orjson.dumps(res.answer)
                    timer.add("JSON encode", time.perf_counter_ns() - t)
                    case_ids.append(res.case.id)
                    t_commit = time.perf_counter_ns()
                timer.add("commit + close", time.perf_counter_ns() - t_commit)
                end = time.perf_counter_ns()
                cpu_ns += time.process_time_ns() - c0
                total_ns.append(end - t0)
                if t_lock:
                    lock_ns.append(end - t_lock)
                if time.perf_counter() - started > max_s:
                    break
            service.insert_cases = numbered
        elapsed = time.perf_counter() - started
        n = len(total_ns)
        out["reports"] = {
            "n": n,
            "elapsed_s": round(elapsed, 2),
            "per_s": round(n / elapsed, 1) if elapsed else None,
            "latency": summarize_ns(total_ns),
            "python_cpu_ms_per_report": round(cpu_ns / n / 1e6, 3) if n else None,
            "case_no_lock_held": summarize_ns(lock_ns),
            "steps": timer.summary(n),
        }

        # Transitions on those cases: file, dispatch, sign, handle (the photo stored beforehand).
        storage_dir = Path(tempfile.mkdtemp(prefix="xiuhua-bench-photos-"))
        storage = FileSystemStorage(storage_dir)
        jpeg = _photo_bytes()
        todo = case_ids[: max(1, max_reports // 2)]
        photos: dict[int, str] = {}
        try:
            with unit_of_work(engine) as s:
                for cid in todo:
                    photos[cid] = store_photo(
                        s, io.BytesIO(jpeg), PhotoKind.after, None, clock_now(), storage
                    ).id
            ttimer = StepTimer()
            per_action: dict[str, list[int]] = {}
            failures: dict[str, int] = {}
            leader = wf.Actor(role=wf.Role.shift_leader, user_id=2)
            dispatcher = wf.Actor(role=wf.Role.dispatcher, user_id=3)
            started = time.perf_counter()
            with _instrumented(ttimer):
                for cid in todo:
                    unit_id: int | None = None
                    steps: list[tuple[wf.Action, Any, ActionInput]] = [
                        (wf.Action.file, leader, ActionInput()),
                        (wf.Action.dispatch, dispatcher, ActionInput()),
                        (wf.Action.sign, None, ActionInput()),
                        (
                            wf.Action.handle,
                            None,
                            ActionInput(note="已处置完毕", photos=(photos[cid],)),
                        ),
                    ]
                    for action, who, inp in steps:
                        who = who or wf.Actor(role=wf.Role.unit_handler, user_id=4, unit_id=unit_id)
                        t0 = time.perf_counter_ns()
                        try:
                            with unit_of_work(engine) as s:
                                now = clock_now()
                                case = act(s, cid, action, who, inp, now)
                                unit_id = case.assigned_unit_id
                                orjson.dumps(normalize_instants(case_view(s, case, who, now)))
                        except Exception as exc:  # counted, never fatal: a measurement
                            key = f"{action.value}: {type(exc).__name__}: {exc}"[:200]
                            failures[key] = failures.get(key, 0) + 1
                            break
                        per_action.setdefault(action.value, []).append(time.perf_counter_ns() - t0)
                    if time.perf_counter() - started > max_s:
                        break
            elapsed = time.perf_counter() - started
            done = sum(len(v) for v in per_action.values())
            out["transitions"] = {
                "n": done,
                "cases": len(per_action.get("file", [])),
                "elapsed_s": round(elapsed, 2),
                "per_s": round(done / elapsed, 1) if elapsed else None,
                "with_case_view": True,
                "actions": {k: summarize_ns(v) for k, v in per_action.items()},
                "steps": ttimer.summary(done),
                "failures": failures,
            }
        finally:
            import shutil

            shutil.rmtree(storage_dir, ignore_errors=True)
    finally:
        engine.dispose()
    return out


# --- HTTP ---------------------------------------------------------------------------------------


def _load(job: dict[str, Any], timeout_s: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="xiuhua-bench-") as tmp:
        path = Path(tmp) / "job.json"
        path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "bench.load", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    if proc.returncode != 0:
        return {"tool": "httpx", "error": proc.stderr.strip()[-1000:]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    bad = {k: v for k, v in (result.get("status") or {}).items() if k != "201"}
    if bad or result.get("failures"):
        result["error"] = f"not 201: {bad} failures: {result.get('failures')}"
    return result


def measure_api_intake(
    clone_url: str,
    bodies: list[dict[str, Any]],
    *,
    seconds: float,
    connections: int,
    max_requests: int,
    open_seconds: float,
    rate: float = OPEN_LOOP_RPS,
) -> dict[str, Any]:
    """POST /api/v1/cases on uvicorn (2 workers): closed loop, then open loop at `rate`/s."""
    from bench.api import (
        cpu_seconds,
        find_wrk,
        postgres_cpu,
        postgres_cpu_since,
        run_wrk_post,
        uvicorn_server,
        worker_pids,
    )

    tokens = inspector_tokens(clone_url)
    reqs = [
        {"method": "POST", "path": "/api/v1/cases", "body": b, "headers": tokens[i % len(tokens)]}
        for i, b in enumerate(bodies)
    ]
    out: dict[str, Any] = {"connections": connections, "errors": {}}
    run = f"b{os.getpid()}"
    with uvicorn_server(clone_url, workers=2) as server:
        base = server.base_url
        warm = _load(
            {
                "base_url": base,
                "requests": reqs,
                "concurrency": 4,
                "max_requests": 400,
                "seconds": 3,
                "ok_status": [201],
                "idempotency_prefix": f"{run}-warm",
            },
            90,
        )
        if warm.get("error") and not warm.get("ok"):
            out["errors"]["warm-up"] = str(warm["error"])[-300:]
            return out
        pids = worker_pids(server.proc.pid)
        wrk = find_wrk()
        cpu0 = cpu_seconds(pids)
        db0 = postgres_cpu()
        if wrk:  # a client in C: the load takes little of the two cores the server runs on
            n = max(max_requests, 1)
            posts = [
                (
                    "/api/v1/cases",
                    {"Content-Type": "application/json", **reqs[i % len(reqs)]["headers"]}
                    | {"Idempotency-Key": f"{run}-closed-{i}"},
                    json.dumps(reqs[i % len(reqs)]["body"], ensure_ascii=False),
                )
                for i in range(n)
            ]
            closed = run_wrk_post(wrk, base, posts, connections, int(seconds))
        else:
            closed = _load(
                {
                    "base_url": base,
                    "requests": reqs,
                    "concurrency": connections,
                    "max_requests": max_requests,
                    "seconds": seconds,
                    "ok_status": [201],
                    "idempotency_prefix": f"{run}-closed",
                },
                seconds + 120,
            )
            closed["tool"] = "httpx"
        used = cpu_seconds(pids) - cpu0
        db_used = postgres_cpu_since(db0)
        ok = closed.get("ok") or 0
        closed["worker_cpu_s"] = round(used, 2)
        closed["worker_cpu_ms_per_request"] = round(used * 1000 / ok, 3) if ok else None
        closed["db_cpu_ms_per_request"] = (
            round(db_used * 1000 / ok, 3) if ok and db_used is not None else None
        )
        out["closed"] = closed
        cpu0 = cpu_seconds(pids)
        opened = _load(
            {
                "base_url": base,
                "requests": reqs,
                "concurrency": 64,
                "max_requests": int(rate * open_seconds),
                "seconds": open_seconds,
                "rate": rate,
                "max_in_flight": 256,
                "ok_status": [201],
                "idempotency_prefix": f"{run}-open",
            },
            open_seconds + 150,
        )
        used = cpu_seconds(pids) - cpu0
        ok = opened.get("ok") or 0
        opened["worker_cpu_ms_per_request"] = round(used * 1000 / ok, 3) if ok else None
        out["open"] = opened
        # The same open loop at a rate the server can take (70 % of the closed-loop rate), so
        # there is a p99 at a sustainable load too.
        easy = round(0.7 * (closed.get("rps") or 0))
        if easy >= 5:
            out["open_sustainable"] = _load(
                {
                    "base_url": base,
                    "requests": reqs,
                    "concurrency": 64,
                    "max_requests": int(easy * open_seconds),
                    "seconds": open_seconds,
                    "rate": easy,
                    "max_in_flight": 256,
                    "ok_status": [201],
                    "idempotency_prefix": f"{run}-easy",
                },
                open_seconds + 150,
            )
        for key in ("closed", "open", "open_sustainable"):
            if key not in out:
                continue
            if out[key].get("error"):
                out["errors"][key] = str(out[key]["error"])[-300:]
        out["worker_pids"] = len(pids)
    return out


# --- pgbench: the raw insert-and-locate ---------------------------------------------------------


def raw_insert_sql(ids: dict[str, int]) -> str:
    """The raw locate-and-insert (`:lon`, `:lat`): the cell by ST_Covers, the case row into
    dispatch_case with a number from its own sequence. pgbench times it for the raw rate;
    `bench.floor` runs the same statement behind a bare endpoint."""
    return (
        "INSERT INTO dispatch_case (case_no, district_code, source, category_id, standard_id,"
        " severity, description, geom, raw_lon, raw_lat, raw_crs, grid_code, community_code,"
        " street_code, mgmt_class, routed_unit_id, status, reported_at, updated_at)"
        " SELECT 'RAW-' || nextval('bench_raw_case_no'), c.district_code, 'inspector',"
        f" {ids['category']}, {ids['standard']}, 'normal', '{DESCRIPTIONS[0]}',"
        " ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :lon, :lat, 'wgs84', c.code,"
        f" c.community_code, c.street_code, c.mgmt_class, {ids['unit']}, 'reported', now(),"
        " now() FROM grid_cell c WHERE c.valid_to IS NULL"
        " AND ST_Covers(c.geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))"
        " ORDER BY c.code LIMIT 1"
    )


def raw_intake_script(square: tuple[float, float, float, float], ids: dict[str, int]) -> str:
    """One transaction: locate the cell (ST_Covers) and insert the case row into dispatch_case."""
    xmin, ymin, xmax, ymax = square
    return (
        f"\\set lon {xmin!r} + random(0, 999999) * {(xmax - xmin) / 1e6!r}\n"
        f"\\set lat {ymin!r} + random(0, 999999) * {(ymax - ymin) / 1e6!r}\n"
        f"{raw_insert_sql(ids)};\n"
    )


def raw_ids(clone_url: str) -> dict[str, int]:
    """The category, filing standard and unit every raw insert uses (the lowest ids)."""
    with psycopg.connect(libpq_uri(clone_url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT s.category_id, s.id FROM dispatch_filing_standard s"
            " JOIN dispatch_category c ON c.id = s.category_id ORDER BY s.id LIMIT 1"
        ).fetchone()
        unit = conn.execute("SELECT id FROM grid_unit ORDER BY id LIMIT 1").fetchone()
    if row is None or unit is None:
        raise RuntimeError("no filing standard or unit in the database")
    return {"category": int(row[0]), "standard": int(row[1]), "unit": int(unit[0])}


def measure_raw(
    pgbench_bin: str,
    clone_url: str,
    square: tuple[float, float, float, float],
    seconds: int,
    seed: int,
) -> dict[str, Any]:
    """pgbench, 1 and 2 clients, of the raw locate + insert (its rows stay in the clone)."""
    from bench.pgbench import run_pgbench

    uri = libpq_uri(clone_url)
    ids = raw_ids(clone_url)
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("CREATE SEQUENCE IF NOT EXISTS bench_raw_case_no")
        before = conn.execute("SELECT count(*) FROM dispatch_case").fetchone()
    script = raw_intake_script(square, ids)
    out: dict[str, Any] = {}
    for clients in (1, 2):
        out[f"c{clients}"] = run_pgbench(pgbench_bin, uri, script, clients, seconds, seed)
    # Diagnostic only: the same without waiting for the WAL flush at commit. The gap between the
    # two is the disk's fsync latency, which other work on a shared machine moves a lot.
    saved = os.environ.get("PGOPTIONS")
    os.environ["PGOPTIONS"] = "-c synchronous_commit=off"
    try:
        out["c2_async_commit"] = run_pgbench(pgbench_bin, uri, script, 2, seconds, seed)
    finally:
        if saved is None:
            os.environ.pop("PGOPTIONS", None)
        else:
            os.environ["PGOPTIONS"] = saved
    with psycopg.connect(uri, autocommit=True) as conn:
        after = conn.execute("SELECT count(*) FROM dispatch_case").fetchone()
    out["rows_inserted"] = (after[0] - before[0]) if after and before else None
    return out


CORES = os.cpu_count() or 1  # the database server shares this machine's cores with the workers


# --- the whole stage ----------------------------------------------------------------------------


def measure_intake(
    database_url: str,
    work: Workload,
    *,
    pgbench_bin: str | None,
    seconds: int,
    connections: int,
    service_reports: int,
    pass_cap_s: float,
    open_seconds: float,
    api: bool = True,
    stage: Callable[[str, Callable[[], Any]], Any] | None = None,
    fast_batches: int = 8,  # 500 for the in-process transitions, 2,000 bulk, 1,500 over HTTP
) -> dict[str, Any]:
    """Every intake and transition figure in one clone's lifetime."""
    run_stage = stage or (lambda _name, fn: fn())
    out: dict[str, Any] = {}
    bodies = report_bodies(work, max(len(work.points), 2000), work.seed)
    t0 = time.perf_counter()
    with clone(database_url) as clone_url:
        out["clone_s"] = round(time.perf_counter() - t0, 1)
        out["service"] = run_stage(
            "intake + transitions in-process (clone)",
            lambda: measure_service(clone_url, bodies, service_reports, pass_cap_s),
        )
        if api:
            out["api"] = run_stage(
                f"intake HTTP API (closed loop, then open loop {OPEN_LOOP_RPS}/s)",
                lambda: measure_api_intake(
                    clone_url,
                    bodies,
                    seconds=max(seconds, 10),
                    connections=connections,
                    max_requests=20_000,
                    open_seconds=open_seconds,
                ),
            )
            out["open311"] = run_stage(
                "Open311 POST requests, one API key, 8 connections (clone)",
                lambda: measure_open311(clone_url, work, seconds=max(seconds, 10)),
            )
        out["fast"] = run_stage(
            "batch intake, API transitions, bulk dispatch and bulk sign of 1,000 (clone)",
            lambda: measure_fast(clone_url, bodies, batches=fast_batches, transitions=500),
        )
        if api:  # last but one: its rows are open cases that later reports would meet
            out["floor"] = run_stage(
                "the stack's floor: the raw statement behind a bare FastAPI endpoint (clone)",
                lambda: measure_floor(
                    clone_url,
                    bodies,
                    raw_ids(clone_url),
                    seconds=max(seconds, 10),
                    connections=connections,
                ),
            )
        if pgbench_bin:
            out["raw"] = run_stage(
                "pgbench raw locate + insert -c 1 / -c 2",
                lambda: measure_raw(pgbench_bin, clone_url, work.square, seconds, work.seed),
            )
    return out


def figures(d: dict[str, Any] | None) -> dict[str, Any]:
    """The flat JSON keys of the intake stage."""

    def g(*path: str) -> Any:
        x: Any = d
        for k in path:
            if not isinstance(x, dict) or x.get(k) is None:
                return None
            x = x[k]
        return x

    closed_ok = g("api", "closed", "error") is None
    open_ok = g("api", "open", "error") is None
    raw = [g("raw", f"c{c}", "tps") for c in (1, 2)]
    raw_best = max((x for x in raw if x), default=None)
    intake = g("api", "closed", "rps") if closed_ok else None
    ratio = round(intake / raw_best, 3) if intake and raw_best else None
    floor = g("floor", "rps") if g("floor", "error") is None else None
    db_cpu = g("api", "closed", "db_cpu_ms_per_request") if closed_ok else None
    lock_ms = g("service", "reports", "case_no_lock_held", "p50_ms")
    achieved = g("api", "open", "rps")
    f = {
        "intake_cases_per_s": intake,
        "intake_p50_ms": g("api", "closed", "latency", "p50_ms") if closed_ok else None,
        "intake_p99_ms": g("api", "closed", "latency", "p99_ms") if closed_ok else None,
        "intake_api_worker_cpu_ms": g("api", "closed", "worker_cpu_ms_per_request"),
        "intake_api_client_cpu_s": g("api", "closed", "client_cpu_s"),
        "intake_p50_ms_at_300rps": g("api", "open", "latency", "p50_ms") if open_ok else None,
        "intake_p99_ms_at_300rps": g("api", "open", "latency", "p99_ms") if open_ok else None,
        "intake_achieved_rps_at_300": achieved,
        "intake_sustained_300": (
            achieved is not None
            and achieved >= 0.97 * OPEN_LOOP_RPS
            and not g("api", "open", "skipped")
        ),
        "intake_open_sustainable_rps": g("api", "open_sustainable", "target_rps"),
        "intake_open_sustainable_achieved_rps": g("api", "open_sustainable", "rps"),
        "intake_open_sustainable_p50_ms": g("api", "open_sustainable", "latency", "p50_ms"),
        "intake_open_sustainable_p99_ms": g("api", "open_sustainable", "latency", "p99_ms"),
        "intake_open_skipped_at_300": g("api", "open", "skipped"),
        "intake_raw_per_s": raw_best,
        "intake_raw_per_s_c1": raw[0],
        "intake_raw_per_s_c2": raw[1],
        "intake_raw_per_s_async_commit": g("raw", "c2_async_commit", "tps"),
        "intake_vs_raw": ratio,
        # the raw statement behind a bare FastAPI endpoint (bench.floor): what the stack alone
        # leaves of the raw rate, beside what the product's report makes of it
        "intake_floor_per_s": floor,
        "intake_floor_worker_cpu_ms": g("floor", "worker_cpu_ms_per_request"),
        "intake_floor_vs_raw": round(floor / raw_best, 3) if floor and raw_best else None,
        "intake_floor_db_cpu_ms": g("floor", "db_cpu_ms_per_request"),
        # PostgreSQL's own CPU per report in the closed loop, and the rate its cores would allow
        # if the workers cost nothing: a bound no change in Python can lift
        "intake_db_cpu_ms": db_cpu,
        "intake_db_bound_per_s": round(CORES * 1000 / db_cpu, 1) if db_cpu else None,
        # one district's reports take its case-number row one after another, each until its
        # commit: at most this many a second in one district, however many cores
        "intake_case_no_bound_per_s": round(1000 / lock_ms, 1) if lock_ms else None,
        "intake_service_per_s": g("service", "reports", "per_s"),
        "intake_service_p50_ms": g("service", "reports", "latency", "p50_ms"),
        "intake_service_cpu_ms": g("service", "reports", "python_cpu_ms_per_report"),
        "intake_case_no_lock_p50_ms": g("service", "reports", "case_no_lock_held", "p50_ms"),
        "transitions_per_s": g("service", "transitions", "per_s"),
        "transitions_n": g("service", "transitions", "n"),
        # issue 15: each beside the raw PostgreSQL rate of the same run (intake_raw_per_s)
        "intake_worker_cpu_ms": g("api", "closed", "worker_cpu_ms_per_request"),
        "intake_batch_cases_per_s": g("fast", "batch", "cases_per_s"),
        "intake_batch_http_cases_per_s": g("fast", "batch_http", "cases_per_s"),
        "intake_batch_http_worker_cpu_ms": g("fast", "batch_http", "worker_cpu_ms_per_case"),
        "transitions_api_per_s": g("fast", "transitions", "per_s"),
        "bulk_dispatch_1000_s": g("fast", "bulk_dispatch", "elapsed_s"),
        "bulk_sign_1000_s": g("fast", "bulk_sign", "elapsed_s"),
        "transitions_http_per_s": g("fast", "transitions_http", "per_s"),
        "transitions_http_all_per_s": g("fast", "transitions_http", "all_per_s"),
    }
    f.update(open311_figures(g("open311")))
    f["intake_goal"] = {
        name: {
            "name": f"{key} {op} {bound:,}",
            "value": f.get(key),
            "status": None
            if f.get(key) is None
            else ("PASS" if _COMPARE[op](f[key], bound) else "MISS"),
        }
        for name, (key, op, bound) in GOALS.items()
    }
    return f
