"""The closed loop (闭环) as one pure transition table: `(status, action) → status`, who, effects.

Everything about case transitions is derived from `TABLE`: `allowed_actions`, `transition` and
`describe_table`. No SQLAlchemy, no FastAPI: the service loads the case `FOR UPDATE`, builds a
`CaseState`, calls `transition()` and applies the returned `Transition` (status, event row,
stage clocks, counters, pending request, assignment, sign) in its one `_apply()`.

Rules the table encodes (DOMAIN.md §4), generically checked in this order:

1. the pair `(status, action)` must be a row, else `InvalidTransition`;
2. the actor's role must be listed for the row, and its scope must hold (a unit acts only on a
   case assigned to it; a parent unit only on a case it re-dispatched; the centre dispatcher only
   on a case at the first dispatch level; self-handling only by the reporting inspector), else
   `ActionForbidden`;
3. the row's guards must hold on the state, else `InvalidTransition` naming the reason.

Pending requests (回退/延期/挂账/作废): a request does not change the status; it occupies the
case's single request slot (one open request per case, so never two of a kind). Approve/deny need
that request pending and clear it. A status change clears a pending request (it was about the old
status); re-dispatch to a sub-unit is refused while a request is pending.

Two-level dispatch (二级派遣): `dispatch` assigns a unit at level 1; `redispatch` lets that unit
(when it has sub-units) pass the case to a sub-unit at level 2 and become its "dispatching unit";
`recall` (approving the sub-unit's return request) gives the case back to the parent. Clock rule
for the service: operations on the handle clock apply to every open level (the parent's clock
contains its sub-unit's), except that a level being entered (`redispatch`) only starts its own
clock and a level being left (`recall`) only stops its own. Counters count at the level where the
action happened (the level of the state before the transition).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from app.core.errors import Conflict, Forbidden
from app.identity.roles import (
    Role as Role,  # the roles belong to identity; re-exported for the table
)

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


class Status(StrEnum):
    """Case status (案卷状态)."""

    reported = "reported"
    verifying = "verifying"
    rejected = "rejected"
    merged = "merged"
    filed = "filed"
    dispatched = "dispatched"
    suspended = "suspended"
    handled = "handled"
    to_close = "to_close"
    closed = "closed"
    evaluated = "evaluated"
    voided = "voided"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Return True while the case is still being worked on (not finished in any way)."""
        return self not in FINISHED_STATUSES


class Action(StrEnum):
    """An action on a case (one endpoint each)."""

    report = "report"
    send_verify = "send_verify"
    verify_exists = "verify_exists"
    verify_not_exists = "verify_not_exists"
    reject = "reject"
    merge = "merge"
    file = "file"
    self_handle = "self_handle"
    dispatch = "dispatch"
    void_request = "void_request"
    void_approve = "void_approve"
    void_deny = "void_deny"
    sign = "sign"
    redispatch = "redispatch"
    return_request = "return_request"
    return_approve = "return_approve"
    recall = "recall"
    return_deny = "return_deny"
    extend_request = "extend_request"
    extend_approve = "extend_approve"
    extend_deny = "extend_deny"
    suspend_request = "suspend_request"
    suspend_approve = "suspend_approve"
    suspend_deny = "suspend_deny"
    resume = "resume"
    handle = "handle"
    check_pass = "check_pass"  # noqa: S105 (an action name, not a password)
    check_fail = "check_fail"
    close = "close"
    callback = "callback"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return ACTION_LABELS[self]


class Stage(StrEnum):
    """A stage with its own clock and time limit (DOMAIN.md §5)."""

    verify = "verify"
    file = "file"
    dispatch = "dispatch"
    handle = "handle"
    check = "check"
    close = "close"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return STAGE_LABELS[self]


class Source(StrEnum):
    """Channel a case came from (案件来源)."""

    inspector = "inspector"
    hotline = "hotline"
    public = "public"
    open311 = "open311"
    video = "video"
    iot = "iot"
    leader = "leader"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return SOURCE_LABELS[self]


# Which channel each role may report for (上报来源). Machine channels (Open311, video, IoT)
# report as `system` behind an API key.
REPORT_SOURCES: dict[Role, frozenset[Source]] = {
    Role.inspector: frozenset({Source.inspector}),
    Role.hotline_agent: frozenset({Source.hotline}),
    Role.operator: frozenset(
        {Source.public, Source.hotline, Source.leader, Source.video, Source.iot}
    ),
    Role.system: frozenset(Source),
}


