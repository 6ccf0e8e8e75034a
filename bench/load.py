"""The HTTP load client, run as its own process: `python -m bench.load JOB.json`.

asyncio over loopback only, with bounded concurrency, a bounded request count and a time limit.
It prints one JSON object: per-request latencies (ms, sorted summary), status counts, rps.
HTTP/1.1 keep-alive connections of its own, each request's bytes built once before the clock
starts and each answer parsed with httptools (the C parser uvicorn serves with): the client
shares the machine's two cores with the server, so it must cost little per request (httpx took
about a core at 300 requests a second, docs/PERFORMANCE.md). `client_cpu_s` reports its cost.

A job names either `paths` (GET) or `requests` (`{"method", "path", "body", "headers"}`, the
body a JSON value sent as is, or `"form"`: a url-encoded body sent as a form); `idempotency_prefix` adds a unique `Idempotency-Key` per request.
Closed loop by default (`concurrency` workers, each sends when its previous answer is in); with
`rate` the load is open loop: request i is due at start + i / rate whatever the server does, its
latency counts from that due time (no coordinated omission), at most `max_in_flight` at once
(a request due while that many are out is counted in `skipped`, not sent).
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httptools

from bench.common import summarize_ns

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def _requests(job: dict[str, Any]) -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    """The job's requests as (method, path, body bytes, headers)."""
    if job.get("requests"):
        out = []
        for r in job["requests"]:
            body = r.get("body")
            headers = dict(r.get("headers") or {})
            raw = None
            if r.get("form") is not None:
                raw = r["form"].encode("utf-8")
                headers.setdefault("content-type", "application/x-www-form-urlencoded")
            elif body is not None:
                raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
                headers.setdefault("content-type", "application/json")
            out.append((r.get("method", "GET"), r["path"], raw, headers))
        return out
    return [("GET", p, None, {}) for p in job["paths"]]


