"""Photo attachments (照片附件): receive, check, store, thumbnail, and link photos to cases.

A photo is uploaded on its own (before the case or the action that uses it exists) and is then
named by id in a report or an action, which links it to the case. What is kept:

- the bytes exactly as uploaded, with their sha256 (evidence: never re-encoded, EXIF kept);
- the type sniffed from the bytes (JPEG, PNG, WebP, HEIC; the file name and the client's
  Content-Type are ignored), the pixel size as displayed (EXIF orientation applied);
- EXIF GPS point and capture time when present: kept as evidence, never used in place of the
  point a report posts (EXIF is easy to edit and often stripped or stale);
- a JPEG thumbnail (longest side `settings.thumbnail_px`, no EXIF) for lists.

Storage is behind the small `PhotoStorage` interface; `FileSystemStorage` (under
`settings.attachment_dir`) is the one implementation. An S3-compatible store would implement the
same four methods (`local_path` returning None); none is provided yet. Files are written before
the database row: a rolled-back request can leave an orphan file, never a row without a file.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from functools import cache
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO, Protocol
from zoneinfo import ZoneInfo

from PIL import ExifTags, Image, ImageOps
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import Attachment
from app.core.config import get_settings
from app.core.db import sqlstate
from app.core.errors import InvalidInput, NotFound, PayloadTooLarge

CHUNK = 1024 * 1024
_HEAD = 4096  # enough for every signature and a HEIC `ftyp` box with its brand list

# content type → (Pillow format, file extension)
IMAGE_TYPES: dict[str, tuple[str, str]] = {
    "image/jpeg": ("JPEG", ".jpg"),
    "image/png": ("PNG", ".png"),
    "image/webp": ("WEBP", ".webp"),
    "image/heic": ("HEIF", ".heic"),
}
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"})


class PhotoKind(StrEnum):
    """Which event a photo documents."""

    report = "report"  # 上报
    verify = "verify"  # 核实
    before = "before"  # 处置前
    after = "after"  # 处置后
    check = "check"  # 核查

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PhotoKind.report: "上报",
    PhotoKind.verify: "核实",
    PhotoKind.before: "处置前",
    PhotoKind.after: "处置后",
    PhotoKind.check: "核查",
}

# The kind an action gives the photos it carries; actions not listed keep the uploaded kind
# (a 处置反馈 may carry both 处置前 and 处置后 photos).
_KIND_BY_ACTION = {
    "report": PhotoKind.report,
    "verify_exists": PhotoKind.verify,
    "verify_not_exists": PhotoKind.verify,
    "check_pass": PhotoKind.check,
    "check_fail": PhotoKind.check,
}


# --- errors -------------------------------------------------------------------------------------


class UnsupportedMediaType(InvalidInput):
    """The upload is not a JPEG, PNG, WebP or HEIC image (judged by its bytes)."""

    code = "unsupported_media_type"
    message = "仅支持 JPEG、PNG、WebP、HEIC 格式的照片（按文件内容判断，与扩展名无关）"


class EmptyUpload(InvalidInput):
    """The uploaded file has no bytes."""

    code = "empty_file"
    message = "上传的文件为空"


class ImageTooLarge(InvalidInput):
    """The image has more pixels than allowed (a decompression bomb or an absurd size)."""

    code = "image_too_large"
    message = "图片像素过多，已拒绝"


class CorruptImage(InvalidInput):
    """The bytes look like an image but cannot be decoded."""

    code = "invalid_image"
    message = "图片无法解码（文件损坏或不完整）"


class UnknownPhoto(InvalidInput):
    """A photo id that does not exist, or that belongs to another case."""

    code = "unknown_photo"
    message = "照片不存在"


class PhotoOfAnotherCase(InvalidInput):
    """A photo id already linked to another case (evidence belongs to one case)."""

    code = "photo_of_another_case"
    message = "照片已属于其他案卷"


class AttachmentNotFound(NotFound):
    """No attachment with this id (or its file is gone from storage)."""

    code = "attachment_not_found"
    message = "照片不存在"


# --- storage ------------------------------------------------------------------------------------


class PhotoStorage(Protocol):
    """Where photo bytes live; keys are relative POSIX paths chosen by this module."""

    def put(self, key: str, source: Path) -> None:
        """Store the file at `source` under `key` (atomically; `source` may be moved away)."""

    def open(self, key: str) -> BinaryIO:
        """Open a stored object for reading; raise AttachmentNotFound when it is missing."""

    def local_path(self, key: str) -> Path | None:
        """Return the object's path on this machine's disk, or None for a remote store."""

    def delete(self, key: str) -> None:
        """Remove an object; a missing one is not an error."""


class FileSystemStorage:
    """Photos as files under one directory (date-sharded keys)."""

    def __init__(self, root: Path) -> None:
        """Store under `root` (created on first write)."""
        self.root = root

    def _path(self, key: str) -> Path:
        parts = PurePosixPath(key).parts
        if not parts or key.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"bad storage key {key!r}")
        return self.root.joinpath(*parts)

    def put(self, key: str, source: Path) -> None:
        """Move (or copy, across file systems) `source` to the key's path, atomically."""
        dest = self._path(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(source, dest)
        except OSError:  # another file system: copy beside the target, then rename
            part = dest.with_name(dest.name + ".part")
            shutil.copyfile(source, part)
            os.replace(part, dest)
            source.unlink(missing_ok=True)

    def open(self, key: str) -> BinaryIO:
        """Open the file for reading."""
        try:
            return self._path(key).open("rb")
        except FileNotFoundError:
            raise AttachmentNotFound("照片文件已丢失", key=key) from None

    def local_path(self, key: str) -> Path | None:
        """Return the file's path (whether or not it exists)."""
        return self._path(key)

    def delete(self, key: str) -> None:
        """Remove the file if present."""
        self._path(key).unlink(missing_ok=True)


def get_storage() -> PhotoStorage:
    """Return the configured photo storage (the file system under `attachment_dir`)."""
    return FileSystemStorage(get_settings().attachment_dir)


def _scratch_dir() -> Path:
    # Beside the store, so that a finished upload is renamed into place rather than copied.
    path = get_settings().attachment_dir / ".incoming"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- pure helpers -------------------------------------------------------------------------------


def sniff_image_type(head: bytes) -> str | None:
    """Return the content type of an image from its first bytes, or None when not one we take."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        box_end = min(int.from_bytes(head[:4], "big"), len(head))
        brands = {head[8:12]} | {head[i : i + 4] for i in range(16, box_end - 3, 4)}
        if brands & _HEIC_BRANDS:
            return "image/heic"
    return None


def _degrees(dms: Any, ref: Any, negative: str) -> float | None:
    if dms is None:
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    values = [float(v) for v in (dms if isinstance(dms, tuple | list) else (dms,))]
    deg = (
        values[0]
        + (values[1] / 60 if len(values) > 1 else 0)
        + (values[2] / 3600 if len(values) > 2 else 0)
    )
    if isinstance(ref, str) and ref.strip().upper().startswith(negative):
        deg = -deg
    return deg


def exif_point(exif: Image.Exif) -> tuple[float, float] | None:
    """Return the EXIF GPS (lon, lat) in degrees, or None when absent, malformed or (0, 0)."""
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        lat = _degrees(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef), "S")
        lon = _degrees(
            gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef), "W"
        )
    except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError):
        return None
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if abs(lat) > 90 or abs(lon) > 180 or (lat == 0 and lon == 0):  # 0,0: a camera with no fix
        return None
    return lon, lat


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.strip("\x00 ").strip() if isinstance(value, str) else None


def exif_taken_at(exif: Image.Exif, default_tz: str) -> datetime | None:
    """Return the EXIF capture time (aware): its own offset if recorded, else `default_tz`."""
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        raw = _text(sub.get(ExifTags.Base.DateTimeOriginal)) or _text(
            exif.get(ExifTags.Base.DateTime)
        )
        if not raw:
            return None
        taken = datetime.strptime(raw[:19], "%Y:%m:%d %H:%M:%S")  # naive: zone added below
        offset = _text(sub.get(ExifTags.Base.OffsetTimeOriginal))
        if offset and len(offset) == 6 and offset[0] in "+-" and offset[3] == ":":
            sign = -1 if offset[0] == "-" else 1
            delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
            return taken.replace(tzinfo=timezone(sign * delta))
        return taken.replace(tzinfo=ZoneInfo(default_tz))
    except (TypeError, ValueError, KeyError):
        return None


# --- upload -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Received:
    path: Path
    size: int
    sha256: str
    content_type: str


@dataclass(frozen=True, slots=True)
class _Inspected:
    width: int
    height: int
    point: tuple[float, float] | None
    taken_at: datetime | None
    thumbnail: bytes


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"照片不能超过 {limit / (1024 * 1024):g} MB（{limit} 字节）", max_bytes=limit
    )


def _receive(source: IO[bytes], limit: int) -> _Received:
    """Copy `source` to a scratch file in chunks, hashing; stop at `limit` or at a non-image."""
    fd, name = tempfile.mkstemp(prefix="upload-", dir=_scratch_dir())
    path = Path(name)
    digest = hashlib.sha256()
    size = 0
    head = b""
    content_type: str | None = None
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                if content_type is None:
                    head += chunk[: _HEAD - len(head)]
                    if len(head) >= _HEAD:
                        content_type = _sniff_or_refuse(head)
                digest.update(chunk)
                out.write(chunk)
            if size == 0:
                raise EmptyUpload()
            if content_type is None:
                content_type = _sniff_or_refuse(head)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return _Received(path, size, digest.hexdigest(), content_type)


def _sniff_or_refuse(head: bytes) -> str:
    content_type = sniff_image_type(head)
    if content_type is None:
        raise UnsupportedMediaType()
    return content_type


@cache
def _register_heif() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _flatten(im: Image.Image) -> Image.Image:
    """Return an RGB image; transparency is laid on white (JPEG has no alpha)."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im if im.mode == "RGB" else im.convert("RGB")


# Bytes per pixel Pillow holds for a decoded image of each mode (RGB is stored as 4 bytes).
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "LA": 4, "PA": 4}


