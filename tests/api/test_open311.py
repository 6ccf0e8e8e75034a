"""Open311 GeoReport v2: discovery, services, service definitions, POST requests, errors, tokens.

Every JSON answer is validated against the Open311 project's published schemas
(tests/data/open311/), every XML answer is read the way FixMyStreet's client reads it.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.service import verify_chains
from app.core.clock import now
from app.core.config import get_settings
from app.core.pii import decrypt, phone_index
from app.identity.service import revoke_api_key
from tests.support.open311 import (
    BASE,
    INSIDE,
    JSON_TYPE,
    OUTSIDE,
    XML_TYPE,
    address_code,
    case_row,
    check_error,
    fms_xml,
    jpeg,
    new_key,
    validate,
)

FORMATS = ["xml", "json"]


@pytest.fixture
def key(db_session: Session) -> str:
    return new_key(db_session)


def _cat_id(s: Session, kind: str, code: str) -> int:
    return int(
        s.execute(
            text("SELECT id FROM dispatch_category WHERE kind = :k AND code = :c"),
            {"k": kind, "c": code},
        ).scalar_one()
    )


def post(client: Any, fmt: str, data: dict[str, Any], **kw: Any) -> Any:
    return client.post(f"{BASE}/requests.{fmt}", data=data, **kw)


def form(key: str, **extra: Any) -> dict[str, Any]:
    base = {
        "api_key": key,
        "service_code": "event:09006",
        "lat": str(INSIDE[1]),
        "long": str(INSIDE[0]),
        "description": "人行道上有流动摊贩占道经营",
    }
    base.update(extra)
    return base


# --- discovery and services ---------------------------------------------------------------------


def test_discovery_in_both_formats(client: Any) -> None:
    r = client.get(f"{BASE}/discovery.json")
    assert r.status_code == 200 and r.headers["content-type"] == JSON_TYPE
    d = r.json()
    assert set(d) == {"changeset", "contact", "key_service", "endpoints"}
    ep = d["endpoints"][0]
    assert ep["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert ep["url"].endswith("/open311/v2/") and ep["type"] == "production"
    assert ep["formats"] == ["text/xml", "application/json"]
    x = client.get(f"{BASE}/discovery.xml")
    assert x.status_code == 200 and x.headers["content-type"] == XML_TYPE
    assert x.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<discovery>')
    parsed = fms_xml(x.content)
    assert parsed["endpoints"]["endpoint"]["formats"]["format"] == ["text/xml", "application/json"]
    assert parsed["changeset"] == d["changeset"] and "+08:00" in d["changeset"]


def test_services_list_public_categories_grouped_by_major_class(client: Any) -> None:
    r = client.get(f"{BASE}/services.json", params={"jurisdiction_id": "zibo.gov.cn"})
    assert r.status_code == 200 and r.headers["content-type"] == JSON_TYPE
    services = r.json()
    validate("services.json", services)
    by_code = {s["service_code"]: s for s in services}
    vending = by_code["event:09006"]
    assert vending["service_name"] == "占道经营" and vending["group"] == "街面秩序类"
    assert vending["type"] == "realtime" and vending["metadata"] is False
    assert "占道经营" in vending["keywords"].split(",")
    assert by_code["event:06001"]["metadata"] is True  # two filing conditions to choose from
    assert by_code["component:01003"]["group"] == "市政公用设施"  # 雨水井盖
    assert "component:01064" not in by_code  # 牌楼: not a public category by default
    assert "event:01003" not in by_code  # the component mirrors are for staff
    assert all(isinstance(s["service_code"], str) for s in services)
    xml = fms_xml(client.get(f"{BASE}/services.xml").content)
    assert [s["service_code"] for s in xml["service"]] == [s["service_code"] for s in services]
    x = next(s for s in xml["service"] if s["service_code"] == "event:09006")
    assert x["group"] == ["街面秩序类"] and x["metadata"] == "false"


def test_public_intake_is_editable_by_admins(client: Any, db_session: Session, key: str) -> None:
    admin = {"X-Xiuhua-Role": "admin", "X-Xiuhua-User": "1"}
    cid = _cat_id(db_session, "event", "09006")
    r = client.patch(
        f"/api/v1/admin/categories/{cid}", json={"public_intake": False}, headers=admin
    )
    assert r.status_code == 200 and r.json()["public_intake"] is False
    codes = {s["service_code"] for s in client.get(f"{BASE}/services.json").json()}
    assert "event:09006" not in codes
    check_error(client.get(f"{BASE}/services/event:09006.json"), 404, "json")
    check_error(post(client, "xml", form(key)), 404, "xml")
    arch = _cat_id(db_session, "component", "01064")
    client.patch(f"/api/v1/admin/categories/{arch}", json={"public_intake": True}, headers=admin)
    codes = {s["service_code"] for s in client.get(f"{BASE}/services.json").json()}
    assert "component:01064" in codes


def test_service_definition_condition_and_component(client: Any) -> None:
    r = client.get(f"{BASE}/services/event:06001.json")
    assert r.status_code == 200
    d = r.json()
    validate("service-definition.json", d)
    assert d["service_code"] == "event:06001"
    [cond] = d["attributes"]
    assert cond["code"] == "condition" and cond["datatype"] == "singlevaluelist"
    assert cond["required"] is True and cond["variable"] is True and cond["order"] == 1
    assert [v["key"] for v in cond["values"]] == ["1", "2"]
    assert cond["values"][0]["name"].startswith("紧急：正在搭建")
    cover = client.get(f"{BASE}/services/component:01003.json").json()
    validate("service-definition.json", cover)
    assert [a["code"] for a in cover["attributes"]] == ["condition", "component_id"]
    comp = cover["attributes"][1]
    assert comp["datatype"] == "string" and comp["required"] is False and comp["order"] == 2
    plain = client.get(f"{BASE}/services/event:09006.json").json()
    validate("service-definition.json", plain)
    assert plain["attributes"] == []
    xml = fms_xml(client.get(f"{BASE}/services/component:01003.xml").content)
    assert xml["service_code"] == "component:01003"
    assert [a["code"] for a in xml["attributes"]] == ["condition", "component_id"]
    values = xml["attributes"][0]["values"]
    assert [v["key"] for v in values] == ["1", "2"] and values[0]["name"].startswith("紧急")
    assert xml["attributes"][0]["required"] == "true"
    assert "values" not in xml["attributes"][1]


# --- POST requests ------------------------------------------------------------------------------


def test_fixmystreet_form_post_creates_an_open311_case_staff_can_read(
    client: Any, db_session: Session, key: str
) -> None:
    data = {
        "api_key": key,
        "jurisdiction_id": "zibo",
        "service_code": "event:06010",
        "address_id": "#NOTPINPOINTED#",
        "address_string": "张店区金城路5号",
        "deviceid": "fms-device-42",
        "email": "citizen@example.org",
        "phone": "138 0013 8000",
        "first_name": "Li",
        "last_name": "Lei",
        "account_id": "fms-user-7",
        "attribute[fixmystreet_id]": "1234",
        "description": "垃圾暴露\n\nhttps://fixmystreet.example/report/1234",
        "media_url": "",  # empty = absent
    }
    r = client.post(f"{BASE}/requests.xml", data=data)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == XML_TYPE
    parsed = fms_xml(r.content)
    answer = parsed["request"][0]
    case_no = answer["service_request_id"]
    assert answer["account_id"] == "fms-user-7" and case_no in answer["service_notice"]
    row = case_row(db_session, case_no)
    assert row.source == "open311" and row.status == "reported"
    assert row.address_text == "山东省淄博市张店区北关街道金城路5号"
    assert row.grid_code.startswith("370303") and row.routed_unit_id is not None
    staff = client.get(f"/api/v1/cases/{row.id}", headers={"X-Xiuhua-Role": "operator"})
    assert staff.status_code == 200, staff.text
    view = staff.json()
    assert view["source"] == "open311" and view["category"]["code"] == "06010"
    assert view["case_no"] == case_no and any(s["stage"] == "file" for s in view["stages"])
    intake = db_session.execute(
        text("SELECT * FROM dispatch_open311_request WHERE case_id = :c"), {"c": row.id}
    ).one()
    jincheng_5 = address_code(db_session, "山东省淄博市张店区北关街道金城路5号")
    assert intake.address_id == jincheng_5 and intake.address_string == "张店区金城路5号"
    assert intake.attributes == {"fixmystreet_id": "1234"}
    assert "citizen@" not in intake.email_enc and decrypt(intake.email_enc) == "citizen@example.org"
    assert decrypt(intake.phone_enc) == "13800138000"
    assert intake.phone_index == phone_index("13800138000")
    assert decrypt(intake.device_id_enc) == "fms-device-42"
    assert decrypt(intake.first_name_enc) == "Li" and intake.media_url is None
    _, problems = verify_chains(db_session, row.id)
    assert problems == []
    # the citizen's contact never comes back in a read
    for fmt in FORMATS:
        read = client.get(f"{BASE}/requests/{case_no}.{fmt}", params={"extensions": "true"})
        assert read.status_code == 200
        if fmt == "json":
            validate("requests.json", read.json())
            assert read.json()[0]["address_id"] == jincheng_5
        else:
            assert fms_xml(read.content)["request"][0]["service_request_id"] == case_no
        for secret in ("citizen@example.org", "13800138000", "0013", "fms-device-42", "Lei"):
            assert secret not in read.text


def test_post_json_with_point_and_multipart_photo(
    client: Any, db_session: Session, key: str
) -> None:
    r = client.post(
        f"{BASE}/requests.json",
        data=form(key, service_code="event:06001", **{"attribute[condition]": "2"}),
        files={"media": ("p.jpg", jpeg(), "image/jpeg")},
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == JSON_TYPE
    [answer] = r.json()
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    assert answer["account_id"] is None and "20 个工作日" in answer["service_notice"]
    row = case_row(db_session, answer["service_request_id"])
    assert row.severity == "serious" and row.raw_crs == "wgs84"
    assert (row.raw_lon, row.raw_lat) == INSIDE
    photos = db_session.execute(
        text("SELECT kind, content_type FROM dispatch_attachment WHERE case_id = :c"), {"c": row.id}
    ).all()
    assert [tuple(p) for p in photos] == [("report", "image/jpeg")]


def test_post_by_standard_address_id_and_by_component(
    client: Any, db_session: Session, key: str
) -> None:
    r = post(
        client,
        "json",
        {
            "api_key": key,
            "service_code": "event:06010",
            "address_id": address_code(db_session, "山东省淄博市张店区北关街道金城路3号"),
            "description": "垃圾",
        },
    )
    assert r.status_code == 200, r.text
    row = case_row(db_session, r.json()[0]["service_request_id"])
    assert row.address_text == "山东省淄博市张店区北关街道金城路3号"
    comp = db_session.execute(
        text(
            "SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM grid_component"
            " WHERE category_code = '01003' AND state <> 'removed' ORDER BY id LIMIT 1"
        )
    ).one()
    r = post(
        client,
        "json",
        {
            "api_key": key,
            "service_code": "component:01003",
            "attribute[condition]": "1",
            "attribute[component_id]": comp.id,
            "description": "雨水井盖缺失",
        },
    )
    assert r.status_code == 200, r.text
    row = case_row(db_session, r.json()[0]["service_request_id"])
    assert row.component_id == comp.id and row.routed_by == "component"
    far = post(
        client,
        "json",
        {
            "api_key": key,
            "service_code": "component:01003",
            "attribute[condition]": "1",
            "attribute[component_id]": comp.id,
            "lat": str(comp.lat + 0.01),
            "long": str(comp.lon),
        },
    )
    assert "米" in check_error(far, 400, "json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_invalid_posts(client: Any, db_session: Session, key: str, fmt: str) -> None:
    without_code = form(key)
    del without_code["service_code"]
    assert "service_code" in check_error(post(client, fmt, without_code), 400, fmt)
    without_key = form(key)
    del without_key["api_key"]
    check_error(post(client, fmt, without_key), 403, fmt)
    check_error(post(client, fmt, form(key, api_key="")), 403, fmt)  # empty = absent
    check_error(post(client, fmt, form("xh_deadbeef_not-a-key")), 403, fmt)
    check_error(post(client, fmt, form(key, service_code="event:99999")), 404, fmt)
    check_error(post(client, fmt, form(key, service_code="nonsense")), 404, fmt)
    missing = check_error(post(client, fmt, form(key, service_code="event:06001")), 400, fmt)
    assert "attribute[condition]" in missing
    outside_list = form(key, service_code="event:06001", **{"attribute[condition]": "9"})
    assert "9" in check_error(post(client, fmt, outside_list), 400, fmt)
    outside = form(key, lat=str(OUTSIDE[1]), long=str(OUTSIDE[0]))
    assert "不在服务区域" in check_error(post(client, fmt, outside), 400, fmt)
    assert "NaN" in check_error(post(client, fmt, form(key, lat="NaN")), 400, fmt)
    assert "数字" in check_error(post(client, fmt, form(key, lat="north")), 400, fmt)
    assert "long" in check_error(post(client, fmt, form(key, long="")), 400, fmt)
    nowhere = form(key, address_string="北京市朝阳区建国路88号")
    del nowhere["lat"], nowhere["long"]
    assert "标准地址" in check_error(post(client, fmt, nowhere), 400, fmt)
    no_place = form(key)
    del no_place["lat"], no_place["long"]
    assert "位置" in check_error(post(client, fmt, no_place), 400, fmt)
    control = form(key, description="占道\x00经营")  # NUL: PostgreSQL cannot store it
    assert "U+0000" in check_error(post(client, fmt, control), 400, fmt)
    bell = form(key, description="占道\x07经营")  # XML 1.0 cannot carry it
    assert "U+0007" in check_error(post(client, fmt, bell), 400, fmt)
    too_long = form(key, description="长" * 4001)
    assert "4000" in check_error(post(client, fmt, too_long), 400, fmt)
    assert "email" in check_error(post(client, fmt, form(key, email="not-an-email")), 400, fmt)
    assert "电话" in check_error(post(client, fmt, form(key, phone="12")), 400, fmt)
    bad_url = form(key, media_url="javascript:alert(1)")
    assert "media_url" in check_error(post(client, fmt, bad_url), 400, fmt)
    # metadata=false: extra attributes are accepted (and kept)
    extra = post(client, fmt, form(key, **{"attribute[fixmystreet_id]": "9", "attribute[x]": "y"}))
    assert extra.status_code == 200, extra.text


def test_revoked_key_and_rate_limit(client: Any, db_session: Session) -> None:
    raw = new_key(db_session, "revoked")
    key_id = db_session.execute(
        text("SELECT id FROM account_api_key WHERE name = 'revoked'")
    ).scalar_one()
    revoke_api_key(db_session, key_id, now())
    assert "吊销" in check_error(post(client, "json", form(raw)), 403, "json")
    limited = new_key(db_session, "limited", rate=2)
    for _ in range(2):
        assert post(client, "xml", form(limited)).status_code == 200
    r = post(client, "xml", form(limited))
    check_error(r, 429, "xml")
    assert int(r.headers["retry-after"]) > 0


def test_unknown_paths_formats_and_methods(client: Any) -> None:
    check_error(client.get(f"{BASE}/services.yaml"), 404, "xml")
    check_error(client.get(f"{BASE}/services"), 404, "xml")
    check_error(client.get(f"{BASE}/nothing.json"), 404, "json")
    check_error(client.get(f"{BASE}/requests/370303-1999-000001.json"), 404, "json")
    check_error(client.post(f"{BASE}/services.xml"), 400, "xml")
    check_error(client.delete(f"{BASE}/requests.json"), 400, "json")


def test_token_mode(client: Any, db_session: Session, key: str, monkeypatch: Any) -> None:
    monkeypatch.setattr(get_settings(), "open311_return_token", True)
    services = client.get(f"{BASE}/services.json").json()
    validate("services.json", services)
    assert {s["type"] for s in services} == {"batch"}
    r = post(client, "xml", form(key, account_id="a-1"))
    assert r.status_code == 200, r.text
    answer = fms_xml(r.content)["request"][0]
    assert "service_request_id" not in answer and answer["account_id"] == "a-1"
    token = answer["token"]
    t = fms_xml(client.get(f"{BASE}/tokens/{token}.xml").content)
    case_no = t["request"][0]["service_request_id"]
    assert case_row(db_session, case_no).source == "open311" and t["request"][0]["token"] == token
    j = client.get(f"{BASE}/tokens/{token}.json")
    assert j.json() == [{"service_request_id": case_no, "token": token}]
    check_error(client.get(f"{BASE}/tokens/no-such-token.xml"), 404, "xml")


def test_every_open311_endpoint_declares_it_is_public() -> None:
    from fastapi.routing import APIRoute

    from app.api.auth import allowed_roles
    from app.api.open311 import router

    routes = [r for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) == 10
    for route in routes:
        assert allowed_roles(route.dependant) == frozenset(), route.path
