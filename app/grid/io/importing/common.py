"""What every layer's import shares: context, checks, the stage → check → upsert helper.

The helper copies a layer's rows into a temporary table, refuses rows by SQL, writes and counts.

A layer module reads its fields through the context, checks values in Python (problems by row),
then hands its columns to `stage_check_upsert`; the cell import stages by hand, into the
topology check's table (app.grid.io.topology), and units and rules are written without staging.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from shapely.geometry.base import BaseGeometry
from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from app.grid.fields import FieldResolver
from app.grid.io.importing.options import ImportOptions, ImportResult, Layer, Progress
from app.grid.io.importing.source import SourceTable, hex_ewkb, prepare_geometries
from app.grid.problems import Problems, point_of


def rowcount(result: Any) -> int:
    """Return how many rows an UPDATE/INSERT/DELETE touched (0 when the driver does not say)."""
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(slots=True)
class Context:
    """One import of one layer: session, file, options, result, progress and problems."""

    session: Session
    layer: Layer
    src: SourceTable
    opts: ImportOptions
    res: ImportResult
    say: Progress
    problems: Problems

    def required(self, name: str, *aliases: str) -> list[str | None]:
        """Return a required field's values; a missing field is one problem naming the fields."""
        col = self.src.column(name, *aliases)
        if col is None:
            resolver = self.src.resolver or FieldResolver("", self.src.fields, {})
            self.problems.add(resolver.missing_message(name, *aliases), "missing_field")
            return [None] * self.src.rows
        return col

    def optional(self, name: str, *aliases: str) -> list[str | None]:
        """Return an optional field's values (all None when the file does not have it)."""
        col = self.src.column(name, *aliases)
        return col if col is not None else [None] * self.src.rows

    def geometries(
        self, kind: Literal["polygon", "point"], *, required: bool = True
    ) -> list[BaseGeometry | None]:
        """Check, transform and (with --repair) repair the file's geometries; report by row."""
        return prepare_geometries(
            self.src,
            kind,
            required=required,
            opts=self.opts,
            problems=self.problems,
            result=self.res,
            progress=self.say,
        )

    def check_code(self, row: int, code: str | None, length: int, what: str) -> bool:
        """Return whether `code` is `length` digits; report the row otherwise."""
        if code is None:
            self.problems.row(row, f"缺少{what}", "bad_code")
            return False
        if not (len(code) == length and code.isdigit()):
            self.problems.row(row, f"{what} '{code}' 格式错误：应为 {length} 位数字", "bad_code")
            return False
        return True

    def duplicates(self, values: Sequence[str | None], what: str) -> None:
        """Report every value that stands in more than one row of the file."""
        problems = self.problems
        rows: dict[str, list[int]] = defaultdict(list)
        for i, v in enumerate(values):
            if v:
                rows[v].append(i + 1)
        for v, rs in rows.items():
            if len(rs) > 1:
                shape = problems.shapes[rs[1] - 1] if problems.shapes is not None else None
                pt = point_of(shape)
                problems.add(
                    f"{what} {v} 在文件中重复：{problems.rows_text(rs)}",
                    "duplicate_code",
                    fids=tuple(problems.fid(r) for r in rs),
                    codes=(v,),
                    lon=pt[0] if pt else None,
                    lat=pt[1] if pt else None,
                )

    def missing_refs(self, table: str, codes: dict[str, list[int]]) -> list[tuple[str, list[int]]]:
        """Return the codes (with their rows, sorted by code) that `table` does not hold."""
        if not codes:
            return []
        found = set(
            self.session.scalars(
                text(f"SELECT code FROM {table} WHERE code = ANY(:codes)"), {"codes": list(codes)}
            )
        )
        return sorted((c, rows) for c, rows in codes.items() if c not in found)


def copy_rows(
    session: Session,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    total: int,
    label: str = "写入暂存表",
    progress: Progress | None = None,
) -> None:
    """Bulk-load rows into a (temporary) table with COPY on the session's own connection."""
    say = progress or (lambda _m, _d, _t: None)
    raw = session.connection().connection.driver_connection
    if raw is None:
        raise RuntimeError("the session has no DBAPI connection")
    say(label, 0, total)
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for i, row in enumerate(rows, 1):
            cp.write_row(row)
            if i % 10_000 == 0:
                say(label, i, total)
    say(label, total, total)


@dataclass(frozen=True, slots=True)
class Staging:
    """A temporary table of one import.

    Columns: `row_no`, the file's text columns, `geom`, then text columns the checks fill in SQL.
    """

    table: str
    columns: tuple[str, ...]
    filled: tuple[str, ...] = ()

    def ddl(self) -> str:
        """Return the column list of CREATE TABLE."""
        cols = ["row_no integer", *(f"{c} text" for c in self.columns), "geom geometry"]
        return ", ".join(cols + [f"{c} text" for c in self.filled])


@dataclass(frozen=True, slots=True)
class Refuse:
    """A check on the staged rows.

    `sql` selects the `row_no`s refused (ordered); `message` heads the problem that lists them.
    """

    sql: str
    message: str


def stage_check_upsert(
    ctx: Context,
    staging: Staging,
    values: Sequence[Sequence[Any]],
    geoms: Sequence[BaseGeometry | None],
    *,
    writes: Sequence[str],
    locate: Sequence[str] = (),
    locate_label: str | None = None,
    refuse: Refuse | None = None,
    params: Mapping[str, Any] | None = None,
    analyze: str | None = None,
) -> list[Row[Any]]:
    """Stage the file's rows, check them in SQL, then write them; return the written rows.

    `values` holds one list per column of `staging` (file order). After the COPY, the `locate`
    statements run (under the progress label `locate_label`), then `refuse` lists the rows it
    selects as one problem and every problem found so far refuses the import. Each statement of
    `writes` returns one row per feature written, its first column `inserted` (true: new row,
    false: updated); ImportResult.inserted/updated count them. `analyze` names the table to
    ANALYZE afterwards.
    """
    session, src, problems = ctx.session, ctx.src, ctx.problems
    session.execute(text(f"DROP TABLE IF EXISTS pg_temp.{staging.table}"))
    session.execute(text(f"CREATE TEMP TABLE {staging.table} ({staging.ddl()}) ON COMMIT DROP"))
    hexes = hex_ewkb(geoms)
    copy_rows(
        session,
        staging.table,
        ["row_no", *staging.columns, "geom"],
        ((i + 1, *(col[i] for col in values), hexes[i]) for i in range(src.rows)),
        total=src.rows,
        progress=ctx.say,
    )
    session.execute(text(f"ANALYZE {staging.table}"))
    if locate_label:
        ctx.say(locate_label, 0, 1)
    for sql in locate:
        session.execute(text(sql))
    if locate_label:
        ctx.say(locate_label, 1, 1)
    if refuse is not None:
        rows = list(session.scalars(text(refuse.sql)))
        if rows:
            problems.add(f"{refuse.message}：{problems.rows_text(rows)}")
    problems.raise_if_any()

    ctx.say("写入数据库", 0, 1)
    written: list[Row[Any]] = []
    for sql in writes:
        written.extend(session.execute(text(sql), dict(params or {})).all())
    ctx.res.inserted = sum(1 for w in written if w.inserted)
    ctx.res.updated = len(written) - ctx.res.inserted
    if analyze:
        session.execute(text(f"ANALYZE {analyze}"))
    ctx.say("写入数据库", 1, 1)
    return written
