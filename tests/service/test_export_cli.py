"""`xiuhua export cases|exchange` as a user runs it (subprocesses) on a scratch clone with
committed cases; errors exit 1 with the stable code in Chinese output."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import openpyxl
from sqlalchemy import create_engine

from app.core.db import unit_of_work
from tests.support.cli import run_cli
from tests.support.engine import LEADER, act, at, report, spot_in
from tests.support.export_world import exchange_validator


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
    r = run_cli(
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

    r = run_cli(
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
    r = run_cli(
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
    r = run_cli(
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
    r = run_cli(
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
    r = run_cli(export_db_url, "export", "exchange", "--district", "370303", "-o", str(jl))
    assert r.returncode == 0, r.stderr
    records = [json.loads(x) for x in jl.read_text(encoding="utf-8").splitlines()]
    validator = exchange_validator()
    for rec in records:
        validator.validate(rec)
    assert [x["case_no"] for x in records] == numbers
    r = run_cli(
        export_db_url,
        "export",
        "exchange",
        "--updated-since",
        "soon",
        "-o",
        str(tmp_path / "y.jsonl"),
    )
    assert r.returncode == 1 and "[invalid_date]" in r.stderr
