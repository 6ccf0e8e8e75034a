"""Unit search for the command centre (单位查询): pick any active unit by name or code.

The dispatch board's "改派其他单位" needs every unit a dispatcher may send a case to, not only the
suggested ones; `/api/v1/admin/units` is for admins. This read-only search answers the centre's
roles within their districts (city-level staff, without districts, see every unit).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from app.api.auth import Allow
from app.api.deps import SessionDep
from app.api.errors import ERROR_RESPONSES
from app.cases import workflow as wf
from app.grid import responsibility as resp

router = APIRouter(prefix="/api/v1/units", tags=["工作队列 queues"], responses=ERROR_RESPONSES)
_R = wf.Role
CentreDep = Annotated[
    wf.Actor, Depends(Allow(_R.operator, _R.shift_leader, _R.dispatcher, _R.leader, _R.admin))
]


class UnitHit(BaseModel):
    """查到的责任单位."""

    id: int
    code: str = Field(description="单位代码")
    name: str
    kind: str
    kind_label: str = Field(description="单位类型中文名")
    district_code: str | None
    parent_name: str | None = Field(description="上级单位名称")


@router.get(
    "",
    response_model=list[UnitHit],
    summary="查找责任单位（指挥中心派遣、改派时选择单位）",
    description=(
        "按名称或代码的一部分查找启用的责任单位（代码完全相同的在前，其次名称以查询文字开头的）；"
        "只列本人辖区内的单位（市级人员不限）。受理员、值班长、派遣员、领导与管理员可用（只读）。"
    ),
)
def get_units(
    session: SessionDep,
    actor: CentreDep,
    q: Annotated[str | None, Query(max_length=50, description="名称或代码包含的文字")] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="最多条数")] = 30,
) -> list[UnitHit]:
    """Return the active units matching `q` in the caller's districts."""
    units = resp.search_units(session, (q or "").strip() or None, actor.districts, limit)
    names = resp.parent_names(session, units)
    return [
        UnitHit(
            id=u.id,
            code=u.code,
            name=u.name,
            kind=u.kind,
            kind_label=resp.UNIT_KINDS.get(u.kind, u.kind),
            district_code=u.district_code,
            parent_name=names.get(u.parent_id) if u.parent_id is not None else None,
        )
        for u in units
    ]
