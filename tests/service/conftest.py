"""Fixtures shared by the service tests (defined in tests/support)."""

from tests.support.cli import export_db_url  # noqa: F401 (fixture)
from tests.support.export_world import world  # noqa: F401 (fixture)
