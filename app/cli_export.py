"""`xiuhua export …`: case lists as CSV/XLSX and the upward-exchange JSON Lines, to a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from app.cli import StepProgress, console, fail
from app.clock import now as clock_now
from app.db import session_factory
from app.errors import DomainError, InvalidInput

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
def _removed_on_failure(path: Path) -> Iterator[None]:
    """Delete a half-written output file when the export fails or is interrupted."""
    try:
        yield
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _bar(prog: StepProgress, label: str, total: int) -> Callable[[int], None]:
    prog(label, 0, total)
    return lambda done: prog(label, done, max(total, done))


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

    session = session_factory()()
    try:
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
        with _removed_on_failure(output), StepProgress() as prog:
            rows = write_table(table, kind, output, progress=_bar(prog, "导出案卷", total))
    except DomainError as exc:
        raise fail(exc) from exc
    finally:
        session.rollback()
        session.close()
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
    from app.stats.exchange import write_exchange
    from app.stats.export import case_filter, count_cases

    session = session_factory()()
    try:
        _check_output(output, overwrite)
        f = case_filter(
            start=start,
            end=end,
            require_period=False,
            max_days=3660,
            updated_since=updated_since,
            district=district,
            status=status,
        )
        total = count_cases(session, f, None)
        with _removed_on_failure(output), StepProgress() as prog:
            n = write_exchange(
                session,
                f,
                output,
                districts=None,
                now=clock_now(),
                progress=_bar(prog, "导出上报数据", total),
            )
    except DomainError as exc:
        raise fail(exc) from exc
    finally:
        session.rollback()
        session.close()
    console.print(f"[green]完成[/] 已导出 {n} 条案卷记录到 {output}")
