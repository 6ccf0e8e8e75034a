"""The working calendar and the grid import in the admin screens, in a real browser.

Calendar: the admin opens the year view (holidays and 调休 coloured), sees a running case whose
deadline runs into the next, not yet loaded, year in the provisional list, tries to load next
year's schedule with a make-up day on a weekday (the server's Chinese message and code are shown),
corrects it and loads: the year view shows the holiday and the 调休 day, the case leaves the list.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, make_users, open_console, screenshot

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)
DESK = {"width": 1366, "height": 768}


def _provisional_case(db_url: str) -> tuple[str, int]:
    """A running 违法建筑 case (20 work days) reported now: its deadline reaches next year."""
    from sqlalchemy.orm import Session

    from app.cases import workflow as wf
    from app.cases.service import ActionInput, ReportInput, act, report_case
    from app.cases.time.calendar_store import get_calendar
    from app.core.clock import now

    engine = create_engine(db_url)
    try:
        with Session(engine) as s:
            x, y = s.execute(
                text(
                    "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
                    " WHERE valid_to IS NULL AND mgmt_class = 'normal'"
                    " ORDER BY code LIMIT 1 OFFSET 300) q"
                )
            ).one()
            t0 = now()
            case = report_case(
                s,
                ReportInput(
                    wf.Source.inspector, "event:06001", x, y, description="违法建筑", condition=2
                ),
                wf.Actor(wf.Role.inspector, user_id=1),
                t0,
            ).case
            act(s, case.id, wf.Action.file, wf.Actor(wf.Role.shift_leader), ActionInput(), t0)
            act(s, case.id, wf.Action.dispatch, wf.Actor(wf.Role.dispatcher), ActionInput(), t0)
            s.flush()
            next_year = max(get_calendar(s).known_years) + 1
            if not case.calendar_provisional:
                pytest.skip(f"20 个工作日内不跨入 {next_year} 年：今天离年底太远")
            s.commit()
            return case.case_no, next_year
    finally:
        engine.dispose()


def test_working_calendar_year_view_and_loading_next_year(
    server: str,
    facts: dict[str, Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    db = facts["db_url"]
    make_users(db, ("cal.admin", "admin", None))
    case_no, next_year = _provisional_case(db)
    last = next_year - 1
    errors: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = open_console(browser, server, "cal.admin", DESK, errors)
            page.goto(f"{server}/admin?tab=calendar&year={last}")
            cal = page.get_by_test_id("calendar")
            expect(cal.get_by_test_id("calendar-known")).to_contain_text("已载入放假安排")
            national = cal.locator(f"[data-date='{last}-10-01']")
            expect(national).to_have_attribute("data-kind", "holiday")
            expect(national).to_have_attribute("title", re.compile("国庆节"))
            assert cal.locator(".month").count() == 12
            assert cal.locator("[data-kind=makeup_workday]").count() > 0
            # the colours differ: a holiday, a make-up workday and a plain workday
            colours = page.evaluate(
                "() => ['holiday','makeup_workday','workday'].map(k => getComputedStyle("
                "document.querySelector(`[data-kind=${k}]`)).backgroundColor)"
            )
            assert len(set(colours)) == 3, colours
            provisional = page.get_by_test_id("provisional-cases")
            expect(provisional).to_contain_text(case_no)
            screenshot(page, tmp_path / "admin-calendar.png", "admin-calendar.png")

            # --- load next year: a make-up day on a weekday is refused with its code ----------
            page.get_by_test_id("calendar-load-open").click()
            form = page.get_by_test_id("calendar-form")
            expect(form.get_by_label("年份")).to_have_value(str(next_year))
            form.get_by_label("来源（通知文号）").fill("国办发明电〔测试〕1 号")
            form.get_by_label("第 1 个节假日名称").fill("元旦")
            ranges = form.locator(".el-range-input")
            ranges.nth(0).fill(f"{next_year}-01-01")
            ranges.nth(1).fill(f"{next_year}-01-03")
            ranges.nth(1).press("Enter")
            form.get_by_test_id("makeup-add").click()
            form.get_by_label("第 1 个调休名称").fill("元旦")
            weekday = next(
                f"{next_year}-01-{d:02d}" for d in range(4, 11) if _weekday(next_year, d)
            )
            form.get_by_label("第 1 个调休日期").fill(weekday)
            form.get_by_label("第 1 个调休日期").press("Enter")
            form.get_by_test_id("calendar-load").click()
            expect(form.locator(".error-box")).to_contain_text("calendar_makeup_not_weekend")
            expect(form.locator(".error-box")).to_contain_text("周六或周日")

            saturday = next(
                f"{next_year}-01-{d:02d}" for d in range(4, 11) if _saturday(next_year, d)
            )
            form.get_by_label("第 1 个调休日期").fill(saturday)
            form.get_by_label("第 1 个调休日期").press("Enter")
            form.get_by_test_id("calendar-load").click()
            expect(form).to_be_hidden()
            expect(page).to_have_url(re.compile(f"year={next_year}"))
            expect(cal.get_by_test_id("calendar-known")).to_contain_text("已载入放假安排")
            expect(cal.locator(f"[data-date='{next_year}-01-02']")).to_have_attribute(
                "data-kind", "holiday"
            )
            expect(cal.locator(f"[data-date='{saturday}']")).to_have_attribute(
                "data-kind", "makeup_workday"
            )
            expect(cal.locator(f"[data-date='{saturday}']")).to_have_attribute(
                "title", re.compile("元旦调休")
            )
            expect(provisional).not_to_contain_text(case_no)
        finally:
            browser.close()
    assert not errors, errors


def _weekday(year: int, day: int) -> bool:
    from datetime import date

    return date(year, 1, day).weekday() < 5


def _saturday(year: int, day: int) -> bool:
    from datetime import date

    return date(year, 1, day).weekday() == 5
