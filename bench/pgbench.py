"""pgbench with custom scripts: the raw server limit for the same statements, 1 and 2 clients."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.inproc import LOCATE_SQL, RAW_LOCATE_SQL

PGBENCH_CANDIDATES = ("/usr/lib/postgresql/15/bin/pgbench",)


def find_pgbench() -> str | None:
    """Path of pgbench: PATH first, then the Debian location."""
    found = shutil.which("pgbench")
    if found:
        return found
    for cand in PGBENCH_CANDIDATES:
        if os.access(cand, os.X_OK):
            return cand
    return None


def _script(sql: str, square: tuple[float, float, float, float]) -> str:
    """A pgbench script: a uniform random point in `square`, then `sql` with :lon/:lat."""
    xmin, ymin, xmax, ymax = square
    # pgbench's random() is integer; scale a million steps over the square.
    return (
        f"\\set lon {xmin!r} + random(0, 999999) * {(xmax - xmin) / 1e6!r}\n"
        f"\\set lat {ymin!r} + random(0, 999999) * {(ymax - ymin) / 1e6!r}\n"
        + " ".join(sql.split())
        + ";\n"
    )


def raw_locate_script(square: tuple[float, float, float, float]) -> str:
    """The raw cell lookup as a pgbench script."""
    return _script(RAW_LOCATE_SQL.replace("%s", ":lon", 1).replace("%s", ":lat", 1), square)


def service_locate_script(
    square: tuple[float, float, float, float], addr_m: float, addr_deg: float
) -> str:
    """The service's locate statement as a pgbench script (address radius fixed at the centre)."""
    sql = (
        LOCATE_SQL.replace("%(lon)s", ":lon")
        .replace("%(lat)s", ":lat")
        .replace("%(addr_m)s", repr(addr_m))
        .replace("%(addr_deg)s", repr(addr_deg))
        .replace("%(at)s", "now()")
        .replace("%(coslat)s", repr(math.cos(math.radians((square[1] + square[3]) / 2))))
    )
    return _script(sql, square)


_TPS = re.compile(r"^tps = ([0-9.]+)", re.M)
_LAT = re.compile(r"^latency average = ([0-9.]+) ms", re.M)
_TX = re.compile(r"^number of transactions actually processed: (\d+)", re.M)
_FAILED = re.compile(r"^number of failed transactions: (\d+)", re.M)


def run_pgbench(
    pgbench: str, uri: str, script: str, clients: int, seconds: int, seed: int
) -> dict[str, Any]:
    """Run one pgbench (prepared protocol) and return tps, average latency and counts."""
    with tempfile.TemporaryDirectory(prefix="xiuhua-bench-") as tmp:
        path = Path(tmp) / "script.sql"
        path.write_text(script, encoding="utf-8")
        cmd = [
            pgbench,
            "-n",
            "-M",
            "prepared",
            "-c",
            str(clients),
            "-j",
            str(clients),
            "-T",
            str(seconds),
            f"--random-seed={seed}",
            "-f",
            str(path),
            uri,
        ]
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=seconds + 60, check=False
            )
        except subprocess.TimeoutExpired:
            return {"clients": clients, "error": "timeout"}
    out = proc.stdout
    tps, lat, tx, failed = (
        _TPS.search(out),
        _LAT.search(out),
        _TX.search(out),
        _FAILED.search(out),
    )
    if proc.returncode != 0 or tps is None:
        return {"clients": clients, "error": (proc.stderr or out).strip()[-500:]}
    return {
        "clients": clients,
        "seconds": seconds,
        "tps": round(float(tps.group(1)), 1),
        "latency_avg_ms": float(lat.group(1)) if lat else None,
        "transactions": int(tx.group(1)) if tx else None,
        "failed": int(failed.group(1)) if failed else 0,
    }
