"""The entry point: read the file, run the layer's import in a savepoint, report problems."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.errors import ImportFailed, InvalidInput
from app.grid.fields import FieldResolver
from app.grid.io.importing.addresses import import_addresses
from app.grid.io.importing.areas import import_areas
from app.grid.io.importing.cells import import_cells
from app.grid.io.importing.common import Context
from app.grid.io.importing.components import import_components
from app.grid.io.importing.frontage import import_frontage
from app.grid.io.importing.options import ImportOptions, ImportResult, Layer, Progress
from app.grid.io.importing.source import read_source
from app.grid.io.importing.units import import_unit_rules
from app.grid.problems import Problems, problems_of, write_geojson

_HANDLERS: dict[Layer, Callable[[Context], None]] = {
    Layer.district: import_areas,
    Layer.street: import_areas,
    Layer.community: import_areas,
    Layer.cell: import_cells,
    Layer.unit_rule: import_unit_rules,
    Layer.component: import_components,
    Layer.address: import_addresses,
    Layer.frontage: import_frontage,
}


def import_layer(
    session: Session,
    layer: Layer | str,
    path: Path,
    *,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a file into a layer in the caller's transaction; raise ImportFailed/InvalidInput.

    Every problem of the file is found in one pass and raised together (ImportFailed carries
    them as `Problem`s, see app.grid.problems.problems_of); with `report_path` they are also
    written as GeoJSON, warnings included, whether the import is refused or not.
    """
    started = time.monotonic()
    opts = options or ImportOptions()
    try:
        lay = Layer(layer)
    except ValueError as exc:
        raise InvalidInput(
            f"未知图层 '{layer}'，可选：{'、'.join(v.value for v in Layer)}", layer=str(layer)
        ) from exc
    if opts.valid_from is not None and opts.valid_from.tzinfo is None:
        raise InvalidInput("生效时间必须带时区", valid_from=str(opts.valid_from))
    if not opts.tolerance_m2 >= 0:
        raise InvalidInput("拓扑容差必须是非负数（平方米）", tolerance_m2=opts.tolerance_m2)
    say = progress or (lambda _m, _d, _t: None)
    say("读取文件", 0, 1)
    src = read_source(
        path, source_layer=opts.source_layer, encoding=opts.encoding, prefer_layer=lay.value
    )
    src.resolver = FieldResolver(lay.value, src.fields, opts.field_map)
    say("读取文件", 1, 1)
    result = ImportResult(layer=lay.value, rows=src.rows, source_layer=src.layer)
    if src.rows == 0:
        raise ImportFailed(
            f"文件 {path.name} 的图层“{src.layer}”中没有要素",
            problems=[f"图层“{src.layer}”为空"],
        )
    problems = Problems(layer=src.layer, fids=src.fids)
    try:
        with session.begin_nested():
            _HANDLERS[lay](Context(session, lay, src, opts, result, say, problems))
    except ImportFailed as exc:
        if opts.report_path is not None:
            write_geojson(problems_of(exc), opts.report_path)
            exc.detail["report"] = str(opts.report_path)
        raise
    except DBAPIError as exc:
        # Checks above should leave nothing for the database to refuse; if it does, say what.
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ImportFailed(
            f"图层“{src.layer}”：数据库拒绝写入，未做任何修改：{reason}", problems=[reason]
        ) from exc
    result.problems = list(problems.items)
    if opts.report_path is not None:
        write_geojson(result.problems, opts.report_path)
    mapped = src.resolver.summary()
    if mapped:
        result.notes.insert(0, mapped)
    result.seconds = time.monotonic() - started
    return result
