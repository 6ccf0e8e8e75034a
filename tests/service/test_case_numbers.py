"""Case numbers under concurrency: drawn last, still gap-free and unique per district and year.

A report that writes nothing after its insert (`report_case(last=True)`, as `POST /cases` and
Open311 `POST requests`) commits in the insert's own round trip: the district's number row is
free, and the case visible, before the unit of work ends — on the thread pool's driver and on
the event loop's. Open311 writes its intake record first (foreign key checked at commit).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

from app.cases import workflow as wf
from app.cases.service import ReportInput, ReportResult, report_case
from app.channels.open311 import service as o311
from app.core import db
from app.core.db import unit_of_work
from app.core.errors import DomainError
from app.grid.models import Unit
from tests.support.engine import spot_in
from tests.support.pools import on_pool

N_THREADS, PER_THREAD = 6, 8


@pytest.fixture
def engine_of_its_own(fresh_db_url: str) -> Iterator[Engine]:
    eng = create_engine(fresh_db_url, pool_size=N_THREADS + 1)
    yield eng
    eng.dispose()


@pytest.mark.parametrize("last", [False, True], ids=["commit-after", "commit-with-insert"])
def test_concurrent_reports_get_gap_free_unique_numbers(
    engine_of_its_own: Engine, last: bool
) -> None:
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
                    made.append(
                        report_case(s, data, actor, now, answer=_answer, last=last).case.case_no
                    )
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


def _answer(result: ReportResult) -> dict[str, Any]:
    return {"id": result.case.id}


def _number_row_is_free(url: str) -> bool:
    """Whether another connection can lock the district's number row at once."""
    other = create_engine(url, poolclass=NullPool)
    try:
        with other.begin() as c:
            c.execute(text("SET LOCAL lock_timeout = '50ms'"))
            try:
                c.execute(text("SELECT 1 FROM dispatch_case_number FOR UPDATE"))
            except OperationalError:
                return False
            return True
    finally:
        other.dispose()


def _visible(url: str, case_no: str) -> bool:
    other = create_engine(url, poolclass=NullPool)
    try:
        with other.connect() as c:
            return bool(
                c.execute(
                    text("SELECT count(*) FROM dispatch_case WHERE case_no = :n"), {"n": case_no}
                ).scalar_one()
            )
    finally:
        other.dispose()


@pytest.mark.parametrize("loop", [False, True], ids=["thread-pool", "event-loop"])
def test_a_report_that_writes_last_frees_the_number_row_with_its_insert(
    fresh_db_url: str, loop: bool
) -> None:
    now = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    actor = wf.Actor(wf.Role.inspector, user_id=101)

    def scenario(engine: Engine) -> None:
        with unit_of_work(engine) as s:
            spot = spot_in(s)
        data = ReportInput(
            source=wf.Source.inspector,
            category="event:09006",
            lon=spot[0],
            lat=spot[1],
            description="最后一次写入即提交",
        )
        # last=True: committed by the insert's round trip, before the unit of work ends
        with unit_of_work(engine) as s:
            first = report_case(s, data, actor, now, answer=_answer, last=True)
            assert first.answer is not None and first.answer["case_no"] == first.case.case_no
            assert _visible(fresh_db_url, first.case.case_no)
            assert _number_row_is_free(fresh_db_url)
        # the default: the number row is held until the unit of work commits
        with unit_of_work(engine) as s:
            second = report_case(s, data, actor, now, answer=_answer)
            assert not _visible(fresh_db_url, second.case.case_no)
            assert not _number_row_is_free(fresh_db_url)
        assert _visible(fresh_db_url, second.case.case_no)
        # a later failure cannot undo a report that committed with its insert: `last` is only
        # for callers that write nothing after it (POST /cases); the number stays gap-free
        third: list[str] = []
        with pytest.raises(RuntimeError), unit_of_work(engine) as s:
            third.append(report_case(s, data, actor, now, answer=_answer, last=True).case.case_no)
            raise RuntimeError("after the report")
        assert _visible(fresh_db_url, third[0])
        with engine.connect() as c:
            nos = c.execute(text("SELECT case_no FROM dispatch_case ORDER BY id")).scalars().all()
        assert [int(n.rsplit("-", 1)[1]) for n in nos] == [1, 2, 3]

    on_pool(fresh_db_url, loop, scenario)


def test_a_statement_cannot_commit_a_session_with_unflushed_changes(fresh_db_url: str) -> None:
    engine = create_engine(fresh_db_url)
    try:
        with pytest.raises(RuntimeError, match="unflushed"), unit_of_work(engine) as s:
            s.add(Unit(code="T-UNFLUSHED", name="未写入的单位", kind="squad"))
            db.fetch_all(s, "SELECT 1 AS one", {}, commit=True)
    finally:
        engine.dispose()
    with unit_of_work(create_engine(fresh_db_url, poolclass=NullPool)) as s:
        assert s.scalar(text("SELECT count(*) FROM grid_unit WHERE code = 'T-UNFLUSHED'")) == 0


def test_an_open311_request_commits_with_its_case_and_its_record_first(fresh_db_url: str) -> None:
    now = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    engine = create_engine(fresh_db_url)
    try:
        with unit_of_work(engine) as s:
            spot = spot_in(s)
        inp = o311.ServiceRequestInput(
            service_code="event:09006", lat=spot[1], long=spot[0], description="Open311 诉求"
        )
        with unit_of_work(engine) as s:
            made = o311.submit_request(s, inp, None, now, last=True)
            # the record was written before its case, and both committed with the insert
            assert _visible(fresh_db_url, made.case.case_no)
            assert _number_row_is_free(fresh_db_url)
        other = create_engine(fresh_db_url, poolclass=NullPool)
        with other.connect() as c:
            assert (
                c.execute(
                    text("SELECT token FROM dispatch_open311_request WHERE case_id = :i"),
                    {"i": made.case.id},
                ).scalar_one()
                == made.token
            )
        # the foreign key is checked at commit: a record whose case never came is refused
        with (
            pytest.raises(IntegrityError, match="fk_dispatch_open311_request_case_id"),
            other.begin() as c,
        ):
            c.execute(
                text(
                    "INSERT INTO dispatch_open311_request (case_id, token, service_code,"
                    " created_at) VALUES (-1, 'orphan', 'event:09006', now())"
                )
            )
        other.dispose()
    finally:
        engine.dispose()
