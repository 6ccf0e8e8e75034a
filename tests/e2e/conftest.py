"""Fixtures of the browser tests: a real uvicorn server on a committed clone, and facts about it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.support.browser import ROOT, free_port, log_tail


@pytest.fixture
def server(fresh_db_url: str, tmp_path: Path) -> Iterator[str]:
    """A real uvicorn server on a free loopback port; yields its base URL."""
    port = free_port()
    log = tmp_path / "uvicorn.log"
    env = {**os.environ, "XIUHUA_DATABASE_URL": fresh_db_url, "XIUHUA_LOG_JSON": "false"}
    python = ROOT / ".venv" / "bin" / "python"
    cmd = [
        str(python if python.exists() else Path(sys.executable)),
        "-m",
        "uvicorn",
        "app.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"uvicorn exited with {proc.returncode}:\n{log_tail(log)}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not answer /healthz in 60 s:\n{log_tail(log)}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture
def facts(fresh_db_url: str) -> dict[str, Any]:
    """What the test needs from the database: a cell near the district centre, an address."""
    engine = create_engine(fresh_db_url)
    try:
        with engine.connect() as c:
            code, lon, lat = c.execute(
                text(
                    "SELECT code, ST_X(p), ST_Y(p) FROM ("
                    " SELECT c.code, ST_PointOnSurface(c.geom) AS p"
                    " FROM grid_cell c, grid_district d"
                    " WHERE c.valid_to IS NULL AND d.code = '370303' AND c.area_m2 > 5000"
                    " ORDER BY c.geom <-> ST_PointOnSurface(d.geom) LIMIT 1) q"
                )
            ).one()
            address = c.execute(
                text("SELECT full_text FROM grid_address ORDER BY id LIMIT 1")
            ).scalar_one()
    finally:
        engine.dispose()
    return {
        "cell_code": code,
        "lon": float(lon),
        "lat": float(lat),
        "address": address,
        "db_url": fresh_db_url,
    }
