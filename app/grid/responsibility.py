"""Responsible units (责任单位) and responsibility rules (责任规则) as editable data.

Units form a tree (`parent_id`: the unit a sub-unit belongs to, for 二级派遣); a unit or a rule
is deactivated (停用), never deleted, so the cases and history that name it stay readable. The
router (`app.grid.service.route`) only uses active units and rules; `preview` runs that same
router on a set of draft changes inside a savepoint that is always rolled back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core.errors import Conflict, InvalidInput, NotFound
from app.grid.models import Cell, Community, District, Rule, Street, Unit
from app.grid.service import AREA_NAMES, ROLE_NAMES, category_scope_label

UNIT_KINDS = {
    "government": "区县政府",
    "street_office": "街道办事处/镇政府",
    "bureau": "职能部门",
    "center": "指挥中心",
    "company": "企业（公用事业等）",
    "squad": "执法中队/作业班组",
}
CATEGORY_KINDS = {"component": "部件", "event": "事件"}
_CODE_DIGITS = {"district": 6, "street": 9, "community": 12}
_UNIT_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,31}$")
T = TypeVar("T")


class UnitCodeTaken(Conflict):
    """Another unit already has this code."""

    code = "unit_code_taken"
    message = "单位代码已被使用"


class InvalidUnitParent(InvalidInput):
    """The parent would make a cycle, or does not exist."""

    code = "invalid_unit_parent"
    message = "上级单位不合法"


class InvalidRule(InvalidInput):
    """A rule whose category or area scope is incomplete or unknown."""

    code = "invalid_rule"
    message = "责任规则不合法"


# --- units -------------------------------------------------------------------------------------


def list_units(
    session: Session,
    *,
    district: str | None = None,
    active: bool | None = None,
    q: str | None = None,
    parent_id: int | None = None,
) -> list[Unit]:
    """Return units (by code), filtered by district, state, name/code text or parent."""
    stmt = select(Unit)
    if district is not None:
        stmt = stmt.where(Unit.district_code == district)
    if active is not None:
        stmt = stmt.where(Unit.active.is_(active))
    if parent_id is not None:
        stmt = stmt.where(Unit.parent_id == parent_id)
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(or_(Unit.name.ilike(like), Unit.code.ilike(like)))
    return list(session.scalars(stmt.order_by(Unit.code, Unit.id)))


def search_units(
    session: Session, q: str | None, districts: Iterable[str] | None, limit: int
) -> list[Unit]:
    """Return active units whose name or code contains `q`, within `districts` (None: all).

    Exact code matches come first, then names that start with `q`, then by code.
    """
    stmt = select(Unit).where(Unit.active.is_(True))
    if districts is not None:
        stmt = stmt.where(Unit.district_code.in_(list(districts)))
    order: list[Any] = []
    if q:
        text = q.replace("%", "").replace("_", "")
        like = f"%{text}%"
        stmt = stmt.where(or_(Unit.name.ilike(like), Unit.code.ilike(like)))
        order = [(Unit.code != text), ~Unit.name.ilike(f"{text}%")]
    return list(session.scalars(stmt.order_by(*order, Unit.code, Unit.id).limit(limit)))


def get_unit(session: Session, unit_id: int) -> Unit:
    """Return a unit; raise NotFound."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(f"单位 {unit_id} 不存在", unit_id=unit_id)
    return unit


def _check_district(session: Session, code: str | None) -> None:
    if code is not None and session.get(District, code) is None:
        raise InvalidInput(f"区县 {code} 不存在", field="district_code", value=code)


def _check_parent(session: Session, unit_id: int | None, parent_id: int | None) -> None:
    if parent_id is None:
        return
    seen: set[int] = set()
    current: int | None = parent_id
    while current is not None:
        if current == unit_id:
            raise InvalidUnitParent("上级单位不能是本单位或其下级单位", parent_id=parent_id)
        if current in seen:
            break
        seen.add(current)
        row = session.get(Unit, current)
        if row is None:
            raise InvalidUnitParent(f"上级单位 {current} 不存在", parent_id=parent_id)
        current = row.parent_id


def _check_code(session: Session, code: str, unit_id: int | None) -> None:
    if not _UNIT_CODE.match(code):
        raise InvalidInput(
            "单位代码只能由字母、数字、下划线、点和连字符组成（最长 32 个字符）",
            field="code",
            value=code,
        )
    taken = session.scalar(select(Unit.id).where(Unit.code == code, Unit.id != (unit_id or 0)))
    if taken is not None:
        raise UnitCodeTaken(f"单位代码 {code} 已被单位 {taken} 使用", code_value=code)


