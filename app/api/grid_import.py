"""Grid import for the console (网格数据导入): upload, dry run, problem report, apply, progress.

The work runs off the request thread (app.grid.jobs): a POST stores the file, records a job and
answers 202 with its id; the console polls `GET /imports/{id}` for `status`, `stage`,
`done`/`total` and a 0–1 `progress` (a progress bar), then shows the summary or every problem
(JSON, and GeoJSON for the map). A checked dry run is applied without uploading again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Body, Depends, File, Form, Path, Query, UploadFile
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from app.api.auth import Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.responses import GeoJSONResponse
from app.api.schemas.edge import CleanStr
from app.api.schemas.geojson import FeatureCollection
from app.cases import workflow as wf
from app.core.config import get_settings
from app.core.db import unit_of_work
from app.grid import jobs
from app.grid.io.importing.options import Layer, Replace, local_text
from app.grid.models import ImportJob


class _UploadRoute(APIRoute):
    """Routes taking a grid data file: their body limit is the file limit (app.api.limits)."""

    def body_limit(self) -> int:
        """Return the upload's body limit: the file limit plus multipart framing and fields."""
        return get_settings().grid_import_max_bytes + 1024 * 1024


router = APIRouter(
    prefix="/api/v1/admin/grid/imports",
    tags=["管理 admin"],
    responses=ERROR_RESPONSES,
    route_class=_UploadRoute,
)

AdminDep = Annotated[wf.Actor, Depends(Allow(wf.Role.admin))]
JobId = Annotated[int, Path(ge=1, description="导入任务编号")]


def import_sessions() -> jobs.SessionMaker:
    """Return how the import worker opens its transactions (tests point it elsewhere)."""
    return unit_of_work


SessionsDep = Annotated[jobs.SessionMaker, Depends(import_sessions)]


class ImportJobOut(BaseModel):
    """An import job: what was asked, how far it is, and its outcome."""

    id: int
    layer: str = Field(description="目标图层")
    dry_run: bool = Field(description="试导入：只检查，不写入")
    status: str = Field(
        description="queued 排队 | running 进行中 | succeeded 完成 | refused 被拒绝（有问题，"
        "未写入）| failed 意外中止（未写入）"
    )
    stale: bool = Field(description="运行中却长时间没有进度（进程已退出）：可重新提交")
    file_name: str
    options: dict[str, Any]
    stage: str | None = Field(description="当前步骤，如 坐标转换、拓扑检查（按社区）")
    done: int
    total: int
    progress: float = Field(description="当前步骤的完成比例 0–1（进度条）")
    message: str | None = Field(description="结果说明或拒绝原因")
    error_code: str | None
    result: dict[str, Any] | None = Field(description="导入摘要：新增、关闭、替换范围、生效时间……")
    problem_count: int = Field(description="问题条数（含警告）")
    problems: list[dict[str, Any]] | None = Field(
        description="全部问题：kind、severity、layer（读取的图层）、fids、codes、lon/lat、message、"
        "geometry（GeoJSON）"
    )
    created_at: str
    started_at: str | None
    finished_at: str | None


def _out(job: ImportJob, now: datetime, with_problems: bool = True) -> ImportJobOut:
    return ImportJobOut(
        id=job.id,
        layer=job.layer,
        dry_run=job.dry_run,
        status=job.status,
        stale=jobs.is_stale(job, now),
        file_name=job.file_name,
        options=job.options,
        stage=job.stage,
        done=job.done,
        total=job.total,
        progress=job.progress,
        message=job.message,
        error_code=job.error_code,
        result=job.result,
        problem_count=len(job.problems or []),
        problems=(job.problems or []) if with_problems else None,
        created_at=local_text(job.created_at),
        started_at=local_text(job.started_at) if job.started_at else None,
        finished_at=local_text(job.finished_at) if job.finished_at else None,
    )


_UPLOAD_DOC = (
    "multipart/form-data：`file`（GeoPackage、压缩的 Shapefile .zip、GeoJSON 或 CSV）、`layer`（目标"
    "图层）与导入选项，返回 202 和任务；检查与导入在后台进行，用 `GET /imports/{id}` 轮询进度与结果。"
    "`dry_run=true`（默认）只检查：一次列出全部问题（每条带读取的图层、要素号 fid、代码和位置），"
    "不写入；确认无误后用 `POST /imports/{id}/apply` 正式导入同一文件。"
    "`source_layer` 不填时按图层名选择（英文或中文：街道、社区、单元网格……）；`field` 可重复，"
    "如 `code=网格编码`；`replace`：communities（默认，只替换文件中的社区）、streets、district，"
    "后两者会使社区失去网格时需 `confirm=true`。"
)


