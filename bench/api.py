"""The HTTP layer: a real uvicorn (2 workers) in a subprocess, loaded from another process.

Only 127.0.0.1 is ever started or loaded; every load is bounded in count and time, and the
server is stopped in a `finally` (its own process group, ended by its id).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.common import ROOT
from bench.points import Workload

HOST = "127.0.0.1"
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_paths.lua"
WRK_POST_SCRIPT = Path(__file__).resolve().parent / "wrk_post.lua"


def free_port() -> int:
    """A free TCP port on loopback: in `XIUHUA_BENCH_PORTS` (`9100-9199`) when set, else any."""
    lo, _, hi = os.environ.get("XIUHUA_BENCH_PORTS", "").partition("-")
    candidates = range(int(lo), int(hi or lo) + 1) if lo else [0]
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise RuntimeError(f"no free port in XIUHUA_BENCH_PORTS={lo}-{hi}")


def locate_paths(work: Workload) -> list[str]:
    """GET /api/v1/locate for every point."""
    return [f"/api/v1/locate?{urlencode({'lon': lon, 'lat': lat})}" for lon, lat in work.points]


def route_paths(work: Workload) -> list[str]:
    """GET /api/v1/route for every point, categories cycling as in the in-process layers."""
    return [
        f"/api/v1/route?{urlencode({'lon': lon, 'lat': lat, 'category': work.category_for(i)})}"
        for i, (lon, lat) in enumerate(work.points)
    ]


@dataclass
class Server:
    """A running uvicorn supervisor."""

    proc: subprocess.Popen[bytes]
    base_url: str
    log_path: Path


@contextmanager
def uvicorn_server(
    database_url: str,
    workers: int = 2,
    ready_s: float = 90.0,
    app: str = "app.main:create_app",
    extra_env: dict[str, str] | None = None,
    log_level: str = "warning",
    access_log: bool = False,
    log_path: Path | None = None,
) -> Iterator[Server]:
    """Start `uvicorn app.main:create_app --factory --workers N` on loopback; always stop it.

    The server's stdout and stderr go to `log_path` (default: a kept temporary file), at
    `log_level` for both uvicorn and the app, with uvicorn's access log when `access_log`.
    """
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "XIUHUA_DATABASE_URL": database_url,
            "XIUHUA_LOG_LEVEL": log_level.upper(),
            "PYTHONUNBUFFERED": "1",
            "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),  # as `xiuhua serve` runs
            **(extra_env or {}),
        }
    )
    log = (
        log_path.open("wb")
        if log_path is not None
        else tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in finally
            prefix="xiuhua-bench-uvicorn-", suffix=".log", delete=False
        )
    )
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--factory",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        log_level.lower(),
        *([] if access_log else ["--no-access-log"]),
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = Server(proc, f"http://{HOST}:{port}", Path(log.name))
    try:
        _wait_ready(server, ready_s)
        yield server
    finally:
        _stop(proc)
        log.close()


def _wait_ready(server: Server, ready_s: float) -> None:
    deadline = time.monotonic() + ready_s
    last = ""
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(
                f"uvicorn exited ({server.proc.returncode}): {server.log_path.read_text()[-2000:]}"
            )
        try:
            r = httpx.get(server.base_url + "/readyz", timeout=2.0)
            if r.status_code == 200 and len(worker_pids(server.proc.pid)) >= 1:
                return
            last = f"{r.status_code} {r.text[:200]}"
        except httpx.HTTPError as exc:
            last = type(exc).__name__
        time.sleep(0.3)
    raise RuntimeError(f"uvicorn not ready after {ready_s:.0f} s: {last}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the supervisor (it stops its workers), then SIGKILL its process group if needed."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
    # The group is this server's alone (start_new_session): it ends only its own leftovers.
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.wait(timeout=10)


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(x) for x in task.read_text().split()]
        except OSError:
            continue
    return out


def worker_pids(supervisor_pid: int) -> list[int]:
    """The uvicorn worker processes (multiprocessing spawn children) of the supervisor."""
    pids = []
    for pid in _children(supervisor_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:
            pids.append(pid)
    return pids


def rss_mb(pid: int) -> float | None:
    """VmRSS of a process in MB."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    m = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
    return round(int(m.group(1)) / 1024, 1) if m else None


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by the given processes (all their threads)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / tick


def postgres_cpu() -> dict[int, float]:
    """CPU seconds used so far by each PostgreSQL server process on this machine, by pid.

    The backends, the WAL writer, the checkpointer, autovacuum: everything the server spends on
    behalf of a load. Processes of other databases count too (the bench runs alone).
    """
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return {pid: cpu_seconds([pid]) for pid in pids}