class Pending(StrEnum):
    """A request waiting for a decision; it does not change the status."""

    return_ = "return"
    extend = "extend"
    suspend = "suspend"
    void = "void"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return PENDING_LABELS[self]


class Counter(StrEnum):
    """Per-case (per dispatch level) counters a transition increments."""

    dispatches = "dispatches"
    redispatches = "redispatches"
    returns = "returns"
    extensions = "extensions"
    suspensions = "suspensions"
    reworks = "reworks"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return COUNTER_LABELS[self]


class Need(StrEnum):
    """What the action's payload must carry; the service validates it."""

    reason = "reason"
    master_case = "master_case"
    unit = "unit"
    hours = "hours"
    photos = "photos"
    satisfaction = "satisfaction"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return NEED_LABELS[self]


class Assignment(StrEnum):
    """What happens to the assigned unit."""

    keep = "keep"
    dispatch = "dispatch"  # assign the target unit at level 1
    redispatch = "redispatch"  # assign a sub-unit at level 2; the old assignee dispatches it
    recall = "recall"  # back to the dispatching (parent) unit, level 1 again
    clear = "clear"  # no unit (back to 待派遣)

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return ASSIGNMENT_LABELS[self]


class SignEffect(StrEnum):
    """What happens to the 'signed for' (签收) flag of the current assignment."""

    keep = "keep"
    set = "set"
    reset = "reset"


class Scope(StrEnum):
    """Which actors of a listed role may take the action."""

    any = "any"
    assigned_unit = "assigned_unit"  # actor.unit_id == state.assigned_unit_id
    dispatching_unit = "dispatching_unit"  # actor.unit_id == state.dispatching_unit_id (level 2)
    centre = "centre"  # only while the case is at level 1 (the centre dispatched it)
    reporter = "reporter"  # actor.user_id == state.reporter_id


class Guard(StrEnum):
    """A precondition on the case state (besides status and pending request)."""

    not_inspector_source = "not_inspector_source"
    hotline = "hotline"
    not_signed = "not_signed"
    signed = "signed"
    has_sub_units = "has_sub_units"
    first_level = "first_level"
    no_pending = "no_pending"

    @property
    def label(self) -> str:
        """Return the Chinese description of the condition."""
        return GUARD_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.reported: "待受理",
    Status.verifying: "待核实",
    Status.rejected: "不予受理/不予立案",
    Status.merged: "已合并",
    Status.filed: "待派遣",
    Status.dispatched: "处置中",
    Status.suspended: "挂账",
    Status.handled: "待核查",
    Status.to_close: "待结案",
    Status.closed: "已结案",
    Status.evaluated: "已回访",
    Status.voided: "已作废",
}
FINISHED_STATUSES = frozenset(
    {Status.rejected, Status.merged, Status.closed, Status.evaluated, Status.voided}
)
CLOSED_STATUSES = frozenset({Status.closed, Status.evaluated})  # 已结案 (with or without 回访)


def sql_list(values: Iterable[str]) -> str:
    """Render string constants as a SQL list `('a','b')`, in the given order."""
    return "(" + ",".join(f"'{v}'" for v in values) + ")"


# SQL fragments of this vocabulary: index predicates, check constraints and raw SQL use these
# (in the enum's order, which is the order the migrations stored).
FINISHED_SQL = sql_list(s.value for s in Status if s in FINISHED_STATUSES)
CLOSED_SQL = sql_list(s.value for s in Status if s in CLOSED_STATUSES)


class Satisfaction(StrEnum):
    """回访结果 (the call-back's answer)."""

    satisfied = "satisfied"
    basically_satisfied = "basically_satisfied"
    dissatisfied = "dissatisfied"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return SATISFACTION_LABELS[self]


SATISFACTION_LABELS: dict[Satisfaction, str] = {
    Satisfaction.satisfied: "满意",
    Satisfaction.basically_satisfied: "基本满意",
    Satisfaction.dissatisfied: "不满意",
}
SATISFACTION_SQL = sql_list(x.value for x in Satisfaction)


class TaskKind(StrEnum):
    """An inspector's task (监督员任务): 核实 a report, 核查 a handled case."""

    verify = "verify"
    check = "check"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return {TaskKind.verify: "核实", TaskKind.check: "核查"}[self]


def dispatch_level(assigned_unit_id: int | None, dispatching_unit_id: int | None) -> int:
    """Return 0 without a unit, 1 when dispatched by the centre, 2 when re-dispatched (二级派遣)."""
    if assigned_unit_id is None:
        return 0
    return 2 if dispatching_unit_id is not None else 1


