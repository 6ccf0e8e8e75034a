"""Driver-level SQL for asyncpg: `%(name)s` binds become `$n`, in order of first use."""

from __future__ import annotations

from app.core.db import driver_sql, positional


def test_each_name_is_one_positional_bind_and_percent_signs_stay() -> None:
    sql = driver_sql("SELECT :a, :b, :a, '100%' LIKE :b, 5 % 2 WHERE x = :c")
    query, names = positional(sql)
    assert query == "SELECT $1, $2, $1, '100%' LIKE $2, 5 % 2 WHERE x = $3"
    assert names == ("a", "b", "c")


def test_a_statement_without_binds_is_unchanged() -> None:
    assert positional(driver_sql("SELECT 1")) == ("SELECT 1", ())
