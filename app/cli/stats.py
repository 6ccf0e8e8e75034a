"""`xiuhua stats …` and `xiuhua seed-history`: evaluation tables, refresh, assessment, history."""

from __future__ import annotations

import contextlib
import csv
import json
import signal
import sys
import threading
from datetime import datetime
from types import FrameType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from app.cli.app import StepProgress, console, fail
from app.core.clock import now as clock_now
from app.core.db import get_engine, unit_of_work
from app.core.errors import DomainError, InvalidInput
from app.stats import assessment, facts, hotspots, indicators
from app.stats.periods import parse_month
from app.stats.settings import get_settings_map, put_setting
from app.stats.table import StatsTable

stats_app = typer.Typer(
    help="综合评价：指标表、12345 三率、月度考评、高发网格、汇总刷新", no_args_is_help=True
)
out = Console()  # tables go to stdout (progress and messages to stderr)

FormatOpt = Annotated[str, typer.Option("--format", help="输出格式：table | csv | json")]
PeriodOpt = Annotated[str, typer.Option(help="统计期：day | week | month | year | custom")]
DateOpt = Annotated[str | None, typer.Option("--date", help="统计期内的任一日期（默认今天）")]
StartOpt = Annotated[str | None, typer.Option(help="自定义统计期开始日期（含）")]
EndOpt = Annotated[str | None, typer.Option(help="自定义统计期结束日期（含）")]
DistrictOpt = Annotated[
    list[str] | None, typer.Option("--district", help="只统计这些区县（可重复）")
]
LimitOpt = Annotated[int | None, typer.Option(help="最多显示行数")]
AllOpt = Annotated[
    bool, typer.Option("--all-columns", help="表格显示全部列（默认只显示比率、得分与主要数量）")
]


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value * 100:.2f}%"
    if kind == "score":
        return f"{value:.2f}"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


COMPACT = frozenset({"key", "name", "cases", "filed", "closed", "open_overdue", "band"})


def print_table(table: StatsTable, fmt: str, all_columns: bool = False) -> None:
    """Print a StatsTable as a rich table, CSV (header = labels) or JSON on stdout.

    The rich table shows the rates, scores and a few counts unless `all_columns` (CSV and JSON
    always carry every column).
    """
    rows = list(table.rows)
    if fmt == "json":
        body = {
            "title": table.title,
            "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in table.columns],
            "rows": rows,
            "meta": dict(table.meta),
        }
        sys.stdout.write(json.dumps(body, ensure_ascii=False, default=str, indent=1) + "\n")
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow([c.label for c in table.columns])
        for r in rows:
            w.writerow(["" if r.get(c.key) is None else r.get(c.key) for c in table.columns])
    elif fmt == "table":
        t = Table(title=table.title, show_lines=False)
        shown = [
            c
            for c in table.columns
            if all_columns
            or len(table.columns) <= 12
            or c.key in COMPACT
            or c.kind in ("rate", "score")
        ]
        for c in shown:
            t.add_column(c.label, justify="right" if c.kind != "text" else "left", overflow="fold")
        for r in rows:
            t.add_row(*[_cell(r.get(c.key), c.kind) for c in shown])
        out.print(t)
        total = table.meta.get("total_rows")
        if isinstance(total, int) and total > len(rows):
            out.print(f"（共 {total} 行，显示 {len(rows)} 行；用 --limit 显示更多）")
    else:
        raise InvalidInput("输出格式应为 table、csv 或 json", field="format")


def _period(s: Any, period: str, on: str | None, start: str | None, end: str | None) -> Any:
    return indicators.resolve_period(s, period, on=on, start=start, end=end, now=clock_now())


