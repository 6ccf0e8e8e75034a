"""`xiuhua grid …`: import and export of spatial layers, and the cell topology check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from app.cli.app import StepProgress, console, fail
from app.core.db import session_factory, unit_of_work
from app.core.errors import DomainError
from app.grid.fields import parse_field_map
from app.grid.io.importing.options import (
    LAYER_FIELDS,
    ImportOptions,
    ImportResult,
    Layer,
    Replace,
    parse_valid_from,
)
from app.grid.io.topology import DEFAULT_TOLERANCE_M2, TopologyReport

grid_app = typer.Typer(help="空间数据：导入、导出、拓扑检查", no_args_is_help=True)

_FIELDS_HELP = "\n\n".join(f"{lay.value}: {fields}" for lay, fields in LAYER_FIELDS.items())

_IMPORT_HELP = f"""导入空间图层（GeoJSON、GeoPackage、Shapefile，unit-rule 也可用 CSV）。

各图层读取的字段（不区分大小写，接受 Shapefile 截断为 10 个字节的字段名，其余字段忽略；
也接受常见的中文字段名，如 编码/代码/网格编码、名称、社区编码、管理等级、面积，完整对照表见
docs/GIS.md；文件字段名不在表中时用 --field code=网格编码 指定，可重复）：

{_FIELDS_HELP}

源图层：不给 --source-layer 时按名称选择（英文或中文：街道、社区、单元网格……）；文件有多个
图层而无法确定时拒绝并列出文件中的图层。

网格（cell）导入：默认只替换文件中出现的社区（--replace communities）；--replace streets 替换
这些社区所在的整个街道，--replace district 替换整个区县，会让文件中没有网格的社区失去网格时需要
--yes 确认。被替换的现行网格在新网格生效时间（--valid-from）关闭，此前仍然有效；旧网格保留供
历史案件使用。先做拓扑检查（重叠、超出社区为错误，缝隙为警告）。

坐标：文件声明投影坐标系（如 CGCS2000 高斯-克吕格 EPSG:4527–4554）时用 pyproj 转为经纬度；
声明 EPSG:4326/4490 或未声明时按 --coord-sys（默认 wgs84）处理，gcj02/bd09 逐点纠偏。

