"""HTTP: /api/v1/exports (CSV/XLSX case lists, any posted table) and /api/v1/exchange (JSON Lines).

The cases come from the service-level fixture `world` (real service, fixed clocks) in the
rolled-back session the test client shares.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from sqlalchemy.orm import Session

from app.stats import export as ex
from tests.support.export_world import World, exchange_validator, world  # noqa: F401

Headers = dict[str, str]
LEADER = {"X-Xiuhua-Role": "leader", "X-Xiuhua-User": "9"}
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def err(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    assert body["code"] == code and body["message"], body
    return body


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_cases_csv(client: Any, world: World) -> None:  # noqa: F811
    r = client.get("/api/v1/exports/cases.csv", params=MARCH, headers=LEADER)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    cd = r.headers["content-disposition"]
    assert cd.startswith("attachment;") and unquote(cd.split("UTF-8''")[1]).endswith(".csv")
    assert "案卷清单_2026-03-01_2026-03-31" in unquote(cd)
    rows = {x["案卷编号"]: x for x in _csv_rows(r.content)}
    assert world.on_time.case_no in rows and world.april.case_no not in rows
    assert rows[world.on_time.case_no]["是否按期"] == "是"
    assert rows[world.late.case_no]["是否按期"] == "否"


def test_cases_csv_filters(client: Any, world: World) -> None:  # noqa: F811
    params = {**MARCH, "status": ["closed", "evaluated"], "district": "370303"}
    r = client.get("/api/v1/exports/cases.csv", params=params, headers=LEADER)
    assert r.status_code == 200, r.text
    got = {x["案卷编号"] for x in _csv_rows(r.content)}
    assert {world.on_time.case_no, world.late.case_no} <= got
    assert world.rework.case_no not in got and world.fresh.case_no not in got
    r = client.get(
        "/api/v1/exports/cases.csv",
        params={**MARCH, "source": "hotline", "category": "component:01003"},
        headers=LEADER,
    )
    assert {x["案卷编号"] for x in _csv_rows(r.content)} == {world.hotline.case_no}


def test_cases_xlsx(client: Any, world: World, db_session: Session) -> None:  # noqa: F811
    r = client.get(
        "/api/v1/exports/cases.xlsx", params=MARCH, headers={"X-Xiuhua-Role": "operator"}
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb["案卷清单"]
    header = [c.value for c in ws[1]]
    assert header == [c.label for c in ex.CASE_COLUMNS]
    data = {
        row[0]: dict(zip(header, row, strict=True))
        for row in ws.iter_rows(min_row=2, values_only=True)
    }
    assert len(data) == ex.count_cases(
        db_session, ex.case_filter(start="2026-03-01", end="2026-03-31"), None
    )
    assert data[world.rework.case_no]["返工次数"] == 1
    assert data[world.on_time.case_no]["状态"] == "已结案"


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        (
            "/api/v1/exports/cases.csv",
            {"from": "2026-02-30", "to": "2026-03-31"},
            422,
            "invalid_date",
        ),
        (
            "/api/v1/exports/cases.csv",
            {"from": "2024-01-01", "to": "2026-03-31"},
            422,
            "period_too_long",
        ),
        (
            "/api/v1/exports/cases.csv",
            {"from": "2026-03-31", "to": "2026-03-01"},
            422,
            "invalid_period",
        ),
        ("/api/v1/exports/cases.csv", {}, 422, "invalid_period"),
        ("/api/v1/exports/cases.pdf", MARCH, 422, "unsupported_format"),
        ("/api/v1/exports/cases.xlsx", {**MARCH, "unit": "NO-SUCH"}, 422, "invalid_filter"),
        ("/api/v1/exports/cases.csv", {**MARCH, "community": "12"}, 422, "invalid_filter"),
        ("/api/v1/exports/cases.csv", {**MARCH, "status": "finished"}, 422, "invalid_filter"),
        ("/api/v1/exchange/cases.jsonl", {"updated_since": "last week"}, 422, "invalid_date"),
    ],
)
def test_bad_requests_have_chinese_messages(
    client: Any, path: str, params: dict[str, Any], status: int, code: str
) -> None:
    body = err(client.get(path, params=params, headers=LEADER), status, code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])


def test_roles(client: Any) -> None:
    err(client.get("/api/v1/exports/cases.csv", params=MARCH), 401, "unauthenticated")
    for role in ("inspector", "unit_handler", "hotline_agent"):
        h = {"X-Xiuhua-Role": role, "X-Xiuhua-Unit": "1"}
        err(
            client.get("/api/v1/exports/cases.csv", params=MARCH, headers=h),
            403,
            "forbidden",
        )
        err(client.get("/api/v1/exchange/cases.jsonl", headers=h), 403, "forbidden")
    for role in ("leader", "admin", "shift_leader", "dispatcher", "operator"):
        r = client.get("/api/v1/exports/cases.csv", params=MARCH, headers={"X-Xiuhua-Role": role})
        assert r.status_code == 200, (role, r.text)


TABLE = {
    "title": "街道考评",
    "columns": [
        {"key": "street", "label": "街道"},
        {"key": "filed", "label": "立案数", "kind": "int"},
        {"key": "rate", "label": "按期结案率", "kind": "rate"},
        {"key": "at", "label": "统计时间", "kind": "datetime"},
    ],
    "rows": [
        {"street": "车站街道", "filed": 12, "rate": 0.75, "at": "2026-03-31T16:00:00+08:00"},
        {"street": "公园街道", "filed": 3, "rate": 1, "at": None},
    ],
    "meta": {"期间": "2026年3月"},
}


def test_posted_table_csv_and_xlsx(client: Any) -> None:
    r = client.post("/api/v1/exports/table.csv", json=TABLE, headers=LEADER)
    assert r.status_code == 200, r.text
    assert list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")))) == [
        ["街道", "立案数", "按期结案率", "统计时间"],
        ["车站街道", "12", "75.00%", "2026-03-31 16:00:00"],
        ["公园街道", "3", "100.00%", ""],
    ]
    r = client.post("/api/v1/exports/table.xlsx", json=TABLE, headers=LEADER)
    assert r.status_code == 200, r.text
    ws = openpyxl.load_workbook(io.BytesIO(r.content))["街道考评"]
    assert ws["C2"].value == 0.75 and ws["C2"].number_format == "0.00%"
    assert ws["D2"].value.isoformat() == "2026-03-31T16:00:00"
    bad = {**TABLE, "rows": [{"street": "x", "at": "31/03/2026"}]}
    body = err(
        client.post("/api/v1/exports/table.csv", json=bad, headers=LEADER), 422, "invalid_date"
    )
    assert body["detail"]["row"] == 1
    err(
        client.post("/api/v1/exports/table.doc", json=TABLE, headers=LEADER),
        422,
        "unsupported_format",
    )
    shape = client.post("/api/v1/exports/table.csv", json={"title": "x"}, headers=LEADER)
    err(shape, 422, "invalid_request")


def test_exchange_jsonl(client: Any, world: World) -> None:  # noqa: F811
    r = client.get("/api/v1/exchange/cases.jsonl", params={"district": "370303"}, headers=LEADER)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/x-ndjson")
    lines = r.content.decode("utf-8").splitlines()
    validator = exchange_validator()
    records = [json.loads(x) for x in lines]
    for rec in records:
        validator.validate(rec)
    nos = [x["case_no"] for x in records]
    assert world.april.case_no in nos and world.on_time.case_no in nos
    since = world.rework.updated_at.isoformat()
    r = client.get("/api/v1/exchange/cases.jsonl", params={"updated_since": since}, headers=LEADER)
    later = [json.loads(x)["case_no"] for x in r.content.decode().splitlines()]
    assert world.rework.case_no not in later and world.april.case_no in later
