"""The inspector's phone (城管通 / 监督员移动端): report in one call, task inbox, incremental sync.

Phones are on flaky networks, so every write here **requires** an `Idempotency-Key`: a retry with
the same key and the same content (photos included, compared by SHA-256) gets the first answer
and creates nothing; the same key with other content is a 409.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Header, Path, Query, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.api.attachments import BodyLimitedRoute
from app.api.auth import Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.responses import once
from app.api.schemas.edge import BigId, CleanStr
from app.api.schemas.grid import CRS_DESCRIPTION, DEFAULT_CRS
from app.api.schemas.mobile import ReportAnswer, TaskResultAnswer
from app.cases import workflow as wf
from app.cases.attachments import PhotoKind, store_photo
from app.cases.report_policy import Channel, check_report, check_self_handle_photos
from app.cases.service import (
    ActionInput,
    ReportInput,
    act,
    get_case,
    report_case,
)
from app.channels.mobile import service as mobile
from app.core.config import get_settings
from app.core.errors import InvalidInput, PreconditionRequired
from app.grid.coords import to_wgs84

MAX_PHOTOS = get_settings().report_max_photos


class _PhoneRoute(BodyLimitedRoute):
    max_photos = 2 * MAX_PHOTOS  # report photos + after-photos of a self-handled report


router = APIRouter(
    prefix="/api/v1/inspector",
    tags=["监督员移动端 inspector"],
    responses=ERROR_RESPONSES,
    route_class=_PhoneRoute,
)
InspectorDep = Annotated[wf.Actor, Depends(Allow(wf.Role.inspector))]
RequiredKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="必填：每次上报/提交生成一个新键（如 UUID），网络重试时沿用同一个键",
    ),
]


def _need_key(key: str | None) -> str:
    if not key:
        raise PreconditionRequired(
            "移动端提交必须带 Idempotency-Key 请求头（重试时沿用同一个键，避免重复上报）",
            header="Idempotency-Key",
        )
    return key


def _digests(files: list[UploadFile]) -> list[str]:
    """SHA-256 of each uploaded file (for the idempotency fingerprint); files are rewound."""
    out = []
    for f in files:
        h = hashlib.sha256()
        while chunk := f.file.read(1 << 20):
            h.update(chunk)
        f.file.seek(0)
        out.append(h.hexdigest())
    return out


def _store(
    session: Session, files: list[UploadFile], kind: PhotoKind, actor: wf.Actor, now: datetime
) -> list[str]:
    return [store_photo(session, f.file, kind, actor.user_id, now).id for f in files]


def _photo_ids(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportAnswer,
    summary="一次上报（含照片）",
    description=(
        "multipart/form-data：`category`（如 event:09006）、`lon`、`lat`、`crs`（默认 wgs84，"
        "与其他渠道相同：手机 GPS 和浏览器定位给出的就是 WGS-84；用高德/腾讯地图 SDK 取点时传 gcj02，"
        "百度传 bd09）、`description`、`address_text`（可选）、"
        "`photos`（1–9 张照片文件）或 `photo_ids`（先上传得到的照片 ID，逗号分隔）。"
        "`accuracy_m`（定位精度，米）与 `located_by`（gps | map）记入上报记录。"
        "`self_handled=true` 表示现场自处理（轻微问题），需同时提交 `after_photos`（处置后照片），"
        "案卷直接结案并留痕。必须带 `Idempotency-Key`。返回案卷编号、定位网格、派遣建议单位、"
        "当前阶段时限与疑似重复案卷；不在本人责任网格内的上报照常受理并标记 "
        "`outside_patrol_area`。"
    ),
)
def post_report(
    now: NowDep,
    session: SessionDep,
    actor: InspectorDep,
    category: Annotated[CleanStr, Form(description="类别，如 event:09006 或 component:01003")],
    lon: Annotated[float, Form(description="经度")],
    lat: Annotated[float, Form(description="纬度")],
    description: Annotated[CleanStr, Form(min_length=1, max_length=2000, description="问题描述")],
    idempotency_key: RequiredKey = None,
    crs: Annotated[
        CleanStr,
        Form(min_length=1, max_length=16, description=CRS_DESCRIPTION),
    ] = DEFAULT_CRS,
    address_text: Annotated[CleanStr | None, Form(max_length=500)] = None,
    photos: Annotated[list[UploadFile] | None, File(description="现场照片 1–9 张")] = None,
    photo_ids: Annotated[CleanStr | None, Form(description="已上传照片 ID，逗号分隔")] = None,
    self_handled: Annotated[bool, Form(description="现场自处理")] = False,
    after_photos: Annotated[list[UploadFile] | None, File(description="自处理后照片")] = None,
    note: Annotated[CleanStr | None, Form(max_length=2000, description="自处理说明")] = None,
    accuracy_m: Annotated[
        float | None, Form(ge=0, le=100_000, description="定位精度（米，手机 GPS 给出）")
    ] = None,
    located_by: Annotated[
        Literal["gps", "map"] | None,
        Form(description="点位来源：gps = 手机定位，map = 在地图上拖动标注"),
    ] = None,
) -> JSONResponse:
    """Report a case with its photos in one request."""
    key = _need_key(idempotency_key)
    files, after = photos or [], after_photos or []
    ids = _photo_ids(photo_ids)
    check_report(Channel.phone, actor.role, wf.Source.inspector, len(files) + len(ids))
    check_self_handle_photos(len(after), self_handled)
    fingerprint = {
        "category": category,
        "lon": lon,
        "lat": lat,
        "crs": crs,
        "description": description,
        "address_text": address_text,
        "photo_ids": ids,
        "photos": _digests(files),
        "self_handled": self_handled,
        "after_photos": _digests(after),
        "note": note,
        "accuracy_m": accuracy_m,
        "located_by": located_by,
    }
    located = {
        k: v
        for k, v in (("gps_accuracy_m", accuracy_m), ("located_by", located_by))
        if v is not None
    }

    def produce() -> dict[str, Any]:
        to_wgs84(lon, lat, crs)  # a bad point is refused before any photo is written
        stored = ids + _store(session, files, PhotoKind.report, actor, now)
        result = report_case(
            session,
            ReportInput(
                source=wf.Source.inspector,
                category=category,
                lon=lon,
                lat=lat,
                crs=crs,
                description=description,
                address_text=address_text,
                photos=tuple(stored),
                event_payload=located,
            ),
            actor,
            now,
        )
        case = result.case
        if self_handled:
            after_ids = _store(session, after, PhotoKind.after, actor, now)
            case = act(
                session,
                case.id,
                wf.Action.self_handle,
                actor,
                ActionInput(note=note or "现场自处理", photos=tuple(after_ids)),
                now,
            )
        return mobile.report_answer(session, case, stored, result.possible_duplicates)

    return once(
        session, key, f"POST /inspector/reports|{actor.user_id}", fingerprint, 201, produce, now
    )


@router.get(
    "/tasks",
    summary="任务收件箱：核实与核查任务",
    description=(
        "本人持有的核实（待核实）与核查（待核查）任务，以及辖区内尚未指派的任务（任务池，"
        "先提交者接手）；每项含时限、红黄绿灯、原始照片与处置后照片 ID。"
    ),
)
def get_tasks(
    session: SessionDep,
    actor: InspectorDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[dict[str, Any]]:
    """Return open verify/check tasks."""
    return mobile.list_tasks(session, actor, limit)


@router.post(
    "/tasks/{case_id}/result",
    response_model=TaskResultAnswer,
    summary="提交核实/核查结果（含照片）",
    description=(
        "multipart/form-data：`result`（核实：exists | not_exists；核查：pass | fail）、`note`、"
        "`photos`（现场照片；核查通过需照片）。必须带 `Idempotency-Key`。等同于调用对应的流转"
        "动作（verify_exists / verify_not_exists / check_pass / check_fail），同一张流转表检查。"
    ),
)
def post_task_result(
    now: NowDep,
    session: SessionDep,
    actor: InspectorDep,
    case_id: Annotated[BigId, Path(description="案卷 ID")],
    result: Annotated[CleanStr, Form(description="exists | not_exists | pass | fail")],
    idempotency_key: RequiredKey = None,
    note: Annotated[CleanStr | None, Form(max_length=2000)] = None,
    photos: Annotated[list[UploadFile] | None, File(description="现场照片")] = None,
) -> JSONResponse:
    """Answer a verify or check task."""
    key = _need_key(idempotency_key)
    files = photos or []
    if len(files) > MAX_PHOTOS:
        raise InvalidInput(f"最多 {MAX_PHOTOS} 张照片", field="photos")
    fingerprint = {"result": result, "note": note, "photos": _digests(files)}

    def produce() -> dict[str, Any]:
        case = get_case(session, case_id, actor)
        action = mobile.task_action(case.status, result)
        kind = PhotoKind.verify if case.status == wf.Status.verifying.value else PhotoKind.check
        stored = _store(session, files, kind, actor, now)
        case = act(
            session, case_id, action, actor, ActionInput(note=note, photos=tuple(stored)), now
        )
        return {
            "id": case.id,
            "case_no": case.case_no,
            "action": action.value,
            "status": case.status,
            "status_label": wf.Status(case.status).label,
            "photos": stored,
        }

    return once(
        session,
        key,
        f"POST /inspector/tasks/{case_id}|{actor.user_id}",
        fingerprint,
        200,
        produce,
        now,
    )


@router.get(
    "/cases",
    summary="增量同步：本人可见的案卷",
    description=(
        "按（更新时间, ID）排序的游标分页。首次同步不带参数（或带 `updated_since`），之后每次带上"
        "上次返回的 `next_cursor`，只取此后变化的案卷；`has_more=true` 时继续翻页。"
    ),
)
def get_cases(
    session: SessionDep,
    actor: InspectorDep,
    updated_since: Annotated[datetime | None, Query(description="只取此时间之后更新的")] = None,
    cursor: Annotated[
        str | None, Query(max_length=200, description="上次返回的 next_cursor")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """Return one sync page."""
    items, next_cursor, more = mobile.sync_page(
        session, actor, updated_since=updated_since, cursor=cursor, limit=limit
    )
    return {"items": items, "next_cursor": next_cursor, "has_more": more}
