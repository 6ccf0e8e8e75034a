"""Exports stream: 200,000 cases through the real HTTP API, the worker's RSS stays under 200 MB.

A scratch clone of the template (xh_export_*) gets a year of generated cases with one bulk
`INSERT … SELECT generate_series` (valid keys into the 张店区 demo city: current cells, units,
categories with their filing standards; a realistic status mix and a handle stage for every
dispatched case). uvicorn serves it (2 workers, as deployed); the CSV, XLSX and JSON Lines of
the whole year are downloaded while a thread samples every worker's VmRSS.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from sqlalchemy import create_engine, text

from bench.api import rss_mb, uvicorn_server, worker_pids

CASES = 200_000
RSS_LIMIT_MB = 200.0
HEADERS: dict[str, str] = {}  # a real leader's bearer token, set once the database exists


def leader_token(url: str) -> dict[str, str]:
    """Create a leader in the export database and return its Authorization header."""
    from sqlalchemy.orm import Session

    from tests.support.identity import bearer_for, ensure_test_user

    engine = create_engine(url)
    with Session(engine) as s:
        uid = ensure_test_user(s, "leader", 9, None)
        s.commit()
        header = bearer_for(s, uid)
    engine.dispose()
    return header


YEAR = {"from": "2025-01-01", "to": "2025-12-31"}

_PICK_SQL = """
CREATE TEMP TABLE m_cell AS
SELECT (row_number() OVER (ORDER BY code) - 1)::int AS k, code, community_code, street_code,
       district_code, mgmt_class, ST_PointOnSurface(geom) AS p
FROM grid_cell WHERE valid_to IS NULL;
CREATE TEMP TABLE m_unit AS
SELECT (row_number() OVER (ORDER BY id) - 1)::int AS k, id FROM grid_unit WHERE active;
CREATE TEMP TABLE m_cat AS
SELECT (row_number() OVER (ORDER BY c.id) - 1)::int AS k, c.id, f.id AS standard_id, f.severity
FROM dispatch_category c
JOIN LATERAL (SELECT id, severity FROM dispatch_filing_standard s
              WHERE s.category_id = c.id AND s.active ORDER BY seq LIMIT 1) f ON true
WHERE c.enabled
"""

# i → status: 60% closed, 10% evaluated, 12% dispatched, 5% handled, 8% reported, 5% filed.
_CASES_SQL = """
INSERT INTO dispatch_case (
    id, case_no, district_code, source, category_id, standard_id, severity, description,
    address_text, geom, raw_lon, raw_lat, raw_crs, grid_code, community_code, street_code,
    mgmt_class, routed_unit_id, routed_by, status, assigned_unit_id, signed, dispatches, reworks,
    satisfaction, reported_at, filed_at, dispatched_at, handled_at, checked_at, closed_at,
    finished_at, updated_at)
SELECT i, '370303-2025-' || lpad(i::text, 6, '0'), c.district_code,
       (ARRAY['inspector','inspector','inspector','hotline','public','video'])[i % 6 + 1],
       cat.id, cat.standard_id, cat.severity,
       '生成的案卷 ' || i || '：人行道上有占道经营，影响通行，请尽快处理', '张店区某路 ' || (i % 997) || ' 号',
       c.p, ST_X(c.p), ST_Y(c.p), 'wgs84', c.code, c.community_code, c.street_code, c.mgmt_class,
       u.id, 'rule', v.status,
       CASE WHEN v.rank >= 3 THEN u.id END, v.rank >= 3, (v.rank >= 3)::int, (i % 23 = 0)::int,
       CASE WHEN v.status = 'evaluated' THEN 'satisfied' END,
       t.r, CASE WHEN v.rank >= 2 THEN t.r + interval '10 minutes' END,
       CASE WHEN v.rank >= 3 THEN t.r + interval '30 minutes' END,
       CASE WHEN v.rank >= 4 THEN t.r + make_interval(hours => 4 + i % 60) END,
       CASE WHEN v.rank >= 5 THEN t.r + make_interval(hours => 6 + i % 60) END,
       CASE WHEN v.rank >= 5 THEN t.r + make_interval(hours => 7 + i % 60) END,
       CASE WHEN v.rank >= 5 THEN t.r + make_interval(hours => 7 + i % 60) END,
       t.r + make_interval(hours => 8 + i % 60)
FROM generate_series(1, :n) i
CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2025-01-01 00:00+08'
                           + make_interval(secs => (i - 1) * (365 * 86400.0 / :n)) AS r) t
CROSS JOIN LATERAL (
    SELECT CASE WHEN i % 100 < 60 THEN 'closed' WHEN i % 100 < 70 THEN 'evaluated'
                WHEN i % 100 < 82 THEN 'dispatched' WHEN i % 100 < 87 THEN 'handled'
                WHEN i % 100 < 95 THEN 'reported' ELSE 'filed' END AS status,
           CASE WHEN i % 100 < 70 THEN 5 WHEN i % 100 < 82 THEN 3 WHEN i % 100 < 87 THEN 4
                WHEN i % 100 < 95 THEN 1 ELSE 2 END AS rank) v
JOIN m_cell c ON c.k = i % (SELECT count(*) FROM m_cell)
JOIN m_unit u ON u.k = i % (SELECT count(*) FROM m_unit)
JOIN m_cat cat ON cat.k = i % (SELECT count(*) FROM m_cat)
"""

# One first-level handle stage per dispatched case: 2 days to handle (some handled late).
_STAGES_SQL = """
INSERT INTO dispatch_case_stage (case_id, stage, level, unit_id, limit_value, limit_unit,
    started_at, due_at, yellow_at, stopped_at, light)