ACTION_LABELS: dict[Action, str] = {
    Action.report: "上报",
    Action.send_verify: "派发核实",
    Action.verify_exists: "核实属实",
    Action.verify_not_exists: "核实不属实",
    Action.reject: "不予受理/不予立案",
    Action.merge: "合并",
    Action.file: "立案",
    Action.self_handle: "自处理",
    Action.dispatch: "派遣",
    Action.void_request: "申请作废",
    Action.void_approve: "批准作废",
    Action.void_deny: "驳回作废",
    Action.sign: "签收",
    Action.redispatch: "二级派遣",
    Action.return_request: "申请回退",
    Action.return_approve: "批准回退",
    Action.recall: "批准退回上级单位",
    Action.return_deny: "驳回回退",
    Action.extend_request: "申请延期",
    Action.extend_approve: "批准延期",
    Action.extend_deny: "驳回延期",
    Action.suspend_request: "申请挂账",
    Action.suspend_approve: "批准挂账",
    Action.suspend_deny: "驳回挂账",
    Action.resume: "恢复",
    Action.handle: "处置反馈",
    Action.check_pass: "核查通过",
    Action.check_fail: "核查不通过（返工）",
    Action.close: "结案",
    Action.callback: "回访",
}
STAGE_LABELS: dict[Stage, str] = {
    Stage.verify: "核实",
    Stage.file: "立案",
    Stage.dispatch: "派遣",
    Stage.handle: "处置",
    Stage.check: "核查",
    Stage.close: "结案",
}
SOURCE_LABELS: dict[Source, str] = {
    Source.inspector: "监督员上报",
    Source.hotline: "热线（12345/12319）",
    Source.public: "公众上报",
    Source.open311: "Open311 接口",
    Source.video: "视频智能抓拍",
    Source.iot: "物联网感知",
    Source.leader: "领导交办",
}
PENDING_LABELS: dict[Pending, str] = {
    Pending.return_: "回退",
    Pending.extend: "延期",
    Pending.suspend: "挂账",
    Pending.void: "作废",
}
COUNTER_LABELS: dict[Counter, str] = {
    Counter.dispatches: "派遣次数",
    Counter.redispatches: "二级派遣次数",
    Counter.returns: "回退次数",
    Counter.extensions: "延期次数",
    Counter.suspensions: "挂账次数",
    Counter.reworks: "返工次数",
}
NEED_LABELS: dict[Need, str] = {
    Need.reason: "理由/说明",
    Need.master_case: "主案卷",
    Need.unit: "目标单位",
    Need.hours: "延期时长（小时）",
    Need.photos: "照片",
    Need.satisfaction: "回访结果（满意/基本满意/不满意）",
}
ASSIGNMENT_LABELS: dict[Assignment, str] = {
    Assignment.keep: "不变",
    Assignment.dispatch: "指定责任单位（一级）",
    Assignment.redispatch: "下派至下级单位（二级）",
    Assignment.recall: "退回上级单位",
    Assignment.clear: "清除责任单位",
}
GUARD_LABELS: dict[Guard, str] = {
    Guard.not_inspector_source: "非监督员上报",
    Guard.hotline: "热线来源",
    Guard.not_signed: "尚未签收",
    Guard.signed: "已签收",
    Guard.has_sub_units: "责任单位有下级单位",
    Guard.first_level: "处于一级派遣",
    Guard.no_pending: "无待审批申请",
}
_GUARD_FAILURES: dict[Guard, str] = {
    Guard.not_inspector_source: "监督员上报的案卷无需核实",
    Guard.hotline: "只有热线来源的案卷需要回访",
    Guard.not_signed: "已经签收",
    Guard.signed: "尚未签收",
    Guard.has_sub_units: "责任单位没有下级单位",
    Guard.first_level: "案卷已二级派遣，不能再次下派",
    Guard.no_pending: "已有待审批的申请",
}
_NEW_CASE_LABEL = "未上报"
# Events that are not transitions (the status stays): audit facts written by the engine, the
# sweeper and the channels, keyed by the `action` they are recorded with.
FACT_LABELS: dict[str, str] = {
    "warning": "时限预警",
    "overdue": "超期督办",
    "merged_in": "并入案卷",
    "caller_revealed": "查看诉求人联系方式",
    "caller_contacted": "联系诉求人",
    "hotline_resolution": "登记办理结果",
    "open311_update": "公众补充信息",
}


