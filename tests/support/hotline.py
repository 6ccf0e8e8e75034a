"""Helpers shared by the hotline API tests (not a test module)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.support.api import DISPATCHER, INSPECTOR, LEADER, PHOTO, Api, handler, who
from tests.support.identity import ensure_test_user

Headers = dict[str, str]
PHONE = "139 0731 9264"
PHONE_DIGITS = "13907319264"
NAME = "欧阳修远"
URL = "/api/v1/hotline/tickets"


def agent(
    session: Session, user: int = 611, districts: tuple[str, ...] | None = ("370303",)
) -> Headers:
    """A hotline agent limited to `districts` (None: city level)."""
    ensure_test_user(session, "hotline_agent", user, None)
    session.execute(
        text("UPDATE account_user SET district_codes = :d WHERE id = :i"),
        {"d": list(districts or ()), "i": user},
    )
    return who("hotline_agent", user)


def body(no: str, **over: Any) -> dict[str, Any]:
    return {
        "ticket_no": no,
        "caller_name": NAME,
        "caller_phone": PHONE,
        "content": "小区门口每天早上有人摆摊卖菜，堵住了人行道",
        "category": "event:09006",
        "urgency": "general",
    } | over


def file(client: Any, headers: Headers, no: str, **over: Any) -> dict[str, Any]:
    r = client.post(URL, json=body(no, **over), headers=headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


def address(session: Session, like: str) -> tuple[int, float, float, str]:
    row = session.execute(
        text(
            "SELECT id, ST_X(geom), ST_Y(geom), district_code FROM grid_address"
            " WHERE full_text LIKE :l ORDER BY id LIMIT 1"
        ),
        {"l": like},
    ).one()
    return int(row[0]), float(row[1]), float(row[2]), str(row[3])


def unit_id(session: Session, code: str) -> int:
    return int(
        session.execute(text("SELECT id FROM grid_unit WHERE code = :c"), {"c": code}).scalar_one()
    )


def shanghai_today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def fallback_unit(session: Session, district: str = "370303") -> int:
    return int(
        session.execute(
            text("SELECT fallback_unit_id FROM grid_district WHERE code = :d"), {"d": district}
        ).scalar_one()
    )


def spot_of(db_session: Session) -> tuple[float, float]:
    """A point inside a normal-class cell of the demo city."""
    x, y = db_session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND area_m2 > 9999 AND mgmt_class = 'normal'"
            " ORDER BY code LIMIT 1 OFFSET 1234) q"
        )
    ).one()
    return float(x), float(y)


def to_closed(api: Api, case_id: int, unit_id: int | None = None) -> dict[str, Any]:
    """File, dispatch, sign, handle, check and close a ticket's case."""
    case = api.act(case_id, "file", LEADER)
    case = api.act(case, "dispatch", DISPATCHER, **({"unit_id": unit_id} if unit_id else {}))
    unit = handler(case["assigned_unit_id"])
    case = api.act(case, "sign", unit)
    case = api.act(case, "handle", unit, photos=PHOTO, note="已处理")
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    return api.act(case, "close", LEADER)
