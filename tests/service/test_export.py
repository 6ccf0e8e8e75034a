"""Exports: the case list (filters, columns, on-time rule), CSV and XLSX writers read back,
and the upward exchange validated line by line against its JSON Schema. Real PostGIS, cases
made by the real service with fixed clocks, rolled back after each test.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import Case, CaseStage, Category
from app.grid.models import Unit
from app.stats import exchange as xc
from app.stats import export as ex
from app.stats.table import Column, StatsTable
from tests.support.engine import (
    CST,
    at,
)
from tests.support.export_world import NOW, World, exchange_validator


def march(**kw: Any) -> ex.CaseFilter:
    return ex.case_filter(start="2026-03-01", end="2026-03-31", **kw)


def rows(s: Session, f: ex.CaseFilter, districts: list[str] | None = None) -> list[dict[str, Any]]:
    return list(ex.case_table(s, f, districts=districts, now=NOW).rows)


def test_case_list_columns_and_values(db_session: Session, world: World) -> None:
    s = db_session
    got = rows(s, march())
    nos = [r["case_no"] for r in got]
    # in report order; April left out; other cases of the template (if any) only inside March
    mine = [world.on_time, world.late, world.rework, world.fresh, world.hotline]
    assert [n for n in nos if n in {c.case_no for c in mine}] == [c.case_no for c in mine]
    assert world.april.case_no not in nos
    by_no = {r["case_no"]: r for r in got}

    a = by_no[world.on_time.case_no]
    cat = s.get_one(Category, world.on_time.category_id)
    assert a["category"] == f"{cat.code} {cat.name}" and a["major"].startswith(cat.major_code + " ")
    assert a["kind"] == "事件" and a["source"] == wf.Source.inspector.label
    assert a["status"] == "已结案" and a["on_time"] == "是"
    assert a["grid_code"] == world.on_time.grid_code and len(a["grid_code"]) == 15
    unit_name = s.get_one(Unit, world.on_time.assigned_unit_id).name
    assert a["unit"] == unit_name
    community = s.execute(
        text("SELECT name FROM grid_community WHERE code = :c"),
        {"c": world.on_time.community_code},
    ).scalar_one()
    assert a["community"] == community and a["street"]
    assert a["reported_at"] == at(2, 9) and a["closed_at"] == world.on_time.closed_at
    assert a["handled_at"] == at(2, 14)
    (handle,) = s.scalars(
        select(CaseStage).where(CaseStage.case_id == world.on_time.id, CaseStage.stage == "handle")
    ).all()
    assert a["handle_due_at"] == handle.due_at
    assert a["handle_limit"] == ex.limit_text(handle.limit_value, handle.limit_unit)
    assert (a["reworks"], a["returns"], a["extensions"]) == (0, 0, 0)
    lon, lat = s.execute(
        text("SELECT ST_X(geom), ST_Y(geom) FROM dispatch_case WHERE id = :i"),
        {"i": world.on_time.id},
    ).one()
    assert (a["lon"], a["lat"]) == (lon, lat)

    assert by_no[world.late.case_no]["on_time"] == "否"
    r = by_no[world.rework.case_no]
    assert r["reworks"] == 1 and r["status"] == wf.Status.dispatched.label
    assert r["on_time"] == "未到期"
    f = by_no[world.fresh.case_no]
    assert f["on_time"] is None and f["unit"] is None and f["status"] == "待受理"
    assert by_no[world.hotline.case_no]["source"] == wf.Source.hotline.label


def test_open_overdue_counts_as_late(db_session: Session, world: World) -> None:
    """An open handle stage past its due time is 否 now, not 'not yet known'."""
    got = list(ex.case_table(db_session, march(), districts=None, now=NOW + timedelta(days=2)).rows)
    assert {r["case_no"]: r["on_time"] for r in got}[world.rework.case_no] == "否"


def test_filters(db_session: Session, world: World) -> None:
    s = db_session
    mine = {
        c.case_no for c in (world.on_time, world.late, world.rework, world.fresh, world.hotline)
    }

    def nos(**kw: Any) -> set[str]:
        return {r["case_no"] for r in rows(s, march(**kw))} & mine

    assert nos(status=["closed"]) == {world.on_time.case_no, world.late.case_no}
    assert nos(source=["hotline"]) == {world.hotline.case_no}
    assert nos(category=["component:01003"]) == {world.hotline.case_no}
    assert nos(category=["component"]) == {world.hotline.case_no}
    assert nos(category=["01"]) == {world.hotline.case_no}  # a major class, any kind
    assert world.hotline.case_no not in nos(category=["event"])
    unit_code = s.get_one(Unit, world.on_time.assigned_unit_id).code
    assigned = {
        c.case_no
        for c in (world.on_time, world.late, world.rework)
        if c.assigned_unit_id == world.on_time.assigned_unit_id
    }
    assert nos(unit=unit_code) == assigned
    assert nos(unit=str(world.on_time.assigned_unit_id)) == assigned
    assert nos(community=[world.late.community_code]) >= {world.late.case_no}
    assert (
        world.on_time.case_no not in nos(community=[world.late.community_code])
        or world.on_time.community_code == world.late.community_code
    )
    assert nos(street=[world.fresh.street_code]) >= {world.fresh.case_no}
    assert nos(district=["370303"]) == mine
    assert nos(district=["420802"]) == set()
    # the caller's district scope narrows everything
    assert {r["case_no"] for r in rows(s, march(), districts=[])} == set()
    assert {r["case_no"] for r in rows(s, march(), districts=["370303"])} >= mine
    assert ex.count_cases(s, march(status=["closed"]), None) >= 2


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"start": "2026-13-01", "end": "2026-12-31"}, "invalid_date"),
        ({"start": "yesterday", "end": "2026-12-31"}, "invalid_date"),
        ({"start": "2026-03-31", "end": "2026-03-01"}, "invalid_period"),
        ({"start": "2026-03-01", "end": None}, "invalid_period"),
        ({"start": None, "end": None}, "invalid_period"),
        ({"start": "2025-01-01", "end": "2026-03-01"}, "period_too_long"),
        ({"start": "2026-03-01", "end": "2026-03-31", "district": ["3703"]}, "invalid_filter"),
        ({"start": "2026-03-01", "end": "2026-03-31", "status": ["done"]}, "invalid_filter"),
        ({"start": "2026-03-01", "end": "2026-03-31", "source": ["fax"]}, "invalid_filter"),
        (
            {"start": "2026-03-01", "end": "2026-03-31", "category": ["event:9006"]},
            "invalid_filter",
        ),
        ({"start": "2026-03-01", "end": "2026-03-31", "updated_since": "3 Mar"}, "invalid_date"),
    ],
)
def test_bad_filters_have_stable_codes(kw: dict[str, Any], code: str) -> None:
    with pytest.raises(ex.InvalidInput) as e:
        ex.case_filter(**kw)
    assert e.value.code == code and e.value.message


def test_unknown_unit_and_format(db_session: Session) -> None:
    with pytest.raises(ex.InvalidFilter, match="处置单位"):
        ex.case_table(db_session, march(unit="NO-SUCH-UNIT"), districts=None, now=NOW)
    with pytest.raises(ex.UnsupportedFormat):
        ex.parse_format("pdf")
    assert ex.parse_format(".XLSX") == "xlsx"


def test_period_bounds_are_local_whole_days() -> None:
    p = ex.parse_period("2026-03-01", "2026-03-31")
    assert p is not None
    assert p.start == datetime(2026, 3, 1, tzinfo=CST)
    assert p.end == datetime(2026, 4, 1, tzinfo=CST)
    assert ex.parse_instant("2026-03-02T08:30:00", "x") == datetime(2026, 3, 2, 8, 30, tzinfo=CST)
    assert ex.parse_period("2025-03-01", "2026-03-01") is not None  # 366 days is allowed


def _csv(table: StatsTable) -> tuple[bytes, list[list[str]]]:
    data = b"".join(ex.csv_chunks(table, batch_rows=2))
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_case_csv_reads_back(db_session: Session, world: World) -> None:
    data, parsed = _csv(ex.case_table(db_session, march(), districts=None, now=NOW))
    assert data.startswith(b"\xef\xbb\xbf")
    assert parsed[0] == [c.label for c in ex.CASE_COLUMNS]
    assert parsed[0][:3] == ["案卷编号", "来源", "类型"]
    body = {r[0]: dict(zip(parsed[0], r, strict=True)) for r in parsed[1:]}
    a = body[world.on_time.case_no]
    assert a["上报时间"] == "2026-03-02 09:00:00" and a["处置时间"] == "2026-03-02 14:00:00"
    assert a["是否按期"] == "是" and a["状态"] == "已结案" and a["返工次数"] == "0"
    assert a["网格编码"] == world.on_time.grid_code
    assert body[world.rework.case_no]["返工次数"] == "1"
    # a description that would run as a formula is kept as text
    assert body[world.fresh.case_no]["问题描述"] == "'" + world.fresh.description
    assert body[world.fresh.case_no]["立案时间"] == ""
    assert world.april.case_no not in body


def test_case_xlsx_reads_back(db_session: Session, world: World, tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    n = ex.write_xlsx(ex.case_table(db_session, march(), districts=None, now=NOW), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["案卷清单", "说明"]
    ws = wb["案卷清单"]
    header = [c.value for c in ws[1]]
    assert header == [c.label for c in ex.CASE_COLUMNS]
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert ws.max_row == n + 1
    col = {label: i for i, label in enumerate(header)}
    got = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    a = got[world.on_time.case_no]
    assert a[col["上报时间"]] == datetime(2026, 3, 2, 9, 0)  # a real date-time, local time
    assert a[col["是否按期"]] == "是" and a[col["返工次数"]] == 0
    assert a[col["经度（WGS-84）"]] == pytest.approx(
        db_session.execute(
            text("SELECT ST_X(geom) FROM dispatch_case WHERE id = :i"), {"i": world.on_time.id}
        ).scalar_one()
    )
    fresh = got[world.fresh.case_no]
    assert fresh[col["问题描述"]] == world.fresh.description  # text, not a formula
    assert ws.cell(row=2, column=col["上报时间"] + 1).number_format == "yyyy-mm-dd hh:mm:ss"
    info = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert info["表名"] == "案卷清单" and info["上报时间自"] == "2026-03-01 00:00:00"


def _indicator_table() -> StatsTable:
    return StatsTable(
        title="专业部门考评/2026年3月",
        columns=(
            Column("unit", "处置单位"),
            Column("filed", "立案数", "int"),
            Column("close_rate", "结案率", "rate"),
            Column("score", "综合得分", "score"),
            Column("at", "统计时间", "datetime"),
        ),
        rows=iter(
            [
                {
                    "unit": "市政局",
                    "filed": 120,
                    "close_rate": 0.8533,
                    "score": 91.256,
                    "at": datetime(2026, 3, 31, 16, 0, tzinfo=CST),
                },
                {"unit": "+环卫处", "filed": 7, "close_rate": None, "score": 60.0, "at": None},
            ]
        ),
        meta={"口径": "按期处置率含未办结已超期案卷"},
    )


def test_generic_table_csv_and_xlsx(tmp_path: Path) -> None:
    _, parsed = _csv(_indicator_table())
    assert parsed == [
        ["处置单位", "立案数", "结案率", "综合得分", "统计时间"],
        ["市政局", "120", "85.33%", "91.26", "2026-03-31 16:00:00"],
        ["'+环卫处", "7", "", "60.00", ""],
    ]
    path = tmp_path / "t.xlsx"
    assert ex.write_table(_indicator_table(), "xlsx", path) == 2
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.title == "专业部门考评_2026年3月"
    assert [c.value for c in ws[2]] == ["市政局", 120, 0.8533, 91.256, datetime(2026, 3, 31, 16)]
    assert ws["C2"].number_format == "0.00%" and ws["D2"].number_format == "0.00"
    assert [c.value for c in ws[3]] == ["+环卫处", 7, None, 60, None]
    assert ws["A3"].data_type == "s"


def test_xlsx_continues_on_a_next_sheet(tmp_path: Path) -> None:
    table = StatsTable("长表", (Column("i", "序号", "int"),), rows=({"i": i} for i in range(5)))
    path = tmp_path / "long.xlsx"
    assert ex.write_xlsx(table, path, max_rows=3) == 5  # header + 2 rows per sheet
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["长表", "长表（2）", "长表（3）"]
    values = [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]
    assert values == [["序号"], [0], [1], ["序号"], [2], [3], ["序号"], [4]]


def test_csv_file_and_progress(db_session: Session, world: World, tmp_path: Path) -> None:
    seen: list[int] = []
    path = tmp_path / "c.csv"
    n = ex.write_table(
        ex.case_table(db_session, march(), districts=None, now=NOW),
        "csv",
        path,
        progress=seen.append,
    )
    assert n == ex.count_cases(db_session, march(), None) and seen[-1] == n
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) == n + 1


# --- upward exchange -----------------------------------------------------------------------------


def test_exchange_lines_validate_against_the_schema(db_session: Session, world: World) -> None:
    s = db_session
    lines = list(
        xc.exchange_lines(s, ex.case_filter(require_period=False), districts=None, now=NOW)
    )
    assert lines and all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    validator = exchange_validator()
    records = []
    for i, line in enumerate(lines, start=1):
        rec = json.loads(line)
        errors = sorted(validator.iter_errors(rec), key=str)
        assert not errors, f"line {i}: {errors[0].message} at {list(errors[0].path)}"
        records.append(rec)
    by_no = {r["case_no"]: r for r in records}
    a = by_no[world.on_time.case_no]
    cat = s.get_one(Category, world.on_time.category_id)
    assert a["schema"] == "xiuhua.case-record/1"
    assert a["category"] == {
        "catalogue": cat.catalogue,
        "kind": cat.kind,
        "code": cat.code,
        "major_code": cat.major_code,
        "major_name": cat.major_name,
        "name": cat.name,
        "standard_ref": cat.standard_ref,
    }
    assert a["grid_code"] == world.on_time.grid_code
    assert a["district_code"] == "370303" and a["grid_code"].startswith(a["community_code"])
    assert a["status"] == {"code": "closed", "name": "已结案"}
    assert a["result"]["closed"] and a["result"]["on_time"] is True
    assert a["times"]["reported_at"] == "2026-03-02T09:00:00+08:00"
    assert datetime.fromisoformat(a["times"]["closed_at"]) == world.on_time.closed_at
    unit_row = s.get_one(Unit, world.on_time.assigned_unit_id)
    assert a["unit"] == {"code": unit_row.code, "name": unit_row.name}
    assert [st["stage"] for st in a["stages"]] == ["file", "dispatch", "handle", "check", "close"]
    handle = next(st for st in a["stages"] if st["stage"] == "handle")
    assert handle["unit_code"] == unit_row.code and handle["overdue"] is False
    assert datetime.fromisoformat(handle["stopped_at"]) == at(2, 14)
    assert a["location"]["crs"] == "EPSG:4326" and "CGCS2000" in a["location"]["crs_note"]

    assert by_no[world.late.case_no]["result"]["on_time"] is False
    assert next(st for st in by_no[world.late.case_no]["stages"] if st["stage"] == "handle")[
        "overdue"
    ]
    assert by_no[world.rework.case_no]["result"]["reworks"] == 1
    assert by_no[world.rework.case_no]["result"]["on_time"] is None
    fresh = by_no[world.fresh.case_no]
    assert fresh["unit"] is None and fresh["result"]["on_time"] is None
    assert fresh["stages"][0]["stage"] == "file" and fresh["stages"][0]["stopped_at"] is None
    assert by_no[world.hotline.case_no]["source"] == {
        "code": "hotline",
        "name": wf.Source.hotline.label,
    }
    assert by_no[world.hotline.case_no]["category"]["kind"] == "component"


def test_exchange_incremental(db_session: Session, world: World) -> None:
    s = db_session
    since = world.late.updated_at
    f = ex.case_filter(require_period=False, updated_since=since.isoformat())
    recs = [json.loads(x) for x in xc.exchange_lines(s, f, districts=None, now=NOW)]
    stamps = [datetime.fromisoformat(r["updated_at"]) for r in recs]
    assert stamps == sorted(stamps) and all(t > since for t in stamps)
    nos = {r["case_no"] for r in recs}
    assert world.april.case_no in nos and world.late.case_no not in nos
    assert world.on_time.case_no not in nos  # closed on 2 Mar, before the late one
    assert nos == {c.case_no for c in s.scalars(select(Case).where(Case.updated_at > since))}
    # resuming from the last line returns nothing more
    last = ex.case_filter(require_period=False, updated_since=recs[-1]["updated_at"])
    assert list(xc.exchange_lines(s, last, districts=None, now=NOW)) == []


def test_exchange_file(db_session: Session, world: World, tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    f = march(district=["370303"])
    n = xc.write_exchange(db_session, f, path, districts=["370303"], now=NOW)
    text_lines = path.read_text(encoding="utf-8").splitlines()
    assert n == len(text_lines) == ex.count_cases(db_session, f, None)
    validator = exchange_validator()
    for line in text_lines:
        validator.validate(json.loads(line))
