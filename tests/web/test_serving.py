"""The service serves the console at /, the phone app at /m/, with a strict CSP; the API stays JSON."""

from __future__ import annotations

from typing import Any


def test_console_and_phone_app_are_served(client: Any) -> None:
    for path in ("/", "/login", "/case/12", "/centre/board?light=red", "/m/", "/m/outbox"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html"), path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-eval'" not in csp
        assert "script-src 'self' 'unsafe-inline'" not in csp
        assert '<script type="module"' in r.text and "<script>" not in r.text
    index = client.get("/").text
    asset = index.split('src="', 1)[1].split('"', 1)[0]
    r = client.get(asset)
    assert r.status_code == 200 and "immutable" in r.headers["cache-control"]


def test_old_console_address_redirects_and_the_api_stays_json(client: Any) -> None:
    r = client.get("/console/", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/"
    missing = client.get("/api/v1/no-such-endpoint")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert "接口不存在" in missing.json()["message"]
    assert client.get("/assets/no-such-file.js").status_code == 404
    assert client.get("/docs").status_code == 200
    assert client.get("/%2e%2e/main.py").headers["content-type"].startswith("text/html")