@cache
def _image_semaphore(slots: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(slots)


@contextmanager
def _image_slots() -> Iterator[None]:
    """Hold one of this process's `image_max_concurrent` decoding slots."""
    slots = _image_semaphore(get_settings().image_max_concurrent)
    with slots:
        yield


def _inspect(path: Path, content_type: str) -> _Inspected:
    """Decode the image: pixel size, EXIF evidence, thumbnail; refuse bombs and broken files."""
    settings = get_settings()
    max_pixels, px = settings.attachment_max_pixels, settings.thumbnail_px
    fmt = IMAGE_TYPES[content_type][0]
    if fmt == "HEIF":
        _register_heif()
    # Pillow refuses (DecompressionBombError) beyond twice this; we refuse beyond it ourselves.
    Image.MAX_IMAGE_PIXELS = max_pixels
    too_many = ImageTooLarge(
        f"图片像素过多（上限 {max_pixels / 10_000:g} 万像素），已拒绝", max_pixels=max_pixels
    )
    try:
        with Image.open(path, formats=[fmt]) as im:
            width, height = im.size  # from the header: nothing is decoded yet
            if width <= 0 or height <= 0:
                raise CorruptImage()
            if width * height > max_pixels:
                raise too_many
            rotated = False
            im.draft("RGB", (px, px))  # JPEG: decode at a reduced DCT scale; others: no-op
            # What decoding will hold in memory (size after draft × Pillow's bytes per pixel),
            # known from the header before a single pixel is decoded.
            decoded = im.size[0] * im.size[1] * _BYTES_PER_PIXEL.get(im.mode, 4)
            if decoded > settings.attachment_max_decode_bytes:
                raise ImageTooLarge(
                    f"图片解码所需内存过大（约 {decoded / 2**20:.0f} MB，上限"
                    f" {settings.attachment_max_decode_bytes / 2**20:.0f} MB），请缩小或压缩后重传",
                    max_decode_bytes=settings.attachment_max_decode_bytes,
                )
            with _image_slots():
                # Inside the slot: a PNG's EXIF may follow its pixels, so reading it decodes.
                exif = im.getexif()
                point = exif_point(exif)
                taken_at = exif_taken_at(exif, settings.calendar_timezone)
                rotated = exif.get(ExifTags.Base.Orientation) in (5, 6, 7, 8)
                im.load()
                # Shrink in the image's own mode first (1-bit, palette, grey stay one byte per
                # pixel), then turn upright and flatten the small result.
                im.thumbnail((px, px), Image.Resampling.LANCZOS)
                thumb = _flatten(ImageOps.exif_transpose(im))
                buf = io.BytesIO()
                thumb.save(buf, "JPEG", quality=82, optimize=True)
            if rotated:
                width, height = height, width
    except Image.DecompressionBombError:
        raise too_many from None
    except InvalidInput:
        raise
    except Exception as exc:  # untrusted bytes: any decoder failure is a broken file, not a 500
        raise CorruptImage(reason=type(exc).__name__) from None
    return _Inspected(width, height, point, taken_at, buf.getvalue())


def store_photo(
    session: Session,
    source: IO[bytes],
    kind: PhotoKind,
    uploaded_by: int | None,
    now: datetime,
    storage: PhotoStorage | None = None,
) -> Attachment:
    """Receive a photo from `source` (read in chunks), check it, store it and its thumbnail.

    Raises PayloadTooLarge past `attachment_max_bytes` (reading stops there), EmptyUpload,
    UnsupportedMediaType (judged by the bytes), ImageTooLarge, CorruptImage. The row is added
    and flushed, not committed; the case link comes later (`LINK_PHOTOS_SQL`).
    """
    settings = get_settings()
    storage = storage or get_storage()
    received = _receive(source, settings.attachment_max_bytes)
    attachment_id = secrets.token_urlsafe(16)  # 128 random bits: ids are not guessable
    prefix = f"{now:%Y/%m/%d}/{attachment_id}"
    key = prefix + IMAGE_TYPES[received.content_type][1]
    thumb_key = prefix + ".thumb.jpg"
    thumb_path: Path | None = None
    try:
        info = _inspect(received.path, received.content_type)
        fd, name = tempfile.mkstemp(prefix="thumb-", dir=received.path.parent)
        thumb_path = Path(name)
        with os.fdopen(fd, "wb") as out:
            out.write(info.thumbnail)
        storage.put(key, received.path)
        storage.put(thumb_key, thumb_path)
    finally:
        received.path.unlink(missing_ok=True)
        if thumb_path is not None:
            thumb_path.unlink(missing_ok=True)
    attachment = Attachment(
        id=attachment_id,
        kind=PhotoKind(kind).value,
        content_type=received.content_type,
        size_bytes=received.size,
        sha256=received.sha256,
        storage_key=key,
        thumbnail_key=thumb_key,
        width=info.width,
        height=info.height,
        exif_lon=info.point[0] if info.point else None,
        exif_lat=info.point[1] if info.point else None,
        exif_taken_at=info.taken_at,
        uploaded_by=uploaded_by,
        created_at=now,
    )
    session.add(attachment)
    session.flush()
    return attachment


# --- reads and links ----------------------------------------------------------------------------


def get_attachment(
    session: Session, attachment_id: str, actor: wf.Actor | None = None
) -> Attachment:
    """Return an attachment the actor may see, else raise AttachmentNotFound.

    Visible: its case is visible to the actor, or the actor uploaded it and it is not linked yet.
    """
    if actor is None:
        attachment = session.get(Attachment, attachment_id)
    else:
        attachment = session.scalar(
            select(Attachment).where(
                Attachment.id == attachment_id, scope.visible_attachment(actor)
            )
        )
    if attachment is None:
        raise AttachmentNotFound(attachment_id=attachment_id)
    return attachment


def validate_photo_ids(
    session: Session, ids: Sequence[str], case_id: int | None = None
) -> list[Attachment]:
    """Return the attachments named by `ids` (input order, each once).

    Raises UnknownPhoto for an id that does not exist, PhotoOfAnotherCase for one already
    linked to a case other than `case_id` (with `case_id=None`: to any case); both are
    InvalidInput (422). No row lock: the writer that links them refuses a photo another case
    took meanwhile (`refusing_taken_photos`).
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    query = select(Attachment).where(Attachment.id.in_(wanted))
    found = {a.id: a for a in session.scalars(query)}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UnknownPhoto(
            f"照片不存在：{'、'.join(missing)}（请先上传照片）", field="photos", missing=missing
        )
    taken = [i for i in wanted if found[i].case_id not in (None, case_id)]
    if taken:
        raise PhotoOfAnotherCase(
            f"照片已属于其他案卷：{'、'.join(taken)}", field="photos", ids=taken
        )
    return [found[i] for i in wanted]


# Linking photos inside a writer's statement (a report's insert, a transition's write), as a
# CTE: `:photos` is a JSON array of {id, case_id, kind} (kind null: the photo keeps its own). The
# photos were checked without a lock; a photo another case took meanwhile makes the trigger of
# migration 2b8f6e4d9c15 refuse the whole statement (SQLSTATE `PHOTO_TAKEN`).
LINK_PHOTOS_SQL = """
    UPDATE dispatch_attachment a SET case_id = t.case_id, kind = coalesce(t.kind, a.kind)
    FROM jsonb_to_recordset(CAST(:photos AS jsonb)) AS t(id text, case_id bigint, kind text)
    WHERE a.id = t.id"""
PHOTO_TAKEN = "XH001"


def photo_links(
    attachments: Sequence[Attachment], case_id: int, kind: PhotoKind | str | None
) -> list[dict[str, Any]]:
    """Return the rows of `LINK_PHOTOS_SQL` that link `attachments` to a case."""
    new_kind = PhotoKind(kind).value if kind is not None else None
    return [{"id": a.id, "case_id": case_id, "kind": new_kind} for a in attachments]


@contextmanager
def refusing_taken_photos(ids: Sequence[str]) -> Iterator[None]:
    """Raise `PhotoOfAnotherCase` for a statement the photo trigger refused (`PHOTO_TAKEN`)."""
    try:
        yield
    except DBAPIError as exc:
        if sqlstate(exc) == PHOTO_TAKEN:  # a photo was linked to another case since its check
            raise PhotoOfAnotherCase(
                f"照片已属于其他案卷：{'、'.join(ids)}", field="photos", ids=list(ids)
            ) from exc
        raise


def kind_for_action(action: str) -> PhotoKind | None:
    """Return the kind an action gives its photos, or None to keep the uploaded kind."""
    return _KIND_BY_ACTION.get(action)


def attach(attachments: Sequence[Attachment], case_id: int, kind: PhotoKind | str | None) -> None:
    """Set in the session what a writer's statement linked (`LINK_PHOTOS_SQL`, `photo_links`).

    The one rule of a photo's case and kind: a report's insert and a transition's write link
    the photos `validate_photo_ids` checked, in SQL; the session then takes the same values as
    loaded, with nothing to flush.
    """
    new_kind = PhotoKind(kind).value if kind is not None else None
    for attachment in attachments:
        set_committed_value(attachment, "case_id", case_id)
        if new_kind is not None:
            set_committed_value(attachment, "kind", new_kind)


def list_case_photos(session: Session, case_id: int) -> list[Attachment]:
    """Return a case's photos, oldest first."""
    return list(
        session.scalars(
            select(Attachment)
            .where(Attachment.case_id == case_id)
            .order_by(Attachment.created_at, Attachment.id)
        )
    )


def open_file(storage: PhotoStorage, key: str) -> tuple[Path | None, BinaryIO | None]:
    """Return (local path, None) for a local file, or (None, stream) for a remote object.

    Raises AttachmentNotFound when the object is missing.
    """
    local = storage.local_path(key)
    if local is not None:
        if not local.is_file():
            raise AttachmentNotFound("照片文件已丢失", key=key)
        return local, None
    return None, storage.open(key)