def _wire(host: str, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> bytes:
    """One HTTP/1.1 keep-alive request, as bytes."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body is not None or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body or b'')}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + (body or b"")


class _Conn(asyncio.Protocol):
    """One keep-alive connection: write a request, await its status once the answer is in."""

    def __init__(self) -> None:
        self.transport: Any = None  # asyncio's or uvloop's (not an asyncio.Transport subclass)
        self.parser = httptools.HttpResponseParser(self)
        self.done: asyncio.Future[int] | None = None
        self.closed = False
        self.answered = 0  # answers read on this connection
        self.heard = False  # a byte of the current request's answer has arrived

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.heard = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(exc)

    def on_message_complete(self) -> None:
        self.answered += 1
        if self.done is not None and not self.done.done():
            self.done.set_result(self.parser.get_status_code())
        if not self.parser.should_keep_alive() and self.transport is not None:
            self.closed = True
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._fail(exc or ConnectionResetError("the server closed the connection"))

    def _fail(self, exc: BaseException) -> None:
        if self.done is not None and not self.done.done():
            self.done.set_exception(exc)

    async def request(self, wire: bytes) -> int:
        assert self.transport is not None
        self.heard = False
        self.done = asyncio.get_running_loop().create_future()
        self.transport.write(wire)
        return await self.done


class _Pool:
    """Up to `size` keep-alive connections to (host, port); a request takes an idle one."""

    def __init__(self, host: str, port: int, size: int) -> None:
        self.host, self.port, self.size = host, port, size
        self.idle: list[_Conn] = []
        self.opened = 0
        self.freed = asyncio.Condition()

    async def request(self, wire: bytes, timeout: float) -> int:
        conn = await self._take()
        try:
            async with asyncio.timeout(timeout):
                status = await conn.request(wire)
        except ConnectionError:
            self._drop(conn)
            if conn.answered and not conn.heard:
                # A kept-alive connection the server closed as idle just as this request went
                # out: the server never read it. Sent again on another connection, as HTTP
                # clients do (RFC 9112 §9.3.1); any other failure counts.
                return await self.request(wire, timeout)
            raise
        except BaseException:
            self._drop(conn)
            raise
        if conn.closed:
            self._drop(conn)
        else:
            self.idle.append(conn)
        async with self.freed:
            self.freed.notify()
        return status

    async def _take(self) -> _Conn:
        while True:
            while self.idle:
                conn = self.idle.pop()
                if not conn.closed:
                    return conn
                self.opened -= 1
            if self.opened < self.size:
                self.opened += 1
                try:
                    _, conn = await asyncio.get_running_loop().create_connection(
                        _Conn, self.host, self.port
                    )
                except BaseException:
                    self.opened -= 1
                    raise
                return conn
            async with self.freed:
                await self.freed.wait()

    def _drop(self, conn: _Conn) -> None:
        self.opened -= 1
        if conn.transport is not None:
            conn.transport.close()

    def close(self) -> None:
        for conn in self.idle:
            if conn.transport is not None:
                conn.transport.close()
        self.idle.clear()


async def _run(job: dict[str, Any]) -> dict[str, Any]:
    base = job["base_url"]
    host = urlsplit(base).hostname or ""
    if host not in LOOPBACK and not host.startswith("127."):
        raise SystemExit(f"refusing to load a non-loopback address: {host}")
    reqs = _requests(job)
    concurrency = max(1, int(job.get("concurrency", 1)))
    max_requests = int(job.get("max_requests", len(reqs)))
    seconds = float(job.get("seconds", 60))
    warmup = int(job.get("warmup", 0))
    rate = float(job.get("rate") or 0)
    max_in_flight = int(job.get("max_in_flight", 256))
    ok_codes = {str(c) for c in job.get("ok_status", [200])}
    idem = job.get("idempotency_prefix")

    url = urlsplit(base)
    wires = [
        _wire(url.netloc, method, path, body, headers)
        for method, path, body, headers in reqs
        if not idem
    ]
    samples: list[int] = []
    status: dict[str, int] = {}
    failures: dict[str, int] = {}
    pool = _Pool(host, url.port or 80, concurrency)
    try:

        async def send(i: int) -> int:
            if idem:  # a key of its own per request: built here (a few µs), still no client library
                method, path, body, headers = reqs[i % len(reqs)]
                wire = _wire(
                    url.netloc, method, path, body, {**headers, "Idempotency-Key": f"{idem}-{i}"}
                )
            else:
                wire = wires[i % len(wires)]
            return await pool.request(wire, 30.0)

        for i in range(min(warmup, max_requests)):
            await send(-1 - i)  # negative indexes: warm-up keys never collide with the load's

        counter = 0
        skipped = 0
        in_flight = 0
        deadline = time.perf_counter() + seconds

        async def one(i: int, t0: int) -> None:
            nonlocal in_flight
            try:
                code = await send(i)
            except (OSError, TimeoutError, httptools.HttpParserError) as exc:
                name = type(exc).__name__
                failures[name] = failures.get(name, 0) + 1
                return
            finally:
                in_flight -= 1
            samples.append(time.perf_counter_ns() - t0)
            key = str(code)
            status[key] = status.get(key, 0) + 1

        async def worker() -> None:
            nonlocal counter, in_flight
            while counter < max_requests and time.perf_counter() < deadline:
                i = counter
                counter += 1
                in_flight += 1
                await one(i, time.perf_counter_ns())

        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        if rate > 0:
            n = min(max_requests, int(rate * seconds))
            t0_ns = time.perf_counter_ns()
            tasks = []
            for i in range(n):
                due_ns = t0_ns + int(i * 1e9 / rate)
                delay = (due_ns - time.perf_counter_ns()) / 1e9
                if delay > 0:
                    await asyncio.sleep(delay)
                if in_flight >= max_in_flight:
                    skipped += 1
                    continue
                in_flight += 1
                tasks.append(asyncio.ensure_future(one(i, due_ns)))
            counter = n
            scheduled_s = time.perf_counter() - started
            if tasks:
                await asyncio.wait(tasks, timeout=60.0)
        else:
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            scheduled_s = None
        elapsed = time.perf_counter() - started
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        pool.close()

    ok = sum(n for code, n in status.items() if code in ok_codes)
    out: dict[str, Any] = {
        "tool": "bench.load (httptools)",
        "mode": "open" if rate > 0 else "closed",
        "concurrency": concurrency,
        "requests": len(samples),
        "ok": ok,
        "elapsed_s": round(elapsed, 3),
        "rps": round(ok / elapsed, 1) if elapsed > 0 else None,
        "status": status,
        "failures": failures,
        "latency": summarize_ns(samples),
        "client_cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 2),
    }
    if rate > 0:
        out.update(
            {
                "target_rps": rate,
                "scheduled": counter,
                "skipped": skipped,
                "scheduled_s": round(scheduled_s or 0, 3),
                "max_in_flight": max_in_flight,
            }
        )
    return out


def main(argv: list[str] | None = None) -> None:
    """Read the job file named on the command line, run it, print the result as JSON."""
    args = sys.argv[1:] if argv is None else argv
    job = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    result = asyncio.run(_run(job))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
