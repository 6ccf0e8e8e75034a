"""The centre's unit search: any active unit by name or code, within the caller's districts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.identity.service import UserInput, create_user, issue_tokens


def _scoped(s: Session, role: str, districts: list[str]) -> dict[str, str]:
    user = create_user(
        s, UserInput(f"scoped-{role}", role, password="Scoped-Passw0rd", districts=districts), now()
    )
    s.flush()
    return {"Authorization": f"Bearer {issue_tokens(user, now()).access_token}"}


def test_centre_roles_search_units_in_their_districts(client: Any, db_session: Session) -> None:
    s = db_session
    s.execute(
        text(
            "INSERT INTO grid_unit (code, name, kind, district_code, active) VALUES"
            " ('370302-CG', '淄川区综合行政执法局', 'bureau', '370302', true),"
            " ('370303-OLD', '张店区旧单位', 'bureau', '370303', false)"
        )
    )
    for role in ("dispatcher", "shift_leader", "operator", "leader", "admin"):
        r = client.get("/api/v1/units", params={"q": "执法"}, headers={"X-Xiuhua-Role": role})
        assert r.status_code == 200, (role, r.text)
        names = [u["name"] for u in r.json()]
        assert "综合行政执法局" in " ".join(names), (role, names)
    # the exact code first; inactive units never
    r = client.get(
        "/api/v1/units", params={"q": "370303-CG"}, headers={"X-Xiuhua-Role": "dispatcher"}
    )
    hit = r.json()[0]
    assert hit["code"] == "370303-CG" and hit["kind_label"]
    r = client.get("/api/v1/units", params={"q": "旧单位"}, headers={"X-Xiuhua-Role": "dispatcher"})
    assert r.json() == []

    # scoped to the caller's districts: a 张店 dispatcher does not see 淄川's units
    everywhere = client.get(
        "/api/v1/units", params={"q": "淄川"}, headers={"X-Xiuhua-Role": "dispatcher"}
    ).json()
    assert [u["code"] for u in everywhere] == ["370302-CG"]
    zhangdian = _scoped(s, "dispatcher", ["370303"])
    assert client.get("/api/v1/units", params={"q": "淄川"}, headers=zhangdian).json() == []
    mine = client.get("/api/v1/units", params={"q": "执法"}, headers=zhangdian).json()
    assert mine and all(u["district_code"] == "370303" for u in mine)
    assert len(client.get("/api/v1/units", params={"limit": 3}, headers=zhangdian).json()) == 3

    # read-only and for the centre: units, inspectors and the hotline get 403
    for role in ("unit_handler", "inspector", "hotline_agent"):
        r = client.get("/api/v1/units", params={"q": "执法"}, headers={"X-Xiuhua-Role": role})
        assert r.status_code == 403 and r.json()["code"] == "forbidden", role
    assert client.get("/api/v1/units").status_code == 401
    r = client.get("/api/v1/units", params={"limit": 0}, headers={"X-Xiuhua-Role": "dispatcher"})
    assert r.status_code == 422
