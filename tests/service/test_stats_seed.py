"""seed-history: realistic proportions, verifiable chains, and rollups equal to a recomputation
after real service actions on top of the seeded history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from app.cases.service import verify_chains
from app.core.db import unit_of_work
from app.demo.seed_history import SeedOptions, seed_history
from app.stats import facts
from tests.support.stats_history import generate

UNTIL = datetime(2026, 3, 20, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def eng(fresh_db_url: str) -> Iterator[Engine]:
    e = create_engine(fresh_db_url, pool_size=5)
    yield e
    e.dispose()


def test_seeded_history_is_realistic_verifiable_and_consistent(eng: Engine) -> None:
    summary = seed_history(eng, SeedOptions(cases=6000, years=1, until=UNTIL, seed=7, chunk=1500))
    assert summary.cases == 6000 and summary.events > 5 * 6000 and summary.stages > 4 * 6000
    with unit_of_work(eng) as s:
        share = dict(
            s.execute(
                text("SELECT source, count(*)::float / 6000 FROM dispatch_case GROUP BY 1")
            ).all()
        )
        assert 0.87 < share["inspector"] < 0.93
        on_time = s.execute(
            text("SELECT sum(handled_on_time)::float / sum(handled) FROM stats_case_fact")
        ).scalar_one()
        assert 0.85 < on_time < 0.95
        span = s.execute(text("SELECT min(reported_at), max(reported_at) FROM dispatch_case")).one()
        assert span[1] <= UNTIL and span[0] >= UNTIL - timedelta(days=366)
        assert span[1] - span[0] > timedelta(days=300)
        counts = s.execute(
            text(
                "SELECT count(*) FILTER (WHERE status NOT IN"
                " ('closed','evaluated','rejected','merged','voided')),"
                " count(*) FILTER (WHERE returns > 0), count(*) FILTER (WHERE reworks > 0),"
                " count(*) FILTER (WHERE extensions > 0), count(*) FILTER (WHERE suspensions > 0),"
                " count(*) FILTER (WHERE status = 'voided'), count(*) FILTER (WHERE status = 'rejected'),"
                " count(*) FILTER (WHERE satisfaction IS NOT NULL)"
                " FROM dispatch_case"
            )
        ).one()
        assert all(n > 0 for n in counts), counts
        # the case-number counter moved past the seeded numbers
        assert (
            s.execute(text("SELECT sum(last_seq) FROM dispatch_case_number")).scalar_one() == 6000
        )
        checked, problems = verify_chains(s)
        assert checked == summary.events and problems == []
        assert set(facts.check(s).values()) == {0}
        open_ids = list(
            s.execute(
                text(
                    "SELECT id FROM dispatch_case WHERE status IN ('reported','filed','dispatched')"
                    " ORDER BY id DESC LIMIT 30"
                )
            ).scalars()
        )
    # real service actions on new cases and on seeded open ones, then the refresher
    with unit_of_work(eng) as s:
        generate(
            s, cases=10, steps=200, seed=3, start=UNTIL + timedelta(hours=1), existing=open_ids
        )
    facts.refresh(eng)
    with unit_of_work(eng) as s:
        assert facts.queued(s) == 0
        assert set(facts.check(s).values()) == {0}
        assert verify_chains(s)[1] == []
