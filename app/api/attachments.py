"""Photo API (照片附件): upload a photo, fetch it and its thumbnail.

A photo is uploaded first (`POST /api/v1/attachments`, multipart `file` + `kind`) and its id is
then named in a report or an action (`photos: [id, …]`). The request body is counted as it
arrives: past the size limit the upload is refused with 413 without reading the rest. Every
endpoint needs the identity headers, like the case API.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, Depends, File, Form, Path, Request, Response, UploadFile
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Message, Receive

from app.api.auth import STAFF_ROLES, Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES, ErrorBody
from app.api.schemas.edge import CleanStr
from app.cases import workflow as wf
from app.cases.attachments import (
    CHUNK,
    IMAGE_TYPES,
    PhotoKind,
    get_attachment,
    get_storage,
    open_file,
    store_photo,
)
from app.cases.models import Attachment
from app.core.config import get_settings
from app.core.errors import PayloadTooLarge

PREFIX = "/api/v1/attachments"
# multipart framing around the file: boundaries, part headers, the `kind` field
_MULTIPART_OVERHEAD = 64 * 1024


def _too_large() -> PayloadTooLarge:
    limit = get_settings().attachment_max_bytes
    return PayloadTooLarge(
        f"照片不能超过 {limit / (1024 * 1024):g} MB（{limit} 字节）", max_bytes=limit
    )


class _BodyOverLimit(StarletteHTTPException):
    """Raised from `receive`; an HTTPException so that FastAPI's body parsing lets it through."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


def _counting(receive: Receive, limit: int) -> Receive:
    total = 0

    async def counted() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                raise _BodyOverLimit()
        return message

    return counted


class BodyLimitedRoute(APIRoute):
    """A route whose request body may not exceed `max_photos` photos (plus multipart framing).

    A declared Content-Length over the limit is refused before any byte is read; otherwise the
    body is counted as it arrives and reading stops at the limit. Settings are read per request.
    Each photo is still checked against the per-photo limit when it is stored.
    """

    max_photos = 1

    def photo_limit(self) -> int:
        """Return the limit of a body carrying `max_photos` photos, in bytes."""
        return self.max_photos * (get_settings().attachment_max_bytes + _MULTIPART_OVERHEAD)

    def body_limit(self) -> int | None:
        """Return this route's body limit for app.api.limits (None: the route limits its own)."""
        return self.photo_limit()

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap FastAPI's handler with the body limit."""
        handler = super().get_route_handler()

        async def limited(request: Request) -> Response:
            if request.method not in ("POST", "PUT", "PATCH"):
                return await handler(request)
            limit = self.photo_limit()
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _too_large()
            try:
                return await handler(Request(request.scope, _counting(request.receive, limit)))
            except _BodyOverLimit:
                raise _too_large() from None

        return limited


ActorDep = Annotated[wf.Actor, Depends(Allow(*STAFF_ROLES))]

router = APIRouter(
    prefix=PREFIX,
    tags=["照片 attachments"],
    responses={**ERROR_RESPONSES, 413: {"model": ErrorBody, "description": "照片超过大小上限"}},
    route_class=BodyLimitedRoute,
)


class ExifPoint(BaseModel):
    """照片 EXIF 中的拍摄位置（WGS-84，仅作佐证，不替代上报点位）."""

    lon: float
    lat: float


class AttachmentRead(BaseModel):
    """一张已存储的照片."""

    id: str = Field(description="照片 ID：在上报或流转动作的 photos 中引用")
    kind: PhotoKind = Field(description="照片类型 report | verify | before | after | check")
    case_id: int | None = Field(description="所属案卷（上传后被引用前为空）")
    content_type: str = Field(description="按文件内容识别的类型，如 image/jpeg")
    size: int = Field(description="字节数")
    sha256: str = Field(description="原始文件的 SHA-256（十六进制）")
    width: int = Field(description="宽（像素，已按 EXIF 方向旋转）")
    height: int = Field(description="高（像素，已按 EXIF 方向旋转）")
    exif_point: ExifPoint | None = Field(description="EXIF GPS 位置（如有）")
    exif_taken_at: datetime | None = Field(description="EXIF 拍摄时间（如有）")
    uploaded_by: int | None = Field(description="上传者用户 ID")
    created_at: datetime
    url: str = Field(description="原图地址")
    thumbnail_url: str = Field(description="缩略图地址（JPEG）")


