"""Run `xiuhua` as a user does (a subprocess) against a database URL; scratch databases for it."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.databases import admin_engine, create_database, drop_database, url_for

ROOT = Path(__file__).resolve().parents[2]


XIUHUA = [sys.executable, "-c", "from app.cli import main; main()"]


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
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


@pytest.fixture
def export_db_url(template_db: str) -> Iterator[str]:
    """A scratch clone of the template named xh_export_*, dropped afterwards."""
    name = f"xh_export_{uuid.uuid4().hex[:10]}"
    admin = admin_engine()
    create_database(admin, name, template_db)
    try:
        yield url_for(name)
    finally:
        drop_database(admin, name)
        admin.dispose()
