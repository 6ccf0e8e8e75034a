"""Machine intake (视频/物联网接入): video-AI captures and IoT sensors report cases with an API key.

A feed authenticates with `X-API-Key` (a key with scope `intake`, created with
`xiuhua apikey create --name NAME --scope intake`; each key has its own per-minute limit) and
reports as the system, with source `video` or `iot`. Bursts are expected (智能抓拍): send an
`Idempotency-Key` per detection so a retry creates nothing, and read `possible_duplicates`.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.api.auth import public
from app.api.cases import CaseReport, IdemKey, report_once
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES, status_for
from app.api.schemas.cases import BatchReportResult, CaseReported
from app.api.schemas.edge import CleanStr
from app.cases import workflow as wf
from app.cases.batch import BatchItem, BatchOutcome, report_batch
from app.cases.report_policy import Channel
from app.core.config import get_settings
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


class BatchReport(MachineReport):
    """批量上报中的一条：上报内容加本条的幂等键."""

    idempotency_key: CleanStr = Field(
        min_length=1, max_length=200, description="本条的幂等键：重试时同一键同一内容只建一件"
    )


class ReportBatch(BaseModel):
    """一批机器上报（视频智能抓拍的突发）."""

    reports: list[BatchReport] = Field(
        min_length=1,
        max_length=get_settings().intake_batch_max,
        description="上报列表，最多 XIUHUA_INTAKE_BATCH_MAX 条（默认 500）",
    )


@router.post(
    "/reports:batch",
    status_code=200,
    response_model=BatchReportResult,
    summary="机器批量上报（视频智能抓拍的突发）",
    description=(
        "请求头 `X-API-Key`：范围为 intake 的 API 密钥；每条上报计入该密钥每分钟上限（一批 N 条计 N 次）。"
        "每条带自己的幂等键 `idempotency_key`，各自返回结果（与请求顺序相同）："
        "`created`（新建，附案卷 ID、编号与疑似重复的开放案卷）、`duplicate`（同一幂等键已建过，"
        "`duplicate_of` 为首次建的案卷）、`refused`（该条被拒绝，附错误代码与中文原因，例如类别不存在、"
        "超出服务范围）。被拒绝的一条在写入任何东西之前就被拒绝，不影响其他条；同一批内的上报也互相"
        "比对疑似重复，结果与逐条上报相同；整批在一个事务中提交："
        "中途出现意外故障（数据库断开、进程被终止）时整批不生效、没有应答，可用相同的幂等键原样重试，"
        "因此已应答为 created 的正是已建立的案卷。定位、派遣建议、编号（连续不跳号）、计时与逐条上报相同。"
    ),
)
def post_report_batch(
    session: SessionDep,
    now: NowDep,
    body: ReportBatch,
    x_api_key: Annotated[CleanStr | None, Header(alias="X-API-Key", description="API 密钥")] = None,
) -> dict[str, Any]:
    """Report a batch of machine reports, each with its own key and result."""
    key = authenticate_api_key(session, x_api_key, "intake", now, cost=len(body.reports))
    items = [
        BatchItem(
            key=item.idempotency_key,
            content=item.model_dump(mode="json", exclude={"idempotency_key"}),
            report=item.report_input(),
            photos=len(item.photos),
        )
        for item in body.reports
    ]
    outcomes = report_batch(
        session,
        items,
        wf.Actor(wf.Role.system),
        Channel.intake,
        f"POST /intake/reports:batch|key{key.id}",
        now,
    )
    results = [_batch_result(o) for o in outcomes]
    counts = Counter(r["status"] for r in results)
    return {
        "results": results,
        "created": counts["created"],
        "duplicates": counts["duplicate"],
        "refused": counts["refused"],
    }


def _batch_result(o: BatchOutcome) -> dict[str, Any]:
    """One outcome as the API answers it (a refusal carries its HTTP status, code and message)."""
    head = {"index": o.index, "idempotency_key": o.key, "status": o.status}
    if o.status == "created" and o.answer is not None:
        return o.answer
    if o.status == "duplicate" and o.answer is not None:
        return head | o.answer | {"duplicate_of": o.answer["id"]}
    exc = o.error
    assert exc is not None
    return head | {
        "error": {
            "status": status_for(exc),
            "code": exc.code,
            "message": exc.message,
            "detail": exc.detail or None,
        }
    }
