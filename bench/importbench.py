"""Benchmark of the grid import: `xiuhua grid import FILE --layer cell` of a whole district.

In a scratch database `xh_export_imp_<random>` (a clone of the migrated test template, or a
freshly migrated one), the district's demo city is present (the template's 张店区) or built
(`build_demo_city`, the same seed as `make run`); its current cells are exported with
`xiuhua grid export --layer cell` to a GeoPackage, then imported again as a new survey
generation with `xiuhua grid import` — reading the file, validating every row, the topology
check (overlaps, cells outside their community, gaps), closing the old generation and writing
the new one, all in one transaction, exactly as an operator runs it. `import_s` is the wall time
of that command (a fresh Python process, as in production). The scratch database is dropped.

Quick mode imports the 张店区 grid (370303); full mode the largest district whose boundary ships
with the product (app/data/districts, by geodesic area).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.scratch import DEFAULT_TEMPLATE, create_scratch, ensure_demo_city, url_for

ROOT = Path(__file__).resolve().parent.parent
QUICK_DISTRICT = "370303"
XIUHUA = [sys.executable, "-c", "from app.cli import main; main()"]


def largest_district() -> str:
    """The code of the shipped district boundary with the largest geodesic area."""
    from pyproj import Geod

    from app.core.config import DATA_DIR
    from app.demo.city import read_boundary

    geod = Geod(ellps="WGS84")
    areas = {}
    for path in sorted((DATA_DIR / "districts").glob("*.geojson")):
        b = read_boundary(path)
        areas[b.code] = abs(geod.geometry_area_perimeter(b.geom)[0])
    return max(areas, key=lambda code: areas[code])


def _cli(url: str, *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {
        **os.environ,
        "XIUHUA_DATABASE_URL": url,
        "COLUMNS": "200",
        "XIUHUA_LOG_LEVEL": "WARNING",
    }
    t = time.perf_counter()
    r = subprocess.run(
        [*XIUHUA, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    took = time.perf_counter() - t
    if r.returncode != 0:
        raise RuntimeError(f"xiuhua {' '.join(args[:3])} failed: {r.stderr.strip()[-1500:]}")
    return took, r


def bench_import(
    database_url: str,
    district: str,
    *,
    template: str | None = DEFAULT_TEMPLATE,
    seed: int | None = None,
    keep: bool = False,
) -> dict[str, Any]:
    """Time the import of a district's whole cell layer into a scratch database (dropped)."""
    name = f"xh_export_imp_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url_for(database_url, "postgres"), isolation_level="AUTOCOMMIT")
    url = url_for(database_url, name)
    out: dict[str, Any] = {"import_district": district}
    try:
        t = time.perf_counter()
        out["import_db"] = create_scratch(admin, database_url, name, template)
        built = ensure_demo_city(url, district, seed)
        if built is not None:
            out["import_demo_build_s"] = built
        out["import_setup_s"] = round(time.perf_counter() - t, 1)
        with tempfile.TemporaryDirectory(prefix="xh_export_imp_") as tmp:
            file = Path(tmp) / f"cells-{district}.gpkg"
            export_s, _ = _cli(
                url, "grid", "export", str(file), "--layer", "cell", "--district", district
            )
            out["import_export_s"] = round(export_s, 1)
            out["import_file_mb"] = round(file.stat().st_size / 1e6, 1)
            import_s, r = _cli(url, "grid", "import", str(file), "--layer", "cell")
        m = re.search(r"用时 ([\d.]+) 秒", r.stderr)
        engine = create_engine(url)
        try:
            with engine.connect() as c:
                cur = c.execute(
                    text(
                        "SELECT count(*), count(DISTINCT valid_from) FROM grid_cell"
                        " WHERE district_code = :d AND valid_to IS NULL"
                    ),
                    {"d": district},
                ).one()
                closed = c.execute(
                    text(
                        "SELECT count(*) FROM grid_cell WHERE district_code = :d"
                        " AND valid_to IS NOT NULL"
                    ),
                    {"d": district},
                ).scalar_one()
        finally:
            engine.dispose()
        out.update(
            {
                "import_cells": int(cur[0]),
                "import_s": round(import_s, 2),
                "import_in_process_s": float(m.group(1)) if m else None,
                "import_closed_cells": int(closed),
                "import_generations_current": int(cur[1]),
            }
        )
        return out
    finally:
        if not keep:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.importbench [--district CODE | --full]`: print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--district", default=None, help="district code (default: 370303, --full: largest)"
    )
    p.add_argument("--full", action="store_true", help="the largest shipped district")
    p.add_argument("--database-url", default=None)
    p.add_argument("--template", default=DEFAULT_TEMPLATE)
    p.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = p.parse_args(argv)
    from app.core.config import get_settings

    district = args.district or (largest_district() if args.full else QUICK_DISTRICT)
    url = args.database_url or get_settings().database_url
    out = bench_import(url, district, template=args.template or None, keep=args.keep)
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
