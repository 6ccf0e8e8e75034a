"""`wire_json` (the answers' one walk to JSON) equals FastAPI's encoder + the instant format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum, IntEnum, StrEnum
from typing import Any

import pytest
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

from app.api.responses import wire_json
from app.cases import workflow as wf
from app.core.clock import normalize_instants


class Mixed(str, Enum):  # noqa: UP042 (the str mixin is what is tested)
    a = "alpha"


class Level(IntEnum):
    one = 1


class Tone(StrEnum):
    red = "red"


@dataclass
class Point:
    lon: float
    at: datetime


class Model(BaseModel):
    name: str
    at: datetime
    amount: Decimal


AT = datetime(2026, 3, 2, 1, 30, 15, 123456, tzinfo=UTC)
VALUES: list[Any] = [
    None,
    True,
    0,
    -7,
    1.5,
    "plain",
    "2026-03-02T01:30:00Z",
    "2026-03-02T09:30:00+08:00",
    "2026-03-02",
    AT,
    AT.astimezone(timezone(timedelta(hours=-5))),
    date(2026, 3, 2),
    Decimal("8.00"),
    Decimal("2.5"),
    Mixed.a,
    Level.one,
    Tone.red,
    wf.Status.filed,
    (1, "x", AT),
    {3, 1},
    Point(116.4, AT),
    Model(name="n", at=AT, amount=Decimal("1.25")),
    {"id": 1, "when": AT, "nested": [{"at": AT, "d": Decimal("3")}, ("t", None)], 7: "int key"},
    {Tone.red: 1, Mixed.a: [Level.one], "_sa_instance_state": "dropped"},
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_wire_json_equals_the_encoder_then_the_instant_format(value: Any) -> None:
    assert wire_json(value) == normalize_instants(jsonable_encoder(value))
