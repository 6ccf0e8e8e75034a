"""The front ends the service serves: the console at `/`, the inspector's phone app at `/m/`.

Both are built from `web/` into `app/static/` (committed, so running the service needs no Node).
Paths the API does not claim fall through to the console's `index.html` (client-side routing in
history mode); unknown `/api/…` paths stay JSON 404s. The HTML and assets carry a strict
Content-Security-Policy: scripts only from this origin, no inline scripts; inline *styles* are
allowed (`'unsafe-inline'` in `style-src` only) because Element Plus and Vant position popups and
set sizes through `style` attributes.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, RedirectResponse, Response

from app.api.auth import public
from app.core.config import get_settings
from app.core.errors import NotFound

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
CONSOLE_DIR = STATIC_DIR / "console"
PHONE_DIR = STATIC_DIR / "m"


def _tile_origin() -> str:
    """Return the origin of the optional base-map tile server (a setting, off by default)."""
    url = get_settings().map_base_tile_url
    if not url:
        return ""
    parts = urlsplit(url)
    return f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def csp() -> str:
    """Return the Content-Security-Policy (images also from the base-map server when one is set)."""
    return CSP.replace("img-src 'self' data: blob:", f"img-src 'self' data: blob:{_tile_origin()}")


CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# Paths owned by the service itself: never answered with the console's index.html.
RESERVED = ("api/", "docs", "redoc", "openapi.json", "healthz", "readyz", "open311/")

router = APIRouter(include_in_schema=False, dependencies=[Depends(public)])


def _headers(immutable: bool) -> dict[str, str]:
    cache = "public, max-age=31536000, immutable" if immutable else "no-cache"
    return {
        "Content-Security-Policy": csp(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cache-Control": cache,
    }


def _file(root: Path, rel: str) -> Path | None:
    """Return root/rel if it is a file inside root (no `..` escapes), else None."""
    if not rel:
        return None
    try:
        path = (root / rel).resolve()
        path.relative_to(root.resolve())
    except (OSError, ValueError):
        return None
    return path if path.is_file() else None


def _spa(root: Path, rel: str, what: str) -> Response:
    found = _file(root, rel)
    if found is not None:
        return FileResponse(found, headers=_headers(rel.startswith("assets/")))
    if rel.startswith("assets/"):
        raise NotFound(f"文件不存在：{rel}")
    index = root / "index.html"
    if not index.is_file():
        raise NotFound(f"{what}尚未构建：在 web/ 目录运行 npm ci && npm run build")
    return FileResponse(index, media_type="text/html", headers=_headers(False))


@router.get("/console")
@router.get("/console/{rest:path}")
def old_console(rest: str = "") -> RedirectResponse:
    """Send the old console address /console/ to /."""
    return RedirectResponse("/", status_code=308)


@router.get("/m")
def phone_root() -> RedirectResponse:
    """Send /m to the phone app at /m/."""
    return RedirectResponse("/m/", status_code=308)


@router.get("/m/{rest:path}")
def phone(rest: str) -> Response:
    """Serve the inspector's phone app (a file of its build, else its index.html)."""
    return _spa(PHONE_DIR, rest, "手机端")


@router.get("/{rest:path}")
def console(rest: str) -> Response:
    """Serve the console (a file of its build, else index.html for client-side routes)."""
    if rest.startswith(RESERVED):
        raise NotFound(f"接口不存在：/{rest}")
    return _spa(CONSOLE_DIR, rest, "控制台")
