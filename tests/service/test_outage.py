"""Database outage and worker crash against real servers.

Outage: a PostgreSQL server of the test's own (initdb into a temporary directory with the
system's PostgreSQL 15, its own port and socket; PostGIS from the same install) gets a copy of
the migrated template; a 2-worker uvicorn serves it while clients report cases without pause.
The database is stopped, then started again: meanwhile every answer is 201 or 503
`database_unavailable` with Retry-After, none waits past the connect timeout; within
RECOVERY_S of the database returning reports succeed again on their own; every acknowledged case
and its event are stored; the in-process sweeper keeps sweeping (its /metrics timestamp moves on).

Crash: kill -9 of a worker while transitions run → every case is in a state of the transition
table with a matching last event, and `xiuhua audit verify` passes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from bench.api import Server, free_port, uvicorn_server, worker_pids
from tests.support.reliability import (
    HEAVY_GROUP,
    assert_acknowledged_stored,
    audit_verify,
    report,
    report_spot,
    tokens,
)

PG_BIN = Path(os.environ.get("XIUHUA_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
DOWN_S = 4.0
RECOVERY_S = 5.0
CONNECT_TIMEOUT_S = 2

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(HEAVY_GROUP)]


class OwnPostgres:
    """A throwaway PostgreSQL cluster on its own port and socket directory."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="xiuhua-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.sock.mkdir()
        self.port = free_port()
        subprocess.run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "xiuhua",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            **self._as_postgres(),
        )

    def _as_postgres(self) -> dict[str, Any]:
        # PostgreSQL refuses to run as root: run its binaries as the `postgres` user then.
        if os.geteuid() != 0:
            return {}
        import pwd

        pw = pwd.getpwnam("postgres")
        shutil.chown(self.root, pw.pw_uid, pw.pw_gid)
        shutil.chown(self.sock, pw.pw_uid, pw.pw_gid)

        def demote() -> None:
            os.setgid(pw.pw_gid)
            os.setuid(pw.pw_uid)

        return {"preexec_fn": demote}

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://xiuhua@/{database}?host={self.sock}&port={self.port}"

    def start(self) -> None:
        subprocess.run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-w",
                "-l",
                str(self.root / "log"),
                "-o",
                f"-p {self.port} -k {self.sock} -c listen_addresses=''",
                "start",
            ],
            check=True,
            capture_output=True,
            **self._as_postgres(),
        )

    def stop(self) -> None:
        subprocess.run(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-m", "fast", "stop"],
            check=False,
            capture_output=True,
            **self._as_postgres(),
        )

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="module")
def own_pg(template_db: str) -> Iterator[tuple[OwnPostgres, str]]:
    if not (PG_BIN / "initdb").exists():
        pytest.fail(f"PostgreSQL binaries not found at {PG_BIN} (set XIUHUA_TEST_PG_BIN)")
    from tests.support.databases import url_for

    pg = OwnPostgres()
    pg.start()
    try:
        subprocess.run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                str(pg.sock),
                "-p",
                str(pg.port),
                "-U",
                "xiuhua",
                "-T",
                "template0",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "xiuhua",
            ],
            check=True,
            capture_output=True,
        )
        # the migrated, demo-loaded template of the shared server, copied over
        src = url_for(template_db).replace("postgresql+psycopg", "postgresql")
        dump = subprocess.Popen(
            [str(PG_BIN / "pg_dump"), "--no-owner", "--no-privileges", "-Fc", src],
            stdout=subprocess.PIPE,
        )
        restore = subprocess.run(
            [
                str(PG_BIN / "pg_restore"),
                "--no-owner",
                "--no-privileges",
                "-h",
                str(pg.sock),
                "-p",
                str(pg.port),
                "-U",
                "xiuhua",
                "-d",
                "xiuhua",
            ],
            stdin=dump.stdout,
            check=False,
            capture_output=True,
            text=True,
        )
        assert dump.wait() == 0
        engine = create_engine(pg.url("xiuhua"))
        with engine.connect() as c:  # migrated and loaded, whatever pg_restore warned about
            assert c.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1, (
                restore.stderr[-2000:]
            )
            assert c.execute(text("SELECT count(*) FROM grid_cell")).scalar_one() > 0
        engine.dispose()
        yield pg, pg.url("xiuhua")
    finally:
        pg.destroy()


# These tests measure faults, not the photo policy: reports go without photos.
NO_PHOTO_POLICY = {"XIUHUA_REPORT_MIN_PHOTOS": "{}"}


def _sweeps(server: Server) -> float:
    r = httpx.get(server.base_url + "/metrics", timeout=5)
    m = re.search(r"^xiuhua_sweeper_last_run_timestamp_seconds (\S+)$", r.text, re.M)
    return float(m.group(1)) if m else 0.0


