"""HTTP helpers over the TestClient: identity headers, the case-flow `Api`, error checks."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.service import verify_chains

Headers = dict[str, str]


def who(role: str, user: int | None = None, unit: int | None = None) -> Headers:
    h = {"X-Xiuhua-Role": role}
    if user is not None:
        h["X-Xiuhua-User"] = str(user)
    if unit is not None:
        h["X-Xiuhua-Unit"] = str(unit)
    return h


INSPECTOR_ID, OTHER_INSPECTOR_ID = 101, 102
INSPECTOR = who("inspector", INSPECTOR_ID)
OTHER_INSPECTOR = who("inspector", OTHER_INSPECTOR_ID)
OPERATOR = who("operator", 201)
LEADER = who("shift_leader", 301)
DISPATCHER = who("dispatcher", 401)
HOTLINE = who("hotline_agent", 601)
PHOTO = ["photo-after-1.jpg"]


def handler(unit_id: int, user: int = 501) -> Headers:
    return who("unit_handler", user, unit_id)


def has_chinese(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def err(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code, body
    assert body["message"] and has_chinese(body["message"]), body
    return dict(body)


def upload_photo(client: Any, headers: Headers, kind: str = "report") -> str:
    """Upload a real JPEG through the API and return its attachment id."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 90, 40)).save(buf, "JPEG")
    r = client.post(
        "/api/v1/attachments",
        headers=headers,
        data={"kind": kind},
        files={"file": ("p.jpg", buf.getvalue(), "image/jpeg")},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


class Api:
    """Thin helpers over the TestClient; every call asserts its status."""

    def __init__(self, client: Any, spot: tuple[float, float]) -> None:
        self.c = client
        self.spot = spot
        self.last_photos: list[str] = []

    def report_raw(self, headers: Headers = INSPECTOR, **over: Any) -> Any:
        body = {
            "category": "event:09006",
            "lon": self.spot[0],
            "lat": self.spot[1],
            "description": "人行道上占道经营，影响通行",
        } | over
        if "photos" not in body and headers.get("X-Xiuhua-Role") == "inspector":
            # the report policy: an inspector's report carries a site photo (phone or API)
            body["photos"] = [self.upload(headers, "report")]
        return self.c.post("/api/v1/cases", json=body, headers=headers)

    def report(self, headers: Headers = INSPECTOR, **over: Any) -> dict[str, Any]:
        r = self.report_raw(headers, **over)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def upload(self, headers: Headers, kind: str = "after") -> str:
        """Upload a real JPEG through the API and return its attachment id."""
        return upload_photo(self.c, headers, kind)

    def act_raw(
        self, case: dict[str, Any] | int, action: str, headers: Headers, **body: Any
    ) -> Any:
        cid = case if isinstance(case, int) else case["id"]
        if body.get("photos") is PHOTO:  # a fresh uploaded photo per action
            body["photos"] = self.last_photos = [self.upload(headers)]
        return self.c.post(
            f"/api/v1/cases/{cid}/actions/{action}", json=body or None, headers=headers
        )

    def act(
        self, case: dict[str, Any] | int, action: str, headers: Headers, **body: Any
    ) -> dict[str, Any]:
        r = self.act_raw(case, action, headers, **body)
        assert r.status_code == 200, f"{action}: {r.text}"
        return dict(r.json())

    def get(self, case: dict[str, Any] | int, headers: Headers = OPERATOR) -> dict[str, Any]:
        cid = case if isinstance(case, int) else case["id"]
        r = self.c.get(f"/api/v1/cases/{cid}", headers=headers)
        assert r.status_code == 200, r.text
        return dict(r.json())

    def events(self, case: dict[str, Any] | int) -> list[dict[str, Any]]:
        cid = case if isinstance(case, int) else case["id"]
        r = self.c.get(f"/api/v1/cases/{cid}/events", headers=OPERATOR)
        assert r.status_code == 200, r.text
        return list(r.json())

    def trail(self, case: dict[str, Any] | int) -> list[str]:
        return [e["action"] for e in self.events(case)]

    # -- ready-made cases -------------------------------------------------------------------
    def filed(self, headers: Headers = INSPECTOR, **over: Any) -> dict[str, Any]:
        return self.act(self.report(headers, **over), "file", LEADER)

    def dispatched(self, unit_id: int | None = None, **over: Any) -> dict[str, Any]:
        body = {"unit_id": unit_id} if unit_id is not None else {}
        return self.act(self.filed(**over), "dispatch", DISPATCHER, **body)

    def signed(self, unit_id: int | None = None, **over: Any) -> dict[str, Any]:
        case = self.dispatched(unit_id, **over)
        return self.act(case, "sign", handler(case["assigned_unit_id"]))

    def handled(self, unit_id: int | None = None, **over: Any) -> dict[str, Any]:
        case = self.signed(unit_id, **over)
        return self.act(
            case, "handle", handler(case["assigned_unit_id"]), photos=PHOTO, note="已劝离"
        )


def offset(
    session: Session, spot: tuple[float, float], metres: float, azimuth_deg: float
) -> tuple[float, float]:
    """Return the point `metres` from `spot` towards `azimuth_deg` (geodesic)."""
    x, y = session.execute(
        text(
            "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Project(ST_SetSRID(ST_MakePoint(:x, :y),"
            " 4326)::geography, :m, radians(:a))::geometry g) q"
        ),
        {"x": spot[0], "y": spot[1], "m": metres, "a": azimuth_deg},
    ).one()
    return float(x), float(y)


def chain_ok(session: Session, case_id: int, n_events: int) -> None:
    """The stored (not the in-memory) events of a case form an intact hash chain."""
    session.expire_all()
    checked, problems = verify_chains(session, case_id)
    assert problems == []
    assert checked == n_events


def counts(session: Session) -> tuple[int, ...]:
    """Cases, events, stages and drawn case numbers (a refused request changes none of them)."""
    return tuple(
        session.execute(
            text(
                "SELECT (SELECT count(*) FROM dispatch_case), (SELECT count(*) FROM dispatch_case_event),"
                " (SELECT count(*) FROM dispatch_case_stage),"
                " (SELECT coalesce(sum(last_seq), 0) FROM dispatch_case_number)"
            )
        ).one()
    )


def jpeg(color: tuple[int, int, int] = (200, 90, 40), size: tuple[int, int] = (32, 24)) -> bytes:
    """Return a small solid-colour JPEG (an upload)."""
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()