def attachment_read(a: Attachment) -> AttachmentRead:
    """Return the HTTP view of an attachment."""
    point = (
        ExifPoint(lon=a.exif_lon, lat=a.exif_lat)
        if a.exif_lon is not None and a.exif_lat is not None
        else None
    )
    return AttachmentRead(
        id=a.id,
        kind=PhotoKind(a.kind),
        case_id=a.case_id,
        content_type=a.content_type,
        size=a.size_bytes,
        sha256=a.sha256,
        width=a.width,
        height=a.height,
        exif_point=point,
        exif_taken_at=a.exif_taken_at,
        uploaded_by=a.uploaded_by,
        created_at=a.created_at,
        url=f"{PREFIX}/{a.id}",
        thumbnail_url=f"{PREFIX}/{a.id}/thumbnail",
    )


@router.post(
    "",
    status_code=201,
    response_model=AttachmentRead,
    summary="上传照片",
    description=(
        "multipart/form-data：`file`（照片）与 `kind`（report 上报 | verify 核实 | before 处置前 | "
        "after 处置后 | check 核查）。只接受 JPEG、PNG、WebP、HEIC，按文件内容判断（改扩展名无效，"
        "否则 422 `unsupported_media_type`）；超过大小上限返回 413（不读完整个上传）；空文件、损坏"
        "或像素过多的图片返回 422。记录 SHA-256、宽高、EXIF GPS 与拍摄时间（仅作佐证），生成 JPEG "
        "缩略图。返回的 `id` 用于上报或流转动作的 `photos`。"
    ),
)
def post_attachment(
    now: NowDep,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="照片文件")],
    kind: Annotated[PhotoKind, Form(description="照片类型")],
    actor: ActorDep,
) -> AttachmentRead:
    """Store an uploaded photo."""
    attachment = store_photo(session, file.file, kind, actor.user_id, now)
    return attachment_read(attachment)


AttachmentId = Annotated[CleanStr, Path(min_length=1, max_length=64, description="照片 ID")]
_IMAGE_CONTENT = {"content": {ct: {} for ct in IMAGE_TYPES}, "description": "照片原文件"}


def _iter_stream(stream: BinaryIO) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(CHUNK):
            yield chunk


def _file_response(key: str, media_type: str, etag: str, filename: str) -> Response:
    headers = {
        # an id never names other bytes: cache for good, but only in the caller's own cache
        "Cache-Control": "private, max-age=31536000, immutable",
        "ETag": f'"{etag}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
        "Content-Disposition": f'inline; filename="{filename}"',
    }
    local, stream = open_file(get_storage(), key)
    if local is not None:
        return FileResponse(local, media_type=media_type, headers=headers)
    assert stream is not None
    return StreamingResponse(_iter_stream(stream), media_type=media_type, headers=headers)


@router.get(
    "/{attachment_id}",
    summary="照片原文件",
    response_class=Response,
    responses={200: _IMAGE_CONTENT},
    description="照片原图（按内容识别的类型）；照片所属案卷不在权限范围内时返回 404。",
)
def read_attachment(
    session: SessionDep,
    attachment_id: AttachmentId,
    actor: ActorDep,
) -> Response:
    """Return the photo's bytes as uploaded, with its sniffed content type."""
    a = get_attachment(session, attachment_id, actor)
    ext = IMAGE_TYPES[a.content_type][1]
    return _file_response(a.storage_key, a.content_type, a.sha256, f"{a.id}{ext}")


@router.get(
    "/{attachment_id}/thumbnail",
    summary="照片缩略图（JPEG）",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}, "description": "缩略图"}},
    description="照片的 JPEG 缩略图（长边 `thumbnail_px` 像素）。",
)
def read_thumbnail(
    session: SessionDep,
    attachment_id: AttachmentId,
    actor: ActorDep,
) -> Response:
    """Return the photo's JPEG thumbnail (longest side `thumbnail_px`)."""
    a = get_attachment(session, attachment_id, actor)
    return _file_response(a.thumbnail_key, "image/jpeg", f"{a.sha256}-thumb", f"{a.id}.thumb.jpg")