def _check_kind(kind: str) -> None:
    if kind not in UNIT_KINDS:
        options = "、".join(f"{k}（{v}）" for k, v in UNIT_KINDS.items())
        raise InvalidInput(f"单位类型“{kind}”无效，可选：{options}", field="kind", value=kind)


def create_unit(session: Session, values: Mapping[str, Any]) -> Unit:
    """Create a unit (code unique, parent existing, kind known)."""
    _check_code(session, values["code"], None)
    _check_kind(values["kind"])
    _check_district(session, values.get("district_code"))
    _check_parent(session, None, values.get("parent_id"))
    unit = Unit(**{k: v for k, v in values.items() if v is not None or k == "parent_id"})
    session.add(unit)
    session.flush()
    return unit


def update_unit(session: Session, unit_id: int, changes: Mapping[str, Any]) -> Unit:
    """Change the given fields of a unit (`active=False` deactivates: no longer routed to)."""
    unit = get_unit(session, unit_id)
    if "code" in changes:
        _check_code(session, changes["code"], unit_id)
    if "kind" in changes:
        _check_kind(changes["kind"])
    if "district_code" in changes:
        _check_district(session, changes["district_code"])
    if "parent_id" in changes:
        _check_parent(session, unit_id, changes["parent_id"])
    for key, value in changes.items():
        setattr(unit, key, value)
    session.flush()
    return unit


def parent_names(session: Session, units: Iterable[Unit]) -> dict[int, str]:
    """Return the name of each unit's parent, by parent id."""
    parents = {u.parent_id for u in units if u.parent_id is not None}
    return {p: get_unit(session, p).name for p in parents}


def child_counts(session: Session, unit_ids: Iterable[int]) -> dict[int, int]:
    """Return how many active sub-units each unit has."""
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Unit.parent_id, func.count())
        .where(Unit.parent_id.in_(ids), Unit.active.is_(True))
        .group_by(Unit.parent_id)
    ).all()
    return {int(p): int(n) for p, n in rows if p is not None}


# --- rules -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleView:
    """A rule with its labels and its unit's name."""

    id: int
    unit_id: int
    unit_name: str
    district_code: str
    role: str
    role_label: str
    category_kind: str | None
    major_code: str | None
    category_code: str | None
    category_scope: str
    area_scope: str
    area_label: str
    area_code: str | None
    cell_codes: list[str] | None
    priority: int
    note: str | None
    active: bool


def rule_view(session: Session, rule: Rule) -> RuleView:
    """Return a rule as people read it."""
    unit = session.get_one(Unit, rule.unit_id)
    return RuleView(
        id=rule.id,
        unit_id=rule.unit_id,
        unit_name=unit.name,
        district_code=rule.district_code,
        role=rule.role,
        role_label=ROLE_NAMES.get(rule.role, rule.role),
        category_kind=rule.category_kind,
        major_code=rule.major_code,
        category_code=rule.category_code,
        category_scope=category_scope_label(
            rule.category_kind, rule.major_code, rule.category_code
        ),
        area_scope=rule.area_scope,
        area_label=AREA_NAMES.get(rule.area_scope, rule.area_scope),
        area_code=rule.area_code,
        cell_codes=list(rule.cell_codes) if rule.cell_codes is not None else None,
        priority=rule.priority,
        note=rule.note,
        active=rule.active,
    )


def list_rules(
    session: Session,
    *,
    district: str | None = None,
    unit_id: int | None = None,
    active: bool | None = None,
    role: str | None = None,
) -> list[Rule]:
    """Return rules by district, role and id."""
    stmt = select(Rule)
    if district is not None:
        stmt = stmt.where(Rule.district_code == district)
    if unit_id is not None:
        stmt = stmt.where(Rule.unit_id == unit_id)
    if active is not None:
        stmt = stmt.where(Rule.active.is_(active))
    if role is not None:
        stmt = stmt.where(Rule.role == role)
    return list(session.scalars(stmt.order_by(Rule.district_code, Rule.role, Rule.id)))


def get_rule(session: Session, rule_id: int) -> Rule:
    """Return a rule; raise NotFound."""
    rule = session.get(Rule, rule_id)
    if rule is None:
        raise NotFound(f"责任规则 {rule_id} 不存在", rule_id=rule_id)
    return rule


def _exists(session: Session, model: Any, code: str) -> bool:
    return session.get(model, code) is not None


