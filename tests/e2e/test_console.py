"""The map console (一张图, /map) in a real browser (Debian's Chromium driven by Playwright).

A real uvicorn server runs on a free loopback port against a committed clone of the demo database;
the test opens the console, waits for the grid tiles to be drawn, clicks inside and outside the
district, searches an address, and checks what the side panel shows.

Needs /usr/bin/chromium (Debian package `chromium`; CJK text in screenshots needs a CJK font such
as `fonts-wqy-microhei`). Set XIUHUA_E2E_SCREENSHOTS=DIR to keep the screenshots.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

VIEWPORT = {"width": 1440, "height": 900}
GRID_CODE = re.compile(r"^370303\d{9}$")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)


def _covered(db_url: str, lon: float, lat: float) -> bool:
    engine = create_engine(db_url)
    try:
        with engine.connect() as c:
            return bool(
                c.execute(
                    text(
                        "SELECT EXISTS (SELECT 1 FROM grid_cell WHERE valid_to IS NULL"
                        " AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(:x, :y), 4326)))"
                    ),
                    {"x": lon, "y": lat},
                ).scalar_one()
            )
    finally:
        engine.dispose()


# In-page checks. `__xiuhua` is the console's state object (see web/console/src/views/map/map.js).
TILES_IDLE = (
    "(n) => { const s = window.__xiuhua; return !!s && s.ready && s.tiles.loaded > 0"
    " && s.tiles.loading === 0 && s.renders > n; }"
)
CANVAS_COLOURS = """() => {
  const counts = new Map();
  for (const cv of document.querySelectorAll('#map canvas')) {
    if (!cv.width || !cv.height) continue;
    const data = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    for (let i = 0; i < data.length; i += 4 * 53) {
      if (data[i + 3] === 0) continue;
      const key = (data[i] >> 3) + ',' + (data[i + 1] >> 3) + ',' + (data[i + 2] >> 3);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }
  return { colours: counts.size, painted: [...counts.values()].reduce((a, b) => a + b, 0) };
}"""


def _make_user(db_url: str, username: str, role: str, password: str) -> None:
    from sqlalchemy.orm import Session

    from app.core.clock import now
    from app.identity.service import UserInput, create_user

    engine = create_engine(db_url)
    try:
        with Session(engine) as s:
            create_user(s, UserInput(username, role, password=password, city_wide=True), now())
            s.commit()
    finally:
        engine.dispose()


def _console_login(page: Any, server: str, username: str, password: str) -> None:
    """Log in through the console's login page (the map needs a signed-in user)."""
    from playwright.sync_api import expect

    page.goto(f"{server}/login")
    page.fill("#login-username", username)
    page.fill("#login-password", password)
    page.click(".login-submit")
    expect(page.locator("[data-testid=who]")).to_be_visible()


def test_console_end_to_end(server: str, facts: dict[str, Any], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    _make_user(facts["db_url"], "map-viewer", "dispatcher", "map-viewer-pass-1")

    expect.set_options(timeout=20_000)  # answers may be slow while other tests load the machine
    shots: list[Path] = []
    external: list[str] = []
    page_errors: list[str] = []

    def shot(page: Any, name: str) -> None:
        path = tmp_path / f"{len(shots) + 1:02d}-{name}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport=VIEWPORT, locale="zh-CN")
            page.set_default_timeout(30_000)
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            page.on(
                "request",
                lambda r: None if r.url.startswith((server, "data:")) else external.append(r.url),
            )

            # 1. The console opens centred on the demo district and draws our own layers.
            _console_login(page, server, "map-viewer", "map-viewer-pass-1")
            page.goto(f"{server}/map")
            expect(page).to_have_title(re.compile("绣花"))
            page.wait_for_function(TILES_IDLE, arg=0)
            expect(page.locator("#district-chip")).to_contain_text("张店区")
            state = page.evaluate(
                "() => { const s = window.__xiuhua; return {districts: s.districts,"
                " zoom: s.view.getZoom(), tiles: s.tiles}; }"
            )
            assert state["districts"] == [{"code": "370303", "name": "张店区"}]
            assert state["tiles"]["failed"] == 0
            px, py = page.evaluate(
                "([x, y]) => window.__xiuhua.pixelFor(x, y)", [facts["lon"], facts["lat"]]
            )
            assert 0 < px < VIEWPORT["width"] and 0 < py < VIEWPORT["height"], (
                "the district centre is not in view at start"
            )
            # Cells come with the tiles from zoom 12; at the overview the district is drawn.
            layers = page.evaluate("([x, y]) => window.__xiuhua.layersAt(x, y)", [px, py])
            assert "district" in layers, layers
            colours = page.evaluate(CANVAS_COLOURS)
            assert colours["colours"] >= 4 and colours["painted"] > 1000, colours
            shot(page, "overview")

            # 2. Zoom in on a cell: the cell layer is drawn, then click on it.
            renders = page.evaluate("window.__xiuhua.renders")
            page.evaluate(
                "([x, y]) => window.__xiuhua.jumpTo(x, y, 16)", [facts["lon"], facts["lat"]]
            )
            page.wait_for_function(TILES_IDLE, arg=renders)
            px, py = page.evaluate(
                "([x, y]) => window.__xiuhua.pixelFor(x, y)", [facts["lon"], facts["lat"]]
            )
            layers = page.evaluate("([x, y]) => window.__xiuhua.layersAt(x, y)", [px, py])
            assert "cell" in layers, f"no grid cell drawn under the click point: {layers}"
            box = page.locator("#map").bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + px, box["y"] + py)
            code_el = page.locator("#locate-result [data-field=grid_code] .grid-code")
            expect(code_el).to_have_text(GRID_CODE)
            assert code_el.inner_text() == facts["cell_code"]
            expect(page.locator("#locate-result [data-field=district]")).to_contain_text("张店区")
            expect(page.locator("#locate-result [data-field=community]")).not_to_be_empty()
            expect(page.locator("#locate-result [data-field=street]")).to_contain_text("370303")
            unit = page.locator("#route-result .unit-name")
            expect(unit).to_have_text(re.compile(r"[\u4e00-\u9fff]{2,}"))
            expect(page.locator("#route-result [data-field=decided_by]")).to_have_text(
                re.compile("部件吸附|责任规则|区县兜底")
            )
            expect(page.locator("#route-result [data-field=reason]")).to_have_text(
                re.compile(r"[\u4e00-\u9fff]")
            )
            category = page.locator("#route-result [data-field=category]")
            expect(category).to_contain_text("event:09006")
            shot(page, "cell-clicked")

            # 3. Address search lists candidates with scores; picking one locates it.
            page.fill("#search-input", facts["address"])
            page.click("#search-form button[type=submit]")
            first = page.locator("#search-results .candidate").first
            expect(first).to_contain_text(facts["address"])
            expect(first.locator(".score-num")).to_have_text(re.compile(r"^\d{1,3}%$"))
            first.click()
            page.wait_for_function(
                "() => { const s = window.__xiuhua; return s.lastQuery && s.lastQuery.source"
                " === 'address' && !s.busy; }"
            )
            expect(code_el).to_have_text(GRID_CODE)
            expect(page.locator("#locate-result [data-field=nearest_address]")).to_contain_text(
                facts["address"]
            )
            # After the fly-to (zoom 17) every cell in view is labelled with its code.
            page.wait_for_function(
                "() => { const s = window.__xiuhua; return s.view.getZoom() > 16.99"
                " && !s.view.getAnimating() && s.cellLabelCount() > 0 && s.tiles.loading === 0; }"
            )
            page.wait_for_timeout(300)
            shot(page, "address")

            # 4. A click outside the district: the Chinese outside-service-area message.
            renders = page.evaluate("window.__xiuhua.renders")
            page.click(".ol-zoom-extent button")
            page.wait_for_function(TILES_IDLE, arg=renders)
            cx, cy = 12, 12
            lon, lat = page.evaluate("([x, y]) => window.__xiuhua.coordAt(x, y)", [cx, cy])
            assert not _covered(facts["db_url"], lon, lat), "the map corner is inside a cell"
            page.mouse.click(box["x"] + cx, box["y"] + cy)
            err = page.locator("#locate-result .error-box")
            expect(err).to_have_attribute("data-code", "outside_service_area")
            expect(err).to_contain_text("不在服务区域")
            expect(page.locator("#route-result .error-box")).to_contain_text("不在服务区域")
            shot(page, "outside-click")

            # 5. A far point typed in GCJ-02 (Beijing): the same message, the crs is sent along.
            page.select_option("#crs-select", "gcj02")
            page.fill("#coord-input", "116.397, 39.909")
            page.click("#coord-form button[type=submit]")
            page.wait_for_function(
                "() => { const s = window.__xiuhua; return s.lastQuery && s.lastQuery.source"
                " === 'coords' && !s.busy; }"
            )
            assert page.evaluate("window.__xiuhua.lastQuery.crs") == "gcj02"
            expect(err).to_have_attribute("data-code", "outside_service_area")
            expect(err).to_contain_text("不在服务区域")

            # 6. An unknown category: the route card shows the Chinese message, locate still works.
            page.select_option("#crs-select", "wgs84")
            page.fill("#category-input", "event:99999")
            page.fill("#coord-input", f"{facts['lon']}, {facts['lat']}")
            page.click("#coord-form button[type=submit]")
            expect(code_el).to_have_text(facts["cell_code"])
            route_err = page.locator("#route-result .error-box")
            expect(route_err).to_contain_text(re.compile(r"[\u4e00-\u9fff]"))
            expect(route_err).not_to_have_attribute("data-code", "")
            page.wait_for_timeout(800)
            shot(page, "unknown-category")
        finally:
            browser.close()

    keep = os.environ.get("XIUHUA_E2E_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for p in shots:
            shutil.copy(p, Path(keep) / p.name)
    assert all(p.stat().st_size > 10_000 for p in shots)
    assert not page_errors, page_errors
    assert not external, f"the console fetched from outside the service: {external}"


def test_console_live_panel_follows_new_cases(server: str, facts: dict[str, Any]) -> None:
    """Log in on the console and see a case reported elsewhere appear in 实时动态 (SSE)."""
    from playwright.sync_api import expect, sync_playwright
    from sqlalchemy.orm import Session

    from app.cases import workflow as wf
    from app.cases.service import ReportInput, report_case
    from app.core.clock import now
    from app.core.db import unit_of_work
    from app.identity.service import UserInput, create_user

    engine = create_engine(facts["db_url"])
    try:
        with Session(engine) as s:
            create_user(
                s,
                UserInput("console-op", "operator", password="console-pass-1", city_wide=True),
                now(),
            )
            s.commit()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = browser.new_page(viewport=VIEWPORT, locale="zh-CN")
                _console_login(page, server, "console-op", "console-pass-1")
                page.goto(f"{server}/map")
                page.fill("#live-user", "console-op")
                page.fill("#live-pass", "wrong-password")
                page.click("#live-login button[type=submit]")
                expect(page.locator("#live-status")).to_contain_text("用户名或密码错误")
                page.fill("#live-pass", "console-pass-1")
                page.click("#live-login button[type=submit]")
                expect(page.locator("#live-who")).to_contain_text("受理员")
                expect(page.locator("#live-status")).to_contain_text("已连接", timeout=30_000)
                with unit_of_work(engine) as s:
                    case = report_case(
                        s,
                        ReportInput(
                            wf.Source.inspector,
                            "event:09006",
                            facts["lon"],
                            facts["lat"],
                            description="控制台实时动态测试",
                        ),
                        wf.Actor(wf.Role.inspector, 101),
                        now(),
                    ).case
                    case_no = case.case_no
                row = page.locator("#live-events li", has_text=case_no)
                expect(row).to_contain_text("上报", timeout=60_000)
            finally:
                browser.close()
    finally:
        engine.dispose()
