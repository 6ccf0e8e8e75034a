"""The console on a phone, on office screens and with a queue of 10,000 cases, in a real browser.

- 390×844 (a phone): the unit workbench has no horizontal scrolling; each case is a card whose
  签收 and 处置反馈 buttons are on screen and work (sign, then handle with a photo).
- 1366×768 and 1920×1080: the command centre's lists fit the window; the row actions are on
  screen.
- A unit holding 10,000 open cases: the unit queue and the centre's lists render one page
  (DOM rows ≤ the page size), the next page comes by cursor and holds other cases. The first-page
  time is printed (see docs/CONSOLE.md); only a generous sanity bound is asserted here — speed
  figures belong in the benchmarks.

The cases are real cases reported, filed and dispatched through the service; the 10,000 are SQL
copies of one of them (case row and its open clock, each with its own number and due time) —
they have no event trail of their own, and the test reads only the lists.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.support.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NO_SIDEWAYS,
    make_users,
    open_console,
    screenshot,
    solid_jpeg,
)

PAGE_SIZE = 50  # the console asks the lists for 50 rows a page
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)


def _real_cases(db_url: str, lon: float, lat: float) -> dict[str, Any]:
    """Through the service: two cases dispatched to the routed unit (one signed), one filed."""
    from app.cases import service as svc
    from app.cases import workflow as wf
    from app.core.clock import now
    from app.core.db import unit_of_work

    inspector = wf.Actor(wf.Role.inspector, 101)
    leader = wf.Actor(wf.Role.shift_leader, 301)
    dispatcher = wf.Actor(wf.Role.dispatcher, 401)
    engine = create_engine(db_url)
    try:
        with unit_of_work(engine) as s:
            t = now() - timedelta(minutes=30)
            ids = []
            for i in range(3):
                case = svc.report_case(
                    s,
                    svc.ReportInput(
                        wf.Source.inspector, "event:09006", lon, lat, description=f"占道经营 {i}"
                    ),
                    inspector,
                    t,
                ).case
                svc.act(s, case.id, wf.Action.file, leader, svc.ActionInput(), t)
                ids.append(case.id)
            for cid in ids[:2]:
                svc.act(s, cid, wf.Action.dispatch, dispatcher, svc.ActionInput(), t)
            unit_id = s.execute(
                text("SELECT assigned_unit_id FROM dispatch_case WHERE id = :i"), {"i": ids[0]}
            ).scalar_one()
            unit = wf.Actor(wf.Role.unit_handler, 501, unit_id)
            svc.act(s, ids[1], wf.Action.sign, unit, svc.ActionInput(), t)
            code = s.execute(
                text("SELECT code FROM grid_unit WHERE id = :u"), {"u": unit_id}
            ).scalar_one()
            nos = dict(
                s.execute(
                    text("SELECT id, case_no FROM dispatch_case WHERE id = ANY(:i)"), {"i": ids}
                ).all()
            )
    finally:
        engine.dispose()
    return {
        "unit_code": code,
        "to_sign": nos[ids[0]],
        "signed": nos[ids[1]],
        "dispatched_id": ids[0],
        "filed_id": ids[2],
    }


def _copies(db_url: str, source_id: int, n: int, prefix: str, spread_minutes: int) -> None:
    """n SQL copies of a case: the case row and its open clocks, each with its own number and
    a due time spread over `spread_minutes` around the original's (the early ones overdue)."""
    engine = create_engine(db_url)
    try:
        with engine.begin() as c:
            cols = [
                r
                for (r,) in c.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns"
                        " WHERE table_name = 'dispatch_case' AND column_name NOT IN"
                        " ('id', 'case_no') ORDER BY ordinal_position"
                    )
                )
            ]
            listed = ", ".join(cols)
            c.execute(
                text(
                    f"INSERT INTO dispatch_case (case_no, {listed})"
                    f" SELECT :p || lpad(g::text, 7, '0'), {listed}"
                    " FROM dispatch_case, generate_series(1, :n) g WHERE id = :src"
                ),
                {"p": prefix, "n": n, "src": source_id},
            )
            c.execute(
                text(
                    "INSERT INTO dispatch_case_stage (case_id, stage, level, unit_id, limit_value,"
                    " limit_unit, started_at, due_at, yellow_at, next_threshold_at, provisional,"
                    " light)"
                    " SELECT k.id, st.stage, st.level, st.unit_id, st.limit_value, st.limit_unit,"
                    " st.started_at, st.due_at + d.shift, st.yellow_at + d.shift,"
                    " st.next_threshold_at + d.shift, st.provisional, st.light"
                    " FROM dispatch_case k"
                    " CROSS JOIN LATERAL (SELECT make_interval(mins =>"
                    "   (substr(k.case_no, length(:p) + 1)::int * :spread / :n) - :spread / 2)"
                    "   AS shift) d"
                    " JOIN dispatch_case_stage st ON st.case_id = :src AND st.stopped_at IS NULL"
                    " WHERE k.case_no LIKE :p || '%'"
                ),
                {"p": prefix, "n": n, "src": source_id, "spread": spread_minutes},
            )
            c.execute(text("ANALYZE dispatch_case; ANALYZE dispatch_case_stage"))
    finally:
        engine.dispose()


