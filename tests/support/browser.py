"""Helpers of the browser tests (tests/e2e): Chromium, a free port, users, photos, screenshots."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import create_engine

CHROMIUM = Path("/usr/bin/chromium")


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


DOC_IMG = ROOT / "docs" / "img"


# The guide's screenshots are rewritten only when asked (they differ a little on every run).
UPDATE_DOCS = os.environ.get("XIUHUA_UPDATE_DOC_IMAGES") == "1"


PASSWORD = "workbench-Passw0rd"


def make_users(db_url: str, *rows: tuple[str, str, str | None]) -> None:
    from sqlalchemy.orm import Session

    from app.core.clock import now
    from app.identity.service import UserInput, create_user

    engine = create_engine(db_url)
    try:
        with Session(engine) as s:
            for username, role, unit in rows:
                create_user(
                    s,
                    UserInput(
                        username,
                        role,
                        display_name=f"{username} 测试",
                        password=PASSWORD,
                        unit_code=unit,
                        districts=None if unit else ["370303"],
                    ),
                    now(),
                )
            s.commit()
    finally:
        engine.dispose()


def solid_jpeg(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    img = Image.new("RGB", (320, 240), colour)
    for x in range(0, 320, 16):
        for y in range(0, 240, 16):
            img.putpixel((x, y), (255, 255, 255))
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def assert_not_blank(path: Path) -> None:
    img = Image.open(path).convert("RGB").resize((200, 120))
    colours = img.getcolors(maxcolors=200 * 120) or []
    assert path.stat().st_size > 10_000 and len(colours) > 20, f"blank screenshot {path}"


NO_SIDEWAYS = (
    "() => document.scrollingElement.scrollWidth <= window.innerWidth"
    " && document.scrollingElement.scrollWidth <= document.documentElement.clientWidth"
)


def open_console(
    browser: Any, base: str, user: str, viewport: dict[str, int], errors: list[str]
) -> Any:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/login")
    page.fill("#login-username", user)
    page.fill("#login-password", PASSWORD)
    page.click(".login-submit")
    expect(page.locator("[data-testid=who]")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS), f"{user}: the page scrolls sideways at {viewport}"
    return page


def screenshot(page: Any, path: Path, doc_name: str | None = None) -> None:
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=False)
    assert_not_blank(path)
    if doc_name and UPDATE_DOCS:
        DOC_IMG.mkdir(parents=True, exist_ok=True)
        path.replace(DOC_IMG / doc_name)
