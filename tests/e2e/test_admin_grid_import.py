"""The grid import screen in a real browser: upload, progress, problem report, apply, history.

The admin uploads a small GeoJSON of one community's unit cells with a malformed code: the dry
run is refused and the problem table names the feature and its code. The clean file's dry run
succeeds, is applied without uploading again, and both jobs are in the import history.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, make_users, open_console, screenshot

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)
DESK = {"width": 1366, "height": 768}
JOB_TIMEOUT_MS = 180_000


def _community_cells(db_url: str) -> list[dict[str, Any]]:
    """GeoJSON features of the current cells of the smallest community."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as c:
            rows = c.execute(
                text(
                    "SELECT code, mgmt_class, ST_AsGeoJSON(geom, 9) FROM grid_cell"
                    " WHERE valid_to IS NULL AND community_code = ("
                    "  SELECT community_code FROM grid_cell WHERE valid_to IS NULL"
                    "  GROUP BY 1 ORDER BY count(*), 1 LIMIT 1) ORDER BY code"
                )
            ).all()
    finally:
        engine.dispose()
    return [
        {
            "type": "Feature",
            "properties": {"code": code, "mgmt_class": mgmt},
            "geometry": json.loads(geom),
        }
        for code, mgmt, geom in rows
    ]


def _write(path: Path, features: list[dict[str, Any]]) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def test_grid_import_upload_progress_report_apply_history(
    server: str,
    facts: dict[str, Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    db = facts["db_url"]
    make_users(db, ("gi.admin", "admin", None))
    features = _community_cells(db)
    assert len(features) > 10
    clean = _write(tmp_path / "cells.geojson", features)
    bad_code = features[3]["properties"]["code"] + "7"
    broken_features = [dict(f) for f in features]
    broken_features[3] = {**features[3], "properties": {"code": bad_code, "mgmt_class": "normal"}}
    broken = _write(tmp_path / "broken.geojson", broken_features)
    errors: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = open_console(browser, server, "gi.admin", DESK, errors)
            page.goto(f"{server}/admin?tab=grid-import")
            screen = page.get_by_test_id("grid-import")
            expect(screen.get_by_test_id("gi-history")).to_be_visible()

            # --- a malformed code: the dry run is refused, the report names the feature -------
            screen.get_by_test_id("gi-file").set_input_files(str(broken))
            screen.get_by_test_id("gi-submit").click()
            job = screen.get_by_test_id("gi-job")
            expect(job).to_have_attribute("data-status", "refused", timeout=JOB_TIMEOUT_MS)
            problems = screen.get_by_test_id("gi-problems")
            bad_row = problems.locator(".el-table__row", has_text=bad_code)
            expect(bad_row).to_contain_text("bad_code")
            expect(bad_row).to_contain_text("15 位")
            expect(bad_row).to_contain_text("错误")
            expect(screen.get_by_test_id("gi-message")).to_contain_text("import_failed")

            # --- the clean file: dry run, then apply without uploading again ----------------
            screen.get_by_test_id("gi-file").set_input_files(str(clean))
            screen.get_by_test_id("gi-submit").click()
            expect(job).to_have_attribute("data-status", re.compile("queued|running|succeeded"))
            expect(job).to_have_attribute("data-status", "succeeded", timeout=JOB_TIMEOUT_MS)
            expect(screen.get_by_test_id("gi-result")).to_be_visible()
            screenshot(page, tmp_path / "admin-grid-import.png", "admin-grid-import.png")
            screen.get_by_test_id("gi-apply").click()
            expect(job).to_contain_text("导入", timeout=JOB_TIMEOUT_MS)
            expect(job).to_have_attribute("data-status", "succeeded", timeout=JOB_TIMEOUT_MS)
            expect(screen.get_by_test_id("gi-apply")).to_have_count(0)  # a real import
            history = screen.get_by_test_id("gi-history").locator(".el-table__row")
            expect(history).to_have_count(3)
            expect(history.first).to_contain_text("完成")
            expect(screen.get_by_test_id("gi-history")).to_contain_text("被拒绝")
        finally:
            browser.close()
    assert not errors, errors
