"""The case flows once more, on the production request pools (`test_case_flows`' own tests).

Every test of `tests/api/test_case_flows` runs here a second time with its requests on the
pools the server runs them on (tests.support.pooled): the reports and actions on the event
loop's asyncpg pool, the reads on the thread pool's psycopg pool, each request a committed unit
of work. The first run (one shared, rolled-back session) checks the rules; this one checks that
the drivers carry them: every bind and result type, error and transaction end of the volume
endpoints.
"""

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.api.test_case_flows import *  # noqa: F403 (the same tests, collected here too)
from tests.api.test_case_flows import next_case_no
from tests.support.api import INSPECTOR, Api, counts, err, upload_photo
from tests.support.pooled import pooled_client, pooled_db_session  # noqa: F401 (fixtures)

# --- what only the pools show: a report's reads and its one write each commit on their own ---


def test_a_retry_finds_its_key_at_its_insert_and_gets_the_first_answer(
    api: Api, client: Any, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No look-up before the report: the retry's insert finds the key's record.

    Its statement then writes nothing (no case, no number drawn), and it answers with the first
    request's record, read once, after the insert (as a retry racing its first request would).
    """
    from app.cases import idempotency
    from app.core.config import get_settings

    monkeypatch.setattr(get_settings(), "report_min_photos", {})  # its photo would be checked first
    body = {
        "category": "event:06010",
        "lon": api.spot[0],
        "lat": api.spot[1],
        "description": "暴露垃圾",
    }
    key = {"Idempotency-Key": "raced-1"}
    real, calls = idempotency.replay, []

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(idempotency, "replay", spy)
    first = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert first.status_code == 201, first.text
    assert calls == []  # a first request reads no key
    n, number = counts(db_session), next_case_no(db_session)
    retry = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert retry.status_code == 201, retry.text
    assert retry.json() == first.json() and len(calls) == 1
    assert counts(db_session) == n
    reused = client.post(
        "/api/v1/cases", json=body | {"description": "别的"}, headers=INSPECTOR | key
    )
    assert reused.status_code == 409, reused.text
    assert counts(db_session) == n
    later = client.post(
        "/api/v1/cases",
        json=body | {"photos": [upload_photo(client, INSPECTOR)]},
        headers=INSPECTOR,
    )
    assert later.status_code == 201 and later.json()["case_no"] == number  # no number was lost


def test_a_retry_with_photos_gets_the_first_answer(
    api: Api, client: Any, db_session: Session
) -> None:
    """Its photos are the first case's by now: the refusal gives way to the stored answer."""
    body = {
        "category": "event:09006",
        "lon": api.spot[0],
        "lat": api.spot[1],
        "description": "占道经营",
        "photos": [upload_photo(client, INSPECTOR)],
    }
    key = {"Idempotency-Key": "photo-retry-1"}
    first = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert first.status_code == 201, first.text
    n = counts(db_session)
    retry = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert retry.status_code == 201, retry.text
    assert retry.json() == first.json()
    assert counts(db_session) == n
    other = client.post("/api/v1/cases", json=body, headers=INSPECTOR)  # no key: refused
    assert other.status_code == 422 and other.json()["code"] == "photo_of_another_case"


def test_a_photo_another_report_took_meanwhile_refuses_the_report(
    api: Api, client: Any, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's insert links its photos; a photo linked since it was checked refuses it.

    The check has no lock: the second report checks the photo before the first links it (as
    if at the same moment), and the trigger that keeps a photo with its case refuses its
    statement: 422 `photo_of_another_case`, and nothing of it is written.
    """
    from app.cases import service as svc

    photo = upload_photo(client, INSPECTOR)
    body = {
        "category": "event:09006",
        "lon": api.spot[0],
        "lat": api.spot[1],
        "description": "占道经营",
        "photos": [photo],
    }
    first = client.post("/api/v1/cases", json=body, headers=INSPECTOR)
    assert first.status_code == 201, first.text
    owner = first.json()["id"]
    n, number = counts(db_session), next_case_no(db_session)
    real = svc.validate_photo_ids

    def checked_before_it_was_linked(session: Any, ids: Any, case_id: Any = None, **kw: Any) -> Any:
        return real(session, ids, owner, **kw)

    monkeypatch.setattr(svc, "validate_photo_ids", checked_before_it_was_linked)
    second = client.post(
        "/api/v1/cases", json=body | {"description": "同一张照片"}, headers=INSPECTOR
    )
    e = err(second, 422, "photo_of_another_case")
    assert e["detail"]["ids"] == [photo]
    assert counts(db_session) == n
    linked = db_session.execute(
        text("SELECT case_id FROM dispatch_attachment WHERE id = :p"), {"p": photo}
    ).scalar_one()
    assert linked == owner
    monkeypatch.setattr(svc, "validate_photo_ids", real)
    later = client.post(
        "/api/v1/cases",
        json=body | {"photos": [upload_photo(client, INSPECTOR)]},
        headers=INSPECTOR,
    )
    assert later.status_code == 201 and later.json()["case_no"] == number