def _check_rule(session: Session, rule: Rule) -> None:
    """Refuse a rule the router could not read: unknown role, kind, unit, area or category."""
    if rule.role not in ROLE_NAMES:
        options = "、".join(f"{k}（{v}）" for k, v in ROLE_NAMES.items())
        raise InvalidRule(f"规则角色“{rule.role}”无效，可选：{options}", field="role")
    if session.get(Unit, rule.unit_id) is None:
        raise InvalidRule(f"单位 {rule.unit_id} 不存在", field="unit_id")
    if not _exists(session, District, rule.district_code):
        raise InvalidRule(f"区县 {rule.district_code} 不存在", field="district_code")
    if rule.category_kind is not None and rule.category_kind not in CATEGORY_KINDS:
        raise InvalidRule("类别类型应为 component（部件）或 event（事件）", field="category_kind")
    if rule.major_code is not None and not re.fullmatch(r"\d{2}", rule.major_code):
        raise InvalidRule("大类代码应为 2 位数字", field="major_code")
    if rule.category_code is not None and not re.fullmatch(r"\d{5}", rule.category_code):
        raise InvalidRule("小类代码应为 5 位数字", field="category_code")
    if rule.major_code is not None and rule.category_code is not None:
        raise InvalidRule("大类与小类只能指定其一", field="major_code")
    scope = rule.area_scope
    if scope not in AREA_NAMES:
        options = "、".join(f"{k}（{v}）" for k, v in AREA_NAMES.items())
        raise InvalidRule(f"区域范围“{scope}”无效，可选：{options}", field="area_scope")
    if scope == "polygon":
        if rule.geom is None:
            raise InvalidRule(
                "指定范围（多边形）的规则请通过网格数据导入（责任规则图层）建立", field="area_scope"
            )
        return
    if scope == "cells":
        codes = rule.cell_codes or []
        if not codes:
            raise InvalidRule("指定网格的规则至少要有一个 15 位单元网格代码", field="cell_codes")
        for c in codes:
            if not (re.fullmatch(r"\d{15}", c) and c.startswith(rule.district_code)):
                raise InvalidRule(
                    f"单元网格代码 {c} 应为本区县（{rule.district_code}）的 15 位代码",
                    field="cell_codes",
                )
        known = set(session.scalars(select(Cell.code).where(Cell.code.in_(codes))))
        missing = [c for c in codes if c not in known]
        if missing:
            raise InvalidRule(f"单元网格 {missing[0]} 不存在", field="cell_codes")
        return
    code = rule.area_code or ""
    digits = _CODE_DIGITS[scope]
    if not (re.fullmatch(rf"\d{{{digits}}}", code) and code.startswith(rule.district_code)):
        raise InvalidRule(
            f"{AREA_NAMES[scope]}范围的规则需要本区县（{rule.district_code}）的 {digits} 位代码",
            field="area_code",
        )
    model = {"district": District, "street": Street, "community": Community}[scope]
    if not _exists(session, model, code):
        raise InvalidRule(f"{AREA_NAMES[scope]} {code} 不存在", field="area_code")


_RULE_FIELDS = (
    "unit_id",
    "district_code",
    "role",
    "category_kind",
    "major_code",
    "category_code",
    "area_scope",
    "area_code",
    "cell_codes",
    "priority",
    "note",
    "active",
)


def create_rule(session: Session, values: Mapping[str, Any]) -> Rule:
    """Create a rule after checking every part of it."""
    rule = Rule(**{k: values[k] for k in _RULE_FIELDS if k in values})
    if rule.priority is None:
        rule.priority = 0
    if rule.active is None:
        rule.active = True
    if rule.area_scope != "cells":
        rule.cell_codes = None
    _check_rule(session, rule)
    session.add(rule)
    session.flush()
    return rule


def update_rule(session: Session, rule_id: int, changes: Mapping[str, Any]) -> Rule:
    """Change the given fields of a rule (`active=False` deactivates it), checked as a whole."""
    rule = get_rule(session, rule_id)
    for key, value in changes.items():
        if key in _RULE_FIELDS:
            setattr(rule, key, value)
    if rule.area_scope != "cells":
        rule.cell_codes = None
    if rule.area_scope not in ("district", "street", "community"):
        rule.area_code = None
    _check_rule(session, rule)
    session.flush()
    return rule


# --- preview -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleDraft:
    """A change tried in a preview: a new rule (`rule_id` None) or fields of an existing one."""

    rule_id: int | None
    values: Mapping[str, Any] = field(default_factory=dict)


def preview(session: Session, drafts: Iterable[RuleDraft], run: Callable[[], T]) -> T:
    """Apply `drafts` in a savepoint, call `run` (the router), roll the savepoint back; return it.

    Nothing of the drafts survives, whatever `run` returns or raises.
    """
    savepoint = session.begin_nested()
    try:
        for d in drafts:
            if d.rule_id is None:
                create_rule(session, d.values)
            else:
                update_rule(session, d.rule_id, d.values)
        return run()
    finally:
        savepoint.rollback()
