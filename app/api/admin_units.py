"""Administration of responsible units (责任单位) and responsibility rules (责任规则).

Units and rules are deactivated, never deleted. The preview answers, for a category at a point,
which unit the router picks now and with draft rule changes — the same router
(`app.grid.service.route`) inside a savepoint that is rolled back.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.auth import Allow
from app.api.deps import SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.grid import route_out
from app.api.schemas.admin import (
    RuleFields,
    RulePreviewIn,
    RulePreviewRead,
    RuleRead,
    UnitCreate,
    UnitPatch,
    UnitRead,
)
from app.cases import workflow as wf
from app.cases.catalogue import category_scope, resolve_category
from app.core.errors import InvalidInput
from app.grid import responsibility as resp
from app.grid.coords import to_wgs84
from app.grid.models import Unit
from app.grid.service import route

router = APIRouter(prefix="/api/v1/admin", tags=["管理 admin"], responses=ERROR_RESPONSES)
AdminDep = Annotated[wf.Actor, Depends(Allow(wf.Role.admin))]
_MAX_ID = 2**31 - 1


def _units(session: SessionDep, units: list[Unit]) -> list[UnitRead]:
    children = resp.child_counts(session, [u.id for u in units])
    names = resp.parent_names(session, units)
    return [
        UnitRead(
            id=u.id,
            code=u.code,
            name=u.name,
            kind=u.kind,
            kind_label=resp.UNIT_KINDS.get(u.kind, u.kind),
            district_code=u.district_code,
            parent_id=u.parent_id,
            parent_name=names.get(u.parent_id) if u.parent_id is not None else None,
            contact_name=u.contact_name,
            contact_phone=u.contact_phone,
            address=u.address,
            active=u.active,
            sub_units=children.get(u.id, 0),
        )
        for u in units
    ]


@router.get(
    "/units",
    response_model=list[UnitRead],
    summary="责任单位列表（可按区县、启用状态、名称/代码、上级单位筛选）",
    description="按单位代码排序；每个单位带上级单位名称与启用的下级单位数。",
)
def get_units(
    session: SessionDep,
    _actor: AdminDep,
    district: Annotated[str | None, Query(pattern=r"^\d{6}$", description="区县代码")] = None,
    active: Annotated[bool | None, Query(description="true 启用 / false 停用")] = None,
    q: Annotated[str | None, Query(max_length=50, description="名称或代码包含的文字")] = None,
    parent_id: Annotated[int | None, Query(ge=1, le=_MAX_ID, description="上级单位 ID")] = None,
) -> list[UnitRead]:
    """责任单位列表."""
    units = resp.list_units(session, district=district, active=active, q=q, parent_id=parent_id)
    return _units(session, units)


@router.post(
    "/units",
    status_code=201,
    response_model=UnitRead,
    summary="新建责任单位",
    description="单位代码唯一（重复 409 `unit_code_taken`）；上级单位须存在（否则 422 `invalid_unit_parent`）。",
)
def post_unit(session: SessionDep, body: UnitCreate, _actor: AdminDep) -> UnitRead:
    """新建责任单位."""
    unit = resp.create_unit(session, body.model_dump())
    return _units(session, [unit])[0]


@router.patch(
    "/units/{unit_id}",
    response_model=UnitRead,
    summary="修改或停用责任单位（只改提交的字段）",
    description=(
        "`active=false` 停用：派遣建议不再选中它（已派遣的案卷不受影响）；`parent_id` 不能形成循环"
        "（422 `invalid_unit_parent`）。"
    ),
)
def patch_unit(
    session: SessionDep,
    unit_id: int,
    body: UnitPatch,
    _actor: AdminDep,
) -> UnitRead:
    """修改责任单位."""
    changes = body.model_dump(exclude_unset=True)
    for key in ("code", "name", "kind", "active"):
        if key in changes and changes[key] is None:
            raise InvalidInput(f"{key} 不能为 null", field=key)
    return _units(session, [resp.update_unit(session, unit_id, changes)])[0]


@router.get(
    "/rules",
    response_model=list[RuleRead],
    summary="责任规则列表（可按区县、单位、角色、启用状态筛选）",
)
def get_rules(
    session: SessionDep,
    _actor: AdminDep,
    district: Annotated[str | None, Query(pattern=r"^\d{6}$", description="区县代码")] = None,
    unit_id: Annotated[int | None, Query(ge=1, le=_MAX_ID, description="责任单位 ID")] = None,
    role: Annotated[
        str | None, Query(pattern="^(territorial|specialist|fallback)$", description="规则角色")
    ] = None,
    active: Annotated[bool | None, Query(description="true 启用 / false 停用")] = None,
) -> list[resp.RuleView]:
    """责任规则列表."""
    rules = resp.list_rules(session, district=district, unit_id=unit_id, active=active, role=role)
    return [resp.rule_view(session, r) for r in rules]


def _required(values: dict[str, object]) -> None:
    missing = [
        k for k in ("unit_id", "district_code", "role", "area_scope") if values.get(k) is None
    ]
    if missing:
        raise InvalidInput(f"新建责任规则需要填写：{'、'.join(missing)}", field=missing[0])


@router.post(
    "/rules",
    status_code=201,
    response_model=RuleRead,
    summary="新建责任规则",
    description=(
        "类别范围（类型、大类或小类，都不填为全部类别）× 区域范围（区县、街道、社区、指定网格）× 角色 ×"
        " 优先级。区域代码须属于本区县且存在；不合法返回 422 `invalid_rule` 并指出字段。"
        "多边形范围的规则通过网格数据导入建立。"
    ),
)
def post_rule(session: SessionDep, body: RuleFields, _actor: AdminDep) -> resp.RuleView:
    """新建责任规则."""
    values = body.model_dump(exclude_unset=True)
    _required(values)
    return resp.rule_view(session, resp.create_rule(session, values))


@router.patch(
    "/rules/{rule_id}",
    response_model=RuleRead,
    summary="修改或停用责任规则（只改提交的字段）",
    description="`active=false` 停用：派遣建议不再使用该规则。改动后整条规则重新检查。",
)
def patch_rule(
    session: SessionDep, rule_id: int, body: RuleFields, _actor: AdminDep
) -> resp.RuleView:
    """修改责任规则."""
    changes = body.model_dump(exclude_unset=True)
    for key in ("unit_id", "district_code", "role", "area_scope", "priority", "active"):
        if key in changes and changes[key] is None:
            raise InvalidInput(f"{key} 不能为 null", field=key)
    return resp.rule_view(session, resp.update_rule(session, rule_id, changes))


@router.post(
    "/rules/preview",
    response_model=RulePreviewRead,
    summary="派遣预览：某类别在某点位会派给哪个单位（可试用未保存的规则改动）",
    description=(
        "用与上报、派遣建议相同的派遣算法计算两次：现行规则下，以及加上 `drafts`（新规则或对已有规则"
        "的修改、停用）之后。改动只在本次计算中生效，不会保存。"
    ),
)
def post_rule_preview(
    session: SessionDep, body: RulePreviewIn, _actor: AdminDep
) -> RulePreviewRead:
    """派遣预览."""
    point = to_wgs84(body.lon, body.lat, body.crs)
    cat = resolve_category(session, body.category)
    scope = category_scope(cat)
    current = route_out(cat, route(session, scope, point))
    drafts = []
    for d in body.drafts:
        values = d.model_dump(exclude_unset=True, exclude={"id"})
        if d.id is None:
            _required(values)
        drafts.append(resp.RuleDraft(d.id, values))
    trial = resp.preview(session, drafts, lambda: route_out(cat, route(session, scope, point)))
    return RulePreviewRead(
        current=current, with_drafts=trial, changed=current.unit.id != trial.unit.id
    )
