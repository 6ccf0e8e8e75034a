"""Engine, session factory and the declarative Base (with a constraint naming convention)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from psycopg import AsyncConnection
from psycopg.rows import namedtuple_row
from sqlalchemy import MetaData, create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, NullPool, QueuePool
from sqlalchemy.util import await_only

from app.core.config import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The storage SRID of every geometry: WGS-84 (EPSG:4326). CGCS2000 (EPSG:4490) agrees with it
# to the centimetre level, so CGCS2000 input is stored as is; GCJ-02/BD-09 are converted.
SRID = 4326
# The point bound as `:lon`, `:lat` (storage SRID), as raw SQL statements write it.
POINT_SQL = f"ST_SetSRID(ST_MakePoint(CAST(:lon AS float8), CAST(:lat AS float8)), {SRID})"


class Base(DeclarativeBase):
    """Declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CountingQueuePool(QueuePool):
    """A QueuePool that counts the threads waiting for a connection (for /metrics)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiting = 0
        self._waiting_lock = threading.Lock()

    def _do_get(self) -> ConnectionPoolEntry:
        with self._waiting_lock:
            self.waiting += 1
        try:
            return super()._do_get()
        finally:
            with self._waiting_lock:
                self.waiting -= 1


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """Return the (cached) engine for `url` or the configured database."""
    settings = get_settings()
    return ping_when_idle(
        create_engine(
            url or settings.database_url,
            poolclass=CountingQueuePool,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            pool_timeout=settings.db_pool_timeout_s,
            connect_args=connect_args(),
        )
    )


def ping_when_idle(engine: Engine) -> Engine:
    """Ping a pooled connection at checkout when it sat idle over `XIUHUA_DB_PING_IDLE_S`.

    A connection a restarted or failed-over server dropped is found before a request uses it,
    and the pool is refilled (as SQLAlchemy's `pool_pre_ping`, whose ping it runs). A connection
    returned moments ago is not pinged: under load that is every checkout, and the ping was one
    round trip in ten of a report. A server that dies in between fails that one request with
    503 `database_unavailable` (app.api.errors), and the pool drops every older connection.
    """
    idle_s = get_settings().db_ping_idle_s
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi: Any, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        since = record.info.get("idle_since")  # None: connected for this checkout
        if since is None or time.monotonic() - since < idle_s:
            return
        try:
            dialect.do_ping(dbapi)
        except dialect.loaded_dbapi.Error as err:
            if dialect.is_disconnect(err, dbapi, None):
                raise InvalidatePoolError() from err  # reconnect; drop the older connections
            raise

    return engine


# Every engine on the async driver: its connections belong to the event loop that opened them,
# so the app closes them when its loop ends (`dispose_loop_engines`, at shutdown).
_LOOP_ENGINES: list[AsyncEngine] = []


@lru_cache(maxsize=4)
def loop_engine(url: str | None = None) -> AsyncEngine:
    """Return the (cached) engine of the endpoints that run on the event loop (app.api.deps).

    The same database, pool timeout and server settings as `get_engine` (and generic plans for
    its prepared statements, `XIUHUA_DB_GENERIC_PLANS`), on psycopg's async driver: the volume
    endpoints (reports, actions, Open311) run the very same synchronous service code in a
    greenlet on the event loop instead of the thread pool, so a request pays no thread
    hand-offs (docs/PERFORMANCE.md). Its `sync_engine` is what their sessions bind to.
    """
    settings = get_settings()
    # A worker runs at most `max_in_flight` requests at once (app.api.middleware): a pool beside
    # the thread pool's never needs more connections than that.
    size = min(settings.db_pool_size, settings.max_in_flight)
    # Their statements are short and prepared (psycopg prepares a statement on its fifth use);
    # left to choose, PostgreSQL plans some of them anew at every execution (the route, the
    # transition's read: 0.2–0.4 ms each), as a parameter could make a cheaper plan.
    plans = ["plan_cache_mode=force_generic_plan"] if settings.db_generic_plans else []
    return _on_loop(
        create_async_engine(
            url or settings.database_url,
            pool_size=size,
            max_overflow=min(settings.db_max_overflow, settings.max_in_flight - size),
            pool_timeout=settings.db_pool_timeout_s,
            connect_args=connect_args(*plans),
        )
    )


def _on_loop(engine: AsyncEngine) -> AsyncEngine:
    ping_when_idle(engine.sync_engine)
    _LOOP_ENGINES.append(engine)
    return engine


async def dispose_loop_engines() -> None:
    """Close the pooled connections of every async-driver engine (the event loop is ending)."""
    for engine in _LOOP_ENGINES:
        await engine.dispose()


def connect_args(*options: str) -> dict[str, Any]:
    """Return the libpq arguments of every engine: the connect timeout and server settings.

    `options` are extra `-c name=value` server settings of one pool; `jit` is off unless
    `XIUHUA_DB_JIT` turns it on (see docs/PERFORMANCE.md: JIT compiled every batch statement).
    """
    settings = get_settings()
    server = [*([] if settings.db_jit else ["jit=off"]), *options]
    return {
        "connect_timeout": settings.db_connect_timeout_s,
        **({"options": " ".join(f"-c {o}" for o in server)} if server else {}),
    }


@lru_cache(maxsize=4)
def probe_engine(url: str | None = None) -> Engine:
    """Return an engine without a pool for probes: it never waits behind the request pool."""
    settings = get_settings()
    return create_engine(
        url or settings.database_url,
        poolclass=NullPool,
        connect_args=connect_args(),
    )


@lru_cache(maxsize=8)
def _side_engine(url: str, on_loop: bool) -> Engine:
    settings = get_settings()
    options: dict[str, Any] = {
        "pool_size": settings.db_side_pool_size,
        "max_overflow": settings.db_side_pool_size,
        "pool_timeout": settings.db_pool_timeout_s,
        # Bookkeeping only (usage counters): a commit here does not wait for the WAL flush.
        # A PostgreSQL crash may forget the last fraction of a second of counts (a key may
        # pass a few requests more in that minute); no case, event or account change is
        # ever written on this pool.
        "connect_args": connect_args("synchronous_commit=off"),
    }
    # beside a session on the event loop, the side pool is on the async driver too
    return ping_when_idle(
        create_async_engine(url, **options).sync_engine
        if on_loop
        else create_engine(url, **options)
    )


@contextmanager
def side_statement(session: Session) -> Iterator[Connection]:
    """Yield an autocommit connection beside `session`'s: every statement is its own transaction.

    For bookkeeping that must not hold row locks until the request commits (API-key usage
    counters, one atomic statement each): the row a statement locks is released when the
    statement ends, with no BEGIN or COMMIT round trip. It runs on a small pool of its own, so a
    request holding a connection never waits for a second one from the pool it holds. A session
    bound to a single connection (a caller's own transaction, as in the test harness) does the
    work in that transaction instead.
    """
    bind = session.get_bind()
    if not isinstance(bind, Engine):
        yield session.connection()
        return
    engine = _side_engine(bind.url.render_as_string(hide_password=False), bind.dialect.is_async)
    with engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


@lru_cache(maxsize=8)
def _factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def session_factory(engine: Engine | None = None) -> sessionmaker[Session]:
    """Return the (cached) session factory bound to `engine` (default: the configured one)."""
    # Cached: a new sessionmaker per request costs ~250 µs (a new Session subclass each time).
    return _factory(engine or get_engine())


_BIND = re.compile(r"(?<![:\w]):(\w+)")


def fetch_one(session: Session, sql: str, params: dict[str, Any]) -> Any:
    """Run driver-level SQL (see driver_sql) on the session's own connection and transaction.

    For hot read paths only: it skips SQLAlchemy's result machinery (~0.15 ms per statement) and
    asks psycopg to prepare the statement; the row is a named tuple.
    """
    return fetch_row(session.connection(), sql, params)


def fetch_row(conn: Connection, sql: str, params: dict[str, Any]) -> Any:
    """As `fetch_one`, on a connection (e.g. `side_statement`'s); the first row or None."""
    return _driver_rows(conn, sql, params, one=True)


def fetch_all(
    session: Session, sql: str, params: dict[str, Any], *, commit: bool = False
) -> list[Any]:
    """Run driver-level SQL as `fetch_one` does; return every row (named tuples).

    `commit`: the statement is the unit of work's last write, and the transaction commits in
    the same round trip (psycopg's pipeline: the statement and COMMIT sent together). For a
    statement that locks a row every writer queues for (a district's case-number row), the lock
    is then held for the statement and the commit's flush only, not also for the answer's trip
    back to the client and, under load, its wait for the event loop (docs/PERFORMANCE.md). The
    session must have nothing left to flush (checked); the unit of work's own commit then finds
    no transaction and sends nothing. A session inside a caller's transaction (bound to a
    connection, as the test harness binds it) or a savepoint does not commit: its owner does.
    """
    commit = commit and _owns_transaction(session)
    rows: list[Any] = _driver_rows(session.connection(), sql, params, one=False, commit=commit)
    return rows


def _owns_transaction(session: Session) -> bool:
    """Whether `session` began the connection's transaction itself (and may end it)."""
    if not isinstance(session.get_bind(), Engine) or session.in_nested_transaction():
        return False
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("commit with a statement: the session has unflushed changes")
    return True


def _driver_rows(
    conn: Connection, sql: str, params: dict[str, Any], *, one: bool, commit: bool = False
) -> Any:
    raw = conn.connection.driver_connection
    assert raw is not None  # a checked-out connection always has its driver connection
    if isinstance(raw, AsyncConnection):  # a session on the event loop (`loop_engine`)
        return await_only(_driver_rows_async(raw, sql, params, one, commit))
    if commit:
        with raw.pipeline(), raw.cursor(row_factory=namedtuple_row) as cur:
            cur.execute(sql, params, prepare=True)
            raw.commit()  # sends COMMIT and syncs: one round trip for both
            return cur.fetchall() if cur.description is not None else []
    with raw.cursor(row_factory=namedtuple_row) as cur:
        cur.execute(sql, params, prepare=True)
        if one:
            return cur.fetchone()
        return cur.fetchall() if cur.description is not None else []


async def _driver_rows_async(
    raw: AsyncConnection[Any], sql: str, params: dict[str, Any], one: bool, commit: bool = False
) -> Any:
    if commit:
        async with raw.pipeline(), raw.cursor(row_factory=namedtuple_row) as cur:
            await cur.execute(sql, params, prepare=True)
            await raw.commit()
            return await cur.fetchall() if cur.description is not None else []
    async with raw.cursor(row_factory=namedtuple_row) as cur:
        await cur.execute(sql, params, prepare=True)
        if one:
            return await cur.fetchone()
        return await cur.fetchall() if cur.description is not None else []


def per_row(sql: str, columns: dict[str, str], shared: tuple[str, ...] = ()) -> str:
    """Turn a one-row statement with `:name` binds into one statement over many rows.

    The result, driver-level SQL, takes one bind `:q`: a JSON array of objects with `i` (the
    row's index) and every bind of `sql` in `columns` (name → SQL type); `:i` in `sql` is the
    row's index and the binds in `shared` stay binds of the whole statement. Each row runs
    `sql` as a LATERAL subquery with its binds read from the row, so the set-based statement is
    the very statement of the single case; rows are `i` and the statement's columns, NULL when
    it found nothing (ordered by `i`).
    """
    names = set(_BIND.findall(sql)) - set(shared) - {"i"}
    if names != set(columns):
        raise ValueError(f"binds {sorted(names)} do not match columns {sorted(columns)}")
    body = bind_as(sql, {n: f"bq.{n}" for n in names | {"i"}})
    cols = ", ".join(f"{n} {t}" for n, t in columns.items())
    return driver_sql(
        f"SELECT bq.i, br.* FROM jsonb_to_recordset(CAST(:q AS jsonb)) AS bq(i int, {cols})"
        f" LEFT JOIN LATERAL ({body}) br ON true ORDER BY bq.i"
    )


def bind_as(sql: str, exprs: dict[str, str]) -> str:
    """Return `sql` with each `:name` bind in `exprs` replaced by that SQL expression.

    To run a statement as a part of another (a LATERAL subquery) with some of its binds read
    from the outer statement's columns: the statement stays the one place of its rule.
    """
    return _BIND.sub(lambda m: exprs.get(m.group(1), m.group(0)), sql)


def driver_sql(sql: str) -> str:
    """Translate `:name` binds to psycopg's `%(name)s` for `exec_driver_sql` (hot paths only)."""
    return _BIND.sub(r"%(\1)s", sql.replace("%", "%%"))


@contextmanager
def unit_of_work(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error. Services never commit.

    (A caller may let its last write end the transaction: `fetch_all(…, commit=True)`.)
    """
    session = session_factory(engine)()
    try:
        yield session
    except BaseException:
        end_unit_of_work(session, ok=False)
        raise
    end_unit_of_work(session, ok=True)


def end_unit_of_work(session: Session, *, ok: bool) -> None:
    """End a unit of work: commit (ok) or roll back, then close; a failed commit rolls back."""
    try:
        if ok:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def postgis_version(session: Session) -> str:
    """Return the PostGIS library version of the session's database; raise if unreachable."""
    return str(session.execute(text("SELECT postgis_lib_version()")).scalar_one())