def event_label(action: str) -> str:
    """Return the Chinese name of an event's action: a transition's, or a recorded fact's."""
    try:
        return Action(action).label
    except ValueError:
        return FACT_LABELS.get(action, action)


def status_label(status: str | None) -> str | None:
    """Return the Chinese name of a stored status value (None for none)."""
    if status is None:
        return None
    try:
        return Status(status).label
    except ValueError:
        return status


def role_label(role: str | None) -> str | None:
    """Return the Chinese name of a stored role value (None for none)."""
    if role is None:
        return None
    try:
        return Role(role).label
    except ValueError:
        return role


# ---------------------------------------------------------------------------------------------
# Inputs and outputs
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseState:
    """Snapshot of what the table needs to know about a case (built by the service)."""

    status: Status
    source: Source = Source.inspector
    pending: Pending | None = None
    assigned_unit_id: int | None = None
    assigned_unit_has_sub_units: bool = False
    dispatching_unit_id: int | None = None  # the parent unit that re-dispatched (level 2 only)
    signed: bool = False
    reporter_id: int | None = None

    @property
    def is_hotline(self) -> bool:
        """Return True for cases from the 12345/12319 hotline (they get a call-back)."""
        return self.source is Source.hotline

    @property
    def dispatch_level(self) -> int:
        """Return 0 without a unit, 1 when dispatched by the centre, 2 when re-dispatched."""
        return dispatch_level(self.assigned_unit_id, self.dispatching_unit_id)


@dataclass(frozen=True, slots=True)
class Actor:
    """The caller: role, user id, the unit a unit handler works for, and the caller's scope.

    `districts` limits what the caller sees (None = unrestricted: admins, city-level staff,
    the system); `areas` holds an inspector's patrol cells and communities (codes), used to flag
    reports from outside them. Visibility itself is decided in SQL (app.cases.scope).
    """

    role: Role
    user_id: int | None = None
    unit_id: int | None = None
    districts: tuple[str, ...] | None = None
    areas: frozenset[str] = frozenset()
    name: str | None = field(default=None, compare=False)  # for answers, when known
    unit_name: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the table: `(from, action) → to`, who may act, guards and effects."""

    frm: Status | None
    action: Action
    to: Status
    who: tuple[tuple[Role, Scope], ...]
    guards: tuple[Guard, ...] = ()
    requires: Pending | None = None
    sets: Pending | None = None
    starts: frozenset[Stage] = field(default_factory=frozenset)
    stops: frozenset[Stage] = field(default_factory=frozenset)
    pauses: frozenset[Stage] = field(default_factory=frozenset)
    resumes: frozenset[Stage] = field(default_factory=frozenset)
    extends: frozenset[Stage] = field(default_factory=frozenset)
    assignment: Assignment = Assignment.keep
    sign: SignEffect = SignEffect.keep
    counts: frozenset[Counter] = field(default_factory=frozenset)
    needs: frozenset[Need] = field(default_factory=frozenset)
    closes: bool = False  # closes a pending request without deciding it, recorded in its event

    @property
    def roles(self) -> frozenset[Role]:
        """Return the roles that may take this action (subject to their scope)."""
        return frozenset(role for role, _ in self.who)


@dataclass(frozen=True, slots=True)
class Transition:
    """What the service must do: new status, clocks, counters, request slot, assignment."""

    action: Action
    actor: Actor
    from_status: Status | None
    to_status: Status
    starts: frozenset[Stage]
    stops: frozenset[Stage]
    pauses: frozenset[Stage]
    resumes: frozenset[Stage]
    extends: frozenset[Stage]
    assignment: Assignment
    sign: SignEffect
    increments: frozenset[Counter]
    pending_before: Pending | None
    sets_pending: Pending | None
    clears_pending: Pending | None
    needs: frozenset[Need]
    withdraws: Pending | None = None  # a request closed undecided (recorded in the event)

    @property
    def status_changes(self) -> bool:
        """Return True when the status is different afterwards."""
        return self.from_status is not self.to_status

    @property
    def reason_required(self) -> bool:
        """Return True when a reason/note must accompany the action."""
        return Need.reason in self.needs

    @property
    def photos_required(self) -> bool:
        """Return True when photos must accompany the action."""
        return Need.photos in self.needs

    @property
    def pending_after(self) -> Pending | None:
        """Return the request occupying the case's request slot afterwards."""
        if self.sets_pending is not None:
            return self.sets_pending
        return None if self.clears_pending is not None else self.pending_before


class InvalidTransition(Conflict):
    """The action is not possible in the case's current status/state."""

    code = "invalid_transition"
    message = "当前状态不能执行该操作"


