"""Hotline reference data an administrator edits: urgency classes and category keywords.

Urgency classes: 紧急程度 and their 反馈时限; keywords: the words (同义词) that suggest a category
from a caller's words.

Urgency classes are deactivated, never deleted (tickets keep their class); keywords are rows of
their own and may be deleted. The desk reads both on every call (no cache to refresh).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.models import HotlineKeyword, HotlineUrgency
from app.channels.hotline.errors import UnknownUrgency
from app.core.errors import Conflict, InvalidInput, NotFound

_URGENCY_CODE = re.compile(r"^[a-z][a-z0-9_]{0,15}$")
_LIMIT_UNITS = ("minute", "work_hour", "work_day", "natural_hour", "natural_day")


class KeywordTaken(Conflict):
    """The category already has this keyword."""

    code = "keyword_taken"
    message = "该类别已有此关键词"


def all_urgencies(session: Session) -> list[HotlineUrgency]:
    """Return every urgency class (active or not) in display order."""
    return list(
        session.scalars(select(HotlineUrgency).order_by(HotlineUrgency.seq, HotlineUrgency.code))
    )


def put_urgency(session: Session, code: str, values: Mapping[str, Any]) -> HotlineUrgency:
    """Create the urgency class `code` or change it (a new one needs a name and a limit)."""
    if not _URGENCY_CODE.match(code):
        raise InvalidInput(
            "紧急程度代码应为小写字母开头的字母、数字、下划线（最长 16 个字符）",
            field="code",
            value=code,
        )
    unit = values.get("feedback_limit_unit")
    if unit is not None and unit not in _LIMIT_UNITS:
        raise InvalidInput(
            f"反馈时限单位应为 {'、'.join(_LIMIT_UNITS)} 之一", field="feedback_limit_unit"
        )
    row = session.get(HotlineUrgency, code)
    if row is None:
        missing = [
            k for k in ("name", "feedback_limit_value", "feedback_limit_unit") if not values.get(k)
        ]
        if missing:
            raise InvalidInput(
                f"新建紧急程度需要填写：{'、'.join(missing)}", field=missing[0], missing=missing
            )
        row = HotlineUrgency(code=code, seq=0, active=True)
        session.add(row)
    for key, value in values.items():
        if value is not None:
            setattr(row, key, Decimal(value) if key == "feedback_limit_value" else value)
    session.flush()
    return row


def list_keywords(
    session: Session, *, kind: str | None = None, code: str | None = None
) -> list[HotlineKeyword]:
    """Return keywords, by category then keyword."""
    stmt = select(HotlineKeyword)
    if kind is not None:
        stmt = stmt.where(HotlineKeyword.kind == kind)
    if code is not None:
        stmt = stmt.where(HotlineKeyword.code == code)
    order = (HotlineKeyword.kind, HotlineKeyword.code, HotlineKeyword.keyword)
    return list(session.scalars(stmt.order_by(*order)))


def _get_keyword(session: Session, keyword_id: int) -> HotlineKeyword:
    row = session.get(HotlineKeyword, keyword_id)
    if row is None:
        raise NotFound(f"关键词 {keyword_id} 不存在", keyword_id=keyword_id)
    return row


def _check_unique(session: Session, kind: str, code: str, word: str, own: int | None) -> None:
    taken = session.scalar(
        select(HotlineKeyword.id).where(
            HotlineKeyword.kind == kind,
            HotlineKeyword.code == code,
            HotlineKeyword.keyword == word,
            HotlineKeyword.id != (own or 0),
        )
    )
    if taken is not None:
        raise KeywordTaken(f"类别 {kind}:{code} 已有关键词“{word}”", keyword_id=taken)


def _word(raw: str) -> str:
    word = raw.strip()
    if not word:
        raise InvalidInput("关键词不能为空", field="keyword")
    return word


def add_keyword(
    session: Session, kind: str, code: str, keyword: str, weight: float
) -> HotlineKeyword:
    """Add a keyword to a category (`kind`, 5-digit `code`, as resolved by the caller)."""
    word = _word(keyword)
    _check_unique(session, kind, code, word, None)
    row = HotlineKeyword(kind=kind, code=code, keyword=word, weight=weight)
    session.add(row)
    session.flush()
    return row


def update_keyword(
    session: Session, keyword_id: int, keyword: str | None, weight: float | None
) -> HotlineKeyword:
    """Change a keyword's text or weight."""
    row = _get_keyword(session, keyword_id)
    if keyword is not None:
        word = _word(keyword)
        _check_unique(session, row.kind, row.code, word, row.id)
        row.keyword = word
    if weight is not None:
        row.weight = weight
    session.flush()
    return row


def delete_keyword(session: Session, keyword_id: int) -> None:
    """Delete a keyword."""
    session.delete(_get_keyword(session, keyword_id))
    session.flush()


def list_urgencies(session: Session) -> list[HotlineUrgency]:
    """Return the active urgency classes in display order."""
    return list(
        session.scalars(
            select(HotlineUrgency)
            .where(HotlineUrgency.active.is_(True))
            .order_by(HotlineUrgency.seq, HotlineUrgency.code)
        )
    )


def get_urgency(session: Session, code: str) -> HotlineUrgency:
    """Return an active urgency class; raise UnknownUrgency (422) naming the valid codes."""
    found = session.get(HotlineUrgency, code)
    if found is None or not found.active:
        valid = list_urgencies(session)
        raise UnknownUrgency(
            f"未知的紧急程度“{code}”，可选：" + "、".join(f"{u.code}（{u.name}）" for u in valid),
            field="urgency",
            allowed=[u.code for u in valid],
        )
    return found


def urgency_map(session: Session) -> dict[str, HotlineUrgency]:
    """Return every urgency class (active or not) by code, for views."""
    return {u.code: u for u in session.scalars(select(HotlineUrgency))}
