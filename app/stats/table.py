"""The one shape every indicator table has, so the API, the CLI and the exports share it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Column:
    """One column: a stable machine key and the label a practitioner reads (e.g. 结案率)."""

    key: str
    label: str
    kind: str = "text"  # text | int | rate | score | datetime


@dataclass(frozen=True, slots=True)
class StatsTable:
    """A titled table of rows keyed by the column keys; rows may be a lazy iterable (exports)."""

    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Mapping[str, Any]]
    meta: Mapping[str, Any] = field(default_factory=dict)