class ActionForbidden(Forbidden):
    """The caller's role (or unit) may not take this action on this case."""

    code = "action_forbidden"
    message = "无权执行该操作"


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------

_S = Status
_A = Action
_R = Role
_G = Guard
_T = Stage
_N = Need
_C = Counter
_P = Pending
_ANY = Scope.any
_UNIT = (_R.unit_handler, Scope.assigned_unit)
_PARENT = (_R.unit_handler, Scope.dispatching_unit)


def _row(
    frm: Status | None,
    action: Action,
    to: Status,
    who: Iterable[tuple[Role, Scope]],
    *,
    guards: Iterable[Guard] = (),
    requires: Pending | None = None,
    sets: Pending | None = None,
    starts: Iterable[Stage] = (),
    stops: Iterable[Stage] = (),
    pauses: Iterable[Stage] = (),
    resumes: Iterable[Stage] = (),
    extends: Iterable[Stage] = (),
    assignment: Assignment = Assignment.keep,
    sign: SignEffect = SignEffect.keep,
    counts: Iterable[Counter] = (),
    needs: Iterable[Need] = (),
    closes: bool = False,
) -> Rule:
    return Rule(
        frm=frm,
        action=action,
        to=to,
        who=tuple(who),
        guards=tuple(guards),
        requires=requires,
        sets=sets,
        starts=frozenset(starts),
        stops=frozenset(stops),
        pauses=frozenset(pauses),
        resumes=frozenset(resumes),
        extends=frozenset(extends),
        assignment=assignment,
        sign=sign,
        counts=frozenset(counts),
        needs=frozenset(needs),
        closes=closes,
    )


def _request(frm: Status, action: Action, pending: Pending, needs: Iterable[Need]) -> Rule:
    """Build a request row: status unchanged, the request slot taken."""
    who = [_UNIT] if frm is _S.dispatched else [(_R.dispatcher, _ANY)]
    return _row(frm, action, frm, who, guards=[_G.no_pending], sets=pending, needs=needs)


def _deny(frm: Status, action: Action, pending: Pending, who: Iterable[tuple[Role, Scope]]) -> Rule:
    """Build a refusal row: status unchanged, the request slot freed, a reason given."""
    return _row(frm, action, frm, who, requires=pending, needs=[_N.reason])


