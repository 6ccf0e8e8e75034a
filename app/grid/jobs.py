"""Grid import jobs: an uploaded file checked (dry run) or imported off the request thread.

The job row (`grid_import_job`) is both the record and the progress: `create_job` writes it in
the request's unit of work; after that commits, `submit` hands the id to one worker thread per
process (imports queue, one at a time: each may hold a district's import lock). The worker runs
`app.grid.io.importing.run.import_layer` in its own transaction and writes progress in short separate
transactions (at most every PROGRESS_EVERY_S), so a console polling `GET …/imports/{id}` sees
the stage, done/total and a 0–1 `progress` while the import is still uncommitted. A dry run
rolls the import back. The outcome — summary, or every problem with fid, code, point and shape —
stays on the row.
"""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import shapely
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.config import get_settings
from app.core.errors import Conflict, DomainError, InvalidInput, NotFound, PayloadTooLarge
from app.core.logging import get_logger
from app.grid.fields import parse_field_map
from app.grid.io.importing.options import (
    ImportOptions,
    ImportResult,
    Layer,
    Replace,
    local_text,
    parse_valid_from,
)
from app.grid.io.importing.run import import_layer
from app.grid.models import ImportJob
from app.grid.problems import Problem, problems_of

log = get_logger(__name__)

SessionMaker = Callable[[], AbstractContextManager[Session]]
PROGRESS_EVERY_S = 0.5
UPLOAD_SUFFIXES = (".gpkg", ".zip", ".geojson", ".json", ".csv")
CHUNK = 1024 * 1024

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def options_of(
    *,
    source_layer: str | None = None,
    coord_sys: str | None = None,
    encoding: str | None = None,
    repair: bool = False,
    valid_from: str | None = None,
    tolerance_m2: float | None = None,
    allow_topology_errors: bool = False,
    replace: str = Replace.communities.value,
    confirm: bool = False,
    district_code: str | None = None,
    fields: list[str] | None = None,
) -> dict[str, Any]:
    """Check import options given as text (API form fields) and return them as stored JSON."""
    try:
        rep = Replace(replace)
    except ValueError as exc:
        raise InvalidInput(
            f"替换范围 '{replace}' 无效：应为 communities、streets 或 district", replace=replace
        ) from exc
    vf = parse_valid_from(valid_from)
    out: dict[str, Any] = {
        "source_layer": source_layer or None,
        "coord_sys": coord_sys or None,
        "encoding": encoding or None,
        "repair": repair,
        "valid_from": vf.isoformat() if vf else None,
        "allow_topology_errors": allow_topology_errors,
        "replace": rep.value,
        "confirm": confirm,
        "district_code": district_code or None,
        "field_map": parse_field_map(fields or []),
    }
    if tolerance_m2 is not None:
        if not tolerance_m2 >= 0:
            raise InvalidInput("拓扑容差必须是非负数（平方米）", tolerance_m2=tolerance_m2)
        out["tolerance_m2"] = tolerance_m2
    return out


def _import_options(stored: dict[str, Any]) -> ImportOptions:
    kw: dict[str, Any] = {
        k: stored[k]
        for k in (
            "source_layer",
            "coord_sys",
            "encoding",
            "repair",
            "allow_topology_errors",
            "confirm",
            "district_code",
            "field_map",
            "tolerance_m2",
        )
        if k in stored
    }
    kw["replace"] = Replace(stored.get("replace", Replace.communities.value))
    if stored.get("valid_from"):
        kw["valid_from"] = datetime.fromisoformat(stored["valid_from"])
    return ImportOptions(**kw)


def store_upload(stream: BinaryIO, file_name: str) -> Path:
    """Copy an uploaded file under grid_import_dir/<uuid>/; raise InvalidInput/PayloadTooLarge.

    A Shapefile comes zipped (.shp with its .dbf, .shx, .prj and .cpg); GDAL reads it in the zip.
    """
    name = Path(file_name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InvalidInput(
            f"不支持的文件类型 '{name}'：请上传 GeoPackage（.gpkg）、压缩的 Shapefile（.zip，含 .shp、"
            ".dbf、.shx、.prj，中文字段另含 .cpg）、GeoJSON（.geojson/.json）或 CSV",
            file_name=name,
        )
    settings = get_settings()
    folder = settings.grid_import_dir / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (f"upload{suffix}" if not name.isascii() else name)
    size = 0
    try:
        with target.open("wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > settings.grid_import_max_bytes:
                    raise PayloadTooLarge(
                        f"上传文件不能超过 {settings.grid_import_max_bytes / 1024**2:g} MB",
                        max_bytes=settings.grid_import_max_bytes,
                    )
                out.write(chunk)
    except PayloadTooLarge:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if size == 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise InvalidInput("上传的文件是空的", file_name=name)
    return target


def create_job(
    session: Session,
    *,
    layer: str,
    file_name: str,
    file_path: Path,
    options: dict[str, Any],
    dry_run: bool,
    user_id: int | None,
    at: datetime,
) -> ImportJob:
    """Record a queued job for a stored upload (the caller's transaction); raise InvalidInput."""
    try:
        Layer(layer)
    except ValueError as exc:
        raise InvalidInput(
            f"未知图层 '{layer}'，可选：{'、'.join(v.value for v in Layer)}", layer=layer
        ) from exc
    job = ImportJob(
        layer=layer,
        dry_run=dry_run,
        status="queued",
        file_name=file_name,
        file_path=str(file_path),
        options=options,
        stage="排队等待",
        done=0,
        total=0,
        progress=0.0,
        created_by=user_id,
        created_at=at,
    )
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int) -> ImportJob:
    """Return a job; raise NotFound."""
    job = session.get(ImportJob, job_id)
    if job is None:
        raise NotFound(f"导入任务 {job_id} 不存在", job_id=job_id)
    return job


def list_jobs(session: Session, limit: int) -> list[ImportJob]:
    """Return the latest jobs, newest first."""
    return list(session.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(limit)))


