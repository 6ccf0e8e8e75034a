"""The dispatch board's unit search and the case page's names and labels, in a real browser.

A dispatcher (scoped to 张店区) opens the dispatch board, chooses 改派其他单位 for a filed case,
types part of a unit's name and picks a unit that is not the suggested one (the search covers
every active unit of the district, not only the units on the screen); the case goes to it. The
case page then names the assigned and suggested units, the source and the reporter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from tests.e2e.test_workbench import _sql
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, make_users, open_console, screenshot

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)
DESK = {"width": 1366, "height": 768}
TARGET = "张店区站前广场管理办公室"


def _filed_case(db_url: str, lon: float, lat: float) -> tuple[int, str]:
    """A 占道经营 case reported by an inspector and filed by the shift leader (待派遣)."""
    from sqlalchemy.orm import Session

    from app.cases import workflow as wf
    from app.cases.service import ActionInput, ReportInput, act, report_case
    from app.core.clock import now

    engine = create_engine(db_url)
    try:
        with Session(engine) as s:
            t0 = now()
            case = report_case(
                s,
                ReportInput(
                    wf.Source.inspector, "event:09006", lon, lat, description="门前占道经营"
                ),
                wf.Actor(wf.Role.inspector, user_id=1),
                t0,
            ).case
            act(s, case.id, wf.Action.file, wf.Actor(wf.Role.shift_leader), ActionInput(), t0)
            s.commit()
            return case.id, case.case_no
    finally:
        engine.dispose()


def test_dispatcher_changes_the_unit_by_searching_its_name(
    server: str,
    facts: dict[str, Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    db = facts["db_url"]
    make_users(db, ("us.disp", "dispatcher", None))
    case_id, case_no = _filed_case(db, facts["lon"], facts["lat"])
    errors: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = open_console(browser, server, "us.disp", DESK, errors)
            page.goto(f"{server}/centre/board")
            row = page.locator(".el-table__row", has=page.locator(f"a[data-case-no='{case_no}']"))
            expect(row).to_be_visible()
            expect(row).not_to_contain_text(TARGET)  # not the suggested unit
            row.locator("[data-action=dispatch]").click()
            dialog = page.locator(".el-dialog:visible")
            dialog.locator(".unit-picker").click()
            page.keyboard.type("站前广场", delay=50)
            option = page.locator(".el-select-dropdown__item:visible", has_text=TARGET)
            expect(option).to_contain_text("370303-ZQ")
            option.click()
            screenshot(page, tmp_path / "centre-change-unit.png", "centre-change-unit.png")
            dialog.locator(".act-submit").click()
            expect(row).to_have_count(0)
            assigned = _sql(
                db,
                "SELECT u.name FROM dispatch_case c JOIN grid_unit u ON u.id = c.assigned_unit_id"
                " WHERE c.id = :i",
                i=case_id,
            )
            assert assigned == TARGET

            # the case page names the units and shows the server's labels and action names
            page.goto(f"{server}/case/{case_id}")
            expect(page.get_by_test_id("case-assigned")).to_have_text(TARGET)
            expect(page.get_by_test_id("case-routed")).to_contain_text("综合行政执法局")
            expect(page.get_by_test_id("case-source")).to_have_text("监督员上报")
            expect(page.get_by_test_id("case-reporter")).not_to_have_text("—")
            # the dispatcher may recall nothing here; the buttons are the server's names
            buttons = page.get_by_test_id("case-actions").locator("button")
            for i in range(buttons.count()):
                assert not re.fullmatch(r"[a-z_]+", buttons.nth(i).inner_text().strip())
        finally:
            browser.close()
    assert not errors, errors
