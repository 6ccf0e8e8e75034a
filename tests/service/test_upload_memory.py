"""Photo decoding memory: 16 concurrent uploads of a 7 KB-class, 7700×7700 1-bit PNG (under the
pixel cap, tiny on the wire, ~57 MB once decoded) keep every uvicorn worker under RSS_LIMIT_MB.

The size of the decoded image is known from the header before decoding (width × height × bytes
per pixel of the mode), thumbnails shrink in the image's own mode, and each worker decodes at
most `image_max_concurrent` photos at a time; an image whose decoding alone would exceed
`attachment_max_decode_bytes` is refused with 422 before a pixel is decoded.
"""

from __future__ import annotations

import asyncio
import io
import threading
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image

from bench.api import Server, rss_mb, uvicorn_server, worker_pids
from tests.support.reliability import HEAVY_GROUP, tokens

UPLOADS = 16
SIDE = 7700
RSS_LIMIT_MB = 300.0

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(HEAVY_GROUP)]


def bilevel_png(side: int) -> bytes:
    buf = io.BytesIO()
    Image.new("1", (side, side), 1).save(buf, "PNG", optimize=True)
    return buf.getvalue()


@pytest.fixture(scope="module")
def upload_db(template_db: str) -> Iterator[str]:
    from tests.support.databases import admin_engine, create_database, drop_database, url_for

    name = f"xiuhua_test_mem_{uuid.uuid4().hex[:8]}"
    admin = admin_engine()
    create_database(admin, name, template_db)
    try:
        yield url_for(name)
    finally:
        drop_database(admin, name)
        admin.dispose()


@pytest.fixture(scope="module")
def server(upload_db: str) -> Iterator[Server]:
    with uvicorn_server(upload_db, workers=2) as s:
        yield s


def test_concurrent_bilevel_bombs_keep_workers_under_the_limit(
    server: Server, upload_db: str
) -> None:
    png = bilevel_png(SIDE)
    assert len(png) < 20_000, len(png)
    headers = tokens(upload_db)["inspector"]
    pids = worker_pids(server.proc.pid)
    assert len(pids) == 2, pids
    peak = {pid: rss_mb(pid) or 0.0 for pid in pids}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], rss_mb(pid) or 0.0)
            time.sleep(0.02)

    async def upload_all() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=120) as client:
            return await asyncio.gather(
                *(
                    client.post(
                        "/api/v1/attachments",
                        files={"file": (f"bomb{i}.png", png, "image/png")},
                        data={"kind": "report"},
                        headers=headers,
                    )
                    for i in range(UPLOADS)
                )
            )

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        answers = asyncio.run(upload_all())
    finally:
        stop.set()
        sampler.join()
    statuses = [r.status_code for r in answers]
    # stored (thumbnail made in 1-bit mode) or, past the decode budget, refused — never a 5xx
    assert all(s in (201, 422, 503) for s in statuses), [r.text[:200] for r in answers]
    assert statuses.count(201) > 0, [r.text[:200] for r in answers]
    for r in answers:
        if r.status_code == 201:
            body = r.json()
            assert (body["width"], body["height"]) == (SIDE, SIDE)
    assert max(peak.values()) < RSS_LIMIT_MB, peak
    print(
        f"{UPLOADS} uploads of a {len(png)} B {SIDE}×{SIDE} 1-bit PNG: {statuses}; peak RSS {peak}"
    )


def test_an_image_whose_decoding_exceeds_the_budget_is_refused_before_decoding(
    server: Server, upload_db: str
) -> None:
    # 7000×7000 RGB PNG: under the 60-megapixel cap, ~187 MB once decoded (4 bytes per pixel)
    buf = io.BytesIO()
    Image.new("RGB", (7000, 7000), (200, 200, 200)).save(buf, "PNG", optimize=True)
    headers = tokens(upload_db)["inspector"]
    r = httpx.post(
        server.base_url + "/api/v1/attachments",
        files={"file": ("big.png", buf.getvalue(), "image/png")},
        data={"kind": "report"},
        headers=headers,
        timeout=60,
    )
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "image_too_large" and "内存" in r.json()["message"]