@stats_app.command("indicators")
def indicators_cmd(
    scope: Annotated[
        str,
        typer.Option(
            help="统计范围：district | street | community | cell | unit | category | source |"
            " inspector | operator | dispatcher | shift_leader"
        ),
    ] = "street",
    period: PeriodOpt = "month",
    on: DateOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    district: DistrictOpt = None,
    order_by: Annotated[str | None, typer.Option(help="排序列键")] = None,
    asc: Annotated[bool, typer.Option(help="升序")] = False,
    limit: LimitOpt = None,
    fmt: FormatOpt = "table",
    all_columns: AllOpt = False,
) -> None:
    """综合评价指标表：数量、比率（含超期在办 / 仅已办结两种按期口径）、综合得分与等次。"""
    try:
        with unit_of_work() as s:
            p = _period(s, period, on, start, end)
            t = indicators.indicator_table(
                s,
                scope,
                p,
                districts=district,
                now=clock_now(),
                order_by=order_by,
                descending=not asc,
                limit=limit,
            )
            print_table(t, fmt, all_columns)
    except DomainError as exc:
        raise fail(exc) from exc


@stats_app.command("hotline")
def hotline_cmd(
    period: PeriodOpt = "month",
    on: DateOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    district: DistrictOpt = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """12345 接诉即办三率（响应率、解决率、满意率）及综合得分，按责任单位。"""
    try:
        with unit_of_work() as s:
            p = _period(s, period, on, start, end)
            print_table(
                indicators.hotline_table(s, p, districts=district, now=clock_now(), limit=limit),
                fmt,
            )
    except DomainError as exc:
        raise fail(exc) from exc


@stats_app.command("ranking")
def ranking_cmd(
    month: Annotated[str, typer.Option(help="月份 YYYY-MM")],
    kind: Annotated[str, typer.Option(help="unit（专业部门）| street（街道）")] = "unit",
    district: DistrictOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """月度考评排名（已发布的月份显示冻结结果，并列出更正）。"""
    try:
        with unit_of_work() as s:
            t = assessment.ranking(s, kind, parse_month(month), districts=district, now=clock_now())
            print_table(t, fmt)
    except DomainError as exc:
        raise fail(exc) from exc


@stats_app.command("publish")
def publish_cmd(
    month: Annotated[str, typer.Option(help="月份 YYYY-MM（须已结束）")],
    kind: Annotated[str, typer.Option(help="unit（专业部门）| street（街道）")] = "unit",
    district: DistrictOpt = None,
    user: Annotated[int | None, typer.Option(help="发布人用户 ID")] = None,
    fmt: FormatOpt = "table",
) -> None:
    """发布月度考评：保存排名与得分，此后冻结（一月一考评、一月一通报）。"""
    try:
        with unit_of_work() as s:
            t = assessment.publish(
                s, kind, parse_month(month), districts=district, now=clock_now(), user_id=user
            )
        print_table(t, fmt)
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"[green]已发布[/] {month} {kind} 月度考评")


@stats_app.command("hotspots")
def hotspots_cmd(
    period: PeriodOpt = "month",
    on: DateOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    district: DistrictOpt = None,
    category: Annotated[list[int] | None, typer.Option(help="类别 ID（可重复）")] = None,
    limit: Annotated[int, typer.Option(help="行数")] = 30,
    fmt: FormatOpt = "table",
) -> None:
    """高发网格：统计期内案件最多的单元网格。"""
    try:
        with unit_of_work() as s:
            p = _period(s, period, on, start, end)
            print_table(
                hotspots.top_cells(s, p, districts=district, categories=category, limit=limit),
                fmt,
            )
    except DomainError as exc:
        raise fail(exc) from exc


@stats_app.command("repeats")
def repeats_cmd(
    period: PeriodOpt = "month",
    on: DateOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    district: DistrictOpt = None,
    category: Annotated[list[int] | None, typer.Option(help="类别 ID（可重复）")] = None,
    min_cases: Annotated[int | None, typer.Option(help="最少案件数（默认取评价参数）")] = None,
    limit: Annotated[int, typer.Option(help="行数")] = 50,
    fmt: FormatOpt = "table",
) -> None:
    """重复发生点位：同一网格同一类别反复发生。"""
    try:
        with unit_of_work() as s:
            p = _period(s, period, on, start, end)
            print_table(
                hotspots.repeats(
                    s, p, districts=district, categories=category, min_cases=min_cases, limit=limit
                ),
                fmt,
            )
    except DomainError as exc:
        raise fail(exc) from exc


@stats_app.command("settings")
def settings_cmd(
    key: Annotated[str | None, typer.Argument(help="参数名，如 unit_weights")] = None,
    set_value: Annotated[str | None, typer.Option("--set", help="新值（JSON）")] = None,
) -> None:
    """查看或修改评价参数（权重、等次、阈值）。"""
    try:
        with unit_of_work() as s:
            if set_value is not None:
                if key is None:
                    raise InvalidInput("修改参数需要参数名", field="key")
                try:
                    value = json.loads(set_value)
                except json.JSONDecodeError as exc:
                    raise InvalidInput(f"不是合法的 JSON：{exc}", field="set") from exc
                put_setting(s, key, value, clock_now())
            values = get_settings_map(s)
    except DomainError as exc:
        raise fail(exc) from exc
    shown = {key: values[key]} if key in values else values
    sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=1) + "\n")


