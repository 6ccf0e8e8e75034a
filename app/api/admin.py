"""Administration of the catalogue, filing standards (立结案标准) and stage limits (阶段时限)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from app.api.auth import Allow
from app.api.deps import SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.admin import CategoryRead, StageLimitRead, StandardRead
from app.api.schemas.edge import CleanStr, IntId, LimitValue
from app.cases import catalogue
from app.cases import workflow as wf
from app.cases.models import Category, FilingStandard, StageLimit
from app.cases.time import standards
from app.cases.time.deadlines import TimeUnit

router = APIRouter(prefix="/api/v1/admin", tags=["管理 admin"], responses=ERROR_RESPONSES)


AdminDep = Annotated[wf.Actor, Depends(Allow(wf.Role.admin))]


def _category(c: Category) -> dict[str, Any]:
    return {
        "id": c.id,
        "catalogue": c.catalogue,
        "kind": c.kind,
        "code": c.code,
        "major_code": c.major_code,
        "major_name": c.major_name,
        "name": c.name,
        "standard_ref": c.standard_ref,
        "enabled": c.enabled,
        "public_intake": c.public_intake,
        "auto_dispatch": c.auto_dispatch,
        "duplicate_radius_m": c.duplicate_radius_m,
        "duplicate_window_h": c.duplicate_window_h,
    }


def _standard(s: FilingStandard) -> dict[str, Any]:
    return {
        "id": s.id,
        "category_id": s.category_id,
        "seq": s.seq,
        "filing_condition": s.filing_condition,
        "severity": s.severity,
        "severity_label": standards.SEVERITY_LABELS[s.severity],
        "limit_value": float(s.limit_value),
        "limit_unit": s.limit_unit,
        "key_limit_value": float(s.key_limit_value) if s.key_limit_value is not None else None,
        "key_limit_unit": s.key_limit_unit,
        "closing_condition": s.closing_condition,
        "version": s.version,
    }


def _limit(r: StageLimit) -> dict[str, Any]:
    return {
        "stage": r.stage,
        "stage_label": wf.Stage(r.stage).label,
        "source": r.source,
        "limit_value": float(r.limit_value),
        "limit_unit": r.limit_unit,
    }


@router.get(
    "/categories",
    summary="类别目录（可按类型、名称/代码、启用状态筛选）",
    description="按类型（部件/事件）、名称或代码、启用状态筛选类别目录。",
    response_model=list[CategoryRead],
)
def get_categories(
    session: SessionDep,
    _actor: AdminDep,
    kind: Annotated[CleanStr | None, Query(pattern="^(component|event)$")] = None,
    q: Annotated[CleanStr | None, Query(max_length=50, description="名称或代码")] = None,
    enabled: bool | None = None,
) -> list[dict[str, Any]]:
    """List categories."""
    return [
        _category(c) for c in catalogue.list_categories(session, kind=kind, q=q, enabled=enabled)
    ]


class CategoryPatch(BaseModel):
    """类别开关."""

    enabled: bool | None = Field(default=None, description="停用后不能再上报；已有案卷不受影响")
    public_intake: bool | None = Field(default=None, description="对公众开放（Open311 服务列表）")
    auto_dispatch: bool | None = Field(default=None, description="立案后自动派遣给建议单位")
    duplicate_radius_m: float | None = Field(default=None, gt=0, le=1000)
    duplicate_window_h: float | None = Field(default=None, gt=0, le=24 * 90)


@router.patch(
    "/categories/{category_id}",
    summary="启用/停用类别，设置自动派遣与重复判定参数",
    description="启用或停用类别、对公众开放、立案后自动派遣、重复案卷判定的半径与时间窗口；只改提交的字段。",
    response_model=CategoryRead,
)
def patch_category(
    session: SessionDep,
    category_id: IntId,
    body: CategoryPatch,
    _actor: AdminDep,
) -> dict[str, Any]:
    """Change a category's switches."""
    return _category(catalogue.update_category(session, category_id, **body.model_dump()))


@router.delete(
    "/categories/{category_id}",
    status_code=204,
    summary="删除未被使用的类别（被案卷使用的类别只能停用，返回 409）",
    description="删除未被任何案卷使用的类别；被使用的类别只能停用（409）。",
)
def remove_category(session: SessionDep, category_id: int, _actor: AdminDep) -> None:
    """Delete an unused category."""
    catalogue.delete_category(session, category_id)


@router.get(
    "/categories/{category_id}/standards",
    summary="类别的立结案标准（现行版本）",
    description="类别现行的立案条件、严重程度、处置时限（一般/重点区域）与结案条件。",
    response_model=list[StandardRead],
)
def get_standards(session: SessionDep, category_id: int, _actor: AdminDep) -> list[dict[str, Any]]:
    """List a category's active filing conditions."""
    return [_standard(s) for s in standards.list_standards(session, category_id)]


class StandardEdit(BaseModel):
    """修改立结案标准：生成新版本；已开始计时的阶段仍按原时限."""

    filing_condition: CleanStr | None = Field(default=None, max_length=500, description="立案条件")
    severity: CleanStr | None = Field(
        default=None, description="urgent | serious | general | minor"
    )
    limit_value: LimitValue | None = Field(default=None, description="处置时限数值")
    limit_unit: TimeUnit | None = None
    key_limit_value: LimitValue | None = Field(default=None, description="重点区域处置时限")
    key_limit_unit: TimeUnit | None = None
    closing_condition: CleanStr | None = Field(default=None, max_length=500, description="结案条件")


@router.put(
    "/standards/{standard_id}",
    summary="修改立结案标准（生成新版本，不改写已运行的计时）",
    description="修改立结案标准即生成新版本；已开始的计时仍按原时限。",
    response_model=StandardRead,
)
def put_standard(
    session: SessionDep,
    standard_id: IntId,
    body: StandardEdit,
    _actor: AdminDep,
) -> dict[str, Any]:
    """Edit a filing condition as a new version."""
    return _standard(
        standards.edit_standard(
            session,
            standard_id,
            value=body.limit_value,
            unit=body.limit_unit,
            key_value=body.key_limit_value,
            key_unit=body.key_limit_unit,
            severity=body.severity,
            filing=body.filing_condition,
            closing=body.closing_condition,
        )
    )


@router.get(
    "/stage-limits",
    summary="阶段时限（核实、立案、派遣、核查、结案）",
    description="各阶段（核实、立案、派遣、核查、结案）的时限，可按来源单独设置。",
    response_model=list[StageLimitRead],
)
def get_stage_limits(session: SessionDep, _actor: AdminDep) -> list[dict[str, Any]]:
    """List stage limits."""
    return [_limit(r) for r in standards.list_stage_limits(session)]


class StageLimitSet(BaseModel):
    """阶段时限."""

    limit_value: LimitValue
    limit_unit: TimeUnit
    source: wf.Source | None = Field(default=None, description="只对该来源生效；为空表示所有来源")


@router.put(
    "/stage-limits/{stage}",
    summary="设置阶段时限（新开始的阶段生效）",
    description="新建或修改阶段时限；只对此后开始的阶段计时生效。",
    response_model=StageLimitRead,
)
def put_stage_limit(
    session: SessionDep,
    stage: wf.Stage,
    body: StageLimitSet,
    _actor: AdminDep,
) -> dict[str, Any]:
    """Create or change a stage limit."""
    row = standards.set_stage_limit(
        session,
        stage,
        body.source.value if body.source else None,
        body.limit_value,
        body.limit_unit,
    )
    return _limit(row)