SELECT id, 'handle', 1, assigned_unit_id, 48, 'natural_hour', dispatched_at,
       dispatched_at + interval '48 hours', dispatched_at + interval '38 hours', handled_at,
       CASE WHEN coalesce(handled_at, now()) > dispatched_at + interval '48 hours'
            THEN 'red' ELSE 'green' END
FROM dispatch_case WHERE dispatched_at IS NOT NULL
"""


def generate(url: str, n: int) -> float:
    """Fill the scratch database with n cases of 2025; return the seconds it took."""
    t = time.perf_counter()
    engine = create_engine(url)
    try:
        with engine.begin() as c:
            for stmt in _PICK_SQL.split(";"):
                c.execute(text(stmt))
            c.execute(text(_CASES_SQL), {"n": n})
            c.execute(text(_STAGES_SQL))
            c.execute(text("SELECT setval('dispatch_case_id_seq', :n)"), {"n": n})
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE dispatch_case, dispatch_case_stage"))
    finally:
        engine.dispose()
    return time.perf_counter() - t


class RssSampler:
    """Samples the VmRSS of the server's workers every 50 ms; keeps each worker's peak."""

    def __init__(self, supervisor_pid: int) -> None:
        self.pids = worker_pids(supervisor_pid)
        self.peak: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self.pids:
                mb = rss_mb(pid)
                if mb is not None:
                    self.peak[pid] = max(self.peak.get(pid, 0.0), mb)
            time.sleep(0.05)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def now(self) -> dict[int, float | None]:
        return {pid: rss_mb(pid) for pid in self.pids}


def _download(client: httpx.Client, path: str, params: dict[str, Any], sink: Any) -> float:
    t = time.perf_counter()
    with client.stream("GET", path, params=params, headers=HEADERS) as r:
        assert r.status_code == 200, r.read()[:500]
        for chunk in r.iter_bytes():
            sink(chunk)
    return time.perf_counter() - t


@pytest.mark.slow
def test_a_year_of_cases_streams_in_constant_memory(export_db_url: str) -> None:
    gen_s = generate(export_db_url, CASES)
    HEADERS.update(leader_token(export_db_url))
    figures: dict[str, Any] = {"cases": CASES, "generate_s": round(gen_s, 1)}
    with (
        uvicorn_server(export_db_url, workers=2) as server,
        httpx.Client(base_url=server.base_url, timeout=600) as client,
    ):
        # warm both workers (imports, pools) before the baseline
        for _ in range(6):
            client.get(
                "/api/v1/exports/cases.csv", params={**YEAR, "to": "2025-01-01"}, headers=HEADERS
            ).raise_for_status()
        sampler = RssSampler(server.proc.pid)
        figures["baseline_rss_mb"] = sampler.now()
        with sampler:
            lines = 0
            tail = b""
            first = bytearray()

            def count(chunk: bytes) -> None:
                nonlocal lines, tail
                lines += chunk.count(b"\n")
                if len(first) < 4096:
                    first.extend(chunk[:4096])
                tail = chunk[-2000:]

            figures["csv_s"] = round(_download(client, "/api/v1/exports/cases.csv", YEAR, count), 1)
            figures["csv_peak_rss_mb"] = dict(sampler.peak)

            with tempfile.TemporaryDirectory(prefix="xh_export_mem_") as tmp:
                path = Path(tmp) / "year.xlsx"
                with path.open("wb") as out:
                    figures["xlsx_s"] = round(
                        _download(client, "/api/v1/exports/cases.xlsx", YEAR, out.write), 1
                    )
                figures["xlsx_mb"] = round(path.stat().st_size / 1e6, 1)
                wb = openpyxl.load_workbook(path, read_only=True)
                ws = wb.worksheets[0]
                xlsx_rows = ws.max_row  # from the sheet's <dimension>, without reading the rows
                header = [c.value for c in next(ws.iter_rows(max_row=1))]
                wb.close()
            figures["xlsx_peak_rss_mb"] = dict(sampler.peak)

            jl = 0
            last = b""

            def count_jl(chunk: bytes) -> None:
                nonlocal jl, last
                jl += chunk.count(b"\n")
                last = (last + chunk)[-8000:]

            figures["jsonl_s"] = round(
                _download(client, "/api/v1/exchange/cases.jsonl", {}, count_jl), 1
            )
        figures["peak_rss_mb"] = dict(sampler.peak)
    print("\n[export memory]", json.dumps(figures, ensure_ascii=False))

    assert lines == CASES + 1  # header + one line per case (descriptions have no newlines)
    head = list(csv.reader(io.StringIO(first.decode("utf-8-sig", errors="ignore"))))
    assert head[0][0] == "案卷编号" and head[1][0] == "370303-2025-000001"
    assert tail.rstrip().split(b"\r\n")[-1].startswith(b"370303-2025-200000,")
    assert xlsx_rows == CASES + 1 and header[0] == "案卷编号"
    assert jl == CASES
    assert json.loads(last.rstrip(b"\n").split(b"\n")[-1])["case_no"] == "370303-2025-200000"
    assert sampler.peak and all(0 < mb < RSS_LIMIT_MB for mb in sampler.peak.values()), figures
