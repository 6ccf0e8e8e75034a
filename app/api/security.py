"""Security headers on every response, and the secrets a non-development start requires.

`SecurityHeaders` (plain ASGI middleware) adds to every answer `X-Content-Type-Options:
nosniff`, `X-Frame-Options: DENY` and `Referrer-Policy: same-origin`, and a
Content-Security-Policy unless the route set its own (the console and the phone app do, in
app/api/web.py). HTML pages without one — Swagger UI, ReDoc and the OAuth2 redirect page, served
offline by fastapi-offline with one inline bootstrap script each — get a strict policy whose
`script-src` lists the SHA-256 of exactly the inline scripts of that page (no `'unsafe-inline'`
for scripts); styles may be inline (both libraries set `style` attributes). Every other answer
(JSON, GeoJSON, tiles, files) gets `default-src 'none'; frame-ancestors 'none'`.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)
NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'"
_BASE = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def html_csp(body: bytes) -> str:
    """Return the policy of an HTML page: scripts from this origin plus its own inline scripts."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() + "'"
            for m in _INLINE_SCRIPT.finditer(body)
        }
    )
    return "; ".join(
        (
            "default-src 'self'",
            "script-src " + " ".join(["'self'", *hashes]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


class SecurityHeaders:
    """Add the security headers (see the module docstring) to every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: Message | None = None  # an HTML start without a policy, waiting for its body
        chunks: list[bytes] = []

        async def send_secure(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _BASE.items():
                    headers.setdefault(name, value)
                if "content-security-policy" in headers:
                    await send(message)
                elif headers.get("content-type", "").startswith("text/html"):
                    held = message
                else:
                    headers["Content-Security-Policy"] = NON_HTML_CSP
                    await send(message)
                return
            if held is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(chunks)
                MutableHeaders(scope=held)["Content-Security-Policy"] = html_csp(body)
                start, held = held, None
                await send(start)
                await send({"type": "http.response.body", "body": body, "more_body": False})
                return
            await send(message)

        await self.app(scope, receive, send_secure)