TABLE: tuple[Rule, ...] = (
    # 信息收集 / 受理
    _row(
        None,
        _A.report,
        _S.reported,
        [(_R.inspector, _ANY), (_R.operator, _ANY), (_R.hotline_agent, _ANY), (_R.system, _ANY)],
        starts=[_T.file],
    ),
    _row(
        _S.reported,
        _A.send_verify,
        _S.verifying,
        [(_R.operator, _ANY)],
        guards=[_G.not_inspector_source],
        stops=[_T.file],
        starts=[_T.verify],
    ),
    _row(
        _S.verifying,
        _A.verify_exists,
        _S.reported,
        [(_R.inspector, _ANY)],
        stops=[_T.verify],
        starts=[_T.file],
    ),
    _row(
        _S.verifying,
        _A.verify_not_exists,
        _S.rejected,
        [(_R.inspector, _ANY)],
        stops=[_T.verify],
    ),
    _row(
        _S.reported,
        _A.reject,
        _S.rejected,
        [(_R.operator, _ANY), (_R.shift_leader, _ANY)],
        stops=[_T.file],
        needs=[_N.reason],
    ),
    _row(
        _S.reported,
        _A.merge,
        _S.merged,
        [(_R.operator, _ANY)],
        stops=[_T.file],
        needs=[_N.master_case],
    ),
    # 立案
    _row(
        _S.reported,
        _A.file,
        _S.filed,
        [(_R.shift_leader, _ANY), (_R.system, _ANY)],
        stops=[_T.file],
        starts=[_T.dispatch],
    ),
    _row(
        _S.reported,
        _A.self_handle,
        _S.closed,
        [(_R.inspector, Scope.reporter)],
        stops=[_T.file],
        needs=[_N.photos],
    ),
    # 派遣 / 作废
    # A pending request (作废 here; 回退、延期、挂账 when dispatched) blocks every action that
    # would leave the status: it is decided first (approve/deny), never dropped unseen.
    _row(
        _S.filed,
        _A.dispatch,
        _S.dispatched,
        [(_R.dispatcher, _ANY), (_R.system, _ANY)],
        guards=[_G.no_pending],
        stops=[_T.dispatch],
        starts=[_T.handle],
        assignment=Assignment.dispatch,
        sign=SignEffect.reset,
        counts=[_C.dispatches],
        needs=[_N.unit],
    ),
    _request(_S.filed, _A.void_request, _P.void, [_N.reason]),
    _row(
        _S.filed,
        _A.void_approve,
        _S.voided,
        [(_R.shift_leader, _ANY)],
        requires=_P.void,
        stops=[_T.dispatch],
    ),
    _deny(_S.filed, _A.void_deny, _P.void, [(_R.shift_leader, _ANY)]),
    # 处置中: 签收, 二级派遣
    _row(
        _S.dispatched,
        _A.sign,
        _S.dispatched,
        [_UNIT],
        guards=[_G.not_signed],
        sign=SignEffect.set,
    ),
    _row(
        _S.dispatched,
        _A.redispatch,
        _S.dispatched,
        [_UNIT],
        guards=[_G.has_sub_units, _G.first_level, _G.no_pending],
        starts=[_T.handle],
        assignment=Assignment.redispatch,
        sign=SignEffect.reset,
        counts=[_C.redispatches],
        needs=[_N.unit],
    ),
    # 回退 (level 1: the centre decides, back to 待派遣; level 2: the parent unit decides)
    _request(_S.dispatched, _A.return_request, _P.return_, [_N.reason]),
    _row(
        _S.dispatched,
        _A.return_approve,
        _S.filed,
        [(_R.dispatcher, Scope.centre)],
        requires=_P.return_,
        stops=[_T.handle],
        starts=[_T.dispatch],
        assignment=Assignment.clear,
        sign=SignEffect.reset,
        counts=[_C.returns],
    ),
    _row(
        _S.dispatched,
        _A.recall,
        _S.dispatched,
        [_PARENT],
        requires=_P.return_,
        stops=[_T.handle],
        assignment=Assignment.recall,
        sign=SignEffect.set,
        counts=[_C.returns],
    ),
    _deny(_S.dispatched, _A.return_deny, _P.return_, [(_R.dispatcher, Scope.centre), _PARENT]),
    # 延期
    _request(_S.dispatched, _A.extend_request, _P.extend, [_N.hours, _N.reason]),
    _row(
        _S.dispatched,
        _A.extend_approve,
        _S.dispatched,
        [(_R.dispatcher, _ANY)],
        requires=_P.extend,
        extends=[_T.handle],
        counts=[_C.extensions],
        needs=[_N.hours],
    ),
    _deny(_S.dispatched, _A.extend_deny, _P.extend, [(_R.dispatcher, _ANY)]),
    # 挂账 / 恢复
    _request(_S.dispatched, _A.suspend_request, _P.suspend, [_N.reason]),
    _row(
        _S.dispatched,
        _A.suspend_approve,
        _S.suspended,
        [(_R.dispatcher, _ANY)],
        requires=_P.suspend,
        pauses=[_T.handle],
        counts=[_C.suspensions],
    ),
    _deny(_S.dispatched, _A.suspend_deny, _P.suspend, [(_R.dispatcher, _ANY)]),
    _row(
        _S.suspended,
        _A.resume,
        _S.dispatched,
        [(_R.dispatcher, _ANY)],
        resumes=[_T.handle],
    ),
    # 处置反馈 / 核查 / 结案 / 回访
    _row(
        _S.dispatched,
        _A.handle,
        _S.handled,
        [_UNIT],
        guards=[_G.signed],
        closes=True,  # finishing the work makes a pending 回退/延期/挂账 request moot
        stops=[_T.handle],
        starts=[_T.check],
        needs=[_N.photos],
    ),
    _row(
        _S.handled,
        _A.check_pass,
        _S.to_close,
        [(_R.inspector, _ANY)],
        stops=[_T.check],
        starts=[_T.close],
        needs=[_N.photos],
    ),
    _row(
        _S.handled,
        _A.check_fail,
        _S.dispatched,
        [(_R.inspector, _ANY)],
        stops=[_T.check],
        starts=[_T.handle],
        sign=SignEffect.reset,
        counts=[_C.reworks],
        needs=[_N.photos, _N.reason],
    ),
    _row(
        _S.to_close,
        _A.close,
        _S.closed,
        [(_R.shift_leader, _ANY), (_R.system, _ANY)],
        stops=[_T.close],
    ),
    _row(
        _S.closed,
        _A.callback,
        _S.evaluated,
        [(_R.hotline_agent, _ANY)],
        guards=[_G.hotline],
        needs=[_N.satisfaction],
    ),
)


