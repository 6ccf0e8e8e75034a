"""The one light rule: its SQL forms (sweeper, queues, overdue) agree with Python on random clocks."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, String, cast, literal, null, select, text
from sqlalchemy.orm import Session

from app.cases.time import sweeper
from app.cases.time.calendar import default_calendar
from app.cases.time.deadlines import (
    Light,
    is_overdue,
    light_between,
    light_of,
    overdue_sql,
    stage_clock,
    yellow_ratio,
)
from app.core.config import get_settings
from app.queues import summary as queues

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
N = 400


def _clocks(seed: int) -> list[tuple[datetime, datetime, datetime]]:
    """Random (now, yellow_at, due_at): microsecond offsets, many ties, mixed zones."""
    rng = random.Random(seed)
    out = []
    for _ in range(N):
        due = BASE + timedelta(microseconds=rng.randrange(0, 10**10))
        yellow = due - timedelta(microseconds=rng.choice([0, 1, rng.randrange(0, 10**9)]))
        now = rng.choice(
            [
                yellow,
                due,
                yellow + timedelta(microseconds=rng.choice([-1, 1])),
                due + timedelta(microseconds=rng.choice([-1, 1])),
                BASE + timedelta(microseconds=rng.randrange(0, 2 * 10**10)),
            ]
        )
        if rng.random() < 0.5:
            now = now.astimezone(UTC)
        out.append((now, yellow, due))
    return out


def test_sql_light_equals_python_on_random_clocks(db_session: Session) -> None:
    clocks = _clocks(20261121)
    expected = [light_between(n, y, d).value for n, y, d in clocks]
    # the sweeper's UPDATE computes exactly this expression (`:now`, `s.yellow_at`, `s.due_at`)
    swept = db_session.execute(
        text(
            f"SELECT {sweeper._NEW_LIGHT.replace(':now', 'x.now')} FROM unnest("
            "CAST(:n AS timestamptz[]), CAST(:y AS timestamptz[]), CAST(:d AS timestamptz[]))"
            " WITH ORDINALITY AS x(now, yellow_at, due_at, i)"
            " CROSS JOIN LATERAL (SELECT x.yellow_at, x.due_at) s ORDER BY x.i"
        ),
        {"n": [c[0] for c in clocks], "y": [c[1] for c in clocks], "d": [c[2] for c in clocks]},
    ).scalars()
    assert list(swept) == expected

    # the queues' rank (the live light; stored green, running clock)
    by_rank = ("red", "yellow", "green")
    for now, y, d in clocks[:60]:  # one `as_of` per statement, as a queue page has
        ts = DateTime(timezone=True)
        st = select(
            cast(null(), ts).label("stopped_at"),
            cast(null(), ts).label("paused_at"),
            literal(y, ts).label("yellow_at"),
            literal(d, ts).label("due_at"),
            literal("green", String).label("stored_light"),
        ).subquery("st")
        rank = db_session.execute(select(queues.light_rank(st, now))).scalar_one()  # type: ignore[arg-type]
        assert by_rank[rank] == light_between(now, y, d).value, (now, y, d)

    # 超期 in SQL (exports, facts, indicators) = the red condition in Python
    overdue = db_session.execute(
        text(
            f"SELECT {overdue_sql('x.now', 'x.due_at')} FROM unnest("
            "CAST(:n AS timestamptz[]), CAST(:d AS timestamptz[])) WITH ORDINALITY"
            " AS x(now, due_at, i) ORDER BY x.i"
        ),
        {"n": [c[0] for c in clocks], "d": [c[2] for c in clocks]},
    ).scalars()
    assert list(overdue) == [is_overdue(n, d) for n, _, d in clocks]


def test_python_forms_agree_and_the_threshold_is_the_setting() -> None:
    for now, y, d in _clocks(7):
        us = [(t - BASE) // timedelta(microseconds=1) for t in (now, y, d)]
        assert light_of(*us) is light_between(now, y, d)
        assert is_overdue(now, d) is (light_between(now, y, d) is Light.red)
    assert yellow_ratio() == get_settings().light_yellow_ratio
    clock = stage_clock(BASE, 10, "natural_hour", default_calendar())
    assert clock.yellow_at == BASE + timedelta(hours=10 * get_settings().light_yellow_ratio)
