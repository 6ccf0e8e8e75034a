"""The inspector's phone app (绣花巡查, /m/) in a real mobile browser: nothing lost, nothing doubled.

Debian's Chromium driven by Playwright at 360×640 with touch, geolocation permission and
coordinates emulated; photos are fixture JPEGs made here and given through the file chooser. A real
uvicorn serves a committed clone of the demo city with its demo accounts. Five scenarios:

1. online: log in, report with two photos → the case exists with both photos, at the point, routed;
2. offline: three reports while offline, a reload while still offline (the service worker opens the
   app, the outbox is intact), back online → exactly three cases, each with its photos, outbox empty;
3. faults: a proxy in the test answers one upload with a 500 and drops another connection after
   the server got it → still exactly the queued cases, none doubled;
4. a 核查 task completed offline reaches the server when back online and moves the case on;
5. installable: the manifest's fields, the service worker's headers, and it controls the page.

Set XIUHUA_E2E_SCREENSHOTS=DIR to keep the phone screenshots (docs/img/ holds the guide's).
"""

from __future__ import annotations

import contextlib
import http.client
import io
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, log_tail

PASSWORD = "e2e-Passw0rd-巡查"
JWT_SECRET = "e2e-mobile-jwt-secret-" + "m" * 40
DISTRICT = "370303"
CATEGORY = "07001"  # an event category of the standard catalogue
PHONE = {"width": 360, "height": 640}
GPS_ACCURACY = 12.0

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)


# --- the city, the server, the photos -----------------------------------------------------------


@dataclass
class City:
    db_url: str
    base: str
    lon: float
    lat: float
    photos: list[Path]
    shots: Path
    inspector_id: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def scalar(self, sql: str, **params: Any) -> Any:
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as c:
                return c.execute(text(sql), params).scalar()
        finally:
            engine.dispose()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as c:
                return list(c.execute(text(sql), params).all())
        finally:
            engine.dispose()

    def my_cases(self) -> list[Any]:
        """The inspector's cases: id, description, photo count, source."""
        return self.rows(
            "SELECT c.id, c.description, c.status,"
            " (SELECT count(*) FROM dispatch_attachment a WHERE a.case_id = c.id"
            "  AND a.kind = 'report') AS photos"
            " FROM dispatch_case c WHERE c.reporter_id = :u ORDER BY c.id",
            u=self.inspector_id,
        )


def solid_jpeg(path: Path, color: tuple[int, int, int], size: tuple[int, int]) -> Path:
    img = Image.new("RGB", size, color)
    for x in range(0, size[0], 40):  # some structure, so the JPEG is not trivially small
        for y in range(0, size[1], 40):
            img.putpixel((x, y), (255 - color[0], 255 - color[1], 255 - color[2]))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    path.write_bytes(buf.getvalue())
    return path


def _setup_city(db_url: str) -> tuple[int, float, float]:
    """The demo accounts (the demo inspector patrols the district's first community); a point."""
    from app.demo.users import create_demo_users

    engine = create_engine(db_url)
    try:
        with Session(engine) as s:
            create_demo_users(s, DISTRICT, PASSWORD, datetime.now(UTC))
            s.commit()
            uid = s.execute(text("SELECT id FROM account_user WHERE username = 'demo-inspector'"))
            inspector = int(uid.scalar_one())
            lon, lat = s.execute(
                text(
                    "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p"
                    " FROM grid_cell WHERE valid_to IS NULL AND area_m2 > 5000"
                    " AND community_code = (SELECT min(code) FROM grid_community"
                    "  WHERE code LIKE :d || '%') ORDER BY code LIMIT 1) q"
                ),
                {"d": DISTRICT},
            ).one()
    finally:
        engine.dispose()
    return inspector, float(lon), float(lat)


