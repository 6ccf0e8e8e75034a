"""Units, responsibility rules and hotline reference data in the admin screens; the leader's desk.

In a real browser against a real server: the admin creates a unit, deactivates and reactivates
it; previews which unit gets 占道经营 at a point, tries an unsaved rule that gives the point's cell
to the new unit (the preview says the unit changes, nothing is saved), saves it, and the preview
of the saved rules now names the new unit; deactivating the rule gives the point back. The admin
adds a category keyword for the hotline and sees the urgency classes. A leader lands on the
dashboard, reads only 督办 in the command centre and can search cases.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, make_users, open_console, screenshot

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="需要 Debian 的 Chromium（/usr/bin/chromium）：apt-get install -y chromium",
)
DESK = {"width": 1366, "height": 768}


def test_units_rules_and_hotline_reference_data(
    server: str,
    facts: dict[str, Any],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    db = facts["db_url"]
    make_users(db, ("ad.admin", "admin", None), ("ad.leader", "leader", None))
    errors: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = open_console(browser, server, "ad.admin", DESK, errors)

            # --- 责任单位: create, deactivate, reactivate -------------------------------------
            page.goto(f"{server}/admin?tab=units")
            units = page.get_by_test_id("units")
            expect(units).to_contain_text("综合行政执法局")
            page.get_by_test_id("unit-new").click()
            page.fill("#unit-code", "370303-E2E")
            page.fill("#unit-name", "测试环卫保洁公司")
            page.get_by_test_id("unit-save").click()
            new_row = units.locator(".el-table__row", has_text="370303-E2E")
            expect(new_row).to_contain_text("测试环卫保洁公司")
            expect(new_row).to_contain_text("启用")
            new_row.locator("[data-unit-toggle]").click()
            expect(new_row).to_contain_text("停用")
            new_row.locator("[data-unit-toggle]").click()
            expect(new_row).to_contain_text("启用")

            # --- 责任规则: preview, try an unsaved rule, save it, deactivate it ---------------
            page.goto(f"{server}/admin?tab=rules")
            expect(page.get_by_test_id("rules").locator(".el-table__row").first).to_be_visible()
            preview = page.get_by_test_id("rule-preview")
            preview.get_by_label("经度").fill(str(facts["lon"]))
            preview.get_by_label("纬度").fill(str(facts["lat"]))
            page.get_by_test_id("preview-run").click()
            result = page.get_by_test_id("preview-result")
            expect(result).to_contain_text("综合行政执法局")
            expect(result).to_contain_text(facts["cell_code"])

            page.get_by_test_id("rule-new").click()
            dialog = page.locator(".el-dialog:visible")
            dialog.locator(".unit-picker").click()
            page.keyboard.type("E2E", delay=50)
            page.locator(".el-select-dropdown__item:visible", has_text="测试环卫保洁公司").click()
            dialog.locator(".el-form-item", has_text="区县代码").locator("input").fill("370303")
            dialog.locator(".el-form-item", has_text="类别范围").locator(".el-select").click()
            page.locator(".el-select-dropdown__item:visible", has_text="事件").click()
            dialog.locator(".el-form-item", has_text="类别范围").locator("input").nth(2).fill(
                "09006"
            )
            dialog.locator(".el-form-item", has_text="区域范围").locator(".el-select").click()
            page.locator(".el-select-dropdown__item:visible", has_text="指定网格").click()
            dialog.locator("textarea").fill(facts["cell_code"])
            dialog.locator(".el-form-item", has_text="优先级").locator("input").fill("500")
            page.get_by_test_id("draft-preview-run").click()
            tried = page.get_by_test_id("draft-preview")
            expect(tried).to_contain_text("测试环卫保洁公司")
            expect(tried).to_contain_text("责任单位改变")
            screenshot(page, tmp_path / "admin-rules.png", "admin-rules.png")
            page.get_by_test_id("rule-save").click()
            rule_row = page.get_by_test_id("rules").locator(
                ".el-table__row", has_text="测试环卫保洁公司"
            )
            expect(rule_row).to_contain_text("指定网格")
            page.get_by_test_id("preview-run").click()
            expect(result).to_contain_text("测试环卫保洁公司")
            idle = re.compile(r"^(?!.*el-loading-parent).*$")
            expect(page.get_by_test_id("rules")).to_have_class(idle)
            rule_row.get_by_role("button", name="停用").click()
            expect(rule_row.get_by_role("button", name="启用")).to_be_visible()
            expect(page.get_by_test_id("api-error")).to_have_count(0)
            page.get_by_test_id("preview-run").click()
            expect(result).to_contain_text("综合行政执法局")

            # --- 热线: urgency classes, a keyword for 占道经营 ---------------------------------
            page.goto(f"{server}/admin?tab=hotline")
            expect(page.get_by_test_id("urgencies").locator(".el-table__row").first).to_be_visible()
            page.get_by_role("combobox", name="类别", exact=True).click()
            page.keyboard.type("09006")
            page.locator(".el-select-dropdown__item:visible", has_text="event:09006").first.click()
            page.locator("[data-testid=kw-new] input, input[data-testid=kw-new]").fill("摆地摊")
            page.get_by_test_id("kw-add").click()
            page.wait_for_function(
                "() => [...document.querySelectorAll('[data-testid=keywords] input')]"
                ".some(i => i.value === '摆地摊')"
            )

            # --- the leader: dashboard first, 督办 only, case search ---------------------------
            page = open_console(browser, server, "ad.leader", DESK, errors)
            expect(page).to_have_url(re.compile(r"/dashboard"))
            page.goto(f"{server}/centre")
            expect(page.locator("[data-tab]")).to_have_count(1)
            expect(page.locator("[data-tab=supervision]")).to_be_visible()
            page.goto(f"{server}/cases?open=true")
            expect(page.get_by_test_id("search-form")).to_be_visible()
            expect(page.locator("[data-testid=api-error], .el-alert--error")).to_have_count(0)
        finally:
            browser.close()
    assert not errors, errors