def _index(rows: Iterable[Rule]) -> dict[tuple[Status | None, Action], Rule]:
    index: dict[tuple[Status | None, Action], Rule] = {}
    rows = tuple(rows)
    requestable = {rule.frm for rule in rows if rule.sets is not None}
    for rule in rows:
        key = (rule.frm, rule.action)
        if key in index:
            raise ValueError(f"duplicate row {key}")
        if len({role for role, _ in rule.who}) != len(rule.who):
            raise ValueError(f"a role listed twice in {key}")
        # a row leaving a status where a request may wait decides it (requires), is blocked by
        # it (no_pending) or closes it explicitly (closes: recorded in its event) — never drops it
        if (
            rule.frm in requestable
            and rule.to is not rule.frm
            and rule.requires is None
            and Guard.no_pending not in rule.guards
            and not rule.closes
        ):
            raise ValueError(f"{key} would drop a pending request: add no_pending or requires")
        index[key] = rule
    return index


RULES: dict[tuple[Status | None, Action], Rule] = _index(TABLE)


# ---------------------------------------------------------------------------------------------
# Generic checks
# ---------------------------------------------------------------------------------------------

_GUARD_CHECKS: dict[Guard, Callable[[CaseState], bool]] = {
    Guard.not_inspector_source: lambda s: s.source is not Source.inspector,
    Guard.hotline: lambda s: s.is_hotline,
    Guard.not_signed: lambda s: not s.signed,
    Guard.signed: lambda s: s.signed,
    Guard.has_sub_units: lambda s: s.assigned_unit_has_sub_units,
    Guard.first_level: lambda s: s.dispatch_level == 1,
    Guard.no_pending: lambda s: s.pending is None,
}

_SCOPE_CHECKS: dict[Scope, Callable[[CaseState | None, Actor], bool]] = {
    Scope.any: lambda s, a: True,
    Scope.assigned_unit: lambda s, a: (
        s is not None and a.unit_id is not None and a.unit_id == s.assigned_unit_id
    ),
    Scope.dispatching_unit: lambda s, a: (
        s is not None and a.unit_id is not None and a.unit_id == s.dispatching_unit_id
    ),
    Scope.centre: lambda s, a: s is not None and s.dispatch_level == 1,
    Scope.reporter: lambda s, a: (
        s is not None and a.user_id is not None and a.user_id == s.reporter_id
    ),
}

_SCOPE_FAILURES: dict[Scope, str] = {
    Scope.any: "",
    Scope.assigned_unit: "只有承办单位可以执行“{action}”",
    Scope.dispatching_unit: "只有下派此案卷的上级单位可以执行“{action}”",
    Scope.centre: "案卷已二级派遣，“{action}”由下派的上级单位处理",
    Scope.reporter: "只有上报人本人可以执行“{action}”",
}

_SCOPE_LABELS: dict[Scope, str] = {
    Scope.any: "",
    Scope.assigned_unit: "（承办单位）",
    Scope.dispatching_unit: "（下派的上级单位）",
    Scope.centre: "（一级派遣时）",
    Scope.reporter: "（上报人本人）",
}


def _status_label(status: Status | None) -> str:
    return status.label if status is not None else _NEW_CASE_LABEL


def _invalid(status: Status | None, action: Action, why: str | None = None) -> InvalidTransition:
    text = f"当前状态“{_status_label(status)}”不能执行“{action.label}”"
    if why:
        text = f"{text}：{why}"
    return InvalidTransition(
        text, status=status.value if status else None, action=action.value, reason=why
    )


def _find(state: CaseState | None, action: Action) -> Rule:
    status = state.status if state is not None else None
    rule = RULES.get((status, action))
    if rule is None:
        raise _invalid(status, action)
    return rule


def _check_actor(rule: Rule, state: CaseState | None, actor: Actor) -> None:
    scope = dict(rule.who).get(actor.role)
    if scope is None:
        raise ActionForbidden(
            f"“{actor.role.label}”不能执行“{rule.action.label}”",
            role=actor.role.value,
            action=rule.action.value,
        )
    if not _SCOPE_CHECKS[scope](state, actor):
        raise ActionForbidden(
            _SCOPE_FAILURES[scope].format(action=rule.action.label),
            role=actor.role.value,
            action=rule.action.value,
            scope=scope.value,
        )


