"""`xiuhua export cases|exchange` as a user runs it (subprocesses) on a scratch clone with
committed cases; errors exit 1 with the stable code in Chinese output."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine

from app.core.db import unit_of_work
from tests.conftest import _admin_engine, _url_for, create_database, drop_database
from tests.service.test_export import _validator
from tests.support.engine import LEADER, act, at, report, spot_in

ROOT = Path(__file__).resolve().parents[2]
XIUHUA = [sys.executable, "-c", "from app.cli import main; main()"]


@pytest.fixture
def export_db_url(template_db: str) -> Iterator[str]:
    """A scratch clone of the template named xh_export_*, dropped afterwards."""
    name = f"xh_export_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    create_database(admin, name, template_db)
    try:
        yield _url_for(name)
    finally:
        drop_database(admin, name)
        admin.dispose()


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XIUHUA_DATABASE_URL": url, "COLUMNS": "200"}
    return subprocess.run(
        [*XIUHUA, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_export_cases_and_exchange_from_the_command_line(
    export_db_url: str, tmp_path: Path
) -> None:
    engine = create_engine(export_db_url)
    with unit_of_work(engine) as s:
        cases = [report(s, at(2 + i, 9), spot_in(s, nth=50 * i + 7)) for i in range(5)]
        act(s, cases[0], "file", LEADER, at(2, 9) + timedelta(minutes=5))
        numbers = [c.case_no for c in cases]
    engine.dispose()

    out = tmp_path / "cases.csv"
    r = _run(
        export_db_url,
        "export",
        "cases",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-05",
        "-o",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    assert "已导出 4 条案卷" in r.stderr and "导出案卷" in r.stderr  # the progress bar's label
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [x["案卷编号"] for x in rows] == numbers[:4]
    assert rows[0]["状态"] == "待派遣" and rows[1]["状态"] == "待受理"

    r = _run(
        export_db_url,
        "export",
        "cases",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-05",
        "-o",
        str(out),
    )
    assert r.returncode == 1 and "已存在" in r.stderr and "--overwrite" in r.stderr

    xlsx = tmp_path / "cases.xlsx"
    r = _run(
        export_db_url,
        "export",
        "cases",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--status",
        "filed",
        "-o",
        str(xlsx),
    )
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == [numbers[0]]

    bad = tmp_path / "bad.csv"
    r = _run(
        export_db_url,
        "export",
        "cases",
        "--from",
        "2026-03-01",
        "--to",
        "2027-06-01",
        "-o",
        str(bad),
    )
    assert r.returncode == 1 and "[period_too_long]" in r.stderr and "366" in r.stderr
    assert not bad.exists()
    r = _run(
        export_db_url,
        "export",
        "cases",
        "--from",
        "3/1",
        "--to",
        "2026-03-05",
        "-o",
        str(tmp_path / "x.txt"),
    )
    assert r.returncode == 1 and "[unsupported_format]" in r.stderr

    jl = tmp_path / "cases.jsonl"
    r = _run(export_db_url, "export", "exchange", "--district", "370303", "-o", str(jl))
    assert r.returncode == 0, r.stderr
    records = [json.loads(x) for x in jl.read_text(encoding="utf-8").splitlines()]
    validator = _validator()
    for rec in records:
        validator.validate(rec)
    assert [x["case_no"] for x in records] == numbers
    r = _run(
        export_db_url,
        "export",
        "exchange",
        "--updated-since",
        "soon",
        "-o",
        str(tmp_path / "y.jsonl"),
    )
    assert r.returncode == 1 and "[invalid_date]" in r.stderr