@stats_app.command("refresh")
def refresh_cmd(
    batch_size: Annotated[int, typer.Option(help="每批（每个事务）的案卷数")] = (
        facts.DEFAULT_BATCH_SIZE
    ),
    loop: Annotated[
        float | None,
        typer.Option("--loop", metavar="SECONDS", help="每隔 SECONDS 秒刷新一次，直到 Ctrl-C"),
    ] = None,
) -> None:
    """把队列中的案卷事件汇总进事实表与汇总表（增量、可重复运行）。"""
    try:
        if loop is not None:
            if loop <= 0:
                raise InvalidInput("--loop 的间隔必须大于 0 秒", field="loop")
            stop = threading.Event()

            def _stop(signum: int, frame: FrameType | None) -> None:
                stop.set()

            signal.signal(signal.SIGTERM, _stop)
            console.print(f"定时刷新：每 {loop:g} 秒一次（Ctrl-C 停止）")
            with contextlib.suppress(KeyboardInterrupt):
                facts.run_periodic(get_engine(), loop, stop, batch_size=batch_size)
            console.print("已停止")
            return
        r = facts.refresh(get_engine(), batch_size=batch_size)
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"[green]刷新完成[/]：{r.cases} 个案卷，{r.batches} 批，用时 {r.seconds:.2f} 秒")


@stats_app.command("rebuild")
def rebuild_cmd() -> None:
    """从案卷、阶段与事件表重新计算全部事实表与汇总表（管理操作；期间统计查询会等待）。"""
    with StepProgress() as prog, unit_of_work() as s:
        n = facts.rebuild(s, progress=lambda done, total: prog("重算事实表", done, total))
    console.print(f"[green]重算完成[/]：{n} 个案卷")


@stats_app.command("check")
def check_cmd() -> None:
    """核对：增量维护的事实表与汇总表是否等于从头重算的结果（不一致时退出码为 1）。"""
    with unit_of_work() as s:
        left = facts.queued(s)
        diff = facts.check(s)
    for table, n in diff.items():
        console.print(f"{table}: {'[green]一致[/]' if n == 0 else f'[red]{n} 行不一致[/]'}")
    if left:
        console.print(f"[yellow]注意[/]：队列中还有 {left} 条未刷新（先运行 xiuhua stats refresh）")
    if any(diff.values()):
        raise typer.Exit(code=1)


def seed_history_cmd(
    cases: Annotated[int, typer.Option("--cases", help="生成的案卷数")] = 100_000,
    years: Annotated[float, typer.Option("--years", help="历史跨度（年，截至今天）")] = 3.0,
    district: Annotated[str | None, typer.Option(help="区县代码（默认演示区县）")] = None,
    seed: Annotated[int, typer.Option(help="随机种子")] = 1,
    until: Annotated[str | None, typer.Option(help="历史截止时刻（ISO 8601，默认现在）")] = None,
) -> None:
    """生成演示城市的历史案卷（COPY 批量写入案卷、阶段计时与精简的哈希链事件），并汇总统计。"""
    from app.demo.seed_history import SeedOptions, seed_history

    try:
        end = datetime.fromisoformat(until) if until else clock_now()
        if end.utcoffset() is None:
            raise InvalidInput("--until 需要带时区", field="until")
        opts = SeedOptions(cases=cases, years=years, district=district, seed=seed, until=end)
        with StepProgress() as prog:
            summary = seed_history(get_engine(), opts, progress=prog)
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"[green]完成[/] {summary}")
