"""HTTP: photo attachments — upload, sniffing, limits, EXIF, thumbnails, reads, links.

Images are made here with Pillow (and pillow-heif for HEIC); files go to a tmp_path store by
overriding `attachment_dir`. The database is the rolled-back test session of `client`.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PIL import ExifTags, Image
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import attachments as att
from app.cases.models import Attachment
from app.core.config import get_settings
from app.core.db import driver_sql, fetch_all
from app.core.errors import InvalidInput

URL = "/api/v1/attachments"
INSPECTOR = {"X-Xiuhua-Role": "inspector", "X-Xiuhua-User": "101"}
OPERATOR = {"X-Xiuhua-Role": "operator", "X-Xiuhua-User": "201"}
MB = 1024 * 1024


# --- fixtures and image makers ------------------------------------------------------------------


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Photos of this test go to tmp_path; limits at their defaults unless a test says so."""
    root = tmp_path / "attachments"
    settings = get_settings()
    monkeypatch.setattr(settings, "attachment_dir", root)
    monkeypatch.setattr(settings, "attachment_max_bytes", 10 * MB)
    monkeypatch.setattr(settings, "attachment_max_pixels", 60_000_000)
    monkeypatch.setattr(settings, "thumbnail_px", 320)
    return root


@pytest.fixture
def api(client: Any) -> Any:
    """The test client, with the attachments router mounted if app.main does not mount it yet."""
    from app.api import attachments as router_module

    app = client.app
    if not any(getattr(r, "path", "").startswith(URL) for r in app.routes):
        app.include_router(router_module.router)
    return client


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (36.0, 48.0, 30.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (118.0, 2.0, 45.0),
    }
    exif[ExifTags.IFD.Exif] = {
        ExifTags.Base.DateTimeOriginal: "2026:11:20 09:30:00",
        ExifTags.Base.OffsetTimeOriginal: "+08:00",
    }
    if orientation != 1:
        exif[ExifTags.Base.Orientation] = orientation
    return exif


EXIF_LON = 118 + 2 / 60 + 45 / 3600
EXIF_LAT = 36 + 48 / 60 + 30.5 / 3600


def image_bytes(
    fmt: str,
    size: tuple[int, int] = (640, 480),
    mode: str = "RGB",
    exif: Image.Exif | None = None,
) -> bytes:
    color: Any = {"RGBA": (30, 120, 200, 128), "1": 1}.get(mode, (30, 120, 200))
    im = Image.new(mode, size, color)
    buf = io.BytesIO()
    kwargs: dict[str, Any] = {"exif": exif.tobytes()} if exif is not None else {}
    im.save(buf, fmt, **kwargs)
    return buf.getvalue()


def upload(
    client: Any,
    data: bytes,
    kind: str = "report",
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
    headers: dict[str, str] | None = None,
) -> Any:
    return client.post(
        URL,
        files={"file": (filename, data, content_type)},
        data={"kind": kind},
        headers=INSPECTOR if headers is None else headers,
    )


