"""Engine, session factory and the declarative Base (with a constraint naming convention)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import asyncpg
from psycopg.rows import namedtuple_row
from sqlalchemy import MetaData, create_engine, event, text
from sqlalchemy.dialects.postgresql.asyncpg import (
    AsyncAdapt_asyncpg_connection,
    AsyncAdapt_asyncpg_dbapi,
)
from sqlalchemy.engine import URL, Connection, Engine, make_url
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


@lru_cache(maxsize=8)
def loop_engine(url: str | None = None, *, statements: bool = False) -> AsyncEngine:
    """Return the (cached) engine of the endpoints that run on the event loop (app.api.deps).

    The same database, pool timeout and server settings as `get_engine` (and generic plans for
    its prepared statements, `XIUHUA_DB_GENERIC_PLANS`), on an async driver: the volume
    endpoints (reports, actions, Open311) run the very same synchronous service code in a
    greenlet on the event loop instead of the thread pool, so a request pays no thread
    hand-offs (docs/PERFORMANCE.md). Its `sync_engine` is what their sessions bind to.

    The driver is asyncpg (about half the client CPU per statement of psycopg's async driver;
    the thread pool's engines are psycopg's). With `statements`, each statement of a unit of
    work commits alone (autocommit, until `transaction_from_here`): reports, whose reads are
    followed by one insert statement (`app.cases.writes`), then send no BEGIN or COMMIT, and
    the district's case-number row, which every report of the district queues for, is locked
    for that statement alone. asyncpg has no pipeline: in a transaction, COMMIT would be one
    more round trip with the row still locked while the event loop comes back to send it.
    """
    settings = get_settings()
    # A worker runs at most `max_in_flight` requests at once (app.api.middleware): a pool beside
    # the thread pool's never needs more connections than that.
    size = min(settings.db_pool_size, settings.max_in_flight)
    # Their statements are short and prepared; left to choose, PostgreSQL plans some of them
    # anew at every execution (the route, the transition's read: 0.2–0.4 ms each), as a
    # parameter could make a cheaper plan.
    plans = ["plan_cache_mode=force_generic_plan"] if settings.db_generic_plans else []
    url = url or settings.database_url
    engine = create_async_engine(
        on_asyncpg(url),
        pool_size=size,
        max_overflow=min(settings.db_max_overflow, settings.max_in_flight - size),
        pool_timeout=settings.db_pool_timeout_s,
        connect_args=asyncpg_connect_args(*plans),
    )
    if statements:
        event.listen(engine.sync_engine, "checkout", _each_statement_commits)
    return _on_loop(engine)


def _each_statement_commits(dbapi: Any, _record: ConnectionPoolEntry, _proxy: Any) -> None:
    dbapi.autocommit = True  # until `transaction_from_here` (the adapter's own switch)


def transaction_from_here(session: Session) -> None:
    """Make the rest of `session`'s unit of work one transaction (a `statements` pool's session).

    On a pool of `loop_engine(statements=True)` each statement is its own transaction until this
    call; the next statement then begins a transaction, which the unit of work commits or rolls
    back. On any other session it does nothing (its unit of work is one transaction already).
    """
    if each_statement_commits(session):
        session.connection().connection.dbapi_connection.autocommit = False  # type: ignore[union-attr]


def on_asyncpg(url: str) -> URL:
    """Return the database `url` names (psycopg's, as configured) on the asyncpg driver."""
    return make_url(url).set(drivername="postgresql+asyncpg")


def _on_loop(engine: AsyncEngine) -> AsyncEngine:
    ping_when_idle(engine.sync_engine)
    _LOOP_ENGINES.append(engine)
    return engine


async def warm_pools(engines: Iterable[AsyncEngine]) -> int:
    """Open every connection of `engines`' pools now, each with PostGIS loaded; return how many.

    A new server process (backend) pays ~4 ms to connect and ~8 ms to load the PostGIS library
    at its first spatial statement (docs/PERFORMANCE.md). Pools open their connections as load
    rises, so the requests of a burst were the ones to pay it, all at once; a worker opens them
    at start instead (`XIUHUA_DB_WARM_POOLS`). The connections stay in the pool: a pool's size
    is the most a worker ever runs at once (`loop_engine`). Raises what the database raises.
    """
    opened = 0
    for engine in engines:
        connections = []  # all held at once, so that each is a connection of its own
        try:
            for _ in range(engine.pool.size()):  # type: ignore[attr-defined]
                connections.append(connection := await engine.connect())
                await connection.exec_driver_sql("SELECT postgis_lib_version()")
                opened += 1
        finally:  # back to the pool, also those opened before a failure
            for connection in connections:
                await connection.close()
    return opened


async def dispose_loop_engines() -> None:
    """Close the pooled connections of every async-driver engine (the event loop is ending)."""
    for engine in _LOOP_ENGINES:
        await engine.dispose()


def connect_args(*options: str) -> dict[str, Any]:
    """Return the libpq arguments of every psycopg engine: the connect timeout and settings.

    `options` are extra `name=value` server settings of one pool (`_server_settings`).
    """
    settings = get_settings()
    server = _server_settings(*options)
    return {
        "connect_timeout": settings.db_connect_timeout_s,
        **({"options": " ".join(f"-c {k}={v}" for k, v in server.items())} if server else {}),
    }


def asyncpg_connect_args(*options: str) -> dict[str, Any]:
    """`connect_args` for an asyncpg engine: the same timeout and server settings."""
    return {
        "timeout": get_settings().db_connect_timeout_s,
        "server_settings": _server_settings(*options),
        "async_creator_fn": _connect_asyncpg,  # what SQLAlchemy's dialect connects with
    }


async def _connect_asyncpg(*args: Any, **kwargs: Any) -> asyncpg.Connection:
    """Connect with asyncpg; a server that cannot be reached raises the DB-API's error.

    asyncpg lets the socket's own error through (connection refused, no such socket, timeout),
    which SQLAlchemy passes on unwrapped; psycopg raises its OperationalError. Raised as the
    DB-API's OperationalError, the pool wraps it as SQLAlchemy's, and a request answers 503
    `database_unavailable` on either driver (app.api.errors).
    """
    try:
        return await asyncpg.connect(*args, **kwargs)
    except (OSError, TimeoutError) as err:
        message = str(err) or type(err).__name__
        raise AsyncAdapt_asyncpg_dbapi.OperationalError(message) from err  # type: ignore[no-untyped-call]


def _server_settings(*options: str) -> dict[str, str]:
    """Return the server settings of every connection and `options` (`name=value`) of a pool.

    `jit` is off unless `XIUHUA_DB_JIT` turns it on (see docs/PERFORMANCE.md: JIT compiled
    every batch statement).
    """
    server = [*([] if get_settings().db_jit else ["jit=off"]), *options]
    return dict(o.split("=", 1) for o in server)


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
    # beside a session on the event loop, the side pool is on its driver (asyncpg) too
    if not on_loop:
        return ping_when_idle(create_engine(url, **options))
    options["connect_args"] = asyncpg_connect_args("synchronous_commit=off")
    return ping_when_idle(create_async_engine(on_asyncpg(url), **options).sync_engine)


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
    has the driver prepare the statement; the row's columns are its attributes (`row.id`).
    """
    return fetch_row(session.connection(), sql, params)


def fetch_row(conn: Connection, sql: str, params: dict[str, Any]) -> Any:
    """As `fetch_one`, on a connection (e.g. `side_statement`'s); the first row or None."""
    return _driver_rows(conn, sql, params, one=True)


def fetch_all(
    session: Session, sql: str, params: dict[str, Any], *, commit: bool = False
) -> list[Any]:
    """Run driver-level SQL as `fetch_one` does; return every row.

    `commit`: the statement is the unit of work's last write, and the transaction commits right
    after it, before control goes back to the caller (psycopg's pipeline sends the statement
    and COMMIT in one round trip; on a `statements` pool the statement is its own transaction). For a statement that locks a row every
    writer queues for (a district's case-number row), the lock is then held for the statement
    and the commit only, not also for building the answer, its trip back to the client and,
    under load, its wait for the event loop (docs/PERFORMANCE.md). The session must have nothing
    left to flush (checked); the unit of work's own commit then finds no transaction and sends
    nothing. A session inside a caller's transaction (bound to a connection, as the test harness
    binds it) or a savepoint does not commit: its owner does.
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


def each_statement_commits(session: Session) -> bool:
    """Whether `session`'s statements commit one by one (a `statements` pool, no transaction yet)."""
    dbapi = session.connection().connection.dbapi_connection
    return isinstance(dbapi, AsyncAdapt_asyncpg_connection) and bool(dbapi.autocommit)


UNIQUE_VIOLATION = "23505"


def sqlstate(exc: BaseException) -> str | None:
    """Return the SQLSTATE of a database error SQLAlchemy raised, whatever the driver (or None)."""
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code if isinstance(code, str) else None


def _driver_rows(
    conn: Connection, sql: str, params: dict[str, Any], *, one: bool, commit: bool = False
) -> Any:
    try:
        return _run_driver_sql(conn, sql, params, one, commit)
    except conn.dialect.loaded_dbapi.Error as err:
        # as for SQLAlchemy's own statements: wrapped in its exception classes (the API's
        # handlers read them), and a lost connection is invalidated
        conn._handle_dbapi_exception(err, sql, params, None, None)


def _run_driver_sql(
    conn: Connection, sql: str, params: dict[str, Any], one: bool, commit: bool
) -> Any:
    raw = conn.connection.driver_connection
    assert raw is not None  # a checked-out connection always has its driver connection
    if isinstance(raw, asyncpg.Connection):  # a session on the event loop (`loop_engine`)
        adapted = conn.connection.dbapi_connection
        return await_only(_asyncpg_rows(adapted, sql, params, one, commit))
    if commit:
        with raw.cursor(row_factory=namedtuple_row) as cur:
            with raw.pipeline():  # the statement and COMMIT, then one Sync: one round trip
                cur.execute(sql, params, prepare=True)
                raw.execute("COMMIT")
            return cur.fetchall() if cur.description is not None else []
    with raw.cursor(row_factory=namedtuple_row) as cur:
        cur.execute(sql, params, prepare=True)
        if one:
            return cur.fetchone()
        return cur.fetchall() if cur.description is not None else []


class Row(asyncpg.Record):  # type: ignore[misc]
    """An asyncpg row whose columns are also its attributes, as psycopg's named tuples."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


_DRIVER_BIND = re.compile(r"%%|%\((\w+)\)s")


@lru_cache(maxsize=1024)
def positional(sql: str) -> tuple[str, tuple[str, ...]]:
    """Driver-level SQL (`%(name)s` binds) as asyncpg's `$n` binds, and the names in `$n` order."""
    names: list[str] = []

    def bind(m: re.Match[str]) -> str:
        name = m.group(1)
        if name is None:  # `%%`: a literal percent sign
            return "%"
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return _DRIVER_BIND.sub(bind, sql), tuple(names)


async def _asyncpg_rows(
    adapted: Any, sql: str, params: dict[str, Any], one: bool, commit: bool
) -> Any:
    """`_driver_rows` on SQLAlchemy's asyncpg connection: in its transaction, its errors.

    It begins, commits and raises through the adapter's own members, as the adapter's cursor
    does (SQLAlchemy has no public call for a statement at the driver on that connection);
    `tests/support/pooled.py` runs the API tests of the volume endpoints through it.
    """
    query, names = positional(sql)
    try:
        if adapted._transaction is None:  # BEGIN as SQLAlchemy's own first statement would
            await adapted._start_transaction()
        rows = await adapted._connection.fetch(query, *[params[n] for n in names], record_class=Row)
        if commit and adapted._transaction is not None:
            await adapted._call_and_discard(adapted._transaction.commit)
    except Exception as error:  # as SQLAlchemy's cursor raises it: the DB-API error classes
        adapted._handle_exception(error)
    if one:
        return rows[0] if rows else None
    return rows


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