def is_stale(job: ImportJob, at: datetime) -> bool:
    """Return whether a queued/running job has reported no progress for grid_import_stale_s."""
    if job.status not in ("queued", "running"):
        return False
    last = job.heartbeat_at or job.started_at or job.created_at
    return at - last > timedelta(seconds=get_settings().grid_import_stale_s)


def problem_dict(p: Problem) -> dict[str, Any]:
    """Return a problem as stored on the job: its data and its shape as GeoJSON geometry."""
    d = p.as_dict()
    if p.wkb is not None:
        d["geometry"] = shapely.geometry.mapping(shapely.from_wkb(p.wkb))
    elif p.lon is not None and p.lat is not None:
        d["geometry"] = {"type": "Point", "coordinates": [p.lon, p.lat]}
    else:
        d["geometry"] = None
    return d


def _result_dict(r: ImportResult) -> dict[str, Any]:
    return {
        "layer": r.layer,
        "source_layer": r.source_layer,
        "rows": r.rows,
        "inserted": r.inserted,
        "updated": r.updated,
        "skipped": r.skipped,
        "closed": r.closed,
        "repaired": r.repaired,
        "valid_from": local_text(r.valid_from) if r.valid_from else None,
        "notes": r.notes,
        "warnings": r.warnings,
        "topology": r.topology.summary() if r.topology is not None else None,
        "summary": r.summary(),
        "seconds": round(r.seconds, 2),
    }


def _write(sessions: SessionMaker, job_id: int, **values: Any) -> None:
    with sessions() as s:
        s.execute(update(ImportJob).where(ImportJob.id == job_id).values(**values))


def run_job(sessions: SessionMaker, job_id: int) -> None:
    """Run one job to its end and record the outcome on its row; never raises."""
    with sessions() as s:
        job = s.get(ImportJob, job_id)
        if job is None or job.status != "queued":
            return
        layer, path, options = job.layer, Path(job.file_path), dict(job.options)
        dry_run = job.dry_run
    started = now()
    _write(sessions, job_id, status="running", started_at=started, heartbeat_at=started)
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        t = time.monotonic()
        if t - last[0] < PROGRESS_EVERY_S and done < total:
            return
        last[0] = t
        share = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        _write(
            sessions,
            job_id,
            stage=stage,
            done=done,
            total=total,
            progress=share,
            heartbeat_at=now(),
        )

    values: dict[str, Any]
    try:
        with sessions() as s:
            savepoint = s.begin_nested() if dry_run else None
            try:
                result = import_layer(
                    s, layer, path, options=_import_options(options), progress=progress
                )
            finally:
                if savepoint is not None:
                    savepoint.rollback()  # a dry run checks everything and keeps nothing
        values = {
            "status": "succeeded",
            "message": ("（试导入，未写入）" if dry_run else "") + result.summary(),
            "result": _result_dict(result),
            "problems": [problem_dict(p) for p in result.problems],
            "progress": 1.0,
            "stage": "完成",
        }
    except DomainError as exc:
        values = {
            "status": "refused",
            "message": exc.message,
            "error_code": exc.code,
            "result": {"detail": {k: v for k, v in exc.detail.items() if k != "problems"}},
            "problems": [problem_dict(p) for p in problems_of(exc)]
            or [
                {"kind": "file", "message": line, "line": line, "geometry": None}
                for line in exc.detail.get("problems", [exc.message])
            ],
            "stage": "已拒绝",
        }
    except Exception:  # the record must say the job ended, whatever happened
        log.exception("grid import job failed", job_id=job_id)
        values = {
            "status": "failed",
            "message": "导入任务意外中止，未做任何修改；详情见服务日志",
            "error_code": "internal_error",
            "stage": "失败",
        }
    finished = now()
    _write(sessions, job_id, finished_at=finished, heartbeat_at=finished, **values)


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xiuhua-grid-import")
        return _executor


def submit(sessions: SessionMaker, job_id: int) -> Future[None]:
    """Queue a committed job on the import worker thread (one at a time per process)."""
    return _pool().submit(run_job, sessions, job_id)


def stored_file(job: ImportJob) -> Path:
    """Return the uploaded file of a job; raise Conflict when it is no longer kept."""
    path = Path(job.file_path)
    if not path.exists():
        raise Conflict(
            f"导入任务 {job.id} 的上传文件已不在（{job.file_name}）：请重新上传", job_id=job.id
        )
    return path


def feature_collection(job: ImportJob) -> dict[str, Any]:
    """Return a job's problems as an RFC 7946 FeatureCollection (properties without geometry)."""
    features = []
    for p in job.problems or []:
        props = {k: v for k, v in p.items() if k != "geometry"}
        features.append({"type": "Feature", "geometry": p.get("geometry"), "properties": props})
    return {"type": "FeatureCollection", "features": features}