def err(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code, body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body
    return dict(body)


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


# --- accepted images ----------------------------------------------------------------------------


def test_jpeg_with_exif_gps(api: Any, db_session: Session, store: Path) -> None:
    data = image_bytes("JPEG", (640, 480), exif=exif_with_gps(orientation=6))
    r = upload(api, data, kind="before", filename="现场.JPG", content_type="application/x-foo")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["kind"] == "before"
    assert body["case_id"] is None
    assert body["content_type"] == "image/jpeg"  # from the bytes, not the client's header
    assert body["size"] == len(data)
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert (body["width"], body["height"]) == (480, 640)  # EXIF orientation 6: shown rotated
    assert body["exif_point"]["lon"] == pytest.approx(EXIF_LON, abs=1e-9)
    assert body["exif_point"]["lat"] == pytest.approx(EXIF_LAT, abs=1e-9)
    taken = datetime.fromisoformat(body["exif_taken_at"])
    assert taken == datetime(2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    assert body["uploaded_by"] == 101
    assert body["url"] == f"{URL}/{body['id']}"
    assert body["thumbnail_url"] == f"{URL}/{body['id']}/thumbnail"

    row = db_session.get(Attachment, body["id"])
    assert row is not None and row.exif_lon is not None
    assert row.storage_key.endswith(".jpg") and row.thumbnail_key.endswith(".thumb.jpg")
    assert (store / row.storage_key).read_bytes() == data  # kept as uploaded, EXIF and all
    assert not list((store / ".incoming").iterdir())  # nothing left in scratch

    thumb = Image.open(io.BytesIO(api.get(body["thumbnail_url"], headers=INSPECTOR).content))
    assert thumb.format == "JPEG"
    assert thumb.size == (240, 320)  # rotated like the photo, longest side 320
    assert not thumb.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # thumbnails carry no location


@pytest.mark.parametrize(
    ("fmt", "mode", "content_type", "ext"),
    [
        ("PNG", "RGBA", "image/png", ".png"),
        ("PNG", "RGB", "image/png", ".png"),
        ("WEBP", "RGB", "image/webp", ".webp"),
    ],
)
def test_png_and_webp(api: Any, fmt: str, mode: str, content_type: str, ext: str) -> None:
    data = image_bytes(fmt, (1000, 400), mode=mode, exif=exif_with_gps())
    r = upload(api, data, kind="after", filename="x.jpg")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["content_type"] == content_type
    assert (body["width"], body["height"]) == (1000, 400)
    assert body["exif_point"]["lat"] == pytest.approx(EXIF_LAT, abs=1e-9)
    got = api.get(body["url"], headers=INSPECTOR)
    assert got.status_code == 200
    assert got.headers["content-type"] == content_type
    assert got.content == data
    assert got.headers["content-disposition"].endswith(f'{body["id"]}{ext}"')
    thumb = Image.open(io.BytesIO(api.get(body["thumbnail_url"], headers=INSPECTOR).content))
    assert thumb.size == (320, 128) and thumb.mode == "RGB"
    if mode == "RGBA":  # half-transparent blue on white, not on black
        pixel: Any = thumb.getpixel((10, 10))
        assert pixel[0] > 100 and pixel[1] > 150


def test_heic(api: Any) -> None:
    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        data = image_bytes("HEIF", (800, 600), exif=exif_with_gps())
    except Exception as exc:  # no HEVC encoder in this build of libheif
        pytest.skip(f"pillow-heif cannot write HEIC here: {exc}")
    assert data[4:12] == b"ftypheic"
    r = upload(api, data, kind="check", filename="IMG_0001.HEIC", content_type="image/heic")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["content_type"] == "image/heic"
    assert (body["width"], body["height"]) == (800, 600)
    assert body["exif_point"]["lon"] == pytest.approx(EXIF_LON, abs=1e-9)
    got = api.get(body["url"], headers=INSPECTOR)
    assert got.headers["content-type"] == "image/heic" and got.content == data
    thumb = Image.open(io.BytesIO(api.get(body["thumbnail_url"], headers=INSPECTOR).content))
    assert thumb.format == "JPEG" and thumb.size == (320, 240)


def test_photo_without_exif(api: Any) -> None:
    r = upload(api, image_bytes("JPEG", (100, 50)))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["exif_point"] is None and body["exif_taken_at"] is None
    thumb = Image.open(io.BytesIO(api.get(body["thumbnail_url"], headers=INSPECTOR).content))
    assert thumb.size == (100, 50)  # small photos are not enlarged


def test_get_returns_same_bytes_and_type(api: Any) -> None:
    data = image_bytes("JPEG", (300, 200), exif=exif_with_gps())
    body = upload(api, data).json()
    got = api.get(f"{URL}/{body['id']}", headers=INSPECTOR)
    assert got.status_code == 200
    assert got.headers["content-type"] == "image/jpeg"
    assert got.content == data
    assert got.headers["etag"] == f'"{hashlib.sha256(data).hexdigest()}"'
    assert got.headers["x-content-type-options"] == "nosniff"
    thumb = api.get(f"{URL}/{body['id']}/thumbnail", headers=INSPECTOR)
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    # a photo not yet linked to a case is its uploader's alone: anyone else gets 404
    err(api.get(f"{URL}/{body['id']}", headers=OPERATOR), 404, "attachment_not_found")
    err(api.get(f"{URL}/{body['id']}/thumbnail", headers=OPERATOR), 404, "attachment_not_found")


# --- refused uploads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "这不是照片，只是一段文字。\n".encode() * 50,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"GIF89a" + b"\x00" * 100,
        b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 64,  # AVIF, not HEIC
    ],
    ids=["text", "pdf", "html", "gif", "avif"],
)
def test_not_an_image_renamed_jpg_is_refused(api: Any, store: Path, data: bytes) -> None:
    r = upload(api, data, filename="photo.jpg", content_type="image/jpeg")
    body = err(r, 422, "unsupported_media_type")
    assert "JPEG" in body["message"]
    assert stored_files(store) == []


