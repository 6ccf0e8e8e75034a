"""The leader's dashboard, the command map (一张图) and the admin screens in a real browser.

A real uvicorn server (the fixture of test_console.py) runs on a clone of the demo database with
a year of seeded history. The leader logs in through the login page; every KPI card of the
dashboard must show exactly what the stats API answers for the same period. The map must draw the
grid and the open cases, and a case reported meanwhile must arrive over the live feed without a
reload. Screenshots are asserted non-blank (canvas pixels sampled) and saved to docs/img/ for the
user guide (docs/CONSOLE.md).
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, DOC_IMG, UPDATE_DOCS

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "dash-pass-123"
KPI_KEYS = [
    "cases",
    "filed",
    "closed",
    "close_rate",
    "handle_on_time_rate",
    "handle_on_time_rate_closed",
    "rework_rate",
    "close_on_time_rate",
    "satisfaction_rate",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)

# Distinct colours and painted pixels over every canvas under `sel` (a blank canvas has none).
CANVAS_COLOURS = """(sel) => {
  const counts = new Map();
  for (const cv of document.querySelectorAll(sel + ' canvas')) {
    if (!cv.width || !cv.height) continue;
    const data = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    for (let i = 0; i < data.length; i += 4 * 37) {
      if (data[i + 3] === 0) continue;
      const key = (data[i] >> 3) + ',' + (data[i + 1] >> 3) + ',' + (data[i + 2] >> 3);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }
  return { colours: counts.size, painted: [...counts.values()].reduce((a, b) => a + b, 0) };
}"""
# Pixels of the case markers' light colours on the map canvases.
LIGHT_PIXELS = """() => {
  let red = 0, green = 0;
  for (const cv of document.querySelectorAll('[data-testid=command-map] canvas')) {
    if (!cv.width || !cv.height) continue;
    const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] < 200) continue;
      if (Math.abs(d[i] - 208) < 12 && d[i + 1] < 20 && Math.abs(d[i + 2] - 27) < 20) red++;
      if (Math.abs(d[i] - 46) < 12 && Math.abs(d[i + 1] - 157) < 12 && Math.abs(d[i + 2] - 79) < 12) green++;
    }
  }
  return { red, green };
}"""


@pytest.fixture
def seeded(fresh_db_url: str) -> dict[str, Any]:
    """A year of history in the test's own database, a leader and an admin with passwords."""
    from app.core.clock import now
    from app.demo.seed_history import SeedOptions, seed_history
    from app.identity.service import UserInput, create_user

    engine = create_engine(fresh_db_url)
    try:
        seed_history(engine, SeedOptions(cases=3000, years=1.0, district=None, seed=7, until=now()))
        with Session(engine) as s:
            create_user(
                s, UserInput("dash-leader", "leader", "分管领导", PASSWORD, city_wide=True), now()
            )
            create_user(s, UserInput("dash-admin", "admin", "系统管理员", PASSWORD), now())
            s.commit()
            lon, lat = s.execute(
                text(
                    "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
                    " WHERE valid_to IS NULL AND area_m2 > 5000 ORDER BY code LIMIT 1) q"
                )
            ).one()
    finally:
        engine.dispose()
    return {"db_url": fresh_db_url, "lon": float(lon), "lat": float(lat)}


def _token(base: str, user: str) -> str:
    body = urllib.parse.urlencode({"username": user, "password": PASSWORD}).encode()
    with urllib.request.urlopen(f"{base}/api/v1/auth/token", data=body, timeout=30) as r:
        return str(json.load(r)["access_token"])


def _api(base: str, token: str, path: str, **params: str) -> Any:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)


def _login(page: Any, base: str, user: str, next_path: str) -> None:
    page.goto(f"{base}/login?next={urllib.parse.quote(next_path)}")
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")


def _as_number(v: str) -> float | None:
    return None if v == "" else float(v)


