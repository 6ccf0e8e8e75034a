"""Monthly assessment: live ranking, publication freezes it, corrections shown beside it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.service import ActionInput, act
from app.stats import facts
from app.stats.assessment import AlreadyPublished, MonthNotEnded, publish, ranking
from tests.support.engine import new_photo
from tests.support.stats_history import T0, generate

NOW = T0 + timedelta(days=40)  # April: March has ended
MARCH = date(2026, 3, 1)


def drain(s: Session) -> None:
    while facts.refresh_batch(s):
        pass


@pytest.fixture
def history(db_session: Session) -> None:
    generate(db_session, cases=40, steps=400, seed=31)
    generate(db_session, cases=20, steps=150, seed=32, start=T0 - timedelta(days=28))  # February
    drain(db_session)


def _by_key(t: object) -> dict[str, dict[str, object]]:
    return {r["key"]: dict(r) for r in t.rows}  # type: ignore[attr-defined]


def test_live_ranking(db_session: Session, history: None) -> None:
    t = ranking(db_session, "unit", MARCH, now=NOW)
    rows = list(t.rows)
    assert rows and not t.meta["published"]
    ranked = [r for r in rows if r["rank"] is not None]
    assert [r["rank"] for r in ranked] == sorted(r["rank"] for r in ranked)
    assert ranked[0]["rank"] == 1
    scores = [r["score"] for r in ranked]
    assert scores == sorted(scores, reverse=True)
    for r in ranked:  # competition ranking: 1 + how many scored higher
        assert r["rank"] == 1 + sum(1 for s in scores if s > r["score"])
    with_prev = [r for r in rows if r["prev_score"] is not None and r["score"] is not None]
    for r in with_prev:
        assert r["score_change"] == pytest.approx(r["score"] - r["prev_score"], abs=0.01)
    streets = ranking(db_session, "street", MARCH, now=NOW)
    assert {r["key"][:6] for r in streets.rows} == {"370303"}


def test_publish_freezes_and_later_changes_show_as_corrections(
    db_session: Session, history: None
) -> None:
    published = _by_key(publish(db_session, "street", MARCH, now=NOW, user_id=9))
    assert published and all(r["published"] for r in published.values())
    assert all(r["corrected_score"] is None for r in published.values())
    with pytest.raises(AlreadyPublished) as e:
        publish(db_session, "street", MARCH, now=NOW)
    assert e.value.code == "assessment_published"
    # close an open March case now (April): the live score of its street changes, the
    # published one does not
    row = db_session.execute(
        text(
            "SELECT id, street_code, assigned_unit_id FROM dispatch_case"
            " WHERE status = 'dispatched' AND reported_at < '2026-04-01' ORDER BY id LIMIT 1"
        )
    ).one()
    handler = wf.Actor(wf.Role.unit_handler, 900, row.assigned_unit_id)
    at = NOW
    if not db_session.execute(
        text("SELECT signed FROM dispatch_case WHERE id = :i"), {"i": row.id}
    ).scalar_one():
        act(db_session, row.id, wf.Action.sign, handler, ActionInput(), at)
    act(
        db_session,
        row.id,
        wf.Action.handle,
        handler,
        ActionInput(photos=(new_photo(db_session),), inspector_id=101),
        at,
    )
    act(
        db_session,
        row.id,
        wf.Action.check_pass,
        wf.Actor(wf.Role.inspector, 101),
        ActionInput(photos=(new_photo(db_session, "check"),)),
        at,
    )
    act(db_session, row.id, wf.Action.close, wf.Actor(wf.Role.shift_leader, 301), ActionInput(), at)
    drain(db_session)
    after = _by_key(ranking(db_session, "street", MARCH, now=NOW))
    before = published[row.street_code]
    now_row = after[row.street_code]
    assert now_row["score"] == before["score"] and now_row["rank"] == before["rank"]
    assert now_row["published"]
    assert now_row["corrected_score"] is not None
    assert now_row["corrected_score"] != before["score"]
    stored = db_session.execute(
        text("SELECT count(*), min(published_by) FROM stats_assessment WHERE kind = 'street'")
    ).one()
    assert stored == (len(published), 9)


def test_only_ended_months_are_published(db_session: Session, history: None) -> None:
    with pytest.raises(MonthNotEnded) as e:
        publish(db_session, "unit", MARCH, now=T0 + timedelta(days=5))
    assert e.value.code == "month_not_ended"