所有问题一次列出：每条写明读取的图层、要素号 fid（即 QGIS 属性表中的 fid：GeoPackage 从 1
开始，Shapefile 从 0 开始）、代码和位置；有错误时整体回滚、什么都不写入，退出码为 1。
"""


def _print_topology(report: TopologyReport, limit: int = 50) -> None:
    console.print(report.summary())
    for p in report.problems[:limit]:
        colour = "yellow" if p.kind == "gap" else "red"
        console.print(f"  [{colour}]-[/] {p.message()}")
    if len(report.problems) > limit:
        more = len(report.problems) - limit
        console.print(f"  ……另有 {more} 条未列出（完整内容见 --report 文件）")


def _print_result(result: ImportResult, limit: int = 50) -> None:
    if result.topology is not None:
        console.print(result.topology.summary())
    for note in result.notes:
        console.print(f"  {escape(note)}")
    lines = [escape(w) for w in result.warnings] + [escape(p.line()) for p in result.problems]
    for w in lines[:limit]:
        console.print(f"  [yellow]警告[/] {w}")
    if len(lines) > limit:
        console.print(f"  ……另有 {len(lines) - limit} 条警告未列出（完整内容见 --report 文件）")
    console.print(f"[green]完成[/] {escape(result.summary())}")


@grid_app.command("import", help=_IMPORT_HELP)
def import_cmd(
    file: Annotated[Path, typer.Argument(help="要导入的文件", exists=True, dir_okay=False)],
    layer: Annotated[Layer, typer.Option("--layer", help="目标图层", case_sensitive=False)],
    coord_sys: Annotated[
        str | None,
        typer.Option(
            "--coord-sys", help="经纬度坐标系：wgs84、cgcs2000、gcj02、bd09（默认 wgs84）"
        ),
    ] = None,
    repair: Annotated[
        bool, typer.Option("--repair", help="自动修复无效几何（make_valid，只保留面）")
    ] = False,
    valid_from: Annotated[
        str | None,
        typer.Option(
            "--valid-from",
            help="新一代网格的生效时间（ISO 格式；不带时区时按北京时间）；默认为当前时间",
        ),
    ] = None,
    tolerance: Annotated[
        float, typer.Option("--tolerance", help="拓扑检查容差（平方米）", min=0.0)
    ] = DEFAULT_TOLERANCE_M2,
    allow_topology_errors: Annotated[
        bool,
        typer.Option("--allow-topology-errors", help="有重叠或超出社区的网格时仍然导入"),
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="把全部问题（含警告）写成 GeoJSON 文件：每条带图层、fid、代码和位置，可在 QGIS 中查看",
        ),
    ] = None,
    source_layer: Annotated[
        str | None,
        typer.Option(
            "--source-layer",
            help="文件中的图层名；不给时按名称选择（如 单元网格、社区、街道），无法确定时报错并列出图层",
        ),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="字段对应：目标字段=文件字段，如 code=网格编码（可重复）"),
    ] = None,
    replace: Annotated[
        Replace,
        typer.Option(
            "--replace",
            help="网格导入的替换范围：communities（默认，只替换文件中的社区）、streets、district",
            case_sensitive=False,
        ),
    ] = Replace.communities,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="确认替换会使部分社区失去网格（--replace streets/district）"),
    ] = False,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="文件编码（如 GBK）；默认由文件决定")
    ] = None,
    district: Annotated[
        str | None,
        typer.Option("--district", help="unit-rule：多边形规则与无规则单位的默认区县代码"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只检查并报告，不写入数据库")] = False,
) -> None:
    """Import a file into a layer in one transaction; exit 1 with every problem listed."""
    try:
        options = ImportOptions(
            coord_sys=coord_sys,
            repair=repair,
            valid_from=parse_valid_from(valid_from),
            tolerance_m2=tolerance,
            allow_topology_errors=allow_topology_errors,
            report_path=report,
            source_layer=source_layer,
            encoding=encoding,
            district_code=district,
            field_map=parse_field_map(field),
            replace=replace,
            confirm=yes,
        )
        from app.grid.io.importing.run import import_layer

        with StepProgress() as prog:
            if dry_run:
                session = session_factory()()
                try:
                    result = import_layer(session, layer, file, options=options, progress=prog)
                finally:
                    session.rollback()
                    session.close()
            else:
                with unit_of_work() as session:
                    result = import_layer(session, layer, file, options=options, progress=prog)
    except DomainError as exc:
        if report is not None and report.exists():
            console.print(f"全部问题已写入 {report}")
        raise fail(exc) from exc
    _print_result(result)
    if report is not None:
        console.print(f"全部问题（警告）已写入 {report}")
    if dry_run:
        console.print("（--dry-run：未写入数据库）")


@grid_app.command(
    "export",
    help="导出空间图层（EPSG:4326，字段名与导入一致，可原样再导入；网格只导出现行一代）。",
)
def export_cmd(
    file: Annotated[Path, typer.Argument(help="输出文件", dir_okay=False)],
    layer: Annotated[Layer, typer.Option("--layer", help="图层", case_sensitive=False)],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="geojson、gpkg、shp 或 csv；默认由扩展名判断"),
    ] = None,
    district: Annotated[str | None, typer.Option("--district", help="只导出一个区县")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="覆盖已存在的文件")] = False,
) -> None:
    """Export a layer to a file; the database is only read."""
    from app.grid.io.exporter import export_layer

    try:
        with StepProgress() as prog:
            session = session_factory()()
            try:
                result = export_layer(
                    session,
                    layer,
                    file,
                    fmt=fmt,
                    district_code=district,
                    overwrite=overwrite,
                    progress=prog,
                )
            finally:
                session.rollback()
                session.close()
    except DomainError as exc:
        raise fail(exc) from exc
    console.print(
        f"[green]完成[/] 已导出 {result.features} 个要素（{result.layer}，{result.format}）到"
        f" {result.path}；用时 {result.seconds:.1f} 秒"
    )


@grid_app.command(
    "check-topology",
    help="检查一个区县现行网格的拓扑：重叠、缝隙、超出社区；有重叠或超出社区时退出码为 1。",
)
def check_topology_cmd(
    district: Annotated[str, typer.Option("--district", help="区县代码")],
    tolerance: Annotated[
        float, typer.Option("--tolerance", help="容差（平方米）", min=0.0)
    ] = DEFAULT_TOLERANCE_M2,
    report: Annotated[
        Path | None, typer.Option("--report", help="把问题写成 GeoJSON 文件（可在 QGIS 中查看）")
    ] = None,
) -> None:
    """Check the current cells of a district; exit 1 on overlaps or cells outside."""
    from app.grid.io.topology import check_district_cells, write_report

    try:
        with StepProgress() as prog:
            session = session_factory()()
            try:
                result = check_district_cells(
                    session, district, tolerance_m2=tolerance, progress=prog
                )
            finally:
                session.rollback()
                session.close()
    except DomainError as exc:
        raise fail(exc) from exc
    _print_topology(result)
    if report is not None:
        n = write_report(result, report)
        console.print(f"{n} 条拓扑问题已写入 {report}")
    if result.errors:
        raise typer.Exit(code=1)
