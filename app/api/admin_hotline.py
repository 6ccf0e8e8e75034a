"""Administration of the hotline desk's reference data: urgency classes and category keywords."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.api.auth import Allow
from app.api.deps import SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.admin import (
    KeywordCreate,
    KeywordPatch,
    KeywordRead,
    UrgencyPut,
    UrgencyRead,
)
from app.cases import workflow as wf
from app.cases.catalogue import resolve_category
from app.cases.models import DEFAULT_CATALOGUE, Category, HotlineKeyword, HotlineUrgency
from app.channels.hotline import reference

router = APIRouter(prefix="/api/v1/admin/hotline", tags=["管理 admin"], responses=ERROR_RESPONSES)
AdminDep = Annotated[wf.Actor, Depends(Allow(wf.Role.admin))]


def _urgency(u: HotlineUrgency) -> UrgencyRead:
    return UrgencyRead(
        code=u.code,
        name=u.name,
        feedback_limit_value=float(u.feedback_limit_value),
        feedback_limit_unit=u.feedback_limit_unit,
        seq=u.seq,
        active=u.active,
    )


def _keywords(session: Session, rows: list[HotlineKeyword]) -> list[KeywordRead]:
    keys = {(k.kind, k.code) for k in rows}
    names = {
        (c.kind, c.code): c.name
        for c in session.scalars(
            select(Category).where(
                Category.catalogue == DEFAULT_CATALOGUE,
                Category.code.in_(sorted({code for _, code in keys})),
            )
        )
    }
    return [
        KeywordRead(
            id=k.id,
            kind=k.kind,
            code=k.code,
            category=f"{k.kind}:{k.code}",
            category_name=names.get((k.kind, k.code)),
            keyword=k.keyword,
            weight=k.weight,
        )
        for k in rows
    ]


@router.get(
    "/urgencies",
    response_model=list[UrgencyRead],
    summary="热线紧急程度及反馈时限（含已停用）",
)
def get_urgencies(session: SessionDep, _actor: AdminDep) -> list[UrgencyRead]:
    """紧急程度列表."""
    return [_urgency(u) for u in reference.all_urgencies(session)]


@router.put(
    "/urgencies/{code}",
    response_model=UrgencyRead,
    summary="新建或修改紧急程度（反馈时限对新登记的工单生效）",
    description=(
        "代码为小写字母开头的字母、数字、下划线；新建时须填名称与反馈时限。`active=false` 停用："
        "坐席不能再选，已登记的工单不受影响。"
    ),
)
def put_urgency(session: SessionDep, code: str, body: UrgencyPut, _actor: AdminDep) -> UrgencyRead:
    """新建或修改紧急程度."""
    values = body.model_dump(exclude_unset=True)
    if body.feedback_limit_unit is not None:
        values["feedback_limit_unit"] = body.feedback_limit_unit.value
    return _urgency(reference.put_urgency(session, code, values))


@router.get(
    "/keywords",
    response_model=list[KeywordRead],
    summary="类别建议关键词（可按类别筛选）",
    description="坐席输入诉求内容时，类别名称之外用这些关键词（同义词）建议类别；权重越大越优先。",
)
def get_keywords(
    session: SessionDep,
    _actor: AdminDep,
    category: Annotated[str | None, Query(description="类别，如 event:09006")] = None,
) -> list[KeywordRead]:
    """关键词列表."""
    kind = code = None
    if category:
        cat = resolve_category(session, category)
        kind, code = cat.kind, cat.code
    return _keywords(session, reference.list_keywords(session, kind=kind, code=code))


@router.post(
    "/keywords",
    status_code=201,
    response_model=KeywordRead,
    summary="新增类别建议关键词",
    description="类别须存在；同一类别的关键词不能重复（409 `keyword_taken`）。",
)
def post_keyword(session: SessionDep, body: KeywordCreate, _actor: AdminDep) -> KeywordRead:
    """新增关键词."""
    cat = resolve_category(session, body.category)
    row = reference.add_keyword(session, cat.kind, cat.code, body.keyword, body.weight)
    return _keywords(session, [row])[0]


@router.patch(
    "/keywords/{keyword_id}",
    response_model=KeywordRead,
    summary="修改类别建议关键词（文字或权重）",
)
def patch_keyword(
    session: SessionDep, keyword_id: int, body: KeywordPatch, _actor: AdminDep
) -> KeywordRead:
    """修改关键词."""
    row = reference.update_keyword(session, keyword_id, body.keyword, body.weight)
    return _keywords(session, [row])[0]


@router.delete(
    "/keywords/{keyword_id}",
    status_code=204,
    summary="删除类别建议关键词",
)
def delete_keyword(session: SessionDep, keyword_id: int, _actor: AdminDep) -> None:
    """删除关键词."""
    reference.delete_keyword(session, keyword_id)