def _on_screen(page: Any, locator: Any) -> None:
    """The element is inside the window horizontally once scrolled to (no sideways panning)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)


def test_unit_workbench_on_a_phone_and_the_centre_on_office_screens(
    server: str,
    facts: dict[str, Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    db = facts["db_url"]
    real = _real_cases(db, facts["lon"], facts["lat"])
    make_users(db, ("ph.unit", "unit_handler", real["unit_code"]), ("ph.disp", "dispatcher", None))
    photo = tmp_path / "after.jpg"
    photo.write_bytes(solid_jpeg((40, 120, 60)))
    errors: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # --- the unit workbench on a 390-px phone -----------------------------------------
            page = open_console(browser, server, "ph.unit", PHONE, errors)
            expect(page).to_have_url(re.compile(r"/unit"))
            cards = page.locator("[data-testid=case-cards] .case-card")
            to_sign = cards.filter(has=page.locator(f"[data-case-no='{real['to_sign']}']"))
            signed = cards.filter(has=page.locator(f"[data-case-no='{real['signed']}']"))
            expect(to_sign).to_be_visible()
            assert page.evaluate(NO_SIDEWAYS), "the unit queue scrolls sideways on a phone"
            _on_screen(page, to_sign.locator("[data-action=sign]"))
            _on_screen(page, signed.locator("[data-action=handle]"))
            screenshot(page, tmp_path / "unit-phone.png", "unit-phone.png")
            # sign with the card's check box and the bulk button, then handle with a photo
            to_sign.locator(".el-checkbox").click()
            page.click("[data-testid=bulk-sign]")
            expect(to_sign.locator("[data-action=handle]")).to_be_visible()
            button = to_sign.locator("[data-action=handle]")
            _on_screen(page, button)
            button.click()
            dialog = page.locator(".el-dialog:visible")
            expect(dialog).to_be_visible()
            _on_screen(page, dialog)
            dialog.locator("input[type=file]").set_input_files(str(photo))
            expect(dialog.locator(".el-upload-list__item.is-success")).to_have_count(1)
            page.fill("#act-note", "已清理")
            assert page.evaluate(NO_SIDEWAYS), "the handle form scrolls sideways on a phone"
            submit = page.locator("button.act-submit:visible")
            _on_screen(page, submit)
            submit.click()
            expect(to_sign).to_have_count(0)
            expect(signed).to_be_visible()
            assert page.evaluate(NO_SIDEWAYS)

            # --- the command centre at 1366×768 and 1920×1080 ---------------------------------
            for size in ({"width": 1366, "height": 768}, {"width": 1920, "height": 1080}):
                page = open_console(browser, server, "ph.disp", size, errors)
                page.goto(f"{server}/centre/board")
                row = page.locator(".el-table__row", has=page.locator("a[data-case-no]")).first
                expect(row).to_be_visible()
                assert page.evaluate(NO_SIDEWAYS), f"the dispatch board scrolls sideways at {size}"
                _on_screen(page, row.locator("[data-testid=one-click]"))
                page.goto(f"{server}/centre/inbox")
                expect(page.locator(".el-tabs, [role=tablist]").first).to_be_visible()
                assert page.evaluate(NO_SIDEWAYS), f"the inbox scrolls sideways at {size}"
                screenshot(page, tmp_path / f"centre-{size['width']}.png")
        finally:
            browser.close()
    assert not errors, errors


def test_ten_thousand_open_cases_are_paged(
    server: str,
    facts: dict[str, Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    db = facts["db_url"]
    real = _real_cases(db, facts["lon"], facts["lat"])
    # 10,000 open cases of one unit (due times spread over ±5 days: some red), 400 to dispatch
    _copies(db, real["dispatched_id"], 10_000, "SCU", 14_400)
    _copies(db, real["filed_id"], 400, "SCF", 600)
    make_users(db, ("sc.unit", "unit_handler", real["unit_code"]), ("sc.disp", "dispatcher", None))
    errors: list[str] = []

    def case_nos(page: Any) -> list[str]:
        return page.locator("a[data-case-no]").evaluate_all("els => els.map(e => e.dataset.caseNo)")

    def paged(page: Any, path: str) -> None:
        """One page in the DOM; the next page by cursor holds other cases."""
        page.goto(f"{server}{path}")
        rows = page.locator(".el-table__row", has=page.locator("a[data-case-no]"))
        expect(rows.first).to_be_visible()
        first = case_nos(page)
        assert 0 < len(first) <= PAGE_SIZE, (path, len(first))
        assert page.locator(".el-table__row").count() <= PAGE_SIZE
        page.click("[data-testid=next-page]")
        expect(page).to_have_url(re.compile(r"[?&]cursor="))
        expect(rows.first).to_be_visible()
        page.wait_for_function(
            "(prev) => { const n = [...document.querySelectorAll('a[data-case-no]')]"
            ".map(e => e.dataset.caseNo); return n.length > 0 && n[0] !== prev; }",
            arg=first[0],
        )
        second = case_nos(page)
        assert 0 < len(second) <= PAGE_SIZE and not set(first) & set(second), path
        page.go_back()
        page.wait_for_function(
            "(prev) => document.querySelector('a[data-case-no]')?.dataset.caseNo === prev",
            arg=first[0],
        )

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = open_console(browser, server, "sc.unit", {"width": 1366, "height": 768}, errors)
            counts = page.locator(".unit .toolbar .muted")
            expect(counts).to_contain_text("承办 10002")
            # the first page, timed from navigation to the rows on screen
            page.goto(f"{server}/centre")  # away, so the next visit loads the queue afresh
            started = time.perf_counter()
            with page.expect_response(re.compile(r"/api/v1/units/queue\?")) as resp:
                page.goto(f"{server}/unit")
            page.locator("a[data-case-no]").first.wait_for()
            first_page_s = time.perf_counter() - started
            api_s = resp.value.request.timing["responseEnd"] / 1000
            print(
                f"\nunit queue of 10,002 cases: first page on screen {first_page_s:.2f} s "
                f"(API answered in {api_s:.2f} s)"
            )
            assert first_page_s < 10, first_page_s  # a sanity bound, not a speed figure
            paged(page, "/unit")
            paged(page, "/unit?light=red")

            page = open_console(browser, server, "sc.disp", {"width": 1366, "height": 768}, errors)
            paged(page, "/centre/board")
            paged(page, "/centre/supervision")
        finally:
            browser.close()
    assert not errors, errors
