"""Filing standards (立结案标准), stage limits (阶段时限) and their shipped defaults.

Every number here is seed data a deployment edits; running stages keep the limit they started
with because each stage row stores its own limit snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.cases.models import Category, FilingStandard, StageLimit
from app.cases.time.deadlines import TimeUnit
from app.cases.workflow import Stage
from app.core.errors import InvalidInput, NotConfigured, NotFound

SEVERITY_LABELS = {"urgent": "紧急", "serious": "严重", "general": "一般", "minor": "轻微"}


@dataclass(frozen=True, slots=True)
class StandardSeed:
    """One default filing condition."""

    filing: str
    severity: str
    value: str
    unit: TimeUnit
    closing: str
    key_value: str | None = None
    key_unit: TimeUnit | None = None


WH, WD, NH = TimeUnit.work_hour, TimeUnit.work_day, TimeUnit.natural_hour

_COVER = [
    StandardSeed(
        "井盖破损、缺失或移位，位于机动车道、非机动车道或人行道，存在安全隐患",
        "urgent",
        "2",
        NH,
        "井盖已补装或更换、安放平稳，现场安全隐患消除",
    ),
    StandardSeed(
        "井盖松动、异响、下沉或与路面高差超过 2 厘米",
        "serious",
        "2",
        WD,
        "井盖已调平、加固，行车无异响",
    ),
]
_SPECIFIC: dict[tuple[str, str], list[StandardSeed]] = {
    ("event", "09006"): [
        StandardSeed(
            "在道路、广场等公共场所占道经营，影响通行或市容",
            "general",
            "4",
            WH,
            "经营者已撤离，占道物品已清除",
            "2",
            WH,
        ),
    ],
    ("event", "07001"): [
        StandardSeed(
            "在建筑物、设施、树木等上张贴、涂写、刻画小广告，面积 0.1 平方米以上",
            "general",
            "4",
            WH,
            "小广告已清除，无明显痕迹",
            "2",
            WH,
        ),
    ],
    ("event", "06010"): [
        StandardSeed(
            "公共区域暴露垃圾、积存垃圾渣土，面积 0.5 平方米以上",
            "general",
            "4",
            WH,
            "垃圾已清理，现场无残留",
        ),
    ],
    ("event", "06012"): [
        StandardSeed(
            "道路、广场等公共场所有明显垃圾、污迹，保洁不到位",
            "general",
            "5",
            WH,
            "路面已清扫保洁，无明显垃圾污迹",
            "2",
            WH,
        ),
    ],
    ("event", "06001"): [
        StandardSeed(
            "正在搭建的违法建（构）筑物", "urgent", "4", WH, "搭建行为已制止，现场停止施工"
        ),
        StandardSeed(
            "已建成的违法建（构）筑物", "serious", "20", WD, "违法建（构）筑物已拆除，现场清理完毕"
        ),
    ],
}
_DEFAULT_EVENT = StandardSeed(
    "经核实属实、属于管理范围的问题", "general", "1", WD, "问题已处置，现场恢复正常"
)
_DEFAULT_COMPONENT = StandardSeed(
    "部件破损、缺失、丢失或功能异常", "general", "3", WD, "部件已修复或更换，功能恢复正常"
)

# (stage, source or None for all sources) → (value, unit)
DEFAULT_STAGE_LIMITS: list[tuple[Stage, str | None, str, TimeUnit]] = [
    (Stage.verify, None, "1", WH),
    (Stage.verify, "hotline", "2", WH),
    (Stage.file, None, "30", TimeUnit.minute),
    (Stage.dispatch, None, "30", TimeUnit.minute),
    (Stage.check, None, "1", WH),
    (Stage.close, None, "30", TimeUnit.minute),
]


def _is_cover(category: Category) -> bool:
    return category.component_code is not None and (
        "井盖" in category.name or "箅子" in category.name
    )


def seed_standards(session: Session) -> int:
    """Insert the default filing standards for categories that have none; return how many."""
    have = set(session.scalars(select(FilingStandard.category_id).distinct()))
    added = 0
    for cat in session.scalars(select(Category).order_by(Category.id)):
        if cat.id in have:
            continue
        seeds = _SPECIFIC.get((cat.kind, cat.code)) or (
            _COVER
            if _is_cover(cat)
            else [_DEFAULT_COMPONENT if cat.component_code else _DEFAULT_EVENT]
        )
        for i, sd in enumerate(seeds, start=1):
            session.add(
                FilingStandard(
                    category_id=cat.id,
                    seq=i,
                    filing_condition=sd.filing,
                    severity=sd.severity,
                    limit_value=Decimal(sd.value),
                    limit_unit=sd.unit.value,
                    key_limit_value=Decimal(sd.key_value) if sd.key_value else None,
                    key_limit_unit=(sd.key_unit or sd.unit).value if sd.key_value else None,
                    closing_condition=sd.closing,
                )
            )
            added += 1
    session.flush()
    return added


def seed_stage_limits(session: Session) -> int:
    """Insert the default stage limits when the table is empty; return how many."""
    if session.scalar(select(func.count()).select_from(StageLimit)):
        return 0
    for stage, source, value, unit in DEFAULT_STAGE_LIMITS:
        session.add(
            StageLimit(
                stage=stage.value, source=source, limit_value=Decimal(value), limit_unit=unit.value
            )
        )
    session.flush()
    return len(DEFAULT_STAGE_LIMITS)


# What an administrator does about missing intake configuration (no CLI flags: API messages).
FIX_STANDARDS = "请系统管理员载入立结案标准（部署时的初始化步骤会载入国标默认标准，见 README）"
FIX_STAGE_LIMITS = "请系统管理员设置阶段时限（系统管理 → 阶段时限，或重新执行部署时的初始化步骤）"


class CategoryNotConfigured(NotConfigured):
    """The category has no active filing condition: cases of it cannot be filed yet."""

    code = "category_not_configured"
    message = "该类别还没有立结案标准，暂不能受理"


class StageLimitMissing(NotConfigured):
    """A stage has no limit configured."""

    code = "stage_limit_missing"
    message = "未配置阶段时限"


def has_standard() -> ColumnElement[bool]:
    """Return SQL true when the category (`Category`) has an active filing condition."""
    return exists().where(
        FilingStandard.category_id == Category.id, FilingStandard.active.is_(True)
    )


def pick_standard(session: Session, category_id: int, seq: int | None) -> FilingStandard:
    """Return the active filing condition `seq` of a category (default: the first).

    Raises CategoryNotConfigured (503) when the category has none at all (a deployment gap, not
    the caller's error) and InvalidInput when condition `seq` does not exist.
    """
    stmt = (
        select(FilingStandard)
        .where(FilingStandard.category_id == category_id, FilingStandard.active.is_(True))
        .order_by(FilingStandard.seq)
    )
    found = session.scalars(stmt).first()
    if found is None:
        category = session.get(Category, category_id)
        name = category.name if category is not None else str(category_id)
        raise CategoryNotConfigured(
            f"类别“{name}”还没有立结案标准（立案条件和处置时限），暂不能受理：{FIX_STANDARDS}",
            category_id=category_id,
        )
    if seq is not None:
        found = session.scalars(stmt.where(FilingStandard.seq == seq)).first()
        if found is None:
            raise InvalidInput(f"该类别没有第 {seq} 条立案条件", field="condition", condition=seq)
    return found


def configuration_warnings(session: Session) -> list[dict[str, object]]:
    """Return what intake configuration is missing (for /readyz): code, message, count."""
    out: list[dict[str, object]] = []
    enabled = select(func.count()).select_from(Category).where(Category.enabled.is_(True))
    if not session.scalar(enabled):
        out.append(
            {
                "code": "no_categories",
                "message": "没有启用的类别目录，任何渠道都不能上报：请系统管理员载入类别目录",
                "count": 0,
            }
        )
        return out
    missing = session.scalar(enabled.where(~has_standard())) or 0
    if missing:
        out.append(
            {
                "code": "categories_without_standards",
                "message": f"{missing} 个启用的类别没有立结案标准，这些类别暂不能受理，"
                f"Open311 服务列表也不列出：{FIX_STANDARDS}",
                "count": missing,
            }
        )
    stages = {
        r for r in session.scalars(select(StageLimit.stage).where(StageLimit.source.is_(None)))
    }
    absent = [st for st in Stage if st is not Stage.handle and st.value not in stages]
    if absent:
        out.append(
            {
                "code": "stage_limits_missing",
                "message": "未配置阶段时限："
                + "、".join(st.label for st in absent)
                + f"；{FIX_STAGE_LIMITS}",
                "count": len(absent),
            }
        )
    return out


class HandlingLimits(Protocol):
    """The handling limits of a filing condition (its row, or a cached copy)."""

    @property
    def limit_value(self) -> Decimal:
        """The general handling limit."""

    @property
    def limit_unit(self) -> str:
        """Its unit."""

    @property
    def key_limit_value(self) -> Decimal | None:
        """The limit in key areas (重点区域), when it differs."""

    @property
    def key_limit_unit(self) -> str | None:
        """Its unit."""


def handling_limit(standard: HandlingLimits, mgmt_class: str | None) -> tuple[Decimal, TimeUnit]:
    """Return the 处置时限 of a standard for a cell's management class (key areas may differ).

    A case without a location (`mgmt_class` None) gets the general limit.
    """
    if mgmt_class == "key" and standard.key_limit_value is not None and standard.key_limit_unit:
        return standard.key_limit_value, TimeUnit(standard.key_limit_unit)
    return standard.limit_value, TimeUnit(standard.limit_unit)


def stage_limit(session: Session, stage: Stage, source: str) -> tuple[Decimal, TimeUnit]:
    """Return the limit of a non-handling stage: the source's own row, else the general one."""
    rows = session.scalars(
        select(StageLimit).where(
            StageLimit.stage == stage.value,
            (StageLimit.source == source) | StageLimit.source.is_(None),
        )
    ).all()
    best = sorted(rows, key=lambda r: r.source is None)
    if not best:
        raise StageLimitMissing(
            f"未配置“{stage.label}”阶段时限，暂不能流转：{FIX_STAGE_LIMITS}", stage=stage.value
        )
    return best[0].limit_value, TimeUnit(best[0].limit_unit)


def edit_standard(
    session: Session,
    standard_id: int,
    *,
    value: Decimal | None = None,
    unit: TimeUnit | None = None,
    key_value: Decimal | None = None,
    key_unit: TimeUnit | None = None,
    severity: str | None = None,
    filing: str | None = None,
    closing: str | None = None,
) -> FilingStandard:
    """Retire a standard and insert its next version; running stages keep their old limit."""
    old = session.get(FilingStandard, standard_id, with_for_update=True)
    if old is None or not old.active:
        raise NotFound("立案条件不存在或已被替换", standard_id=standard_id)
    if severity is not None and severity not in SEVERITY_LABELS:
        raise InvalidInput("严重程度应为 urgent/serious/general/minor", severity=severity)
    session.execute(update(FilingStandard).where(FilingStandard.id == old.id).values(active=False))
    new = FilingStandard(
        category_id=old.category_id,
        seq=old.seq,
        filing_condition=filing if filing is not None else old.filing_condition,
        severity=severity or old.severity,
        limit_value=value if value is not None else old.limit_value,
        limit_unit=(unit or TimeUnit(old.limit_unit)).value,
        key_limit_value=key_value if key_value is not None else old.key_limit_value,
        key_limit_unit=(key_unit.value if key_unit else old.key_limit_unit),
        closing_condition=closing if closing is not None else old.closing_condition,
        version=old.version + 1,
    )
    session.add(new)
    session.flush()
    return new


def seed_defaults(session: Session) -> dict[str, int]:
    """Load the default catalogue, filing standards and stage limits where missing (idempotent)."""
    from app.cases.catalogue import count_categories, load_catalogue

    categories = load_catalogue(session) if count_categories(session) == 0 else 0
    return {
        "categories": categories,
        "standards": seed_standards(session),
        "stage_limits": seed_stage_limits(session),
    }


def list_standards(session: Session, category_id: int) -> list[FilingStandard]:
    """Return the active filing conditions of a category, by sequence."""
    return list(
        session.scalars(
            select(FilingStandard)
            .where(FilingStandard.category_id == category_id, FilingStandard.active.is_(True))
            .order_by(FilingStandard.seq)
        )
    )


def list_stage_limits(session: Session) -> list[StageLimit]:
    """Return every stage limit row."""
    return list(session.scalars(select(StageLimit).order_by(StageLimit.stage, StageLimit.source)))


def set_stage_limit(
    session: Session, stage: Stage, source: str | None, value: Decimal, unit: TimeUnit
) -> StageLimit:
    """Create or change the limit of a stage (for one source, or for all when source is None)."""
    if stage is Stage.handle:
        raise InvalidInput("处置时限由各类别的立案条件决定，请修改立结案标准", stage=stage.value)
    if not value.is_finite() or value <= 0:
        raise InvalidInput("时限必须大于 0", value=str(value))
    row = session.scalars(
        select(StageLimit)
        .where(
            StageLimit.stage == stage.value,
            StageLimit.source.is_(None) if source is None else StageLimit.source == source,
        )
        .with_for_update()
    ).first()
    if row is None:
        row = StageLimit(stage=stage.value, source=source)
        session.add(row)
    row.limit_value, row.limit_unit = value, unit.value
    session.flush()
    return row
