"""`xiuhua export …`: case lists as CSV/XLSX and the upward-exchange JSON Lines, to a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from app.cli.app import StepProgress, console, fail
from app.core.clock import now as clock_now
from app.core.db import session_factory
from app.core.errors import DomainError, InvalidInput

export_app = typer.Typer(
    help="导出：案卷清单（CSV/XLSX）与案卷上报数据（JSON Lines）", no_args_is_help=True
)

Out = Annotated[Path, typer.Option("-o", "--output", help="输出文件", dir_okay=False)]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="覆盖已存在的文件")]
Districts = Annotated[list[str] | None, typer.Option("--district", help="区县代码（可重复）")]
Statuses = Annotated[list[str] | None, typer.Option("--status", help="状态，如 closed（可重复）")]


def _check_output(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise InvalidInput(f"文件已存在：{path}（加 --overwrite 覆盖）", path=str(path))
    if not path.parent.is_dir():
        raise InvalidInput(f"目录不存在：{path.parent}", path=str(path))


@contextmanager
def _read_session() -> Iterator[Session]:
    """Yield a session that is rolled back and closed after; a DomainError exits with its message."""
    session = session_factory()()
    try:
        yield session
    except DomainError as exc:
        raise fail(exc) from exc
    finally:
        session.rollback()
        session.close()


@contextmanager
def _removed_on_failure(path: Path) -> Iterator[None]:
    """Delete a half-written output file when the export fails or is interrupted."""
    try:
        yield
    except BaseException:
        path.unlink(missing_ok=True)
        raise


@contextmanager
def _writing(path: Path, label: str, total: int) -> Iterator[Callable[[int], None]]:
    """Yield a progress callback for writing `total` rows to `path`; delete the file on failure."""
    with _removed_on_failure(path), StepProgress() as prog:
        prog(label, 0, total)
        yield lambda done: prog(label, done, max(total, done))


@export_app.command("cases")
def export_cases_cmd(
    output: Out,
    start: Annotated[str, typer.Option("--from", help="上报时间起（YYYY-MM-DD）")],
    end: Annotated[str, typer.Option("--to", help="上报时间止（YYYY-MM-DD，含当天）")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv 或 xlsx；默认由扩展名判断")
    ] = None,
    district: Districts = None,
    street: Annotated[list[str] | None, typer.Option("--street", help="街道代码")] = None,
    community: Annotated[list[str] | None, typer.Option("--community", help="社区代码")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="处置单位代码或 ID")] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", help="类别，如 event:09006、event:09")
    ] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="来源，如 hotline")] = None,
    status: Statuses = None,
    overwrite: Overwrite = False,
) -> None:
    """导出一段时间内上报的案卷清单（最长 366 天），流式读取，内存占用不随案卷数增长。"""
    from app.stats.export import case_filter, case_table, count_cases, parse_format, write_table

    with _read_session() as session:
        kind = parse_format(fmt or output.suffix)
        _check_output(output, overwrite)
        f = case_filter(
            start=start,
            end=end,
            district=district,
            street=street,
            community=community,
            unit=unit,
            category=category,
            source=source,
            status=status,
        )
        total = count_cases(session, f, None)
        table = case_table(session, f, districts=None, now=clock_now())
        with _writing(output, "导出案卷", total) as progress:
            rows = write_table(table, kind, output, progress=progress)
    console.print(f"[green]完成[/] 已导出 {rows} 条案卷到 {output}（{kind}）")


@export_app.command("exchange")
def export_exchange_cmd(
    output: Out,
    updated_since: Annotated[
        str | None,
        typer.Option("--updated-since", help="只导出此时间之后变更的案卷（ISO 8601，增量上报）"),
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help="上报时间起（YYYY-MM-DD）")] = None,
    end: Annotated[str | None, typer.Option("--to", help="上报时间止（含当天）")] = None,
    district: Districts = None,
    status: Statuses = None,
    overwrite: Overwrite = False,
) -> None:
    """导出案卷上报数据（JSON Lines，每行一个案卷，字段见 docs/EXCHANGE.md）。"""
    from app.stats.exchange import exchange_filter, write_exchange
    from app.stats.export import count_cases

    with _read_session() as session:
        _check_output(output, overwrite)
        f = exchange_filter(
            updated_since=updated_since, start=start, end=end, district=district, status=status
        )
        total = count_cases(session, f, None)
        with _writing(output, "导出上报数据", total) as progress:
            n = write_exchange(
                session, f, output, districts=None, now=clock_now(), progress=progress
            )
    console.print(f"[green]完成[/] 已导出 {n} 条案卷记录到 {output}")
