"""Batch intake (`POST /api/v1/intake/reports:batch`): one result per report, answered = created."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.identity.service import create_api_key
from tests.support.api import err
from tests.support.sessions import commit_requests_on

URL = "/api/v1/intake/reports:batch"


def item(spot: tuple[float, float], key: str, **over: Any) -> dict[str, Any]:
    return {
        "idempotency_key": key,
        "category": "event:06010",
        "lon": spot[0],
        "lat": spot[1],
        "description": "视频智能抓拍：暴露垃圾",
        "source": "video",
    } | over


def test_each_report_gets_its_own_result(
    client: Any, spot: tuple[float, float], db_session: Session
) -> None:
    _, raw = create_api_key(db_session, "camera-batch", ["intake"], now())
    h = {"X-API-Key": raw}
    reports = [
        item(spot, "d-1"),
        item(spot, "d-2", category="event:99999"),  # not in the catalogue: refused
        item(spot, "d-3", lon=10.0, lat=10.0),  # outside the service area: refused
        item(spot, "d-1"),  # the same detection twice in one batch
        item(spot, "d-5", source="iot", category="component:01003"),
    ]
    r = client.post(URL, json={"reports": reports}, headers=h)
    assert r.status_code == 200, r.text
    out = r.json()
    assert [x["status"] for x in out["results"]] == [
        "created",
        "refused",
        "refused",
        "duplicate",
        "created",
    ]
    assert (out["created"], out["duplicates"], out["refused"]) == (2, 1, 2)
    first, unknown, outside, dup, iot = out["results"]
    assert first["case_no"].startswith("370303-") and first["case_status"] == "reported"
    assert unknown["error"]["code"] == "unknown_category" and "类别" in unknown["error"]["message"]
    assert outside["error"]["status"] == 422
    assert dup["duplicate_of"] == first["id"] and dup["case_no"] == first["case_no"]
    rows = db_session.execute(
        text("SELECT id, case_no, source FROM dispatch_case WHERE source IN ('video', 'iot')")
    ).all()
    assert sorted((r.id, r.case_no) for r in rows) == sorted(
        (x["id"], x["case_no"]) for x in (first, iot)
    )
    seqs = sorted(int(r.case_no.rsplit("-", 1)[1]) for r in rows)
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # refusals left no gap
    # a retry of the whole batch creates nothing new and answers the first cases
    again = client.post(URL, json={"reports": reports}, headers=h).json()
    assert [x["status"] for x in again["results"]] == [
        "duplicate",
        "refused",
        "refused",
        "duplicate",
        "duplicate",
    ]
    assert again["results"][4]["id"] == iot["id"]
    events = db_session.execute(
        text("SELECT count(*) FROM dispatch_case_event WHERE case_id = ANY(:i)"),
        {"i": [first["id"], iot["id"]]},
    ).scalar_one()
    assert events == 2  # one hash-chained event per report


def test_a_burst_at_one_spot_flags_its_own_duplicates_as_one_by_one_reports_would(
    client: Any, spot: tuple[float, float], db_session: Session
) -> None:
    """Three detections of one spot in one batch: each lists the earlier ones as possible
    duplicates (nearest first, then id), exactly as three single reports in a row would; the
    batch's answers and the hash-chained report events carry the same lists."""
    _, raw = create_api_key(db_session, "camera-burst", ["intake"], now())
    h = {"X-API-Key": raw}
    near = (spot[0] + 0.00005, spot[1])  # about 5 m east: inside the 30 m radius
    far = (spot[0] + 0.01, spot[1])  # about 1 km: outside it
    reports = [
        item(spot, "b-1"),
        item(near, "b-2"),
        item(far, "b-3"),
        item(spot, "b-4"),
        item(spot, "b-5", category="event:09006"),  # another category: not a duplicate
    ]
    out = client.post(URL, json={"reports": reports}, headers=h).json()["results"]
    assert [x["status"] for x in out] == ["created"] * 5
    a, b, c, d, e = (x["id"] for x in out)
    assert out[0]["possible_duplicates"] == []
    assert out[1]["possible_duplicates"] == [a]
    assert out[2]["possible_duplicates"] == []
    assert out[3]["possible_duplicates"] == [a, b]  # a at 0 m before b at ~5 m
    assert out[4]["possible_duplicates"] == []
    payloads = dict(
        db_session.execute(
            text(
                "SELECT case_id, payload->'possible_duplicates' FROM dispatch_case_event"
                " WHERE action = 'report' AND case_id = ANY(:ids)"
            ),
            {"ids": [a, b, c, d, e]},
        ).all()
    )
    assert [payloads[x] for x in (a, b, c, d, e)] == [[], [a], [], [a, b], []]
    # the next single report at the spot sees all three open cases of the category
    single = client.post(URL, json={"reports": [item(spot, "b-6")]}, headers=h).json()
    assert single["results"][0]["possible_duplicates"] == [a, d, b]