@pytest.fixture
def city(fresh_db_url: str, tmp_path: Path) -> Iterator[City]:
    inspector, lon, lat = _setup_city(fresh_db_url)
    photos_dir = tmp_path / "attachments"
    photos_dir.mkdir()
    env = {
        "XIUHUA_JWT_SECRET": JWT_SECRET,
        "XIUHUA_ATTACHMENT_DIR": str(photos_dir),
        "XIUHUA_SWEEPER_INTERVAL_S": "0",
        "XIUHUA_STATS_REFRESH_INTERVAL_S": "0",
        "XIUHUA_LOG_JSON": "false",
    }
    fixtures = tmp_path / "photos"
    fixtures.mkdir()
    # A large photo (scaled on the phone) and small ones.
    photos = [
        solid_jpeg(fixtures / "big.jpg", (180, 70, 40), (3000, 2000)),
        *(
            solid_jpeg(fixtures / f"p{i}.jpg", (40 + 30 * i, 120, 200 - 20 * i), (640, 480))
            for i in range(5)
        ),
    ]
    shots = Path(os.environ.get("XIUHUA_E2E_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with _uvicorn(fresh_db_url, env, tmp_path / "uvicorn.log") as base:
        yield City(fresh_db_url, base, lon, lat, photos, shots, inspector)


@contextmanager
def _uvicorn(db_url: str, env: dict[str, str], log: Path) -> Iterator[str]:
    """One uvicorn process on a free loopback port; yields its base URL."""
    port = free_port()
    python = ROOT / ".venv" / "bin" / "python"
    cmd = [
        str(python if python.exists() else Path(sys.executable)),
        *("-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1"),
        *("--port", str(port)),
    ]
    base = f"http://127.0.0.1:{port}"
    full_env = {**os.environ, "XIUHUA_DATABASE_URL": db_url, **env}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"uvicorn exited with {proc.returncode}:\n{log_tail(log)}")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not get ready in 60 s:\n{log_tail(log)}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


# --- a proxy that misbehaves on purpose ---------------------------------------------------------


class FaultProxy:
    """Forward every request to the server; for report uploads, play the given faults in order.

    `500`: answer 500 without forwarding. `drop`: forward (the server makes the case), then close
    the connection without an answer — the phone never learns that the report arrived.
    """

    def __init__(self, upstream: str, faults: list[str]) -> None:
        self.upstream = upstream.removeprefix("http://")
        self.faults = list(faults)
        self.played: list[str] = []
        self.uploads = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *_args: Any) -> None:
                return

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                fault = None
                if self.command == "POST" and self.path == "/api/v1/inspector/reports":
                    with proxy.lock:
                        proxy.uploads += 1
                        fault = proxy.faults.pop(0) if proxy.faults else None
                        if fault:
                            proxy.played.append(fault)
                if fault == "500":
                    payload = b'{"error":"internal","code":"internal_error","message":"\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8\xe5\x86\x85\xe9\x83\xa8\xe9\x94\x99\xe8\xaf\xaf"}'
                    self.send_response(500)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                conn = http.client.HTTPConnection(proxy.upstream, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                conn.request(self.command, self.path, body=body, headers=headers)
                res = conn.getresponse()
                data = res.read()
                conn.close()
                if fault == "drop":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self.send_response(res.status)
                for k, v in res.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _guarded(self) -> None:
                # the browser may give up on a request (a map tile it no longer needs)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._forward()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _guarded

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- the phone ----------------------------------------------------------------------------------


@contextmanager
def phone(city: City, base: str | None = None) -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context(
                base_url=base or city.base,
                viewport=PHONE,
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                locale="zh-CN",
                timezone_id="Asia/Shanghai",
                geolocation={"longitude": city.lon, "latitude": city.lat, "accuracy": GPS_ACCURACY},
                permissions=["geolocation"],
                service_workers="allow",
            )
            page = ctx.new_page()
            page.set_default_timeout(30_000)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            yield page
            assert not errors, errors
        finally:
            browser.close()


def shot(city: City, page: Any, name: str) -> None:
    page.screenshot(path=str(city.shots / f"m-{name}.png"))


def login(page: Any) -> None:
    from playwright.sync_api import expect

    page.goto("/m/")
    expect(page).to_have_url(re.compile(r"/m/login"))
    page.locator("input[name=username]").fill("demo-inspector")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/m/report$"))
    # the service worker has the app shell and controls the page
    page.wait_for_function(
        "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null"
    )


def cache_catalogue(page: Any) -> None:
    """Open the category picker and wait for the catalogue (the phone keeps it for offline use)."""
    from playwright.sync_api import expect

    page.get_by_test_id("category").click()
    expect(page.locator(".van-popup .cat").first).to_be_visible()


def no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"horizontal scrolling: {width}px"


def fill_report(page: Any, city: City, description: str, photos: list[Path]) -> None:
    """Fill the 上报 form: category by search, a quick phrase, photos through the file chooser."""
    from playwright.sync_api import expect

    page.get_by_test_id("category").click()
    search = page.get_by_test_id("category-search").locator("input")
    search.fill(CATEGORY)
    page.locator(".van-popup .cat").first.click()
    expect(page.get_by_test_id("category")).not_to_contain_text("请选择类别")
    page.get_by_test_id("description").locator("textarea").fill(description)
    page.locator(".phrase").first.click()
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("photos-gallery").click()
    chooser.value.set_files([str(p) for p in photos])
    expect(page.locator(".photos .thumb")).to_have_count(len(photos), timeout=60_000)
    expect(page.get_by_test_id("gps-status")).to_contain_text("GPS 精度 ±12 米")


def submit_report(page: Any) -> None:
    from playwright.sync_api import expect

    page.get_by_test_id("submit-report").click()
    expect(page).to_have_url(re.compile(r"/m/outbox$"))


def outbox_count(page: Any) -> int:
    return int(page.evaluate("window.__xiuhuaM.outboxCount()"))


def wait_outbox_empty(page: Any, timeout_s: float = 90) -> None:
    page.wait_for_function("() => window.__xiuhuaM.pending === 0", timeout=timeout_s * 1000)
    assert outbox_count(page) == 0


# --- 1. online ----------------------------------------------------------------------------------


def test_online_report_with_two_photos(city: City) -> None:
    from playwright.sync_api import expect

    with phone(city) as page:
        login(page)
        shot(city, page, "01-report-empty")
        fill_report(page, city, "电线杆上贴满小广告", city.photos[:2])
        no_horizontal_scroll(page)
        shot(city, page, "02-report-filled")
        submit_report(page)
        sent = page.get_by_test_id("sent-item").first
        expect(sent.get_by_test_id("case-no")).not_to_be_empty()
        case_no = sent.get_by_test_id("case-no").inner_text()
        expect(sent).to_contain_text("单元网格")
        shot(city, page, "03-sent")
        assert outbox_count(page) == 0

        page.goto("/m/mine")
        expect(page.get_by_test_id("mine-item").first).to_contain_text(case_no)
        shot(city, page, "04-mine")
        page.get_by_test_id("mine-item").first.click()
        expect(page.get_by_test_id("timeline")).to_contain_text("上报")
        shot(city, page, "05-case")
        no_horizontal_scroll(page)

    cases = city.my_cases()
    assert len(cases) == 1 and cases[0].photos == 2, cases
    assert cases[0].description.startswith("电线杆上贴满小广告，")  # the quick phrase was added
    row = city.rows(
        "SELECT c.case_no, c.routed_unit_id, c.grid_code, c.raw_crs,"
        " ST_Distance(c.geom::geography, ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography) AS d,"
        " (SELECT payload FROM dispatch_case_event e WHERE e.case_id = c.id AND e.seq = 1) AS p"
        " FROM dispatch_case c WHERE c.id = :i",
        i=cases[0].id,
        x=city.lon,
        y=city.lat,
    )[0]
    assert row.case_no == case_no
    assert row.d < 1.0, f"the case is {row.d} m from the emulated point"
    assert row.raw_crs == "wgs84" and row.routed_unit_id is not None and row.grid_code
    assert row.p["gps_accuracy_m"] == GPS_ACCURACY and row.p["located_by"] == "gps"
    # the 3000×2000 photo was scaled on the phone to a 2048 px long side; both are JPEG
    sizes = city.rows(
        "SELECT content_type, width, height FROM dispatch_attachment WHERE case_id = :i"
        " ORDER BY width DESC",
        i=cases[0].id,
    )
    assert [(s.content_type, s.width, s.height) for s in sizes] == [
        ("image/jpeg", 2048, 1365),
        ("image/jpeg", 640, 480),
    ], sizes


# --- 2. offline ---------------------------------------------------------------------------------


def test_offline_reports_survive_a_reload_and_arrive_once(city: City) -> None:
    from playwright.sync_api import expect

    with phone(city) as page:
        login(page)
        cache_catalogue(page)
        shot(city, page, "00-category-picker")
        page.locator(".van-popup__close-icon").click()
        page.context.set_offline(True)
        page.goto("/m/report")
        for n in range(3):
            fill_report(page, city, f"离线上报 {n + 1}", city.photos[1 + n : 3 + n])
            submit_report(page)
            page.goto("/m/report")
        page.goto("/m/outbox")
        expect(page.get_by_test_id("outbox-item")).to_have_count(3)
        expect(page.get_by_test_id("outbox-item").first).to_contain_text("待上传")
        shot(city, page, "06-outbox-offline")

        page.reload()  # still offline: the service worker opens the app
        expect(page.get_by_test_id("outbox-item")).to_have_count(3)
        assert outbox_count(page) == 3
        assert city.my_cases() == []

        page.context.set_offline(False)
        wait_outbox_empty(page)
        expect(page.get_by_test_id("sent-item")).to_have_count(3)

    cases = city.my_cases()
    assert sorted(c.description.split("，")[0] for c in cases) == [
        "离线上报 1",
        "离线上报 2",
        "离线上报 3",
    ]
    assert [c.photos for c in cases] == [2, 2, 2]


# --- 3. faults ----------------------------------------------------------------------------------


def test_server_errors_and_dropped_connections_double_nothing(city: City) -> None:
    from playwright.sync_api import expect

    with FaultProxy(city.base, ["500", "drop"]) as proxy, phone(city, proxy.base) as page:
        login(page)
        cache_catalogue(page)
        page.locator(".van-popup__close-icon").click()
        page.context.set_offline(True)  # queue all three, then let them go at once
        page.goto("/m/report")
        for n in range(3):
            fill_report(page, city, f"故障上报 {n + 1}", city.photos[2:4])
            submit_report(page)
            page.goto("/m/report")
        page.goto("/m/outbox")
        # offline, nothing was tried: no attempt counted, so no backoff to wait out once online
        expect(page.get_by_test_id("outbox-item")).to_have_count(3)
        for item in page.get_by_test_id("outbox-item").all():
            expect(item).not_to_contain_text("已尝试")
        page.context.set_offline(False)
        # the 500 shows the server's Chinese message while the item waits for its retry
        expect(page.get_by_test_id("outbox-item").first).to_contain_text("服务器内部错误")
        shot(city, page, "07-outbox-retry")
        wait_outbox_empty(page, timeout_s=300)
        assert proxy.played == ["500", "drop"]
        assert proxy.uploads >= 5  # three reports, two of them twice

    cases = city.my_cases()
    assert sorted(c.description.split("，")[0] for c in cases) == [
        "故障上报 1",
        "故障上报 2",
        "故障上报 3",
    ], cases
    assert [c.photos for c in cases] == [2, 2, 2]


# --- 4. a 核查 task offline ----------------------------------------------------------------------


def _case_to_check(city: City) -> int:
    """A case the inspector reported, filed, dispatched, signed and handled: waiting for 核查."""

    def token(user: str) -> dict[str, str]:
        r = http_.post("/api/v1/auth/token", data={"username": user, "password": PASSWORD})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    def key() -> dict[str, str]:
        return {"Idempotency-Key": uuid.uuid4().hex}

    with httpx.Client(base_url=city.base, timeout=60) as http_:
        insp, shift, disp, unit = (
            token(u) for u in ("demo-inspector", "demo-shift", "demo-dispatcher", "demo-unit")
        )
        photo = city.photos[1].read_bytes()
        r = http_.post(
            "/api/v1/inspector/reports",
            headers={**insp, **key()},
            data={
                "category": f"event:{CATEGORY}",
                "lon": str(city.lon),
                "lat": str(city.lat),
                "crs": "wgs84",
                "description": "待核查的案卷",
            },
            files=[("photos", ("a.jpg", photo, "image/jpeg"))],
        )
        assert r.status_code == 201, r.text
        case_id = int(r.json()["id"])
        unit_id = city.scalar("SELECT id FROM grid_unit WHERE code = :c", c=f"{DISTRICT}-CG")
        steps = [
            (shift, "file", {}),
            (disp, "dispatch", {"unit_id": unit_id}),
            (unit, "sign", {}),
        ]
        for who, action, body in steps:
            r = http_.post(
                f"/api/v1/cases/{case_id}/actions/{action}", json=body, headers={**who, **key()}
            )
            assert r.status_code == 200, (action, r.text)
        up = http_.post(
            "/api/v1/attachments",
            headers=unit,
            data={"kind": "after"},
            files={"file": ("after.jpg", city.photos[2].read_bytes(), "image/jpeg")},
        )
        assert up.status_code == 201, up.text
        r = http_.post(
            f"/api/v1/cases/{case_id}/actions/handle",
            json={"photos": [up.json()["id"]], "note": "已清除"},
            headers={**unit, **key()},
        )
        assert r.status_code == 200 and r.json()["status"] == "handled", r.text
    return case_id


def test_check_task_done_offline_moves_the_case_when_back_online(city: City) -> None:
    from playwright.sync_api import expect

    case_id = _case_to_check(city)
    with phone(city) as page:
        login(page)
        page.goto("/m/tasks")
        item = page.get_by_test_id("task-item").first
        expect(item).to_contain_text("核查")
        expect(item).to_contain_text("剩")  # the due countdown
        shot(city, page, "08-tasks")
        item.locator(".van-cell").click()
        expect(page).to_have_url(re.compile(rf"/m/tasks/{case_id}$"))
        page.context.set_offline(True)
        page.get_by_test_id("result-pass").click()
        page.get_by_test_id("task-note").locator("textarea").fill("现场已整改到位")
        with page.expect_file_chooser() as chooser:
            page.get_by_test_id("task-photos-gallery").click()
        chooser.value.set_files([str(city.photos[3])])
        expect(page.locator(".photos .thumb")).to_have_count(1)
        shot(city, page, "09-task")
        page.get_by_test_id("submit-task").click()
        expect(page).to_have_url(re.compile(r"/m/outbox$"))
        assert outbox_count(page) == 1
        assert city.scalar("SELECT status FROM dispatch_case WHERE id = :i", i=case_id) == "handled"

        page.context.set_offline(False)
        wait_outbox_empty(page)
        expect(page.get_by_test_id("sent-item").first).to_contain_text("核查")

    status = city.scalar("SELECT status FROM dispatch_case WHERE id = :i", i=case_id)
    assert status in ("to_close", "closed"), status
    actions = [
        r.action
        for r in city.rows(
            "SELECT action FROM dispatch_case_event WHERE case_id = :i ORDER BY seq", i=case_id
        )
    ]
    assert actions[-1] == "check_pass" or "check_pass" in actions, actions
    assert actions.count("check_pass") == 1
    check_photos = city.scalar(
        "SELECT count(*) FROM dispatch_attachment WHERE case_id = :i AND kind = 'check'", i=case_id
    )
    assert check_photos == 1


# --- 5. installable -----------------------------------------------------------------------------


def test_installable_manifest_and_service_worker(city: City) -> None:
    with httpx.Client(base_url=city.base, timeout=30) as http_:
        sw = http_.get("/m/sw.js")
        assert sw.status_code == 200
        assert sw.headers["content-type"].startswith("text/javascript")
        assert sw.headers["service-worker-allowed"] == "/m/"
        assert sw.headers["cache-control"] == "no-cache"
        mf = http_.get("/m/manifest.webmanifest")
        assert mf.status_code == 200
        assert mf.headers["content-type"].startswith("application/manifest+json")
        index = http_.get("/m/")
        assert '<link rel="manifest" href="/m/manifest.webmanifest">' in index.text
        for icon in mf.json()["icons"]:
            r = http_.get(f"/m/{icon['src']}")
            assert r.status_code == 200 and r.headers["content-type"] == "image/png"
            w, h = Image.open(io.BytesIO(r.content)).size
            assert f"{w}x{h}" == icon["sizes"]

    manifest = mf.json()
    assert manifest["name"] == "绣花巡查"
    assert manifest["start_url"] == "/m/" and manifest["scope"] == "/m/"
    assert manifest["display"] == "standalone"
    sizes = {i["sizes"] for i in manifest["icons"] if i.get("purpose", "any") == "any"}
    assert {"192x192", "512x512"} <= sizes

    with phone(city) as page:
        login(page)
        sw_state = page.evaluate(
            """async () => {
                const reg = await navigator.serviceWorker.getRegistration('/m/');
                return { scope: reg && reg.scope, active: reg && reg.active && reg.active.state,
                         controller: navigator.serviceWorker.controller
                           && navigator.serviceWorker.controller.scriptURL };
            }"""
        )
        assert sw_state["scope"] == f"{city.base}/m/"
        assert sw_state["active"] == "activated"
        assert sw_state["controller"] == f"{city.base}/m/sw.js"
        page.goto("/m/me")
        shot(city, page, "10-me")
        no_horizontal_scroll(page)
