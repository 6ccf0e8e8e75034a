"""The console's grid import through the admin API: upload, dry run with the full problem report
(JSON and GeoJSON), progress polled by id, apply; the work runs off the request thread, so the
test uses a database of its own (real commits)."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.core.db import unit_of_work
from app.grid.io.importing.run import import_layer
from tests.support.gis import DISTRICT, cells, cells_shapefile, district_gpkg
from tests.support.identity import bearer_for
from tests.support.sessions import commit_requests_on

ADMIN_ID = 95_001


@pytest.fixture
def committed(fresh_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A TestClient on a database of its own, with an admin, the test district's areas loaded."""
    from fastapi.testclient import TestClient

    from app.api.grid_import import import_sessions
    from app.core.config import get_settings
    from app.main import create_app

    monkeypatch.setenv("XIUHUA_GRID_IMPORT_DIR", str(tmp_path / "uploads"))
    get_settings.cache_clear()
    engine: Engine = create_engine(fresh_db_url)
    with unit_of_work(engine) as s:
        s.execute(
            text(
                "INSERT INTO account_user (id, username, display_name, role, active, token_version)"
                " VALUES (:i, 'gis-admin', 'gis-admin', 'admin', true, 0)"
            ),
            {"i": ADMIN_ID},
        )
        areas = district_gpkg(tmp_path / "areas.gpkg", [])
        for layer in ("district", "street", "community"):
            import_layer(s, layer, areas)
    app = create_app()

    @contextmanager
    def sessions() -> Iterator[Session]:
        with unit_of_work(engine) as s:
            yield s

    commit_requests_on(app, engine)
    app.dependency_overrides[import_sessions] = lambda: sessions
    with TestClient(app) as client, unit_of_work(engine) as s:
        client.headers.update(bearer_for(s, ADMIN_ID))
        yield client, engine
    engine.dispose()
    get_settings.cache_clear()


def _wait(client: Any, job_id: int) -> dict[str, Any]:
    seen = []
    for _ in range(600):
        r = client.get(f"/api/v1/admin/grid/imports/{job_id}")
        assert r.status_code == 200, r.text
        job = r.json()
        seen.append((job["status"], job["progress"]))
        assert 0.0 <= job["progress"] <= 1.0
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not end: {seen[-3:]}")


def _cells(engine: Engine) -> int:
    with engine.connect() as c:
        return int(
            c.execute(
                text("SELECT count(*) FROM grid_cell WHERE district_code = :d"), {"d": DISTRICT}
            ).scalar_one()
        )


@pytest.mark.filterwarnings("ignore:Could not decode error message")  # GDAL: GBK name cut
def test_dry_run_reports_every_problem_then_apply_imports(committed: Any, tmp_path: Path) -> None:
    client, engine = committed
    cs = cells()
    broken = [c for c in cs if c.code != cs[5].code]  # a gap in the first community
    broken[3] = type(broken[3])(broken[3].code + "7", broken[3].mgmt, broken[3].geom)
    path = district_gpkg(tmp_path / "broken.gpkg", broken)
    with path.open("rb") as f:
        r = client.post(
            "/api/v1/admin/grid/imports",
            files={"file": ("broken.gpkg", f, "application/geopackage+sqlite3")},
            data={"layer": "cell"},
        )
    assert r.status_code == 202, r.text
    assert r.json()["dry_run"] is True and r.json()["status"] in ("queued", "running", "refused")
    job = _wait(client, r.json()["id"])
    assert job["status"] == "refused" and job["error_code"] == "import_failed"
    kinds = {p["kind"] for p in job["problems"]}
    assert {"bad_code", "gap"} <= kinds
    bad = next(p for p in job["problems"] if p["kind"] == "bad_code")
    assert bad["layer"] == "单元网格" and bad["codes"] == [broken[3].code] and bad["fids"] == [4]
    geo = client.get(f"/api/v1/admin/grid/imports/{job['id']}/report.geojson")
    assert geo.status_code == 200 and geo.headers["content-type"].startswith("application/geo+json")
    assert len(geo.json()["features"]) == len(job["problems"])
    assert _cells(engine) == 0

    # a clean zipped Shapefile (CGCS2000 Gauss-Krüger, GBK): dry run keeps nothing, apply does
    shp = (
        cells_shapefile(tmp_path / "shp" / "单元网格.shp", cs)
        if (tmp_path / "shp").mkdir() is None
        else None
    )
    assert shp is not None
    archive = tmp_path / "cells.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in shp.parent.iterdir():
            z.write(part, part.name)
    with archive.open("rb") as f:
        r = client.post(
            "/api/v1/admin/grid/imports",
            files={"file": ("cells.zip", f, "application/zip")},
            data={"layer": "cell", "dry_run": "true", "valid_from": "2026-01-01"},
        )
    job = _wait(client, r.json()["id"])
    assert job["status"] == "succeeded", job
    assert (
        job["result"]["inserted"] == 64
        and job["result"]["valid_from"] == "2026-01-01T00:00:00+08:00"
    )
    assert _cells(engine) == 0  # a dry run writes nothing
    r = client.post(f"/api/v1/admin/grid/imports/{job['id']}/apply", json={})
    assert r.status_code == 202 and r.json()["dry_run"] is False
    applied = _wait(client, r.json()["id"])
    assert applied["status"] == "succeeded" and applied["progress"] == 1.0
    assert _cells(engine) == 64
    listed = client.get("/api/v1/admin/grid/imports").json()
    assert [j["id"] for j in listed[:3]] == [applied["id"], job["id"], job["id"] - 1]


def test_upload_refusals_are_4xx(committed: Any, tmp_path: Path) -> None:
    client, _engine = committed
    r = client.post(
        "/api/v1/admin/grid/imports",
        files={"file": ("cells.shp", b"not a zip", "application/octet-stream")},
        data={"layer": "cell"},
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"
    assert ".zip" in r.json()["message"]
    r = client.post(
        "/api/v1/admin/grid/imports",
        files={"file": ("a.gpkg", b"x", "application/octet-stream")},
        data={"layer": "cell", "replace": "everything"},
    )
    assert r.status_code == 422
    assert client.get("/api/v1/admin/grid/imports/999999").json()["code"] == "not_found"