def _check_state(rule: Rule, state: CaseState | None) -> None:
    if state is None:
        return
    for guard in rule.guards:
        if not _GUARD_CHECKS[guard](state):
            why = _GUARD_FAILURES[guard]
            if guard is Guard.no_pending and state.pending is not None:
                why = f"已有待审批的{state.pending.label}申请"
            raise _invalid(state.status, rule.action, why)
    if rule.requires is not None and state.pending is not rule.requires:
        raise _invalid(state.status, rule.action, f"没有待审批的{rule.requires.label}申请")


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def transition(state: CaseState | None, action: Action, actor: Actor) -> Transition:
    """Return the transition `action` by `actor` makes on `state` (None: a new case).

    Raises InvalidTransition when the status or state does not allow the action, and
    ActionForbidden when the actor's role or unit may not take it.
    """
    rule = _find(state, action)
    _check_actor(rule, state, actor)
    _check_state(rule, state)
    before = state.pending if state is not None else None
    # a request is closed by its decision (approve/deny) or by a row that `closes` it (the
    # event records it as withdrawn); every other status change waits for it (no_pending)
    clears = before if before is not None and (rule.requires or rule.closes) else None
    return Transition(
        action=action,
        actor=actor,
        from_status=rule.frm,
        to_status=rule.to,
        starts=rule.starts,
        stops=rule.stops,
        pauses=rule.pauses,
        resumes=rule.resumes,
        extends=rule.extends,
        assignment=rule.assignment,
        sign=rule.sign,
        increments=rule.counts,
        pending_before=before,
        sets_pending=rule.sets,
        clears_pending=clears,
        needs=rule.needs,
        withdraws=clears if rule.requires is None else None,
    )


def is_allowed(state: CaseState | None, action: Action, actor: Actor) -> bool:
    """Return True when `transition(state, action, actor)` would succeed."""
    try:
        transition(state, action, actor)
    except (InvalidTransition, ActionForbidden):
        return False
    return True


def allowed_actions(state: CaseState | None, actor: Actor) -> tuple[Action, ...]:
    """Return the actions `actor` may take on `state` now, in table order."""
    status = state.status if state is not None else None
    return tuple(
        rule.action
        for rule in TABLE
        if rule.frm is status and is_allowed(state, rule.action, actor)
    )


def actions_from(status: Status | None) -> tuple[Action, ...]:
    """Return every action the table lists for `status` (ignoring who and guards)."""
    return tuple(rule.action for rule in TABLE if rule.frm is status)


def _stages(verb: str, stages: frozenset[Stage]) -> str:
    ordered = [s.label for s in Stage if s in stages]
    return f"{verb}{'、'.join(ordered)}计时" if ordered else ""


def _effects(rule: Rule) -> str:
    parts = [
        _stages("停止", rule.stops),
        _stages("开始", rule.starts),
        _stages("暂停", rule.pauses),
        _stages("恢复", rule.resumes),
        _stages("延长", rule.extends),
    ]
    if rule.counts:
        parts.append("、".join(c.label for c in Counter if c in rule.counts) + "+1")
    if rule.assignment is not Assignment.keep:
        parts.append(rule.assignment.label)
    if rule.sign is SignEffect.set:
        parts.append("标记已签收")
    elif rule.sign is SignEffect.reset:
        parts.append("待签收")
    return "；".join(p for p in parts if p)


def _conditions(rule: Rule) -> str:
    parts = [g.label for g in rule.guards]
    if rule.requires is not None:
        parts.append(f"有待审批的{rule.requires.label}申请")
    if rule.sets is not None:
        parts.append(f"提出{rule.sets.label}申请")
    if rule.closes:
        parts.append("待审批的申请随之关闭（记入本次记录）")
    return "；".join(parts)


def describe_table() -> str:
    """Render the transition table as Markdown (status × action → status, roles, effects)."""
    header = (
        "| 当前状态 | 动作 | 角色 | 目标状态 | 条件 | 计时与计数 | 需提交 |\n"
        "|---|---|---|---|---|---|---|"
    )
    lines = [header]
    for rule in TABLE:
        frm = f"{rule.frm.label} `{rule.frm}`" if rule.frm is not None else "—"
        who = "、".join(f"{role.label}{_SCOPE_LABELS[scope]}" for role, scope in rule.who)
        to = f"{rule.to.label} `{rule.to}`"
        if rule.to is rule.frm:
            to += "（不变）"
        needs = "、".join(n.label for n in Need if n in rule.needs)
        cells = [
            frm,
            f"{rule.action.label} `{rule.action}`",
            who,
            to,
            _conditions(rule),
            _effects(rule),
            needs,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