def postgres_cpu_since(before: dict[int, float]) -> float | None:
    """The server's CPU seconds since `before` (`postgres_cpu()`); a process that ended in
    between is not counted (the pools keep their backends for a whole run). None when no
    server process is visible here (a server in a container or on another host)."""
    now = postgres_cpu()
    if not before or not now:
        return None
    return sum(used - before.get(pid, 0.0) for pid, used in now.items())


def run_httpx(
    base_url: str,
    paths: list[str],
    concurrency: int,
    max_requests: int,
    seconds: float,
    warmup: int,
) -> dict[str, Any]:
    """Run bench.load in a separate process and return its JSON result."""
    job = {
        "base_url": base_url,
        "paths": paths,
        "concurrency": concurrency,
        "max_requests": max_requests,
        "seconds": seconds,
        "warmup": warmup,
    }
    with tempfile.TemporaryDirectory(prefix="xiuhua-bench-") as tmp:
        job_path = Path(tmp) / "job.json"
        job_path.write_text(json.dumps(job), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "bench.load", str(job_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        )
    if proc.returncode != 0:
        return {"tool": "httpx", "error": proc.stderr.strip()[-1000:]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def find_wrk() -> str | None:
    """wrk on PATH (Debian package `wrk`), or None."""
    return shutil.which("wrk")


def run_wrk(
    wrk: str, base_url: str, paths: list[str], connections: int, seconds: int, threads: int = 1
) -> dict[str, Any]:
    """Run wrk over the given paths for `seconds` and return rps and latency percentiles."""
    with tempfile.TemporaryDirectory(prefix="xiuhua-bench-") as tmp:
        paths_file = Path(tmp) / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
        raw = _wrk_json(
            wrk, WRK_SCRIPT, base_url, threads, connections, seconds, [str(paths_file), "0"]
        )
    if "error" in raw:
        return raw
    duration_s = raw["duration_us"] / 1e6
    errors = sum(
        raw[k]
        for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts")
    )
    ok = raw["requests"] - raw["status_errors"]
    return {
        "tool": "wrk",
        "concurrency": connections,
        "requests": raw["requests"],
        "errors": errors,
        "status_errors": raw["status_errors"],
        "elapsed_s": round(duration_s, 3),
        "rps": round(ok / duration_s, 1) if duration_s > 0 else None,
        "latency": {
            "n": raw["requests"],
            "p50_ms": raw["p50_us"] / 1000,
            "p95_ms": raw["p95_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000,
            "mean_ms": round(raw["mean_us"] / 1000, 4),
            "max_ms": raw["max_us"] / 1000,
        },
    }


def throughput(base_url: str, paths: list[str], connections: int, seconds: int) -> dict[str, Any]:
    """Throughput at `connections` concurrent connections: wrk when installed, else httpx."""
    wrk = find_wrk()
    if wrk:
        return run_wrk(wrk, base_url, paths, connections, seconds)
    return run_httpx(base_url, paths, connections, 10**9, seconds, warmup=0)


def preflight(base_url: str, path: str) -> str | None:
    """One request before a load: None when it answers 200, else what went wrong."""
    try:
        r = httpx.get(base_url + path, timeout=30.0)
    except httpx.HTTPError as exc:
        return f"{path}: {type(exc).__name__}"
    return None if r.status_code == 200 else f"{path}: HTTP {r.status_code} {r.text[:300]}"


def _check(result: dict[str, Any]) -> dict[str, Any]:
    """Mark a load result whose requests did not all answer 200 (its figures are not valid)."""
    bad = result.get("status_errors") or sum(
        n for code, n in (result.get("status") or {}).items() if code != "200"
    )
    if not result.get("error") and bad:
        result["error"] = f"{bad} of {result.get('requests')} responses were not 200"
    if result.get("error"):
        result["rps"] = None
    return result


def measure_api(
    database_url: str,
    work: Workload,
    *,
    latency_max_s: float,
    throughput_s: int,
    connections: int = 16,
    workers: int = 2,
) -> dict[str, Any]:
    """All HTTP figures in one server lifetime: latency at 1 connection, rps at N, worker RSS."""
    endpoints = {"locate": locate_paths(work), "route": route_paths(work)}
    out: dict[str, Any] = {"workers": workers, "connections": connections, "errors": {}}
    wrk = find_wrk()
    with uvicorn_server(database_url, workers=workers) as server:
        base = server.base_url
        for name, paths in list(endpoints.items()):
            problem = preflight(base, paths[0])
            if problem:  # measure nothing that fails: a broken endpoint is not a fast one
                out["errors"][name] = problem
                del endpoints[name]
        # Warm both workers: pool connections, prepared statements, imports on first request.
        for paths in endpoints.values():
            throughput(base, paths, connections, 2)
        # The floor of the HTTP stack + client: a sync endpoint without database work.
        n_health = min(len(work.points), 1000)
        out["healthz_c1"] = _check(
            run_httpx(base, ["/healthz"], 1, n_health, latency_max_s, warmup=50)
        )
        for name, paths in endpoints.items():
            out[f"{name}_c1"] = _check(
                run_httpx(base, paths, 1, len(paths), latency_max_s, warmup=50)
            )
        if wrk and "locate" in endpoints:  # the same 1-connection latency, a client in C
            out["locate_c1_wrk"] = _check(
                run_wrk(wrk, base, endpoints["locate"], 1, max(2, throughput_s // 2))
            )
        pids = worker_pids(server.proc.pid)
        # CPU the workers spend per request: unlike latency, other load barely moves it.
        for name, paths in endpoints.items():
            cpu0 = cpu_seconds(pids)
            res = throughput(base, paths, connections, throughput_s)
            used = cpu_seconds(pids) - cpu0
            ok = (res.get("requests") or 0) - (res.get("status_errors") or 0)
            res["worker_cpu_s"] = round(used, 2)
            res["worker_cpu_ms_per_request"] = round(used * 1000 / ok, 3) if ok else None
            out[f"{name}_throughput"] = _check(res)
        for key, value in out.items():
            if isinstance(value, dict) and value.get("error") and key != "errors":
                out["errors"][key] = str(value["error"])[-300:]
        out["worker_rss_mb"] = [rss_mb(p) for p in pids]
        out["supervisor_rss_mb"] = rss_mb(server.proc.pid)
    return out


def run_wrk_post(
    wrk: str,
    base_url: str,
    reqs: list[tuple[str, dict[str, str], str]],
    connections: int,
    seconds: int,
) -> dict[str, Any]:
    """wrk POSTing (path, headers, body) in turn; rps of 2xx answers, latency, answers by class.

    Each request is sent once while the list lasts (then the list starts again): give requests
    with unique Idempotency-Keys enough of them for the run.
    """
    with tempfile.TemporaryDirectory(prefix="xiuhua-bench-") as tmp:
        body_file = Path(tmp) / "bodies.txt"
        lines = (
            f"{p}\t{chr(31).join(f'{k}: {v}' for k, v in h.items())}\t{b}\n" for p, h, b in reqs
        )
        body_file.write_text("".join(lines), encoding="utf-8")
        raw = _wrk_json(wrk, WRK_POST_SCRIPT, base_url, 1, connections, seconds, [str(body_file)])
    if "error" in raw:
        return raw
    duration_s = raw["duration_us"] / 1e6
    status = {k: raw[k] for k in ("2xx", "3xx", "4xx", "429", "5xx") if raw.get(k)}
    ok = raw.get("2xx", 0)
    return {
        "tool": "wrk",
        "concurrency": connections,
        "requests": raw["requests"],
        "ok": ok,
        "status_classes": status,
        "socket_errors": sum(
            raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
        ),
        "elapsed_s": round(duration_s, 3),
        "rps": round(ok / duration_s, 1) if duration_s > 0 else None,
        "latency": {
            "n": raw["requests"],
            "p50_ms": raw["p50_us"] / 1000,
            "p95_ms": raw["p95_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000,
            "mean_ms": round(raw["mean_us"] / 1000, 4),
            "max_ms": raw["max_us"] / 1000,
        },
    }


def _wrk_json(
    wrk: str,
    script: Path,
    base_url: str,
    threads: int,
    connections: int,
    seconds: int,
    args: list[str],
) -> dict[str, Any]:
    """Run wrk with one of our scripts; return its WRKJSON summary, or {"tool", "error"}."""
    cmd = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"]
    cmd += ["--timeout", "10s", "-s", str(script), base_url, "--", *args]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
    except subprocess.TimeoutExpired:
        return {"tool": "wrk", "error": "timeout"}
    line = next((x for x in proc.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if proc.returncode != 0 or line is None:
        return {"tool": "wrk", "error": (proc.stderr or proc.stdout).strip()[-1000:]}
    raw: dict[str, Any] = json.loads(line[len("WRKJSON ") :])
    return raw
