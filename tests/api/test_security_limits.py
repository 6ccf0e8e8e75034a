"""Secure defaults: security headers on every answer, strict CSP on HTML pages, secrets checked
at start, request size and time limits on every body."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from app.core.config import Settings, check_startup, get_settings, weak_secrets
from tests.support.api import INSPECTOR, err

STATIC = Path(__file__).resolve().parents[2] / "app" / "static"
INLINE = re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)


def _headers_ok(r: Any) -> str:
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"
    csp = str(r.headers["content-security-policy"])
    assert "frame-ancestors 'none'" in csp
    return csp


def test_every_kind_of_answer_carries_the_headers(client: Any) -> None:
    for path, status in (
        ("/healthz", 200),
        ("/api/v1/locate?lon=118.0458&lat=36.8132", 200),
        ("/api/v1/cases/1", 401),
        ("/api/v1/no-such-endpoint", 404),
        ("/openapi.json", 200),
        ("/static-offline-docs/swagger-ui.css", 200),
    ):
        r = client.get(path)
        assert r.status_code == status, (path, r.status_code)
        assert _headers_ok(r) == "default-src 'none'; frame-ancestors 'none'", path


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_docs_pages_allow_exactly_their_inline_scripts(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = _headers_ok(r)
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src "))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    inline = INLINE.findall(r.text)
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    assert script_src.count("'sha256-") == len(set(inline))
    assert "https:" not in csp and "http:" not in csp  # everything offline, from this origin


def test_the_built_console_needs_no_inline_script(client: Any) -> None:
    pages = [
        p for p in (STATIC / "console" / "index.html", STATIC / "m" / "index.html") if p.exists()
    ]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert INLINE.findall(html) == [], page  # script-src 'self' is enough
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), page  # no inline handlers
    r = client.get("/")
    csp = _headers_ok(r)
    assert "script-src 'self';" in csp + ";" and "'unsafe-inline'" not in csp.split("style-src")[0]


def test_production_refuses_missing_default_or_short_secrets() -> None:
    base = {"environment": "production", "demo_password": None}
    strong = {
        "jwt_secret": SecretStr("Zq3v9-Lk2PwX7rT4nB8mY1cD6fG0hJ5sA2eR"),
        "pii_key": SecretStr("pJ3mK8vQ2xW7zR1tY6uB9nC4dF0gH5jL2sA8eE1oI7c="),
    }
    assert weak_secrets(Settings(**base | strong)) == []
    check_startup(Settings(**base | strong))
    cases = [
        {"jwt_secret": None},
        {"jwt_secret": SecretStr("short-secret")},
        {"jwt_secret": SecretStr("test-secret-" + "x" * 40)},  # the tests' fixed key
        {"jwt_secret": SecretStr("a" * 64)},
        {"pii_key": None},
        {"pii_key": SecretStr("dGVzdC1waWkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=")},
        {"demo_password": SecretStr("demo")},
    ]
    for bad in cases:
        settings = Settings(**base | strong | bad)
        assert weak_secrets(settings), bad
        with pytest.raises(RuntimeError, match="拒绝启动"):
            check_startup(settings)
    check_startup(Settings(environment="development", jwt_secret=None, pii_key=None))


def test_the_server_refuses_to_start_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app

    monkeypatch.setenv("XIUHUA_ENVIRONMENT", "production")
    monkeypatch.setenv("XIUHUA_SWEEPER_INTERVAL_S", "0")
    monkeypatch.setenv("XIUHUA_STATS_REFRESH_INTERVAL_S", "0")
    get_settings.cache_clear()
    try:
        app = create_app()  # building the app (e.g. to write the OpenAPI document) is fine
        with pytest.raises(RuntimeError, match="XIUHUA_JWT_SECRET"), TestClient(app):
            pass  # the startup (lifespan) refuses: the test keys are known values
    finally:
        get_settings.cache_clear()


def test_every_body_has_a_size_limit(
    client: Any, spot: tuple[float, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "request_max_bytes", 4096)
    monkeypatch.setattr(get_settings(), "report_min_photos", {})  # sizes here, not the photo rule
    body = {"category": "event:09006", "lon": spot[0], "lat": spot[1], "description": "x" * 1000}
    r = client.post("/api/v1/cases", json=body, headers=INSPECTOR)
    assert r.status_code == 201, r.text
    body["address_text"] = "长" * 2000  # the same report, 6 KB of JSON: refused before parsing
    err(client.post("/api/v1/cases", json=body, headers=INSPECTOR), 413, "payload_too_large")
    # without a Content-Length (chunked): counted as it arrives
    chunks = (b'{"description": "' + b"y" * 2048 + b'"' for _ in range(3))
    r = client.post(
        "/api/v1/cases", content=chunks, headers=INSPECTOR | {"Content-Type": "application/json"}
    )
    err(r, 413, "payload_too_large")
    # the login form too (not only photos)
    r = client.post("/api/v1/auth/token", data={"username": "u", "password": "p" * 5000})
    err(r, 413, "payload_too_large")


def test_a_slow_body_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.api.limits import RequestLimits

    monkeypatch.setattr(get_settings(), "request_body_idle_timeout_s", 0.2)
    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        try:
            await receive()
            await receive()  # the client stalls
        except Exception as exc:
            seen["error"] = exc

    async def receive() -> dict[str, Any]:
        if not seen.get("first"):
            seen["first"] = True
            return {"type": "http.request", "body": b"{", "more_body": True}
        await asyncio.sleep(5)
        return {"type": "http.request", "body": b"}", "more_body": False}

    async def send(_message: Any) -> None:
        return None

    scope = {"type": "http", "method": "POST", "headers": []}
    asyncio.run(RequestLimits(app)(scope, receive, send))
    assert getattr(seen["error"], "status_code", None) == 408