@router.post(
    "",
    status_code=202,
    response_model=ImportJobOut,
    summary="上传网格数据文件并试导入或导入（后台任务）",
    description=_UPLOAD_DOC,
)
def post_import(
    now: NowDep,
    session: SessionDep,
    actor: AdminDep,
    sessions: SessionsDep,
    background: BackgroundTasks,
    file: Annotated[UploadFile, File(description="数据文件")],
    layer: Annotated[Layer, Form(description="目标图层")],
    dry_run: Annotated[bool, Form(description="试导入：只检查，不写入")] = True,
    source_layer: Annotated[CleanStr | None, Form(description="文件中的图层名")] = None,
    field: Annotated[
        list[CleanStr] | None, Form(description="字段对应 目标=文件字段（可重复）")
    ] = None,
    coord_sys: Annotated[CleanStr | None, Form(description="wgs84、cgcs2000、gcj02、bd09")] = None,
    encoding: Annotated[CleanStr | None, Form(description="文件编码，如 GBK")] = None,
    repair: Annotated[bool, Form(description="自动修复无效几何")] = False,
    valid_from: Annotated[
        str | None, Form(description="生效时间（ISO；不带时区按部署时区，默认北京时间）")
    ] = None,
    tolerance_m2: Annotated[float | None, Form(ge=0, description="拓扑容差（平方米）")] = None,
    allow_topology_errors: Annotated[bool, Form(description="有重叠/超出社区仍导入")] = False,
    replace: Annotated[Replace, Form(description="网格替换范围")] = Replace.communities,
    confirm: Annotated[bool, Form(description="确认替换会使部分社区失去网格")] = False,
    district: Annotated[CleanStr | None, Form(description="unit-rule 的默认区县代码")] = None,
) -> ImportJobOut:
    """Store the upload, record a job and run it after the commit."""
    options = jobs.options_of(
        source_layer=source_layer,
        coord_sys=coord_sys,
        encoding=encoding,
        repair=repair,
        valid_from=valid_from,
        tolerance_m2=tolerance_m2,
        allow_topology_errors=allow_topology_errors,
        replace=replace.value,
        confirm=confirm,
        district_code=district,
        fields=field,
    )
    path = jobs.store_upload(file.file, file.filename or "")
    job = jobs.create_job(
        session,
        layer=layer.value,
        file_name=file.filename or path.name,
        file_path=path,
        options=options,
        dry_run=dry_run,
        user_id=actor.user_id,
        at=now,
    )
    background.add_task(jobs.submit, sessions, job.id)  # after the response: the row is committed
    return _out(job, now)


class ApplyIn(BaseModel):
    """Apply a checked dry run: the same file and options, optionally confirmed."""

    confirm: bool | None = Field(default=None, description="确认替换会使部分社区失去网格")


@router.post(
    "/{job_id}/apply",
    status_code=202,
    response_model=ImportJobOut,
    summary="正式导入一次试导入过的文件（新任务）",
    description="用试导入任务的文件和选项（可加 `confirm`）创建正式导入任务，返回 202 和新任务。",
)
def post_apply(
    now: NowDep,
    session: SessionDep,
    actor: AdminDep,
    sessions: SessionsDep,
    background: BackgroundTasks,
    job_id: JobId,
    body: Annotated[ApplyIn | None, Body()] = None,
) -> ImportJobOut:
    """Create the real import of a dry run's file."""
    checked = jobs.get_job(session, job_id)
    options = dict(checked.options)
    if body is not None and body.confirm is not None:
        options["confirm"] = body.confirm
    job = jobs.create_job(
        session,
        layer=checked.layer,
        file_name=checked.file_name,
        file_path=jobs.stored_file(checked),
        options=options,
        dry_run=False,
        user_id=actor.user_id,
        at=now,
    )
    background.add_task(jobs.submit, sessions, job.id)
    return _out(job, now)


@router.get(
    "",
    response_model=list[ImportJobOut],
    summary="最近的导入任务（不含问题明细）",
    description="最近的网格数据导入任务及其进度与结果。",
)
def get_imports(
    now: NowDep,
    session: SessionDep,
    _actor: AdminDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[ImportJobOut]:
    """List the latest jobs."""
    return [_out(j, now, with_problems=False) for j in jobs.list_jobs(session, limit)]


@router.get(
    "/{job_id}",
    response_model=ImportJobOut,
    summary="导入任务的进度与结果（轮询）",
    description="`status`、`stage`、`done`/`total`、`progress`（0–1）随任务推进更新；结束后给出摘要或"
    "全部问题。",
)
def get_import(now: NowDep, session: SessionDep, _actor: AdminDep, job_id: JobId) -> ImportJobOut:
    """Return a job with its progress and outcome."""
    return _out(jobs.get_job(session, job_id), now)


@router.get(
    "/{job_id}/report.geojson",
    summary="导入任务的问题报告（GeoJSON，可在地图或 QGIS 中查看）",
    response_class=GeoJSONResponse,
    response_model=FeatureCollection,
    description="导入任务发现的全部问题（要素编号、问题代码、位置），RFC 7946 GeoJSON，可在 QGIS 中打开。",
)
def get_import_report(session: SessionDep, _actor: AdminDep, job_id: JobId) -> JSONResponse:
    """Return every problem of a job as an RFC 7946 FeatureCollection."""
    job = jobs.get_job(session, job_id)
    return GeoJSONResponse(jobs.feature_collection(job))
