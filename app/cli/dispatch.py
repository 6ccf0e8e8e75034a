"""`xiuhua sweep`: the time-limit sweeper from the command line, once or periodically."""

from __future__ import annotations

import signal
import threading
from datetime import datetime
from types import FrameType
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from app.cases.time.sweeper import DEFAULT_BATCH_SIZE, SweepResult, run_periodic, sweep
from app.cli.app import console, fail
from app.core.config import get_settings
from app.core.db import get_engine
from app.core.errors import DomainError, InvalidInput

dispatch_app = typer.Typer(help="案卷：时限扫描（亮灯、预警、超期督办）", no_args_is_help=True)


def parse_now(value: str) -> datetime:
    """Parse an ISO 8601 instant; a time without offset is read in the calendar's time zone."""
    try:
        at = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"时间格式不正确：{value}（应为 ISO 8601）", field="now") from exc
    if at.utcoffset() is None:
        at = at.replace(tzinfo=ZoneInfo(get_settings().calendar_timezone))
    return at


def describe(result: SweepResult) -> str:
    """Return the Chinese one-line summary of a sweep."""
    return (
        f"{result.stages} 个阶段变灯；黄灯预警 {result.warnings} 条，超期 {result.overdue} 条"
        f"（督办上级单位 {result.escalated_to_units}，督办指挥中心 {result.escalated_to_centre}）；"
        f"{result.batches} 批，用时 {result.seconds:.3f} 秒"
    )


@dispatch_app.command("sweep")
def sweep_cmd(
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="扫描时间（ISO 8601，如 2026-11-23T10:00:00+08:00；不带时区按日历时区），默认当前时间",
        ),
    ] = None,
    loop: Annotated[
        float | None,
        typer.Option(
            "--loop",
            metavar="SECONDS",
            help="每隔 SECONDS 秒扫描一次，直到 Ctrl-C 或 SIGTERM；多个进程同时运行时只有持有"
            "数据库咨询锁的一个在扫描",
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="每批（每个事务）处理的阶段数")
    ] = DEFAULT_BATCH_SIZE,
) -> None:
    """时限扫描：到达 80% 的阶段亮黄灯并预警，超期的亮红灯并督办（可重复运行，不会重复记录）。"""
    try:
        if loop is not None:
            if now is not None:
                raise InvalidInput("--now 不能与 --loop 同时使用", field="now")
            if loop <= 0:
                raise InvalidInput("--loop 的间隔必须大于 0 秒", field="loop")
            _loop(loop, batch_size)
            return
        at = parse_now(now) if now is not None else None
        if at is None:
            from app.core.clock import now as clock_now

            at = clock_now()
        result = sweep(get_engine(), at, batch_size=batch_size)
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(f"[green]扫描完成[/] {at.isoformat()}：{describe(result)}")


def _loop(interval_s: float, batch_size: int) -> None:
    from app.core.logging import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    console.print(f"定时扫描：每 {interval_s:g} 秒一次（Ctrl-C 停止）")
    try:
        sweeps = run_periodic(get_engine(), interval_s, stop, batch_size=batch_size)
    except KeyboardInterrupt:
        console.print("已停止")
        return
    console.print(f"已停止：本进程共扫描 {sweeps} 次")
