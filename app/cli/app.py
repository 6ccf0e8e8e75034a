"""The `xiuhua` command line: database, demo city, grid import/export, server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import text

from app.core.config import get_settings
from app.core.db import unit_of_work
from app.core.errors import DomainError

app = typer.Typer(help="xiuhua（绣花）网格化城市管理服务命令行", no_args_is_help=True)
db_app = typer.Typer(help="数据库：迁移与初始化", no_args_is_help=True)
app.add_typer(db_app, name="db")
console = Console(stderr=True)


def fail(exc: DomainError) -> typer.Exit:
    """Print a domain error in Chinese with its code and return the exit to raise."""
    console.print(f"[bold red]错误[/] {escape(f'[{exc.code}]')} {escape(exc.message)}")
    for k, v in exc.detail.items():
        if k != "problems":
            console.print(f"  {k}: {escape(str(v))}")
    for line in exc.detail.get("problems", [])[:50]:
        console.print(f"  - {escape(str(line))}")
    return typer.Exit(code=1)


class StepProgress:
    """A rich progress bar driven by (message, done, total) callbacks."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> StepProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, message: str, done: int, total: int) -> None:
        """Advance (or create) the bar named `message`."""
        if message not in self.tasks:
            self.tasks[message] = self.progress.add_task(message, total=total)
        self.progress.update(self.tasks[message], completed=done, total=total)


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """运行数据库迁移（alembic upgrade）。"""
    from alembic import command
    from alembic.config import Config

    candidates = [
        Path(os.environ.get("XIUHUA_ALEMBIC_INI", "alembic.ini")),
        Path(__file__).resolve().parents[2] / "alembic.ini",
    ]
    ini = next((p for p in candidates if p.is_file()), None)
    if ini is None:
        console.print(
            "[bold red]错误[/] 找不到 alembic.ini：请在项目目录中运行，或设置 XIUHUA_ALEMBIC_INI"
        )
        raise typer.Exit(code=1)
    cfg = Config(str(ini))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, revision)
    console.print(f"数据库已迁移到 {revision}")


@app.command("bootstrap")
def bootstrap(
    district: Annotated[str | None, typer.Option(help="演示城市的区县代码")] = None,
    seed: Annotated[int | None, typer.Option(help="随机种子")] = None,
) -> None:
    """首次初始化：载入默认类别目录；数据库中没有区县时生成演示城市。可重复执行。"""
    from app.cases.time.standards import seed_defaults
    from app.demo.city import build_demo_city, default_boundary_file, read_boundary

    settings = get_settings()
    with unit_of_work() as s:
        seeded = seed_defaults(s)
        if seeded["categories"]:
            console.print(f"已载入默认类别目录：{seeded['categories']} 个类别")
        if seeded["standards"] or seeded["stage_limits"]:
            console.print(
                f"已载入默认立结案标准 {seeded['standards']} 条、阶段时限 {seeded['stage_limits']} 条"
            )
        has_district = s.execute(text("SELECT 1 FROM grid_district LIMIT 1")).first()
    code = district or settings.demo_district
    if has_district:
        console.print("数据库已有区县数据，跳过演示城市")
    else:
        try:
            boundary = read_boundary(default_boundary_file(code))
            with StepProgress() as prog, unit_of_work() as s:
                summary = build_demo_city(
                    s, boundary, seed=seed or settings.demo_seed, progress=prog
                )
        except DomainError as exc:
            raise fail(exc) from exc
        console.print(f"演示城市已生成：{summary}")
    _demo_users(code)


def _demo_users(district: str) -> None:
    """Create the demo accounts when the demo district exists and a demo password is set."""
    from app.core.clock import now
    from app.demo.users import create_demo_users

    password = get_settings().demo_password
    if password is None:
        return
    with unit_of_work() as s:
        if not s.execute(
            text("SELECT 1 FROM grid_district WHERE code = :d"), {"d": district}
        ).first():
            return
        created = create_demo_users(s, district, password.get_secret_value(), now())
    if created:
        console.print(
            f"已创建演示账号：{'、'.join(created)}（密码见 .env 中的 XIUHUA_DEMO_PASSWORD）"
        )


@app.command("init-env")
def init_env(
    path: Annotated[Path, typer.Option(help=".env 文件路径")] = Path(".env"),
) -> None:
    """生成本机 .env 中缺少的密钥：令牌密钥、个人信息加密密钥、演示账号密码（已有的不改）。"""
    import secrets

    from app.core.pii import new_key

    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    have = {line.split("=", 1)[0].strip() for line in existing.splitlines() if "=" in line}
    wanted = {
        "XIUHUA_JWT_SECRET": secrets.token_urlsafe(48),
        "XIUHUA_PII_KEY": new_key(),
        "XIUHUA_DEMO_PASSWORD": "demo-" + secrets.token_urlsafe(9),
    }
    added = [f"{k}={v}" for k, v in wanted.items() if k not in have and not os.environ.get(k)]
    if not added:
        console.print(f"{path} 已包含所需密钥")
        return
    with path.open("a", encoding="utf-8") as f:
        if existing and not existing.endswith("\n"):
            f.write("\n")
        f.write("\n".join(added) + "\n")
    path.chmod(0o600)
    names = "、".join(a.split("=", 1)[0] for a in added)
    console.print(
        f"已写入 {path}：{names}（文件权限 600；请妥善备份 XIUHUA_PII_KEY，丢失后无法解密已存的个人信息）"
    )


