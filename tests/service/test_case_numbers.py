"""Case numbers under concurrency: drawn last, still gap-free and unique per district and year."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, create_engine, text

from app.cases import workflow as wf
from app.cases.service import ReportInput, report_case
from app.core.db import unit_of_work
from app.core.errors import DomainError
from tests.support.engine import spot_in

N_THREADS, PER_THREAD = 6, 8


@pytest.fixture
def engine_of_its_own(fresh_db_url: str) -> Iterator[Engine]:
    eng = create_engine(fresh_db_url, pool_size=N_THREADS + 1)
    yield eng
    eng.dispose()


def test_concurrent_reports_get_gap_free_unique_numbers(engine_of_its_own: Engine) -> None:
    eng = engine_of_its_own
    with unit_of_work(eng) as s:
        spot = spot_in(s)
    now = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    actor = wf.Actor(wf.Role.inspector, user_id=101)
    barrier = threading.Barrier(N_THREADS)
    made: list[str] = []
    failed: list[BaseException] = []

    def reporter(i: int) -> None:
        barrier.wait()
        for j in range(PER_THREAD):
            try:
                with unit_of_work(eng) as s:
                    category = "event:09006" if (i + j) % 3 else "event:99999"  # some refused
                    data = ReportInput(
                        source=wf.Source.inspector,
                        category=category,
                        lon=spot[0],
                        lat=spot[1],
                        description=f"并发上报 {i}-{j}",
                    )
                    made.append(report_case(s, data, actor, now).case.case_no)
            except DomainError:
                pass  # refused before anything was written: no number drawn
            except BaseException as exc:  # pragma: no cover - reported below
                failed.append(exc)

    threads = [threading.Thread(target=reporter, args=(i,)) for i in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not failed, failed
    assert len(made) == len(set(made)) > 0
    with eng.connect() as c:
        rows = c.execute(text("SELECT case_no FROM dispatch_case ORDER BY case_no")).scalars().all()
        last = c.execute(text("SELECT last_seq FROM dispatch_case_number")).scalars().all()
    assert sorted(made) == list(rows)
    seqs = sorted(int(n.rsplit("-", 1)[1]) for n in rows)
    assert seqs == list(range(1, len(rows) + 1))  # gap-free
    assert last == [len(rows)]
    assert all(not n.startswith("~") for n in rows)  # no placeholder left behind
