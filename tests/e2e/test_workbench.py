"""The role workbenches of the console, in a real browser, one case through the closed loop.

Every person logs in through the console's login page in a browser context of their own and works
only through the screens:

hotline agent files a 12345 ticket with an address only (address candidates, click to pick) →
the shift leader files it (立案) from the command centre's inbox → the dispatcher dispatches it with
one click from the dispatch board → the unit signs for it (bulk), asks an extension → the
dispatcher approves it in the approval queue → the unit handles it with an after-photo dropped in
the upload → (the inspector's check goes through the phone API) → the shift leader closes it from
the 待结案 list → the hotline agent records the call-back (满意). The case page then shows every
step in its timeline. Screenshots of each desk are asserted non-blank.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.support.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DOC_IMG,
    PASSWORD,
    UPDATE_DOCS,
    assert_not_blank,
    make_users,
    solid_jpeg,
)

ADDRESS = "山东省淄博市张店区北关街道金城路12号"
VIEWPORT = {"width": 1366, "height": 768}
# Screenshots that illustrate docs/CONSOLE.md (written to docs/img/ with XIUHUA_UPDATE_DOC_IMAGES=1)
DOC_SHOTS = {
    "hotline-ticket-form.png",
    "hotline-ticket-saved.png",
    "centre-inbox.png",
    "centre-board.png",
    "centre-approvals.png",
    "centre-to-close.png",
    "unit-queue.png",
    "case-page.png",
    "case-search.png",
}
TIMELINE = [
    "report",
    "file",
    "dispatch",
    "sign",
    "extend_request",
    "extend_approve",
    "handle",
    "check_pass",
    "close",
    "callback",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)


def _sql(db_url: str, sql: str, **params: Any) -> Any:
    engine = create_engine(db_url)
    try:
        with engine.connect() as c:
            return c.execute(text(sql), params).scalar_one()
    finally:
        engine.dispose()


def test_workbenches_walk_a_hotline_case_round_the_loop(
    server: str,
    facts: dict[str, Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    db = facts["db_url"]
    make_users(
        db,
        ("wb.agent", "hotline_agent", None),
        ("wb.shift", "shift_leader", None),
        ("wb.dispatcher", "dispatcher", None),
        ("wb.inspector", "inspector", None),
    )
    photo = tmp_path / "after.jpg"
    photo.write_bytes(solid_jpeg((40, 120, 60)))
    shots: list[Path] = []
    page_errors: list[str] = []
    external: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def desk(username: str) -> Any:
            context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((server, "data:", "blob:")) else external.append(r.url)
                ),
            )
            page.goto(f"{server}/")
            expect(page).to_have_url(re.compile(r"/login"))
            page.fill("#login-username", username)
            page.fill("#login-password", PASSWORD)
            page.click(".login-submit")
            expect(page.locator("[data-testid=who]")).to_contain_text(f"{username} 测试")
            return page

        def shot(page: Any, name: str) -> None:
            page.wait_for_timeout(300)
            path = tmp_path / f"{len(shots) + 1:02d}-{name}.png"
            page.screenshot(path=str(path), full_page=True)
            shots.append(path)

        def submit_dialog(page: Any) -> None:
            button = page.locator("button.act-submit:visible")
            expect(button).to_be_enabled()
            button.click()
            expect(page.locator("button.act-submit:visible")).to_have_count(0)

        def row(page: Any, case_no: str) -> Any:
            return page.locator(".el-table__row", has=page.locator(f"a[data-case-no='{case_no}']"))

        try:
            # --- 12345: the agent files a ticket with an address only -------------------------
            agent = desk("wb.agent")
            expect(agent).to_have_url(re.compile(r"/hotline"))
            agent.goto(f"{server}/hotline/new")
            agent.fill("#t-no", "12345-WB-0001")
            agent.fill("#t-name", "欧阳修远")
            agent.fill("#t-phone", "139 0731 9264")
            agent.fill(
                "#t-content", "小区门口每天早上有人摆摊卖菜，堵住了人行道 <script>alert(1)</script>"
            )
            agent.fill("#t-address", "金城路12号")
            agent.click("[data-testid=address-search]")
            candidate = agent.locator(".cand", has_text=ADDRESS).first
            expect(candidate).to_be_visible()
            candidate.click()
            expect(candidate).to_have_class(re.compile("active"))
            shot(agent, "hotline-ticket-form")
            agent.click("[data-testid=ticket-submit]")
            expect(agent).to_have_url(re.compile(r"/hotline/mine\?open=\d+"))
            case_id = int(re.search(r"open=(\d+)", agent.url).group(1))  # type: ignore[union-attr]
            case_no = _sql(db, "SELECT case_no FROM dispatch_case WHERE id = :i", i=case_id)
            masked = agent.locator("[data-testid=caller-masked]")
            expect(masked).to_contain_text("139****9264")
            shot(agent, "hotline-ticket-saved")

            # --- 受理台: the shift leader files it (立案) --------------------------------------
            shift = desk("wb.shift")
            expect(shift).to_have_url(re.compile(r"/centre"))
            r = row(shift, case_no)
            expect(r).to_be_visible()
            shot(shift, "centre-inbox")
            r.locator("[data-action=file]").click()
            submit_dialog(shift)
            expect(row(shift, case_no)).to_have_count(0)

            # --- 派遣台: one click --------------------------------------------------------------
            dispatcher = desk("wb.dispatcher")
            dispatcher.goto(f"{server}/centre/board")
            r = row(dispatcher, case_no)
            expect(r).to_contain_text("综合行政执法局")
            shot(dispatcher, "centre-board")
            r.locator("[data-testid=one-click]").click()
            expect(row(dispatcher, case_no)).to_have_count(0)
            unit_code = _sql(
                db,
                "SELECT u.code FROM dispatch_case c JOIN grid_unit u ON u.id = c.assigned_unit_id"
                " WHERE c.id = :i",
                i=case_id,
            )
            make_users(db, ("wb.unit", "unit_handler", unit_code))

            # --- the unit: bulk sign, ask an extension -----------------------------------------
            unit = desk("wb.unit")
            expect(unit).to_have_url(re.compile(r"/unit"))
            r = row(unit, case_no)
            expect(r).to_be_visible()
            r.locator(".el-checkbox").click()
            unit.click("[data-testid=bulk-sign]")
            expect(row(unit, case_no).locator("[data-action=handle]")).to_be_visible()
            row(unit, case_no).locator("[data-action=extend_request]").click()
            unit.fill("#act-reason", "需协调市场监管部门联合执法")
            submit_dialog(unit)
            shot(unit, "unit-queue")

            # --- 审批台: the dispatcher approves the extension -------------------------------
            dispatcher.goto(f"{server}/centre/approvals")
            r = row(dispatcher, case_no)
            expect(r).to_contain_text("延期")
            expect(r).to_contain_text("需协调市场监管部门联合执法")
            shot(dispatcher, "centre-approvals")
            r.locator("[data-action=extend_approve]").click()
            submit_dialog(dispatcher)
            expect(row(dispatcher, case_no)).to_have_count(0)

            # --- the unit handles it with an after-photo -------------------------------------
            unit.reload()
            row(unit, case_no).locator("[data-action=handle]").click()
            unit.locator(".el-dialog input[type=file]").set_input_files(str(photo))
            expect(unit.locator(".el-upload-list__item.is-success")).to_have_count(1)
            unit.fill("#act-note", "摊贩已劝离，人行道已清理")
            submit_dialog(unit)
            expect(row(unit, case_no)).to_have_count(0)

            # --- 核查 by the inspector through the phone API ----------------------------------
            with httpx.Client(base_url=server, timeout=30) as http:
                tok = http.post(
                    "/api/v1/auth/token", data={"username": "wb.inspector", "password": PASSWORD}
                ).json()["access_token"]
                auth = {"Authorization": f"Bearer {tok}"}
                up = http.post(
                    "/api/v1/attachments",
                    headers=auth,
                    files={"file": ("check.jpg", solid_jpeg((10, 200, 10)), "image/jpeg")},
                    data={"kind": "check"},
                )
                assert up.status_code == 201, up.text
                done = http.post(
                    f"/api/v1/cases/{case_id}/actions/check_pass",
                    headers=auth,
                    json={"photos": [up.json()["id"]], "note": "已处理到位"},
                )
                assert done.status_code == 200, done.text
                assert done.json()["status"] == "to_close"

            # --- 结案 from the shift leader's 待结案 list ---------------------------------------
            shift.goto(f"{server}/centre/to-close")
            r = row(shift, case_no)
            expect(r).to_contain_text("综合行政执法局")
            shot(shift, "centre-to-close")
            r.locator("[data-action=close]").click()
            submit_dialog(shift)
            expect(row(shift, case_no)).to_have_count(0)
            shift.goto(f"{server}/case/{case_id}")
            expect(shift.locator("[data-testid=case-status]")).to_have_attribute(
                "data-status", "closed"
            )

            # --- 回访 by the hotline agent --------------------------------------------------------
            agent.goto(f"{server}/hotline/mine?open={case_id}")
            agent.locator(".el-drawer [data-action=callback]").click()
            agent.locator(".el-dialog .el-radio", has_text=re.compile(r"^\s*满意\s*$")).click()
            submit_dialog(agent)
            shot(agent, "hotline-callback")

            # --- the case page: every step in the timeline, the text shown as text ------------
            shift.goto(f"{server}/case/{case_id}")
            expect(shift.locator("[data-testid=case-status]")).to_have_attribute(
                "data-status", "evaluated"
            )
            items = shift.locator("[data-testid=timeline] .el-timeline-item")
            expect(items.last).to_have_attribute("data-action", "callback")
            actions = items.evaluate_all("els => els.map(e => e.dataset.action)")
            for step in TIMELINE:
                assert step in actions, (step, actions)
            assert [a for a in actions if a in TIMELINE] == TIMELINE, actions
            expect(shift.locator("[data-testid=case-description]")).to_contain_text(
                "<script>alert(1)</script>"
            )
            expect(shift.locator("[data-testid=chain]")).to_contain_text("完整")
            expect(shift.locator("[data-testid=photos-after] .el-image img").first).to_be_visible()
            expect(shift.locator(".stage[data-stage=handle]")).to_contain_text("处置")
            # the timeline names each step, the person, role and unit as the service labels them
            event = shift.locator("[data-testid=timeline] .el-timeline-item")
            closing = event.and_(shift.locator("[data-action=close]"))
            expect(closing.locator(".ev-action")).to_have_text("结案")
            expect(closing.locator("[data-testid=ev-actor]")).to_contain_text("wb.shift 测试")
            expect(closing.locator("[data-testid=ev-actor]")).to_contain_text("值班长")
            expect(closing.locator("[data-testid=ev-status]")).to_contain_text("待结案")
            signing = event.and_(shift.locator("[data-action=sign]"))
            expect(signing.locator("[data-testid=ev-actor]")).to_contain_text("综合行政执法局")
            shot(shift, "case-page")

            # --- 案卷查询: by its number typed in the form, then by filters in the URL ------------
            shift.goto(f"{server}/cases")
            shift.locator("input[data-testid=search-text], [data-testid=search-text] input").fill(
                case_no
            )
            shift.click("[data-testid=search-submit]")
            expect(shift).to_have_url(re.compile(rf"[?&]q={case_no}"))
            expect(row(shift, case_no)).to_be_visible()
            expect(shift.locator(".el-table__row a[data-case-no]")).to_have_count(1)
            shift.goto(f"{server}/cases?source=hotline&open=false&q={case_no}")
            expect(row(shift, case_no)).to_be_visible()
            shot(shift, "case-search")
            shift.goto(f"{server}/cases?source=inspector&q={case_no}")
            expect(shift.locator("[data-testid=empty]")).to_be_visible()
            expect(shift.locator("a[data-case-no]")).to_have_count(0)
        finally:
            browser.close()

    if UPDATE_DOCS:  # the user guide's pictures (docs/CONSOLE.md)
        DOC_IMG.mkdir(parents=True, exist_ok=True)
        for p in shots:
            name = p.name.split("-", 1)[1]
            if name in DOC_SHOTS:
                shutil.copy(p, DOC_IMG / name)
    keep = os.environ.get("XIUHUA_E2E_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for p in shots:
            shutil.copy(p, Path(keep) / p.name)
    for p in shots:
        assert_not_blank(p)
    assert not page_errors, page_errors
    assert not external, f"the console fetched from outside the service: {external}"