def test_empty_file(api: Any, store: Path) -> None:
    err(upload(api, b""), 422, "empty_file")
    assert stored_files(store) == []


def test_truncated_jpeg(api: Any, store: Path) -> None:
    im = Image.effect_noise((400, 300), 64).convert("RGB")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95)
    data = buf.getvalue()
    err(upload(api, data[: len(data) // 2]), 422, "invalid_image")
    assert stored_files(store) == []


def test_30_mb_upload_refused_quickly(api: Any, store: Path) -> None:
    data = b"\xff\xd8\xff\xe0" + b"\x00" * (30 * MB)
    started = time.perf_counter()
    r = upload(api, data)
    elapsed = time.perf_counter() - started
    body = err(r, 413, "payload_too_large")
    assert "10 MB" in body["message"]
    assert body["detail"]["max_bytes"] == 10 * MB
    assert elapsed < 2.0, elapsed
    assert stored_files(store) == []


def test_file_over_limit_inside_the_multipart_slack(
    api: Any, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body limit allows multipart framing; the file itself is cut at the exact limit."""
    monkeypatch.setattr(get_settings(), "attachment_max_bytes", 100_000)
    data = b"\xff\xd8\xff\xe0" + b"\x00" * 100_000
    body = err(upload(api, data), 413, "payload_too_large")
    assert "100000 字节" in body["message"]
    assert stored_files(store) == []


def test_chunked_upload_stops_reading_at_the_limit(api: Any) -> None:
    """Without Content-Length the body is counted as it arrives and reading stops early."""
    boundary = b"xiuhua-test-boundary"
    preamble = (
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="kind"\r\n\r\nreport\r\n'
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"'
        b"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0"
    )
    chunks = [preamble] + [b"\x00" * MB] * 30
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if pulled < len(chunks):
            pulled += 1
            return {"type": "http.request", "body": chunks[pulled - 1], "more_body": True}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": URL,
        "raw_path": URL.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"multipart/form-data; boundary=" + boundary),
            (b"transfer-encoding", b"chunked"),
            (b"x-xiuhua-role", b"inspector"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run(api.app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 413
    assert pulled <= 12, f"read {pulled} chunks of a 30 MB body"


def test_decompression_bomb_refused(api: Any, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "attachment_max_pixels", 1_000_000)
    # over our limit (refused from the header, nothing decoded)
    body = err(upload(api, image_bytes("PNG", (1500, 1000), mode="1")), 422, "image_too_large")
    assert "万像素" in body["message"]
    # over twice the limit: Pillow's own DecompressionBombError, answered the same way
    err(upload(api, image_bytes("PNG", (3000, 1000), mode="1")), 422, "image_too_large")
    assert stored_files(store) == []


def test_real_bomb_png_is_refused_without_decoding(api: Any) -> None:
    """A 20000×20000 PNG of a few hundred KB: refused by its header at the default limit."""
    im = Image.new("1", (20_000, 20_000))
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    assert len(buf.getvalue()) < 1 * MB
    err(upload(api, buf.getvalue()), 422, "image_too_large")


def test_bad_kind(api: Any) -> None:
    err(upload(api, image_bytes("JPEG"), kind="selfie"), 422, "invalid_request")


# --- identity and unknown ids -------------------------------------------------------------------


def test_missing_identity(api: Any) -> None:
    err(upload(api, image_bytes("JPEG"), headers={}), 401, "unauthenticated")
    body = upload(api, image_bytes("JPEG")).json()
    err(api.get(body["url"]), 401, "unauthenticated")
    err(api.get(body["thumbnail_url"]), 401, "unauthenticated")


def test_unknown_id(api: Any) -> None:
    err(api.get(f"{URL}/nope", headers=OPERATOR), 404, "attachment_not_found")
    err(api.get(f"{URL}/nope/thumbnail", headers=OPERATOR), 404, "attachment_not_found")


def test_file_gone_from_storage(api: Any, store: Path) -> None:
    body = upload(api, image_bytes("JPEG")).json()
    for f in stored_files(store):
        f.unlink()
    err(api.get(body["url"], headers=OPERATOR), 404, "attachment_not_found")


# --- service: validate and link -----------------------------------------------------------------


def _case_ids(session: Session, n: int) -> list[int]:
    """Report n cases through the service (a real case row for the foreign key)."""
    from app.cases import workflow as wf
    from app.cases.service import ReportInput, report_case
    from app.core.clock import now

    x, y = session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND area_m2 > 9999 AND mgmt_class = 'normal'"
            " ORDER BY code LIMIT 1 OFFSET 1234) q"
        )
    ).one()
    out = []
    for i in range(n):
        result = report_case(
            session,
            ReportInput(
                source=wf.Source.inspector,
                category="event:09006",
                lon=float(x) + i * 1e-5,
                lat=float(y),
                description="人行道上占道经营",
            ),
            wf.Actor(wf.Role.inspector, user_id=101),
            now(),
        )
        out.append(result.case.id)
    return out


def test_validate_and_link(api: Any, db_session: Session) -> None:
    a = upload(api, image_bytes("JPEG"), kind="after").json()["id"]
    b = upload(api, image_bytes("PNG"), kind="before").json()["id"]

    got = att.validate_photo_ids(db_session, [b, a, b])
    assert [x.id for x in got] == [b, a]
    assert att.validate_photo_ids(db_session, []) == []
    with pytest.raises(InvalidInput) as e:
        att.validate_photo_ids(db_session, [a, "missing-1"])
    assert e.value.code == "unknown_photo" and e.value.detail["missing"] == ["missing-1"]

    case_1, case_2 = _case_ids(db_session, 2)

    def link(ids: list[str], case_id: int, kind: Any = None, check: bool = True) -> list[Any]:
        """Check, then link as a writer's statement does (`LINK_PHOTOS_SQL`), in a savepoint."""
        photos = (
            att.validate_photo_ids(db_session, ids, case_id)
            if check
            else [db_session.get_one(Attachment, i) for i in ids]
        )
        with db_session.begin_nested(), att.refusing_taken_photos(ids):
            fetch_all(
                db_session,
                driver_sql(f"WITH ph AS ({att.LINK_PHOTOS_SQL}) SELECT 1 AS done"),
                {"photos": json.dumps(att.photo_links(photos, case_id, kind))},
            )
        att.attach(photos, case_id, kind)
        return photos

    linked = link([a, b], case_1, att.kind_for_action("handle"))
    assert {x.case_id for x in linked} == {case_1}
    assert {x.id: x.kind for x in linked} == {a: "after", b: "before"}  # handle keeps kinds
    link([a], case_1, att.kind_for_action("check_pass"))  # same case: ok
    db_session.expire_all()  # what the database holds
    assert db_session.get(Attachment, a).kind == "check"  # type: ignore[union-attr]
    assert sorted(x.id for x in att.list_case_photos(db_session, case_1)) == sorted([a, b])

    with pytest.raises(InvalidInput) as e:
        link([a], case_2)  # the check refuses it
    assert e.value.code == "photo_of_another_case"
    with pytest.raises(InvalidInput) as e:
        link([a], case_2, check=False)  # checked before it was linked: the trigger refuses it
    assert e.value.code == "photo_of_another_case"
    db_session.expire_all()
    assert db_session.get_one(Attachment, a).case_id == case_1
    with pytest.raises(InvalidInput):
        att.validate_photo_ids(db_session, [a])  # before a case exists: must be unlinked
    assert att.validate_photo_ids(db_session, [a], case_1)[0].id == a

    read = api.get(f"{URL}/{a}/thumbnail", headers=OPERATOR)
    assert read.status_code == 200


def test_sniffer() -> None:
    assert att.sniff_image_type(b"\xff\xd8\xff\xdb") == "image/jpeg"
    assert att.sniff_image_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert att.sniff_image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert att.sniff_image_type(b"RIFF\x00\x00\x00\x00WAVEfmt ") is None
    assert att.sniff_image_type(b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic") == (
        "image/heic"
    )
    assert att.sniff_image_type(b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom") is None  # mp4
    assert att.sniff_image_type(b"") is None
