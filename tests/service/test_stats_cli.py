"""`xiuhua seed-history` and `xiuhua stats …` as a user runs them (subprocesses)."""

from __future__ import annotations

import csv
import io
import json

from tests.support.cli import run_cli


def test_seed_refresh_check_tables_and_publish(fresh_db_url: str) -> None:
    r = run_cli(
        fresh_db_url,
        "seed-history",
        "--cases",
        "3000",
        "--years",
        "0.5",
        "--until",
        "2026-06-30T18:00:00+08:00",
        "--seed",
        "5",
    )
    assert r.returncode == 0, r.stderr
    assert "3,000 个案卷" in r.stderr
    assert run_cli(fresh_db_url, "stats", "refresh").returncode == 0
    r = run_cli(fresh_db_url, "stats", "check")
    assert r.returncode == 0 and r.stderr.count("一致") == 4, r.stderr
    r = run_cli(fresh_db_url, "audit", "verify")
    assert r.returncode == 0, r.stderr

    r = run_cli(
        fresh_db_url,
        "stats",
        "indicators",
        "--scope",
        "street",
        "--period",
        "month",
        "--date",
        "2026-05-10",
        "--format",
        "csv",
    )
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0][:3] == ["街道代码", "名称", "上报数"] and len(rows) > 2
    assert "按期处置率（含超期在办）" in rows[0] and "按期处置率（仅已处置）" in rows[0]

    r = run_cli(
        fresh_db_url,
        "stats",
        "indicators",
        "--scope",
        "unit",
        "--period",
        "month",
        "--date",
        "2026-05-10",
        "--format",
        "json",
    )
    body = json.loads(r.stdout)
    assert body["rows"] and body["meta"]["period"]["label"] == "2026年5月"
    r = run_cli(
        fresh_db_url, "stats", "indicators", "--scope", "dispatcher", "--date", "2026-05-10"
    )
    assert r.returncode == 0 and "派遣员" in r.stdout

    r = run_cli(fresh_db_url, "stats", "indicators", "--scope", "galaxy")
    assert r.returncode == 1 and "unknown_scope" in r.stderr

    assert (
        run_cli(fresh_db_url, "stats", "publish", "--month", "2026-05", "--kind", "unit").returncode
        == 0
    )
    r = run_cli(fresh_db_url, "stats", "publish", "--month", "2026-05", "--kind", "unit")
    assert r.returncode == 1 and "assessment_published" in r.stderr
    r = run_cli(fresh_db_url, "stats", "ranking", "--month", "2026-05", "--format", "json")
    assert all(row["published"] for row in json.loads(r.stdout)["rows"])

    r = run_cli(
        fresh_db_url,
        "stats",
        "hotspots",
        "--period",
        "custom",
        "--start",
        "2026-03-01",
        "--end",
        "2026-06-30",
        "--format",
        "json",
    )
    assert json.loads(r.stdout)["rows"][0]["cases"] >= 3
    r = run_cli(fresh_db_url, "stats", "settings", "repeat", "--set", '{"min_cases": 4}')
    assert r.returncode == 0 and json.loads(r.stdout) == {"repeat": {"min_cases": 4}}
    r = run_cli(fresh_db_url, "stats", "settings", "repeat", "--set", '{"min_cases": 1}')
    assert r.returncode == 1 and "invalid_setting" in r.stderr
