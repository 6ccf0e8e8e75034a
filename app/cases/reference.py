"""Reference data cached per process: catalogue, filing standards, stage limits, working calendar.

The report and transition paths read these on every call, and an administrator changes them a
few times a year. One immutable `Reference` snapshot per process holds them all; `current()`
reads the one-row `dispatch_ref_version` (a primary-key read) and reloads the snapshot when the
version moved. A statement trigger on each reference table sets the version to the next value of
a sequence (migration `7a3d9c41e2b6`), so:

- an edit committed by any process is seen by every process's next request;
- an edit made earlier in the same transaction is seen too (the transaction reads its own row);
- a version is never handed out twice, so a snapshot loaded inside a transaction that rolled back
  can never be mistaken for the committed data.

The lookups raise exactly what the database lookups raise (`resolve_category`,
`pick_standard`, `stage_limit`): the cache changes the cost, not the answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.cases.catalogue import check_category_ref
from app.cases.models import DEFAULT_CATALOGUE, Category, FilingStandard, StageLimit
from app.cases.time.calendar import WorkCalendar
from app.cases.time.calendar_store import load_calendar
from app.cases.time.deadlines import TimeUnit
from app.cases.time.standards import (
    FIX_STAGE_LIMITS,
    FIX_STANDARDS,
    CategoryNotConfigured,
    StageLimitMissing,
)
from app.cases.workflow import Stage
from app.core.errors import InvalidInput, UnknownCategory
from app.grid.service import CategoryScope


@dataclass(frozen=True, slots=True)
class CategoryRef:
    """What the report path needs of a category (a detached copy of its row)."""

    id: int
    catalogue: str
    kind: str
    code: str
    major_code: str
    name: str
    component_code: str | None
    enabled: bool
    public_intake: bool
    auto_dispatch: bool
    duplicate_radius_m: float | None
    duplicate_window_h: float | None

    def scope(self) -> CategoryScope:
        """Return what routing needs of the category (as `category_scope`)."""
        return CategoryScope(
            kind=self.kind,
            code=self.code,
            major_code=self.major_code,
            name=self.name,
            component_code=self.component_code,
        )


@dataclass(frozen=True, slots=True)
class StandardRef:
    """A filing condition (立案条件) with its severity and handling limits (a copy of its row)."""

    id: int
    category_id: int
    seq: int
    severity: str
    limit_value: Decimal
    limit_unit: str
    key_limit_value: Decimal | None
    key_limit_unit: str | None
    active: bool
    filing_condition: str


@dataclass(frozen=True, slots=True)
class Reference:
    """One consistent snapshot of the reference data, labelled with its version."""

    version: int | None
    categories: dict[
        tuple[str, str], tuple[CategoryRef, ...]
    ]  # (catalogue, code) → component first
    category_names: dict[int, str]
    categories_by_id: dict[int, CategoryRef]
    standards: dict[int, tuple[StandardRef, ...]]  # category id → active conditions by seq
    standards_by_id: dict[int, StandardRef]  # every version, retired ones too
    stage_limits: dict[tuple[str, str | None], tuple[Decimal, TimeUnit]]
    calendar: WorkCalendar

    def category(self, ref: str, catalogue: str = DEFAULT_CATALOGUE) -> CategoryRef:
        """Return the category `ref` names (as `resolve_category`; same errors)."""
        kind, code = check_category_ref(ref)
        found = [
            c for c in self.categories.get((catalogue, code), ()) if not kind or c.kind == kind
        ]
        if not found:
            raise UnknownCategory(f"类别目录中没有类别 '{ref.strip()}'", category=ref.strip())
        return found[0]

    def standard(self, category_id: int, seq: int | None) -> StandardRef:
        """Return active condition `seq` of a category, default the first (as `pick_standard`)."""
        rows = self.standards.get(category_id, ())
        if not rows:
            name = self.category_names.get(category_id, str(category_id))
            raise CategoryNotConfigured(
                f"类别“{name}”还没有立结案标准（立案条件和处置时限），暂不能受理：{FIX_STANDARDS}",
                category_id=category_id,
            )
        if seq is None:
            return rows[0]
        for r in rows:
            if r.seq == seq:
                return r
        raise InvalidInput(f"该类别没有第 {seq} 条立案条件", field="condition", condition=seq)

    def stage_limit(self, stage: Stage, source: str) -> tuple[Decimal, TimeUnit]:
        """Return a non-handling stage's limit: the source's own, else the general one."""
        found = self.stage_limits.get((stage.value, source)) or self.stage_limits.get(
            (stage.value, None)
        )
        if found is None:
            raise StageLimitMissing(
                f"未配置“{stage.label}”阶段时限，暂不能流转：{FIX_STAGE_LIMITS}", stage=stage.value
            )
        return found


_VERSION_SQL = text("SELECT version FROM dispatch_ref_version WHERE id = 1")
# One snapshot per database: a process that serves several (a tool or test on clones of one
# database) would otherwise take one clone's snapshot for another's, as clones hand out the same
# version numbers from the same sequence state.
_snapshots: dict[str | None, Reference] = {}


def current(session: Session) -> Reference:
    """Return the reference data as this transaction sees it (one primary-key read, cached)."""
    return for_version(session, session.execute(_VERSION_SQL).scalar())


def for_version(session: Session, version: int | None) -> Reference:
    """Return the snapshot of `version` (just read in this transaction), loading it when new."""
    database = session.get_bind().engine.url.database
    snap = _snapshots.get(database)
    if snap is not None and version is not None and snap.version == version:
        return snap
    snap = load(session, version)
    if version is not None:  # without the row (a database not migrated yet) nothing is cached
        _snapshots[database] = snap
    return snap


def load(session: Session, version: int | None) -> Reference:
    """Read every reference table into a new snapshot labelled `version`."""
    cats: dict[tuple[str, str], list[CategoryRef]] = defaultdict(list)
    names: dict[int, str] = {}
    by_cat_id: dict[int, CategoryRef] = {}
    # Core rows, not ORM objects: nothing enters (or overwrites anything in) the session
    for c in session.execute(select(Category.__table__)):
        ref = CategoryRef(
            id=c.id,
            catalogue=c.catalogue,
            kind=c.kind,
            code=c.code,
            major_code=c.major_code,
            name=c.name,
            component_code=c.component_code,
            enabled=c.enabled,
            public_intake=c.public_intake,
            auto_dispatch=c.auto_dispatch,
            duplicate_radius_m=c.duplicate_radius_m,
            duplicate_window_h=c.duplicate_window_h,
        )
        cats[(c.catalogue, c.code)].append(ref)
        names[c.id] = c.name
        by_cat_id[c.id] = ref
    by_cat: dict[int, list[StandardRef]] = defaultdict(list)
    by_id: dict[int, StandardRef] = {}
    std_t = FilingStandard.__table__
    for s in session.execute(select(std_t).order_by(std_t.c.category_id, std_t.c.seq)):
        std = StandardRef(
            id=s.id,
            category_id=s.category_id,
            seq=s.seq,
            severity=s.severity,
            limit_value=s.limit_value,
            limit_unit=s.limit_unit,
            key_limit_value=s.key_limit_value,
            key_limit_unit=s.key_limit_unit,
            active=s.active,
            filing_condition=s.filing_condition,
        )
        by_id[s.id] = std
        if s.active:
            by_cat[s.category_id].append(std)
    limits = {
        (r.stage, r.source): (r.limit_value, TimeUnit(r.limit_unit))
        for r in session.execute(select(StageLimit.__table__))
    }
    return Reference(
        version=version,
        # component before event for a bare code, as resolve_category orders them
        categories={
            k: tuple(sorted(v, key=lambda c: c.kind != "component")) for k, v in cats.items()
        },
        category_names=names,
        categories_by_id=by_cat_id,
        standards={k: tuple(v) for k, v in by_cat.items()},
        standards_by_id=by_id,
        stage_limits=limits,
        calendar=load_calendar(session),
    )