def test_limits_and_keys(
    client: Any, spot: tuple[float, float], db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    err(client.post(URL, json={"reports": [item(spot, "k")]}), 403, "forbidden")
    _, raw = create_api_key(db_session, "cam", ["intake"], now(), rate_per_min=3)
    h = {"X-API-Key": raw}
    assert client.post(URL, json={"reports": []}, headers=h).status_code == 422
    from app.api.intake import ReportBatch

    top = ReportBatch.model_fields["reports"].metadata
    assert any(getattr(m, "max_length", None) == 500 for m in top)
    too_many = {"reports": [item(spot, f"k{i}") for i in range(501)]}
    assert client.post(URL, json=too_many, headers=h).status_code == 422
    # every report counts against the key's budget: 2 + 2 > 3 per minute
    two = {"reports": [item(spot, "a"), item(spot, "b")]}
    assert client.post(URL, json=two, headers=h).status_code == 200
    err(client.post(URL, json=two, headers=h), 429, "rate_limited")


def test_a_batch_failing_half_way_leaves_exactly_what_it_answered(
    fresh_db_url: str, spot: tuple[float, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected failure mid-batch (here: after the insert, finishing the 3rd report crashes)
    answers nothing and creates nothing; the same batch sent again creates every report once."""
    from fastapi.testclient import TestClient

    import app.cases.batch as intake  # the batch finishes each inserted report from here
    from app.main import create_app

    eng = create_engine(fresh_db_url)
    try:
        with Session(eng) as s:
            _, raw = create_api_key(s, "cam", ["intake"], now())
            s.commit()

        app = create_app()
        commit_requests_on(app, eng)  # the real request unit of work
        reports = [item(spot, f"burst-{i}") for i in range(5)]
        real = intake.finish_report
        calls = [0]

        def crash_on_third(*a: Any, **k: Any) -> Any:
            calls[0] += 1
            if calls[0] == 3:
                raise RuntimeError("the database went away")
            return real(*a, **k)

        def count() -> tuple[int, int, int]:
            with eng.connect() as c:
                return (
                    c.execute(text("SELECT count(*) FROM dispatch_case")).scalar_one(),
                    c.execute(text("SELECT count(*) FROM dispatch_idempotency")).scalar_one(),
                    c.execute(
                        text("SELECT coalesce(sum(last_seq), 0) FROM dispatch_case_number")
                    ).scalar_one(),
                )

        with TestClient(app, raise_server_exceptions=False) as client:
            monkeypatch.setattr(intake, "finish_report", crash_on_third)
            failed = client.post(URL, json={"reports": reports}, headers={"X-API-Key": raw})
            assert failed.status_code == 500
            assert count() == (0, 0, 0)  # nothing answered, nothing created, no number used
            monkeypatch.setattr(intake, "finish_report", real)
            ok = client.post(URL, json={"reports": reports}, headers={"X-API-Key": raw})
            assert ok.status_code == 200 and ok.json()["created"] == 5
            assert count() == (5, 5, 5)
            ids = {x["id"] for x in ok.json()["results"]}
            again = client.post(URL, json={"reports": reports}, headers={"X-API-Key": raw})
            assert {x["id"] for x in again.json()["results"]} == ids
            assert count() == (5, 5, 5)
    finally:
        eng.dispose()