def test_dashboard_map_and_admin(
    seeded: dict[str, Any],
    server: str,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from app.cases import workflow as wf
    from app.cases.service import ReportInput, report_case
    from app.core.clock import now
    from app.core.db import unit_of_work

    expect.set_options(timeout=30_000)
    IMG = tmp_path
    # last month: a whole, ended period with cases in every stage
    day = (date.today().replace(day=1) - timedelta(days=1)).replace(day=15).isoformat()
    errors: list[str] = []
    external: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
            page.set_default_timeout(60_000)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((server, "data:", "blob:")) else external.append(r.url)
                ),
            )

            # 1. The leader's dashboard shows what the stats API says for the same period.
            _login(page, server, "dash-leader", f"/dashboard?period=month&date={day}")
            expect(page.get_by_test_id("kpi-cases")).not_to_have_attribute("data-value", "")
            token = _token(server, "dash-leader")
            table = _api(
                server,
                token,
                "/api/v1/stats/indicators",
                scope="district",
                period="month",
                date=day,
            )
            row = table["rows"][0]
            assert row["cases"] > 0, row
            expect(page.get_by_test_id("period-label")).to_have_text(
                table["meta"]["period"]["label"]
            )
            labels = {c["key"]: c["label"] for c in table["columns"]}
            for key in KPI_KEYS:
                card = page.get_by_test_id(f"kpi-{key}")
                shown = _as_number(card.get_attribute("data-value") or "")
                assert shown == row[key], (key, shown, row[key])
                expect(card).to_contain_text(labels[key])
            # the honest and the closed-only on-time rates stand side by side, each labelled
            expect(page.get_by_test_id("kpi-handle_on_time_rate")).to_contain_text("含超期在办")
            expect(page.get_by_test_id("kpi-handle_on_time_rate_closed")).to_contain_text(
                "仅已处置"
            )
            # 环比: the card compares with the month before, as the API answers it
            prev_day = (date.fromisoformat(day).replace(day=1) - timedelta(days=1)).isoformat()
            prev = _api(
                server,
                token,
                "/api/v1/stats/indicators",
                scope="district",
                period="month",
                date=prev_day,
            )
            delta = row["cases"] - prev["rows"][0]["cases"]
            expect(page.get_by_test_id("kpi-cases")).to_contain_text(
                f"环比 {'+' if delta > 0 else '−' if delta < 0 else '±'}{abs(delta):,}"
            )
            # the charts are drawn (real pixels) and the ranking is listed
            for chart in ("chart-trend", "chart-source", "chart-funnel", "chart-events"):
                page.wait_for_function(
                    f"() => {{ const c = document.querySelector('[data-testid={chart}] canvas'); return !!c && c.width > 0; }}"
                )
            page.wait_for_timeout(1500)
            for chart in (
                "chart-trend",
                "chart-source",
                "chart-funnel",
                "chart-events",
                "heat-map",
            ):
                c = page.evaluate(CANVAS_COLOURS, f"[data-testid={chart}]")
                assert c["colours"] >= 3 and c["painted"] > 200, (chart, c)
            expect(page.get_by_test_id("ranking").locator("tbody tr").first).to_be_visible()
            page.screenshot(path=str(IMG / "dashboard.png"))
            page.get_by_test_id("big-screen").click()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(IMG / "dashboard-big-screen.png"))
            page.get_by_test_id("big-screen").click()

            # 2. The command map: the grid and the open cases as lights; a new case arrives live.
            page.set_viewport_size({"width": 1366, "height": 768})
            page.goto(f"{server}/command-map")
            page.wait_for_function(
                "() => { const s = window.__cmap; return !!s && s.ready && s.points() > 0"
                " && s.tiles.loaded > 0 && s.tiles.loading === 0; }"
            )
            expect(page.get_by_test_id("live-state")).to_have_text("实时：已连接")
            n_before = page.evaluate("window.__cmap.points()")
            map_token = _token(server, "dash-leader")
            api_points = _api(server, map_token, "/api/v1/map/cases")
            assert n_before == len(api_points["features"])
            page.wait_for_timeout(1000)
            c = page.evaluate(CANVAS_COLOURS, "[data-testid=command-map]")
            assert c["colours"] >= 5 and c["painted"] > 2000, c
            lights = page.evaluate(LIGHT_PIXELS)
            assert lights["red"] + lights["green"] > 50, lights
            engine = create_engine(seeded["db_url"])
            try:
                with unit_of_work(engine) as s:
                    case_no = report_case(
                        s,
                        ReportInput(
                            wf.Source.inspector,
                            "event:09006",
                            seeded["lon"],
                            seeded["lat"],
                            description="一张图实时测试",
                        ),
                        wf.Actor(wf.Role.inspector, 101),
                        now(),
                    ).case.case_no
            finally:
                engine.dispose()
            expect(page.get_by_test_id("live-row").filter(has_text=case_no)).to_be_visible(
                timeout=60_000
            )
            page.wait_for_function(f"() => window.__cmap.points() === {n_before + 1}")
            # click the new case's cell: codes, units with the rule deciding each, the open case
            page.evaluate(f"window.__cmap.jumpTo({seeded['lon']}, {seeded['lat']}, 17)")
            page.wait_for_timeout(2000)
            px, py = page.evaluate(f"window.__cmap.pixelFor({seeded['lon']}, {seeded['lat']})")
            box = page.locator("[data-testid=command-map] .map").bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + px + 30, box["y"] + py + 30)
            expect(page.get_by_test_id("cell-code")).to_contain_text(re.compile(r"370303\d{9}"))
            expect(page.get_by_test_id("cell-routes")).to_contain_text(
                re.compile("责任规则|部件吸附|区县兜底")
            )
            page.wait_for_timeout(800)
            page.screenshot(path=str(IMG / "command-map.png"))

            # 3. Admin: users listed; an API key is shown once.
            page.evaluate("localStorage.clear()")
            _login(page, server, "dash-admin", "/admin")
            expect(page.get_by_test_id("users")).to_contain_text("dash-leader")
            page.get_by_role("tab", name="API 密钥").click()
            page.get_by_label("密钥名称").fill("区视频平台")
            page.get_by_role("button", name="新建密钥").click()
            plain = page.locator("input[data-testid=key-plain], [data-testid=key-plain] input")
            expect(plain).to_have_value(re.compile(r".{20,}"))
            key = plain.input_value()
            page.get_by_role("button", name="我已保存").click()
            expect(page.get_by_test_id("keys")).to_contain_text("区视频平台")
            expect(page.get_by_test_id("keys")).not_to_contain_text(key)
            page.get_by_role("tab", name="类别目录与立结案标准").click()
            expect(page.get_by_test_id("catalogue")).to_contain_text("占道经营")
            page.get_by_role("tab", name="用户与角色").click()
            page.wait_for_timeout(500)
            page.screenshot(path=str(IMG / "admin.png"))
        finally:
            browser.close()

    for name in ("dashboard.png", "dashboard-big-screen.png", "command-map.png", "admin.png"):
        assert (IMG / name).stat().st_size > 20_000, name
    assert not errors, errors
    if UPDATE_DOCS:
        for name in ("dashboard.png", "dashboard-big-screen.png", "command-map.png", "admin.png"):
            shutil.copy(IMG / name, DOC_IMG / name)
    assert not external, f"the console fetched from outside the service: {external}"
