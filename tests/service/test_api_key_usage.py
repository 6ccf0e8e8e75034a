"""API-key usage is counted in a short transaction of its own: requests under one key never wait
for each other's transactions, and the per-minute limit still answers 429."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.core.errors import Forbidden, RateLimited
from app.identity.service import authenticate_api_key, create_api_key, revoke_api_key

NOW = datetime(2026, 12, 4, 9, 30, 5, tzinfo=UTC)


@pytest.fixture
def committed(fresh_db_url: str) -> Iterator[Engine]:
    engine = create_engine(fresh_db_url)
    yield engine
    engine.dispose()


def _key(engine: Engine, rate: int) -> str:
    with Session(engine) as s:
        _key_row, raw = create_api_key(s, "摄像头接入", ["intake"], NOW, rate_per_min=rate)
        s.commit()
    return raw


def test_a_request_holding_its_transaction_does_not_block_another_under_the_same_key(
    committed: Engine,
) -> None:
    raw = _key(committed, rate=100)
    holder = Session(committed)
    try:
        authenticate_api_key(holder, raw, "intake", NOW)  # its transaction stays open
        done = threading.Event()
        errors: list[BaseException] = []

        def second() -> None:
            try:
                with Session(committed) as s:
                    authenticate_api_key(s, raw, "intake", NOW)
                    s.commit()
                done.set()
            except BaseException as exc:
                errors.append(exc)

        started = time.perf_counter()
        thread = threading.Thread(target=second, daemon=True)
        thread.start()
        thread.join(timeout=10)
        assert not errors, errors
        assert done.is_set(), "the second request waited for the first one's transaction"
        assert time.perf_counter() - started < 5
    finally:
        holder.rollback()  # the first request fails: its use was still counted
        holder.close()
    with committed.connect() as c:
        used = c.execute(text("SELECT sum(count) FROM account_api_key_usage")).scalar_one()
    assert used == 2


def test_the_limit_still_holds_and_answers_429(
    committed: Engine, fresh_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _key(committed, rate=3)
    for _ in range(3):
        with Session(committed) as s:
            authenticate_api_key(s, raw, "intake", NOW)
            s.commit()
    with Session(committed) as s, pytest.raises(RateLimited):
        authenticate_api_key(s, raw, "intake", NOW)
    # concurrent callers: exactly `rate` get through in a fresh window
    later = NOW.replace(minute=31)
    passed: list[int] = []
    refused: list[int] = []

    def call(i: int) -> None:
        with Session(committed) as s:
            try:
                authenticate_api_key(s, raw, "intake", later)
                passed.append(i)
            except RateLimited:
                refused.append(i)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert len(passed) == 3 and len(refused) == 5, (passed, refused)

    # over HTTP: the intake endpoint answers 429 with Retry-After and the JSON body
    from app.core.config import get_settings
    from app.core.db import get_engine
    from app.main import create_app

    monkeypatch.setenv("XIUHUA_DATABASE_URL", fresh_db_url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        body = {
            "category": "event:09006",
            "lon": 0.0,
            "lat": 0.0,
            "description": "测试",
            "source": "iot",
        }
        with TestClient(create_app()) as client:
            answers = [
                client.post("/api/v1/intake/reports", json=body, headers={"X-API-Key": raw})
                for _ in range(8)  # 3 per minute: a minute boundary may reset the count once
            ]
        r = answers[-1]
        assert r.status_code == 429, [a.status_code for a in answers]
        assert int(r.headers["retry-after"]) > 0 and r.json()["code"] == "rate_limited"
    finally:
        get_engine.cache_clear()
        get_settings.cache_clear()


def test_a_revoked_key_is_refused_by_the_very_next_request(committed: Engine) -> None:
    """Nothing about a key is cached: revocation and a new limit, committed elsewhere, hold at once."""
    raw = _key(committed, rate=100)
    with Session(committed) as s:
        key_id = s.execute(text("SELECT id FROM account_api_key")).scalar_one()
        assert authenticate_api_key(s, raw, "intake", NOW).id == key_id
    with Session(committed) as admin:  # another transaction (another process, as the CLI)
        admin.execute(
            text("UPDATE account_api_key SET rate_per_min = 2 WHERE id = :k"), {"k": key_id}
        )
        admin.commit()
    with Session(committed) as s:
        authenticate_api_key(s, raw, "intake", NOW)  # the 2nd use this minute: within 2
        with pytest.raises(RateLimited):
            authenticate_api_key(s, raw, "intake", NOW)  # the 3rd: over the new limit
    with Session(committed) as s, pytest.raises(Forbidden) as scope:  # a scope it lacks
        authenticate_api_key(s, raw, "open311", NOW.replace(minute=40))
    assert scope.value.detail["reason"] == "scope"
    with Session(committed) as admin:
        revoke_api_key(admin, key_id, NOW)
        admin.commit()
    later = NOW.replace(minute=45)  # a fresh window: only the revocation can refuse it
    with Session(committed) as s, pytest.raises(Forbidden) as refused:
        authenticate_api_key(s, raw, "intake", later)
    assert refused.value.detail["reason"] == "revoked_api_key"
    with committed.connect() as c:  # a refused key (revoked, out of scope) is not counted
        counted = c.execute(
            text("SELECT count(*) FROM account_api_key_usage WHERE window_start > :w"),
            {"w": NOW},
        ).scalar_one()
    assert counted == 0
    # a wrong secret under a real prefix: refused as invalid
    wrong = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")
    with Session(committed) as s, pytest.raises(Forbidden) as bad:
        authenticate_api_key(s, wrong, "intake", later)
    assert bad.value.detail["reason"] == "invalid_api_key"


def test_the_first_request_of_a_minute_notes_the_use_and_forgets_old_windows(
    committed: Engine,
) -> None:
    raw = _key(committed, rate=100)
    early = NOW.replace(hour=7)
    with Session(committed) as s:
        authenticate_api_key(s, raw, "intake", early)
        authenticate_api_key(s, raw, "intake", early)
        s.rollback()  # the requests fail: their use is committed all the same
    with committed.connect() as c:
        windows = c.execute(
            text("SELECT window_start, count FROM account_api_key_usage ORDER BY 1")
        ).all()
        last = c.execute(text("SELECT last_used_at FROM account_api_key")).scalar_one()
    assert [(w, n) for w, n in windows] == [(early.replace(second=0), 2)]
    assert last == early
    with Session(committed) as s:  # two hours later: a new window, the old one is forgotten
        authenticate_api_key(s, raw, "intake", NOW)
    with committed.connect() as c:
        windows = c.execute(text("SELECT window_start FROM account_api_key_usage")).all()
        last = c.execute(text("SELECT last_used_at FROM account_api_key")).scalar_one()
    assert [w for (w,) in windows] == [NOW.replace(second=0)] and last == NOW
