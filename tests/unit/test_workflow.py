"""The closed-loop transition table (pure): every (status, action) pair × every role.

The expected table below is written out from DOMAIN.md §4 independently of the module's TABLE.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.cases.workflow import (
    TABLE,
    Action,
    ActionForbidden,
    Actor,
    Assignment,
    CaseState,
    Counter,
    InvalidTransition,
    Need,
    Pending,
    Role,
    Scope,
    SignEffect,
    Source,
    Stage,
    Status,
    actions_from,
    allowed_actions,
    describe_table,
    is_allowed,
    transition,
)
from app.core.errors import Conflict, DomainError

S, A, R = Status, Action, Role

# (from, action) → (to, roles allowed). None = a case not reported yet.
EXPECTED: dict[tuple[Status | None, Action], tuple[Status, frozenset[Role]]] = {
    (None, A.report): (
        S.reported,
        frozenset({R.inspector, R.operator, R.hotline_agent, R.system}),
    ),
    (S.reported, A.send_verify): (S.verifying, frozenset({R.operator})),
    (S.verifying, A.verify_exists): (S.reported, frozenset({R.inspector})),
    (S.verifying, A.verify_not_exists): (S.rejected, frozenset({R.inspector})),
    (S.reported, A.reject): (S.rejected, frozenset({R.operator, R.shift_leader})),
    (S.reported, A.merge): (S.merged, frozenset({R.operator})),
    (S.reported, A.file): (S.filed, frozenset({R.shift_leader, R.system})),
    (S.reported, A.self_handle): (S.closed, frozenset({R.inspector})),
    (S.filed, A.dispatch): (S.dispatched, frozenset({R.dispatcher, R.system})),
    (S.filed, A.void_request): (S.filed, frozenset({R.dispatcher})),
    (S.filed, A.void_approve): (S.voided, frozenset({R.shift_leader})),
    (S.filed, A.void_deny): (S.filed, frozenset({R.shift_leader})),
    (S.dispatched, A.sign): (S.dispatched, frozenset({R.unit_handler})),
    (S.dispatched, A.redispatch): (S.dispatched, frozenset({R.unit_handler})),
    (S.dispatched, A.return_request): (S.dispatched, frozenset({R.unit_handler})),
    (S.dispatched, A.return_approve): (S.filed, frozenset({R.dispatcher})),
    (S.dispatched, A.recall): (S.dispatched, frozenset({R.unit_handler})),
    (S.dispatched, A.return_deny): (S.dispatched, frozenset({R.dispatcher, R.unit_handler})),
    (S.dispatched, A.extend_request): (S.dispatched, frozenset({R.unit_handler})),
    (S.dispatched, A.extend_approve): (S.dispatched, frozenset({R.dispatcher})),
    (S.dispatched, A.extend_deny): (S.dispatched, frozenset({R.dispatcher})),
    (S.dispatched, A.suspend_request): (S.dispatched, frozenset({R.unit_handler})),
    (S.dispatched, A.suspend_approve): (S.suspended, frozenset({R.dispatcher})),
    (S.dispatched, A.suspend_deny): (S.dispatched, frozenset({R.dispatcher})),
    (S.suspended, A.resume): (S.dispatched, frozenset({R.dispatcher})),
    (S.dispatched, A.handle): (S.handled, frozenset({R.unit_handler})),
    (S.handled, A.check_pass): (S.to_close, frozenset({R.inspector})),
    (S.handled, A.check_fail): (S.dispatched, frozenset({R.inspector})),
    (S.to_close, A.close): (S.closed, frozenset({R.shift_leader, R.system})),
    (S.closed, A.callback): (S.evaluated, frozenset({R.hotline_agent})),
}

REQUIRED_PENDING: dict[Action, Pending] = {
    A.void_approve: Pending.void,
    A.void_deny: Pending.void,
    A.return_approve: Pending.return_,
    A.recall: Pending.return_,
    A.return_deny: Pending.return_,
    A.extend_approve: Pending.extend,
    A.extend_deny: Pending.extend,
    A.suspend_approve: Pending.suspend,
    A.suspend_deny: Pending.suspend,
}
REQUESTS: dict[Action, Pending] = {
    A.void_request: Pending.void,
    A.return_request: Pending.return_,
    A.extend_request: Pending.extend,
    A.suspend_request: Pending.suspend,
}

UNIT, SUB, OTHER_UNIT, REPORTER, OTHER_USER = 10, 11, 99, 1, 2
ALL_STATUSES: list[Status | None] = [None, *Status]


def level1(status: Status = S.dispatched, **kw: object) -> CaseState:
    """A case the centre dispatched to UNIT (which has sub-units), signed, from the hotline."""
    fields: dict[str, object] = {
        "source": Source.hotline,
        "assigned_unit_id": UNIT,
        "assigned_unit_has_sub_units": True,
        "signed": True,
        "reporter_id": REPORTER,
    }
    fields.update(kw)
    return CaseState(status, **fields)  # type: ignore[arg-type]


def level2(status: Status = S.dispatched, **kw: object) -> CaseState:
    """A case UNIT re-dispatched to its sub-unit SUB."""
    fields: dict[str, object] = {
        "assigned_unit_id": SUB,
        "assigned_unit_has_sub_units": False,
        "dispatching_unit_id": UNIT,
    }
    fields.update(kw)
    return level1(status, **fields)


def unit(unit_id: int = UNIT) -> Actor:
    return Actor(Role.unit_handler, user_id=50 + unit_id, unit_id=unit_id)


def ready(status: Status | None, action: Action, role: Role) -> tuple[CaseState | None, Actor]:
    """A state and actor of `role` meeting every precondition of the pair (if it is legal)."""
    if status is None:
        return None, Actor(role, user_id=REPORTER)
    pending = REQUIRED_PENDING.get(action)
    signed = action is not A.sign
    parent_decides = action is A.recall or (action is A.return_deny and role is R.unit_handler)
    # UNIT is the assignee at level 1 and the dispatching (parent) unit at level 2
    actor = Actor(role, user_id=REPORTER, unit_id=UNIT)
    if parent_decides:
        return level2(status, pending=pending, signed=signed), actor
    state = level1(status, pending=pending, signed=signed)
    if status in (S.reported, S.verifying, S.filed):
        state = CaseState(status, source=Source.hotline, pending=pending, reporter_id=REPORTER)
    return state, actor


# ---------------------------------------------------------------------------------------------
# Exhaustive: every (status, action) pair and every role
# ---------------------------------------------------------------------------------------------


def test_the_module_table_has_exactly_the_expected_pairs() -> None:
    assert {(rule.frm, rule.action) for rule in TABLE} == set(EXPECTED)
    assert len(TABLE) == len(EXPECTED)


@pytest.mark.parametrize("status", ALL_STATUSES, ids=lambda s: s or "new")
@pytest.mark.parametrize("action", list(Action))
def test_every_pair_and_role(status: Status | None, action: Action) -> None:
    expected = EXPECTED.get((status, action))
    for role in Role:
        state, actor = ready(status, action, role)
        if expected is None:
            with pytest.raises(InvalidTransition):
                transition(state, action, actor)
            assert not is_allowed(state, action, actor)
            continue
        to, roles = expected
        if role in roles:
            result = transition(state, action, actor)
            assert result.from_status is status
            assert result.to_status is to
            assert result.action is action
            assert action in allowed_actions(state, actor)
        else:
            with pytest.raises(ActionForbidden):
                transition(state, action, actor)
            assert action not in allowed_actions(state, actor)


@pytest.mark.parametrize("status", ALL_STATUSES, ids=lambda s: s or "new")
def test_actions_from_lists_the_expected_actions(status: Status | None) -> None:
    expected = {action for (frm, action) in EXPECTED if frm is status}
    assert set(actions_from(status)) == expected


def test_finished_statuses_allow_nothing_but_the_hotline_call_back() -> None:
    for status in (S.rejected, S.merged, S.evaluated, S.voided):
        assert actions_from(status) == ()
        assert not status.is_open
    assert actions_from(S.closed) == (A.callback,)
    assert not S.closed.is_open
    assert all(
        s.is_open
        for s in Status
        if s not in {S.rejected, S.merged, S.closed, S.evaluated, S.voided}
    )


@pytest.mark.parametrize("role", [R.leader, R.admin])
def test_leaders_and_admins_take_no_workflow_actions(role: Role) -> None:
    for status in ALL_STATUSES:
        for action in Action:
            state, _ = ready(status, action, role)
            assert allowed_actions(state, Actor(role, user_id=REPORTER, unit_id=UNIT)) == ()


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


def test_invalid_transition_names_status_and_action_in_chinese() -> None:
    with pytest.raises(InvalidTransition) as info:
        transition(level1(S.closed), A.dispatch, Actor(R.dispatcher))
    assert info.value.message == "当前状态“已结案”不能执行“派遣”"
    assert info.value.code == "invalid_transition"
    assert isinstance(info.value, Conflict)
    assert info.value.detail["status"] == "closed"
    assert info.value.detail["action"] == "dispatch"


def test_invalid_transition_for_a_case_not_yet_reported() -> None:
    with pytest.raises(InvalidTransition) as info:
        transition(None, A.file, Actor(R.shift_leader))
    assert "“立案”" in info.value.message


def test_report_on_an_existing_case_is_invalid() -> None:
    with pytest.raises(InvalidTransition):
        transition(CaseState(S.reported), A.report, Actor(R.inspector))


def test_action_forbidden_names_role_and_action() -> None:
    with pytest.raises(ActionForbidden) as info:
        transition(CaseState(S.filed), A.dispatch, Actor(R.inspector, user_id=3))
    assert info.value.code == "action_forbidden"
    assert isinstance(info.value, DomainError)
    assert not isinstance(info.value, Conflict)
    assert info.value.message == "“监督员”不能执行“派遣”"


def test_status_is_checked_before_role() -> None:
    with pytest.raises(InvalidTransition):
        transition(level1(S.closed), A.dispatch, Actor(R.inspector))


# ---------------------------------------------------------------------------------------------
# Units act only on their own cases
# ---------------------------------------------------------------------------------------------

UNIT_ACTIONS = [
    A.sign,
    A.redispatch,
    A.return_request,
    A.extend_request,
    A.suspend_request,
    A.handle,
]


@pytest.mark.parametrize("action", UNIT_ACTIONS)
def test_unit_actions_only_for_the_assigned_unit(action: Action) -> None:
    state = level1(signed=action is not A.sign)
    assert is_allowed(state, action, unit(UNIT))
    for other in (unit(OTHER_UNIT), Actor(R.unit_handler, user_id=7, unit_id=None)):
        with pytest.raises(ActionForbidden) as info:
            transition(state, action, other)
        assert "承办单位" in info.value.message


def test_after_redispatch_the_sub_unit_acts_and_the_parent_does_not() -> None:
    state = level2(signed=False)
    assert transition(state, A.sign, unit(SUB)).sign is SignEffect.set
    with pytest.raises(ActionForbidden):
        transition(state, A.sign, unit(UNIT))
    signed = level2()
    assert transition(signed, A.handle, unit(SUB)).to_status is S.handled
    with pytest.raises(ActionForbidden):
        transition(signed, A.handle, unit(UNIT))


def test_allowed_actions_for_a_fresh_assignment() -> None:
    state = level1(signed=False)
    assert allowed_actions(state, unit(UNIT)) == (
        A.sign,
        A.redispatch,
        A.return_request,
        A.extend_request,
        A.suspend_request,
    )
    assert allowed_actions(state, unit(OTHER_UNIT)) == ()
    assert allowed_actions(state, Actor(R.dispatcher)) == ()
    signed = level1(assigned_unit_has_sub_units=False)
    assert allowed_actions(signed, unit(UNIT)) == (
        A.return_request,
        A.extend_request,
        A.suspend_request,
        A.handle,
    )


# ---------------------------------------------------------------------------------------------
# 签收
# ---------------------------------------------------------------------------------------------


def test_sign_once_and_handle_only_after_signing() -> None:
    with pytest.raises(InvalidTransition) as info:
        transition(level1(signed=True), A.sign, unit())
    assert "已经签收" in info.value.message
    with pytest.raises(InvalidTransition) as info:
        transition(level1(signed=False), A.handle, unit())
    assert "尚未签收" in info.value.message


def test_sign_keeps_a_pending_request() -> None:
    t = transition(level1(signed=False, pending=Pending.return_), A.sign, unit())
    assert t.clears_pending is None
    assert t.pending_after is Pending.return_


# ---------------------------------------------------------------------------------------------
# Pending requests
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", list(REQUIRED_PENDING))
def test_decisions_need_their_request_pending(action: Action) -> None:
    status = S.filed if action in (A.void_approve, A.void_deny) else S.dispatched
    role = R.shift_leader if status is S.filed else R.dispatcher
    state, actor = ready(status, action, role if action is not A.recall else R.unit_handler)
    assert state is not None
    assert is_allowed(state, action, actor)
    for other in [None, *(p for p in Pending if p is not REQUIRED_PENDING[action])]:
        with pytest.raises(InvalidTransition) as info:
            transition(replace(state, pending=other), action, actor)
        assert "没有待审批的" in info.value.message


@pytest.mark.parametrize("action", list(REQUESTS))
def test_requests_take_the_single_slot(action: Action) -> None:
    status = S.filed if action is A.void_request else S.dispatched
    actor = Actor(R.dispatcher) if status is S.filed else unit()
    state = level1(status)
    t = transition(state, action, actor)
    assert t.to_status is status
    assert t.sets_pending is REQUESTS[action]
    assert t.pending_after is REQUESTS[action]
    assert not t.status_changes
    for pending in Pending:  # double request, or another request still open
        with pytest.raises(InvalidTransition) as info:
            transition(level1(status, pending=pending), action, actor)
        assert f"已有待审批的{pending.label}申请" in info.value.message


@pytest.mark.parametrize(
    ("action", "role"),
    [
        (A.extend_approve, R.dispatcher),
        (A.extend_deny, R.dispatcher),
        (A.suspend_approve, R.dispatcher),
        (A.suspend_deny, R.dispatcher),
        (A.return_approve, R.dispatcher),
        (A.return_deny, R.dispatcher),
    ],
)
def test_decisions_clear_the_request(action: Action, role: Role) -> None:
    state = level1(pending=REQUIRED_PENDING[action])
    t = transition(state, action, Actor(role))
    assert t.clears_pending is REQUIRED_PENDING[action]
    assert t.pending_after is None


def test_void_request_then_approve_or_deny() -> None:
    state = CaseState(S.filed)
    t = transition(state, A.void_request, Actor(R.dispatcher))
    assert t.pending_after is Pending.void and t.reason_required
    pending = CaseState(S.filed, pending=Pending.void)
    assert transition(pending, A.void_approve, Actor(R.shift_leader)).to_status is S.voided
    deny = transition(pending, A.void_deny, Actor(R.shift_leader))
    assert deny.to_status is S.filed and deny.pending_after is None and deny.reason_required
    with pytest.raises(ActionForbidden):
        transition(pending, A.void_approve, Actor(R.dispatcher))


@pytest.mark.parametrize("actor", [Actor(R.dispatcher), Actor(R.system)])
def test_a_pending_void_request_blocks_dispatch(actor: Actor) -> None:
    """Regression: dispatch silently dropped a pending void request (no event, no decision)."""
    pending = CaseState(S.filed, pending=Pending.void)
    with pytest.raises(InvalidTransition) as info:
        transition(pending, A.dispatch, actor)
    assert "已有待审批的作废申请" in info.value.message
    assert A.dispatch not in allowed_actions(pending, actor)
    t = transition(replace(pending, pending=None), A.dispatch, actor)
    assert t.clears_pending is None and t.withdraws is None


@pytest.mark.parametrize("pending", [Pending.extend, Pending.return_, Pending.suspend])
def test_handling_closes_a_pending_request_explicitly(pending: Pending) -> None:
    t = transition(level1(pending=pending, signed=True), A.handle, unit())
    assert t.to_status is S.handled
    assert t.clears_pending is pending and t.withdraws is pending
    assert t.pending_after is None
    assert "待审批的申请随之关闭" in describe_table()


def test_no_status_change_leaves_or_drops_a_request() -> None:
    tried = 0
    for rule in TABLE:
        if rule.frm is None:
            continue
        ok, actor = ready(rule.frm, rule.action, rule.who[0][0])
        assert ok is not None
        possible = {r.sets for r in TABLE if r.frm is rule.frm and r.sets is not None}
        for pending in possible:
            state = replace(ok, pending=pending)
            tried += 1
            try:
                t = transition(state, rule.action, actor)
            except (InvalidTransition, ActionForbidden):
                continue
            if t.clears_pending is not None:  # decided, or closed by a row that says so
                assert rule.requires is pending or t.withdraws is pending, rule.action
            if t.status_changes:  # never left with a request open
                assert t.clears_pending is pending, rule.action
    assert tried > 20


def test_the_table_refuses_a_row_that_would_drop_a_request() -> None:
    from app.cases.workflow import _index, _request, _row

    rows = (
        _request(S.filed, A.void_request, Pending.void, []),
        _row(S.filed, A.dispatch, S.dispatched, [(R.dispatcher, Scope.any)]),
    )
    with pytest.raises(ValueError, match="pending request"):
        _index(rows)


def test_redispatch_is_refused_while_a_request_is_pending() -> None:
    with pytest.raises(InvalidTransition) as info:
        transition(level1(pending=Pending.extend), A.redispatch, unit())
    assert "已有待审批的延期申请" in info.value.message


# ---------------------------------------------------------------------------------------------
# Clocks, counters, assignment
# ---------------------------------------------------------------------------------------------

# action → (stops, starts) for every transition that moves a stage clock
CLOCKS: dict[Action, tuple[set[Stage], set[Stage]]] = {
    A.report: (set(), {Stage.file}),
    A.send_verify: ({Stage.file}, {Stage.verify}),
    A.verify_exists: ({Stage.verify}, {Stage.file}),
    A.verify_not_exists: ({Stage.verify}, set()),
    A.reject: ({Stage.file}, set()),
    A.merge: ({Stage.file}, set()),
    A.file: ({Stage.file}, {Stage.dispatch}),
    A.self_handle: ({Stage.file}, set()),
    A.dispatch: ({Stage.dispatch}, {Stage.handle}),
    A.void_approve: ({Stage.dispatch}, set()),
    A.redispatch: (set(), {Stage.handle}),
    A.return_approve: ({Stage.handle}, {Stage.dispatch}),
    A.recall: ({Stage.handle}, set()),
    A.handle: ({Stage.handle}, {Stage.check}),
    A.check_pass: ({Stage.check}, {Stage.close}),
    A.check_fail: ({Stage.check}, {Stage.handle}),
    A.close: ({Stage.close}, set()),
}


@pytest.mark.parametrize(("status", "action"), list(EXPECTED), ids=lambda v: str(v))
def test_stage_clocks(status: Status | None, action: Action) -> None:
    _, roles = EXPECTED[(status, action)]
    role = sorted(roles)[0]
    state, actor = ready(status, action, role)
    t = transition(state, action, actor)
    stops, starts = CLOCKS.get(action, (set(), set()))
    assert (set(t.stops), set(t.starts)) == (stops, starts)
    assert t.pauses == (frozenset({Stage.handle}) if action is A.suspend_approve else frozenset())
    assert t.resumes == (frozenset({Stage.handle}) if action is A.resume else frozenset())
    assert t.extends == (frozenset({Stage.handle}) if action is A.extend_approve else frozenset())


def test_check_fail_is_rework_for_the_same_unit() -> None:
    state = level1(S.handled)
    t = transition(state, A.check_fail, Actor(R.inspector, user_id=5))
    assert t.to_status is S.dispatched
    assert t.increments == {Counter.reworks}
    assert t.assignment is Assignment.keep
    assert t.sign is SignEffect.reset
    assert Stage.handle in t.starts and Stage.check in t.stops
    assert t.needs == {Need.photos, Need.reason}
    # the reworked case is back with the same unit, which may act again
    again = level1(S.dispatched, signed=False)
    assert A.sign in allowed_actions(again, unit(UNIT))


def test_check_fail_at_the_second_level_goes_back_to_the_sub_unit() -> None:
    t = transition(level2(S.handled), A.check_fail, Actor(R.inspector))
    assert t.assignment is Assignment.keep and t.to_status is S.dispatched


def test_check_pass_then_close_manually_or_automatically() -> None:
    t = transition(level1(S.handled), A.check_pass, Actor(R.inspector))
    assert t.to_status is S.to_close and t.photos_required
    for role in (R.shift_leader, R.system):
        assert transition(level1(S.to_close), A.close, Actor(role)).to_status is S.closed


def test_return_approve_goes_back_to_filed_and_counts() -> None:
    t = transition(level1(pending=Pending.return_), A.return_approve, Actor(R.dispatcher))
    assert t.to_status is S.filed
    assert t.increments == {Counter.returns}
    assert t.assignment is Assignment.clear
    assert t.stops == {Stage.handle} and t.starts == {Stage.dispatch}
    assert t.clears_pending is Pending.return_


def test_return_request_needs_a_reason() -> None:
    assert transition(level1(), A.return_request, unit()).reason_required


def test_second_level_returns_are_decided_by_the_parent_unit() -> None:
    state = level2(pending=Pending.return_)
    with pytest.raises(ActionForbidden) as info:
        transition(state, A.return_approve, Actor(R.dispatcher))
    assert "上级单位" in info.value.message
    with pytest.raises(ActionForbidden):
        transition(state, A.return_deny, Actor(R.dispatcher))
    with pytest.raises(ActionForbidden):
        transition(state, A.recall, unit(SUB))
    with pytest.raises(ActionForbidden):
        transition(state, A.recall, unit(OTHER_UNIT))
    t = transition(state, A.recall, unit(UNIT))
    assert t.to_status is S.dispatched
    assert t.assignment is Assignment.recall
    assert t.increments == {Counter.returns}
    assert t.stops == {Stage.handle}
    assert allowed_actions(state, unit(UNIT)) == (A.recall, A.return_deny)
    # the sub-unit cannot decide its own request; finishing the work makes the request moot
    assert allowed_actions(state, unit(SUB)) == (A.handle,)
    assert transition(state, A.handle, unit(SUB)).clears_pending is Pending.return_
    # at the first level there is no parent unit to recall to
    with pytest.raises(ActionForbidden):
        transition(level1(pending=Pending.return_), A.recall, unit(UNIT))


def test_redispatch_needs_sub_units_and_the_first_level() -> None:
    t = transition(level1(), A.redispatch, unit(UNIT))
    assert t.assignment is Assignment.redispatch
    assert t.increments == {Counter.redispatches}
    assert t.starts == {Stage.handle} and not t.stops
    assert t.sign is SignEffect.reset
    assert Need.unit in t.needs
    with pytest.raises(InvalidTransition) as info:
        transition(level1(assigned_unit_has_sub_units=False), A.redispatch, unit(UNIT))
    assert "没有下级单位" in info.value.message
    with pytest.raises(InvalidTransition):
        transition(level2(assigned_unit_has_sub_units=True), A.redispatch, unit(SUB))


def test_extension_request_and_approval_carry_hours() -> None:
    request = transition(level1(), A.extend_request, unit())
    assert request.needs == {Need.hours, Need.reason}
    t = transition(level1(pending=Pending.extend), A.extend_approve, Actor(R.dispatcher))
    assert t.to_status is S.dispatched
    assert t.extends == {Stage.handle}
    assert t.increments == {Counter.extensions}
    assert Need.hours in t.needs


def test_extension_and_suspension_at_the_second_level_go_to_the_centre() -> None:
    for action, pending in (
        (A.extend_approve, Pending.extend),
        (A.suspend_approve, Pending.suspend),
    ):
        state = level2(pending=pending)
        assert is_allowed(state, action, Actor(R.dispatcher))
        assert not is_allowed(state, action, unit(UNIT))


def test_suspend_and_resume() -> None:
    request = transition(level1(), A.suspend_request, unit())
    assert request.reason_required and request.to_status is S.dispatched
    t = transition(level1(pending=Pending.suspend), A.suspend_approve, Actor(R.dispatcher))
    assert t.to_status is S.suspended
    assert t.pauses == {Stage.handle} and not t.stops
    assert t.increments == {Counter.suspensions}
    suspended = level1(S.suspended)
    assert allowed_actions(suspended, Actor(R.dispatcher)) == (A.resume,)
    assert allowed_actions(suspended, unit()) == ()
    r = transition(suspended, A.resume, Actor(R.dispatcher))
    assert r.to_status is S.dispatched and r.resumes == {Stage.handle}


def test_dispatch_assigns_and_counts() -> None:
    for role in (R.dispatcher, R.system):
        t = transition(CaseState(S.filed), A.dispatch, Actor(role))
        assert t.assignment is Assignment.dispatch
        assert t.increments == {Counter.dispatches}
        assert t.sign is SignEffect.reset
        assert t.needs == {Need.unit}


# ---------------------------------------------------------------------------------------------
# Intake, verification, self-handling, call-back
# ---------------------------------------------------------------------------------------------


def test_report_creates_a_case_for_the_intake_roles_and_system() -> None:
    for role in (R.inspector, R.operator, R.hotline_agent, R.system):
        t = transition(None, A.report, Actor(role))
        assert t.from_status is None and t.to_status is S.reported and t.status_changes
        assert allowed_actions(None, Actor(role)) == (A.report,)
    assert allowed_actions(None, Actor(R.dispatcher)) == ()


def test_send_verify_only_for_reports_not_from_inspectors() -> None:
    for source in (Source.hotline, Source.public, Source.video, Source.iot, Source.leader):
        assert is_allowed(CaseState(S.reported, source=source), A.send_verify, Actor(R.operator))
    with pytest.raises(InvalidTransition) as info:
        transition(CaseState(S.reported, source=Source.inspector), A.send_verify, Actor(R.operator))
    assert "无需核实" in info.value.message


def test_verification_results() -> None:
    state = CaseState(S.verifying, source=Source.public)
    assert transition(state, A.verify_exists, Actor(R.inspector)).to_status is S.reported
    assert transition(state, A.verify_not_exists, Actor(R.inspector)).to_status is S.rejected


def test_reject_and_merge_payloads() -> None:
    state = CaseState(S.reported)
    assert transition(state, A.reject, Actor(R.operator)).needs == {Need.reason}
    assert transition(state, A.reject, Actor(R.shift_leader)).to_status is S.rejected
    assert transition(state, A.merge, Actor(R.operator)).needs == {Need.master_case}


def test_auto_file_by_system() -> None:
    t = transition(CaseState(S.reported), A.file, Actor(R.system))
    assert t.to_status is S.filed


def test_system_can_only_report_file_dispatch_and_close() -> None:
    system_actions = {action for (_, action), (_, roles) in EXPECTED.items() if R.system in roles}
    assert system_actions == {A.report, A.file, A.dispatch, A.close}


def test_self_handle_only_by_the_reporting_inspector_with_photos() -> None:
    state = CaseState(S.reported, source=Source.inspector, reporter_id=REPORTER)
    t = transition(state, A.self_handle, Actor(R.inspector, user_id=REPORTER))
    assert t.to_status is S.closed and t.photos_required
    with pytest.raises(ActionForbidden) as info:
        transition(state, A.self_handle, Actor(R.inspector, user_id=OTHER_USER))
    assert "上报人" in info.value.message
    with pytest.raises(ActionForbidden):
        transition(CaseState(S.reported), A.self_handle, Actor(R.inspector, user_id=None))


def test_callback_only_for_hotline_cases() -> None:
    hotline = level1(S.closed, source=Source.hotline)
    t = transition(hotline, A.callback, Actor(R.hotline_agent))
    assert t.to_status is S.evaluated and t.needs == {Need.satisfaction}
    for source in (Source.inspector, Source.public, Source.video, Source.iot, Source.leader):
        state = level1(S.closed, source=source)
        with pytest.raises(InvalidTransition) as info:
            transition(state, A.callback, Actor(R.hotline_agent))
        assert "热线" in info.value.message
        assert allowed_actions(state, Actor(R.hotline_agent)) == ()
    with pytest.raises(InvalidTransition):
        transition(level1(S.evaluated), A.callback, Actor(R.hotline_agent))


# ---------------------------------------------------------------------------------------------
# Payload rules and docs
# ---------------------------------------------------------------------------------------------

REASON_REQUIRED = {
    A.reject,
    A.void_request,
    A.void_deny,
    A.return_request,
    A.return_deny,
    A.extend_request,
    A.extend_deny,
    A.suspend_request,
    A.suspend_deny,
    A.check_fail,
}
PHOTOS_REQUIRED = {A.self_handle, A.handle, A.check_pass, A.check_fail}


@pytest.mark.parametrize(("status", "action"), list(EXPECTED), ids=lambda v: str(v))
def test_reason_and_photo_rules(status: Status | None, action: Action) -> None:
    _, roles = EXPECTED[(status, action)]
    state, actor = ready(status, action, sorted(roles)[0])
    t = transition(state, action, actor)
    assert t.reason_required == (action in REASON_REQUIRED)
    assert t.photos_required == (action in PHOTOS_REQUIRED)
    assert (Need.hours in t.needs) == (action in {A.extend_request, A.extend_approve})
    assert (Need.master_case in t.needs) == (action is A.merge)
    assert (Need.unit in t.needs) == (action in {A.dispatch, A.redispatch})


def test_every_label_is_chinese_and_present() -> None:
    for enum in (Status, Action, Role, Stage, Source, Pending, Counter, Need):
        for member in enum:
            assert member.label and any("\u4e00" <= ch <= "\u9fff" for ch in member.label)


def test_describe_table_renders_every_row() -> None:
    md = describe_table()
    lines = md.strip().splitlines()
    assert lines[0].startswith("| 当前状态 | 动作 | 角色 | 目标状态")
    assert len(lines) == 2 + len(EXPECTED)
    for action in Action:
        assert f"{action.label} `{action.value}`" in md
    assert "| 已结案 `closed` | 回访 `callback` | 热线坐席 | 已回访 `evaluated` |" in md
