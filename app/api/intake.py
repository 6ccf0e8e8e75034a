"""Machine intake (视频/物联网接入): video-AI captures and IoT sensors report cases with an API key.

A feed authenticates with `X-API-Key` (a key with scope `intake`, created with
`xiuhua apikey create --name NAME --scope intake`; each key has its own per-minute limit) and
reports as the system, with source `video` or `iot`. Bursts are expected (智能抓拍): send an
`Idempotency-Key` per detection so a retry creates nothing, and read `possible_duplicates`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse
from pydantic import Field

from app.api.auth import public
from app.api.cases import CaseReport, IdemKey, report_once
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.cases import CaseReported
from app.api.schemas.edge import CleanStr
from app.cases import workflow as wf
from app.cases.report_policy import Channel
from app.identity.service import authenticate_api_key

router = APIRouter(
    prefix="/api/v1/intake",
    tags=["机器接入 intake"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(public)],  # authenticated by API key, not by a user's token
)


class MachineReport(CaseReport):
    """视频/物联网上报（不带照片；来源为 video 或 iot）."""

    source: wf.Source = Field(default=wf.Source.video, description="案件来源：video | iot")
    photos: list[str] = Field(default_factory=list, max_length=0, description="不支持")


@router.post(
    "/reports",
    status_code=201,
    response_model=CaseReported,
    summary="机器上报（视频智能抓拍、物联网传感器）",
    description=(
        "请求头 `X-API-Key`：范围为 intake 的 API 密钥（缺少或无效 403，超过该密钥每分钟上限 429）。"
        "来源只能是 video（视频智能抓拍）或 iot（物联网传感器，如智能井盖）。定位、派遣建议、编号、"
        "计时与人工上报相同；带 `Idempotency-Key` 的重试返回首次结果。"
    ),
)
def post_machine_report(
    now: NowDep,
    session: SessionDep,
    body: MachineReport,
    x_api_key: Annotated[CleanStr | None, Header(alias="X-API-Key", description="API 密钥")] = None,
    idempotency_key: IdemKey = None,
) -> JSONResponse:
    """Report a case from a machine feed."""
    key = authenticate_api_key(session, x_api_key, "intake", now)
    return report_once(
        session,
        body,
        wf.Actor(wf.Role.system),
        idempotency_key,
        f"POST /intake|key{key.id}",
        Channel.intake,
        now,
    )