@app.command("demo-city")
def demo_city(
    boundary: Annotated[Path, typer.Option(help="区县边界文件（GeoJSON，含 adcode）", exists=True)],
    coord_sys: Annotated[str, typer.Option("--coord-sys", help="边界坐标系")] = "gcj02",
    seed: Annotated[int, typer.Option(help="随机种子：同一种子生成同一城市")] = 1,
    replace: Annotated[bool, typer.Option(help="区县已存在时删除并重建")] = False,
) -> None:
    """由真实区县边界生成演示城市：街道、社区、万米单元网格、责任单位与规则、部件、地址、门前三包。"""
    from app.cases.catalogue import count_categories, load_catalogue
    from app.demo.city import build_demo_city, read_boundary

    try:
        b = read_boundary(boundary, coord_sys)
        with StepProgress() as prog, unit_of_work() as s:
            if count_categories(s) == 0:
                load_catalogue(s)
            summary = build_demo_city(s, b, seed=seed, replace=replace, progress=prog)
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(
        f"[green]完成[/] {summary.district_name}（{summary.district_code}）"
        f" {summary.area_km2} km²：{summary.streets} 个街道，{summary.communities} 个社区，"
        f"{summary.cells} 个单元网格，{summary.units} 个责任单位，{summary.rules} 条规则，"
        f"{summary.components} 个部件，{summary.addresses} 条标准地址，"
        f"{summary.frontage_zones} 个门前三包区域；用时 {summary.seconds} 秒"
    )


audit_app = typer.Typer(help="执法全过程记录：哈希链校验", no_args_is_help=True)
calendar_app = typer.Typer(help="工作日历：载入国务院放假安排", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(calendar_app, name="calendar")


@audit_app.command("verify")
def audit_verify(
    case: Annotated[int | None, typer.Option("--case", help="只校验这个案卷 ID")] = None,
) -> None:
    """重新计算事件哈希链，指出被改动或删除的记录；有问题时退出码为 1。"""
    from app.cases.service import verify_chains

    with unit_of_work() as s:
        checked, problems = verify_chains(s, case)
    for p in problems:
        console.print(f"[red]案卷 {p.case_id} 第 {p.seq} 条[/]：{escape(p.problem)}")
    if problems:
        console.print(f"[bold red]校验失败[/]：{checked} 条记录中发现 {len(problems)} 处问题")
        raise typer.Exit(code=1)
    console.print(f"[green]校验通过[/]：{checked} 条记录的哈希链完整")


@calendar_app.command("load")
def calendar_load(
    file: Annotated[
        Path,
        typer.Argument(
            help="放假安排文件（JSON 或 CSV，格式见 app/data/calendar/README.md）", exists=True
        ),
    ],
    year: Annotated[int | None, typer.Option(help="CSV 文件的年份")] = None,
) -> None:
    """载入一年的放假与调休安排，并重算按临时日历计算的在办时限（写入案卷事件）。"""
    from app.cases.service import load_calendar_year
    from app.cases.time.calendar import load_schedule, parse_schedule_csv
    from app.core.clock import now

    try:
        schedule = (
            parse_schedule_csv(file.read_text(encoding="utf-8"), year)
            if file.suffix.lower() == ".csv" and year is not None
            else load_schedule(file)
        )
        with unit_of_work() as s:
            changed = load_calendar_year(s, schedule, now())
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(
        f"已载入 {schedule.year} 年工作日历（{len(schedule.overrides)} 条）；"
        f"重算时限的在办阶段 {len(changed)} 个"
    )


catalogue_app = typer.Typer(help="类别目录：载入本地扩展或旧版目录", no_args_is_help=True)
app.add_typer(catalogue_app, name="catalogue")


@catalogue_app.command("load")
def catalogue_load(
    file: Annotated[
        Path,
        typer.Argument(help="CSV：kind,code,major_code,major_name,name[,provenance]", exists=True),
    ],
    catalogue: Annotated[
        str | None,
        typer.Option(
            help="目录名：默认并入现行目录（本地扩展）；旧版目录请另起名称，如 'CJ/T 214-2007'"
        ),
    ] = None,
) -> None:
    """载入类别（已存在的跳过），并为新类别生成默认立结案标准。"""
    from app.cases.catalogue import load_catalogue
    from app.cases.models import DEFAULT_CATALOGUE
    from app.cases.time.standards import seed_standards

    try:
        with unit_of_work() as s:
            added = load_catalogue(s, file, catalogue=catalogue or DEFAULT_CATALOGUE)
            standards = seed_standards(s)
    except (KeyError, ValueError) as exc:
        console.print(f"[bold red]错误[/] CSV 格式不正确：{escape(str(exc))}")
        raise typer.Exit(code=1) from exc
    console.print(f"已载入 {added} 个类别，生成默认立结案标准 {standards} 条")


@app.command("check-db")
def check_db() -> None:
    """检查数据库与 PostGIS 是否可用。"""
    from app.core.db import postgis_version, unit_of_work

    with unit_of_work() as session:
        console.print(f"数据库可用：PostGIS {postgis_version(session)}")


@app.command("serve")
def serve(
    host: str = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT")] = 8000,
    workers: int = 1,
) -> None:
    """启动 API 服务（uvicorn）。"""
    import uvicorn

    base = f"http://{host}:{port}"
    console.print(f"API 文档: {base}/docs    控制台: {base}/    OpenAPI: {base}/openapi.json")
    if get_settings().demo_password is not None:
        console.print(
            "演示账号：demo-admin、demo-inspector、demo-operator、demo-shift、demo-dispatcher、"
            "demo-unit、demo-hotline、demo-leader；密码见 .env 的 XIUHUA_DEMO_PASSWORD"
        )
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=os.environ.get("XIUHUA_UVICORN_LOG_LEVEL", "info"),
    )


def main() -> None:
    """Console-script entry point (the command groups register in app/cli/__init__.py)."""
    app()