def test_database_outage_is_503_and_recovers_by_itself(own_pg: tuple[OwnPostgres, str]) -> None:
    pg, url = own_pg
    headers = tokens(url)["inspector"]
    spot = report_spot(url)
    run = uuid.uuid4().hex[:6]
    answers: list[tuple[float, int, float, dict[str, Any], str]] = []
    stop = threading.Event()
    metrics_dir = tempfile.mkdtemp(prefix="xiuhua-test-metrics-")
    env = {
        "PROMETHEUS_MULTIPROC_DIR": metrics_dir,
        "XIUHUA_SWEEPER_INTERVAL_S": "0.5",
        "XIUHUA_STATS_REFRESH_INTERVAL_S": "1",
        "XIUHUA_DB_CONNECT_TIMEOUT_S": str(CONNECT_TIMEOUT_S),
        **NO_PHOTO_POLICY,
    }
    with uvicorn_server(url, workers=2, extra_env=env) as server:

        def client(n: int) -> None:
            i = 0
            with httpx.Client(base_url=server.base_url, timeout=60) as c:
                while not stop.is_set():
                    tag = f"outage-{run}-{n}-{i}"
                    started = time.monotonic()
                    r = c.post("/api/v1/cases", json=report(spot, tag), headers=headers)
                    body = r.json()
                    answers.append(
                        (
                            started,
                            r.status_code,
                            time.monotonic() - started,
                            body,
                            r.headers.get("retry-after", ""),
                        )
                    )
                    i += 1
                    time.sleep(0.05)

        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(4)]
        for t in threads:
            t.start()
        time.sleep(2.0)
        sweeps_before = _sweeps(server)
        pg.stop()
        down_at = time.monotonic()
        time.sleep(DOWN_S)
        readyz_down = httpx.get(server.base_url + "/readyz", timeout=5)
        restarting_at = time.monotonic()
        pg.start()
        up_at = time.monotonic()
        deadline = up_at + RECOVERY_S + 10
        recovered_at = None
        while time.monotonic() < deadline and recovered_at is None:
            recovered_at = next(
                (s + d for s, st, d, _b, _h in answers if st == 201 and s > up_at), None
            )
            time.sleep(0.1)
        time.sleep(2.0)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        sweeps_after = _sweeps(server)

    assert readyz_down.status_code == 503
    statuses = {st for _s, st, *_ in answers}
    assert statuses <= {201, 503}, statuses
    during = [a for a in answers if down_at <= a[0] < restarting_at]
    assert during and all(st == 503 for _s, st, *_ in during), [a[1] for a in during]
    for _s, st, seconds, body, retry in answers:
        if st == 503:
            assert body["code"] == "database_unavailable", body
            assert int(retry) > 0
            assert seconds < CONNECT_TIMEOUT_S * 2 + 5, seconds
    assert recovered_at is not None and recovered_at - up_at < RECOVERY_S, (
        recovered_at and recovered_at - up_at
    )
    acknowledged = {
        b["description"].removeprefix("可靠性测试 "): b["id"]
        for _s, st, _d, b, _h in answers
        if st == 201
    }
    assert_acknowledged_stored(url, f"outage-{run}-", acknowledged)
    engine = create_engine(url)
    with engine.connect() as c:
        without_event = c.execute(
            text(
                "SELECT count(*) FROM dispatch_case c WHERE c.id = ANY(:ids) AND NOT EXISTS"
                " (SELECT 1 FROM dispatch_case_event e WHERE e.case_id = c.id)"
            ),
            {"ids": list(acknowledged.values())},
        ).scalar_one()
    engine.dispose()
    assert without_event == 0
    assert sweeps_after > max(sweeps_before, time.time() - 60), (sweeps_before, sweeps_after)
    print(
        f"outage {DOWN_S:.0f} s: {len(during)} answers while down (all 503), "
        f"recovered {recovered_at - up_at:.2f} s after restart, {len(acknowledged)} cases kept"
    )


def test_kill_9_of_a_worker_mid_transition_leaves_valid_states_and_chains(
    fresh_db_url: str,
) -> None:
    from app.cases.workflow import Status

    heads = tokens(fresh_db_url, ("inspector", "operator"))
    spot = report_spot(fresh_db_url)
    with uvicorn_server(fresh_db_url, workers=2, extra_env=NO_PHOTO_POLICY) as server:
        with httpx.Client(base_url=server.base_url, timeout=60) as c:
            ids = []
            for i in range(40):
                r = c.post(
                    "/api/v1/cases", json=report(spot, f"crash-{i}"), headers=heads["inspector"]
                )
                assert r.status_code == 201, r.text
                ids.append(r.json()["id"])
        stop = threading.Event()
        outcomes: list[int] = []

        def act(chunk: list[int]) -> None:
            with httpx.Client(base_url=server.base_url, timeout=60) as c:
                for case_id in chunk:
                    if stop.is_set():
                        return
                    try:
                        r = c.post(
                            f"/api/v1/cases/{case_id}/actions/file",
                            json={"note": "立案"},
                            headers=heads["operator"],
                        )
                        outcomes.append(r.status_code)
                    except httpx.HTTPError:
                        outcomes.append(-1)  # the connection died with the worker

        threads = [threading.Thread(target=act, args=(ids[k::4],)) for k in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        victim = worker_pids(server.proc.pid)[0]
        os.kill(victim, signal.SIGKILL)
        for t in threads:
            t.join(timeout=120)
        stop.set()
    assert -1 in outcomes or len(outcomes) == len(ids), outcomes
    engine = create_engine(fresh_db_url)
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT c.id, c.status, e.to_status FROM dispatch_case c"
                " JOIN LATERAL (SELECT to_status FROM dispatch_case_event WHERE case_id = c.id"
                " ORDER BY seq DESC LIMIT 1) e ON true WHERE c.id = ANY(:ids)"
            ),
            {"ids": ids},
        ).all()
    engine.dispose()
    assert len(rows) == len(ids)
    allowed = {s.value for s in Status}
    for case_id, status, last in rows:
        assert status in allowed and status == last, (case_id, status, last)
    result = audit_verify(fresh_db_url)
    assert result.returncode == 0, result.stdout + result.stderr
