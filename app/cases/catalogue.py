"""The category catalogue (部件/事件类别, GB/T 47678.5-2026 by default) and category lookup."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app.cases.models import DEFAULT_CATALOGUE, Category
from app.core.config import DATA_DIR
from app.core.errors import InvalidInput, UnknownCategory
from app.grid.service import CategoryScope

DEFAULT_CATALOGUE_FILE = DATA_DIR / "catalog" / "gbt47678-5-2026.csv"
COMPONENT_MAJORS = {"01", "02", "03", "04", "05"}
# Components the public commonly reports (matched in the name); events: every real event major.
PUBLIC_COMPONENT_WORDS = (
    "井盖", "箅子", "路灯", "地灯", "景观灯", "交通信号灯", "交通护栏", "交通标志牌", "路名牌",
    "公交站", "垃圾箱", "公共厕所", "行道树", "树池", "绿地护栏", "街头座椅", "户外健身",
    "减速带", "无障碍设施", "消防设施",
)  # fmt: skip


def default_public_intake(kind: str, major_code: str, name: str) -> bool:
    """Return whether a newly loaded category is offered to the public (Open311) by default.

    Event categories of the event majors (06–10, not the component mirrors 01–05) and the
    component categories the public commonly reports (covers, lamps, signals, bins, trees…).
    Admins change it per category (`public_intake`).
    """
    if kind == "event":
        return major_code not in COMPONENT_MAJORS
    return any(word in name for word in PUBLIC_COMPONENT_WORDS)


def load_catalogue(
    session: Session, path: Path = DEFAULT_CATALOGUE_FILE, catalogue: str = DEFAULT_CATALOGUE
) -> int:
    """Insert the categories of a catalogue CSV that are missing; return how many were added."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    values = []
    for r in rows:
        kind, code = r["kind"].strip(), r["code"].strip()
        provenance = (r.get("provenance") or "").strip() or None
        mirror = kind == "event" and provenance is not None and "component mirror" in provenance
        values.append(
            {
                "catalogue": catalogue,
                "kind": kind,
                "code": code,
                "major_code": r["major_code"].strip(),
                "major_name": r["major_name"].strip(),
                "name": r["name"].strip(),
                "standard_ref": catalogue,
                "provenance": provenance,
                "component_code": code if kind == "component" or mirror else None,
                "public_intake": default_public_intake(
                    kind, r["major_code"].strip(), r["name"].strip()
                ),
            }
        )
    if not values:
        return 0
    before = count_categories(session)
    stmt = (
        insert(Category)
        .values(values)
        .on_conflict_do_nothing(constraint="uq_dispatch_category_key")
    )
    session.execute(stmt)
    return count_categories(session) - before


def count_categories(session: Session) -> int:
    """Return how many categories the catalogue holds."""
    return int(session.scalar(select(func.count()).select_from(Category)) or 0)


def check_category_ref(ref: str) -> tuple[str, str]:
    """Return (kind or '', code) of a category reference; raise InvalidInput when malformed."""
    ref = ref.strip()
    kind, _, code = ref.rpartition(":")
    if kind not in ("", "component", "event") or not (len(code) == 5 and code.isdigit()):
        raise InvalidInput(
            f"类别 '{ref}' 格式不正确：应为 5 位代码，可加前缀 component: 或 event:（如 event:09006）",
            category=ref,
        )
    return kind, code


def resolve_category(session: Session, ref: str, catalogue: str = DEFAULT_CATALOGUE) -> Category:
    """Find a category by `kind:code` (e.g. `event:09006`) or a bare code (component kind first)."""
    ref = ref.strip()
    kind, code = check_category_ref(ref)
    stmt = select(Category).where(Category.catalogue == catalogue, Category.code == code)
    if kind:
        stmt = stmt.where(Category.kind == kind)
    found = sorted(session.scalars(stmt).all(), key=lambda c: c.kind != "component")
    if not found:
        raise UnknownCategory(f"类别目录中没有类别 '{ref}'", category=ref)
    return found[0]


def category_scope(category: Category) -> CategoryScope:
    """Return what routing needs of a category."""
    return CategoryScope(
        kind=category.kind,
        code=category.code,
        major_code=category.major_code,
        name=category.name,
        component_code=category.component_code,
    )


def list_categories(
    session: Session,
    *,
    kind: str | None = None,
    q: str | None = None,
    enabled: bool | None = None,
    limit: int | None = None,
) -> list[Category]:
    """Return categories filtered by kind, text (name, code, major class) and enabled flag.

    Ordered by kind and code; `limit` caps the list (a picker's search box).
    """
    stmt = select(Category).order_by(Category.kind, Category.code).limit(limit)
    if kind:
        stmt = stmt.where(Category.kind == kind)
    if enabled is not None:
        stmt = stmt.where(Category.enabled.is_(enabled))
    if q and q.strip():
        q = q.strip()
        stmt = stmt.where(
            Category.name.icontains(q, autoescape=True)
            | Category.code.contains(q, autoescape=True)
            | Category.major_name.icontains(q, autoescape=True)
            | (Category.major_code == q)
        )
    return list(session.scalars(stmt))


def update_category(session: Session, category_id: int, **changes: object) -> Category:
    """Change a category's switches (enabled, public_intake, auto_dispatch, duplicates)."""
    cat = session.get(Category, category_id, with_for_update=True)
    if cat is None:
        raise UnknownCategory("类别不存在", category_id=category_id)
    for key, value in changes.items():
        if value is not None:
            setattr(cat, key, value)
    session.flush()
    return cat


def delete_category(session: Session, category_id: int) -> None:
    """Delete a local category nobody uses; a category used by cases can only be disabled."""
    from app.cases.models import Case, FilingStandard
    from app.core.errors import Conflict

    cat = session.get(Category, category_id, with_for_update=True)
    if cat is None:
        raise UnknownCategory("类别不存在", category_id=category_id)
    used = session.scalar(select(func.count()).select_from(Case).where(Case.category_id == cat.id))
    if used:
        raise Conflict(
            f"已有 {used} 件案卷使用类别“{cat.name}”，不能删除，只能停用", category_id=cat.id
        )
    session.execute(delete(FilingStandard).where(FilingStandard.category_id == cat.id))
    session.delete(cat)
    session.flush()
