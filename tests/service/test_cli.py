"""The `xiuhua` command line against a real database (subprocesses, as a user runs it)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.support.cli import ROOT, XIUHUA, run_cli


def test_bootstrap_is_idempotent_and_demo_city_refuses_to_overwrite(fresh_db_url: str) -> None:
    r = run_cli(fresh_db_url, "db", "upgrade")
    assert r.returncode == 0, r.stderr
    r = run_cli(fresh_db_url, "bootstrap")
    assert r.returncode == 0, r.stderr
    assert "跳过" in r.stderr  # the template already holds 张店区
    boundary = ROOT / "app" / "data" / "districts" / "370303.geojson"
    r = run_cli(fresh_db_url, "demo-city", "--boundary", str(boundary), "--seed", "1")
    assert r.returncode == 1
    assert "已存在" in r.stderr and "--replace" in r.stderr
    r = run_cli(fresh_db_url, "check-db")
    assert r.returncode == 0 and "数据库可用" in r.stderr


def test_bootstrap_on_an_empty_database_loads_catalogue_and_demo_city(fresh_db_url: str) -> None:
    eng = create_engine(fresh_db_url)
    with eng.begin() as c:
        for t in (
            "grid_rule",
            "grid_component",
            "grid_frontage",
            "grid_address",
            "grid_cell",
            "grid_community",
            "grid_street",
            "grid_district",
            "grid_unit",
            "dispatch_filing_standard",
            "dispatch_stage_limit",
            "dispatch_category",
        ):
            c.execute(text(f"DELETE FROM {t}"))
    r = run_cli(fresh_db_url, "bootstrap", "--seed", "2")
    assert r.returncode == 0, r.stderr
    assert "已载入默认类别目录" in r.stderr and "演示城市已生成" in r.stderr
    with eng.connect() as c:
        cells = c.execute(
            text("SELECT count(*) FROM grid_cell WHERE valid_to IS NULL")
        ).scalar_one()
        cats = c.execute(text("SELECT count(*) FROM dispatch_category")).scalar_one()
    eng.dispose()
    assert cells > 30_000 and cats == 403


def test_calendar_load_and_audit_verify(fresh_db_url: str) -> None:
    example = ROOT / "app" / "data" / "calendar" / "2027.example.json"
    r = run_cli(fresh_db_url, "calendar", "load", str(example))
    assert r.returncode == 0, r.stderr
    assert "已载入 2027 年工作日历" in r.stderr
    r = run_cli(fresh_db_url, "audit", "verify")
    assert r.returncode == 0, r.stderr
    assert "校验通过" in r.stderr
    bad = ROOT / "app" / "data" / "calendar" / "README.md"
    r = run_cli(fresh_db_url, "calendar", "load", str(bad))
    assert r.returncode == 1 and "错误" in r.stderr


def test_catalogue_load_adds_a_local_extension(fresh_db_url: str, tmp_path: Path) -> None:
    f = tmp_path / "local.csv"
    f.write_text(
        "kind,code,major_code,major_name,name,provenance\n"
        "event,10901,10,其他事项类,共享单车乱停放,local\n",
        encoding="utf-8",
    )
    r = run_cli(fresh_db_url, "catalogue", "load", str(f))
    assert r.returncode == 0, r.stderr
    assert "已载入 1 个类别" in r.stderr
    r = run_cli(fresh_db_url, "catalogue", "load", str(f))
    assert "已载入 0 个类别" in r.stderr  # idempotent
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    r = run_cli(fresh_db_url, "catalogue", "load", str(bad))
    assert r.returncode == 1 and "格式不正确" in r.stderr


def _run_in(url: str, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XIUHUA_DATABASE_URL": url, "COLUMNS": "200"}
    return subprocess.run(
        [*XIUHUA, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_user_update_enable_disable_and_the_last_admin(fresh_db_url: str) -> None:
    """Regression: the CLI could not re-enable a user; the last admin could be disabled."""
    eng = create_engine(fresh_db_url)
    with eng.begin() as c:
        c.execute(text("UPDATE account_user SET active = false WHERE role = 'admin'"))
    eng.dispose()
    pw = "cli-admin-pass-1\n"
    r = _run_in(
        fresh_db_url,
        pw,
        "user",
        "create",
        "--username",
        "root-admin",
        "--role",
        "admin",
        "--password-stdin",
    )
    assert r.returncode == 0, r.stderr
    r = run_cli(fresh_db_url, "user", "disable", "root-admin")
    assert r.returncode == 1 and "最后一个启用的系统管理员" in r.stderr
    # a centre role needs districts (or an explicit --city-wide); no password → only disabled
    r = run_cli(fresh_db_url, "user", "create", "--username", "op", "--role", "operator")
    assert r.returncode == 1 and "辖区" in r.stderr
    r = run_cli(
        fresh_db_url,
        "user",
        "create",
        "--username",
        "op",
        "--role",
        "operator",
        "--districts",
        "370303",
    )
    assert r.returncode == 1 and "密码" in r.stderr
    r = run_cli(
        fresh_db_url,
        "user",
        "create",
        "--username",
        "op",
        "--role",
        "operator",
        "--districts",
        "370303",
        "--disabled",
    )
    assert r.returncode == 0, r.stderr
    r = run_cli(fresh_db_url, "user", "enable", "op")
    assert r.returncode == 1 and "密码" in r.stderr
    r = _run_in(
        fresh_db_url,
        "op-password-1\n",
        "user",
        "update",
        "op",
        "--password-stdin",
        "--role",
        "dispatcher",
    )
    assert r.returncode == 0, r.stderr
    r = run_cli(fresh_db_url, "user", "enable", "op")
    assert r.returncode == 0, r.stderr
    r = run_cli(fresh_db_url, "user", "update", "op", "--unit", "NOPE")
    assert r.returncode == 1
    with create_engine(fresh_db_url).connect() as c:
        row = c.execute(
            text(
                "SELECT role, active, password_hash IS NOT NULL FROM account_user"
                " WHERE username = 'op'"
            )
        ).one()
    assert tuple(row) == ("dispatcher", True, True)
