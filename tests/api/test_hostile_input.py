"""Hostile input: every answer is the JSON error body with a Chinese message, never a 500.

Classes tried (docs/RELIABILITY.md lists them with their answers): integers beyond the
database's range (path ids, body ids, numeric(10,2) limits), text PostgreSQL cannot store (NUL,
lone surrogates) in JSON bodies, query strings and Open311 forms, malformed bodies, unknown routes
and methods, and an exception nobody expected (the catch-all handler).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.support.api import has_chinese, who
from tests.support.sessions import share_session

BIGINT_OVER = 2**63  # 9223372036854775808
INT_OVER = 2**31  # 2147483648


def error_of(r: Any, status: int) -> dict[str, Any]:
    """The answer is `status` with the documented JSON error body and a Chinese message."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json"), r.headers
    body = r.json()
    assert set(body) >= {"error", "code", "message"}, body
    assert has_chinese(body["message"]), body
    return body


def raw_json(client: Any, method: str, url: str, body: bytes, headers: dict[str, str]) -> Any:
    return client.request(
        method, url, content=body, headers={**headers, "content-type": "application/json"}
    )


def test_ids_beyond_the_database_range_are_422(client: Any) -> None:
    staff = who("dispatcher")
    for url in (
        f"/api/v1/cases/{BIGINT_OVER}",
        f"/api/v1/cases/{BIGINT_OVER}/events",
        f"/api/v1/cases/-{BIGINT_OVER}",
    ):
        body = error_of(client.get(url, headers=staff), 422)
        assert body["code"] == "invalid_request" and "case_id" in body["message"], body
    admin = who("admin")
    body = error_of(
        client.patch(f"/api/v1/admin/categories/{INT_OVER}", json={}, headers=admin), 422
    )
    assert "category_id" in body["message"]
    # the largest id the column holds is a plain "not found"
    assert client.get(f"/api/v1/cases/{BIGINT_OVER - 1}", headers=staff).status_code == 404


def test_body_integers_and_limits_beyond_their_columns_are_422(client: Any) -> None:
    body = error_of(
        client.post(
            "/api/v1/cases",
            json={
                "category": "event:09006",
                "lon": 118.05,
                "lat": 36.81,
                "description": "x",
                "condition": INT_OVER,
            },
            headers=who("inspector"),
        ),
        422,
    )
    assert body["detail"][0]["field"] == "condition", body
    body = error_of(
        client.put(
            "/api/v1/admin/stage-limits/handle",
            json={"limit_value": 1e12, "limit_unit": "work_hours"},
            headers=who("admin"),
        ),
        422,
    )
    assert any(p["field"] == "limit_value" for p in body["detail"]), body


@pytest.mark.parametrize(
    "payload",
    [
        b'{"category": "event:09006", "lon": 118.05, "lat": 36.81, "description": "a\\u0000b"}',
        b'{"category": "event:09006", "lon": 118.05, "lat": 36.81, "description": "a\\ud800b"}',
    ],
    ids=["nul", "lone-surrogate"],
)
def test_unstorable_text_in_a_json_body_is_422_naming_the_field(
    client: Any, db_session: Session, payload: bytes
) -> None:
    before = db_session.execute(text("SELECT count(*) FROM dispatch_case")).scalar_one()
    body = error_of(raw_json(client, "POST", "/api/v1/cases", payload, who("inspector")), 422)
    assert body["code"] == "invalid_request"
    assert "description" in body["message"], body
    assert db_session.execute(text("SELECT count(*) FROM dispatch_case")).scalar_one() == before


def test_unstorable_text_in_a_query_is_422_naming_the_field(client: Any) -> None:
    body = error_of(client.get("/api/v1/geocode", params={"address": "新村路\x00"}), 422)
    assert "address" in body["message"], body
    # a percent-encoded lone surrogate is not UTF-8: the query decodes it to U+FFFD (storable)
    r = client.get("/api/v1/geocode?address=%ED%A0%80")
    assert r.status_code == 200, r.text


def test_the_error_handler_renders_any_input(client: Any) -> None:
    # a surrogate escape inside a wrongly typed field is echoed back (replaced), not a crash
    body = error_of(
        raw_json(
            client,
            "POST",
            "/api/v1/cases",
            b'{"category": ["\\ud800"], "lon": "\\udfff"}',
            who("inspector"),
        ),
        422,
    )
    assert body["code"] == "invalid_request"
    assert "\ud800" not in r_text(body)


def r_text(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body, ensure_ascii=False)


def test_malformed_bodies_and_unknown_routes_answer_in_chinese(client: Any) -> None:
    staff = who("inspector")
    body = error_of(raw_json(client, "POST", "/api/v1/cases", b'{"category":', staff), 422)
    assert body["detail"][0]["type"] == "json_invalid"
    r = client.post(
        "/api/v1/cases",
        content=b"--x\r\nbroken",
        headers={**staff, "content-type": "multipart/form-data; boundary=x"},
    )
    assert r.status_code in (400, 422), r.text
    error_of(r, r.status_code)
    assert error_of(client.get("/api/v1/no-such-thing"), 404)["code"] == "not_found"
    assert error_of(client.delete("/healthz"), 405)["code"] == "method_not_allowed"


def test_an_unexpected_exception_is_the_json_500(db_session: Session) -> None:
    from app.main import create_app

    app = create_app()

    @app.get("/api/v1/test-boom")
    def boom() -> None:
        raise RuntimeError("\ud800 nobody expected this")

    app.router.routes.insert(0, app.router.routes.pop())  # before the console's catch-all

    share_session(app, db_session)
    with TestClient(app, raise_server_exceptions=False) as c:
        body = error_of(c.get("/api/v1/test-boom"), 500)
    assert body == {
        "error": "InternalError",
        "code": "internal_error",
        "message": body["message"],
        "detail": None,
    }


def test_open311_answers_a_nul_in_its_own_format(client: Any) -> None:
    # a NUL in a filter matches nothing (never a 500); refused bodies keep Open311's error format
    # (the form-body NUL refusals are in tests/api/test_open311.py::test_invalid_posts)
    r = client.get("/open311/v2/requests.json", params={"service_code": "event:09006\x00"})
    assert r.status_code == 200 and r.json() == [], r.text
    r = client.get("/open311/v2/requests.json", params={"start_date": "2026\x00"})
    assert r.status_code == 400, r.text
    assert r.json()[0]["code"] == 400 and has_chinese(r.json()[0]["description"])
