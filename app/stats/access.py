"""Who may read and change the evaluation (interim: by role; districts are passed by callers)."""

from __future__ import annotations

from app.dispatch.workflow import ActionForbidden, Actor, Role

VIEWERS = frozenset({Role.leader, Role.admin, Role.shift_leader, Role.dispatcher, Role.operator})
PUBLISHERS = frozenset({Role.leader, Role.admin})
EDITORS = frozenset({Role.admin})


def _require(actor: Actor, roles: frozenset[Role], what: str) -> None:
    if actor.role not in roles:
        allowed = "、".join(r.label for r in Role if r in roles)
        raise ActionForbidden(
            f"“{actor.role.label}”无权{what}（限{allowed}）", role=actor.role.value, action=what
        )


def require_viewer(actor: Actor) -> None:
    """Raise ActionForbidden unless the actor may read indicators, rankings and hotspots."""
    _require(actor, VIEWERS, "查看综合评价")


def require_publisher(actor: Actor) -> None:
    """Raise ActionForbidden unless the actor may publish a monthly assessment."""
    _require(actor, PUBLISHERS, "发布月度考评")


def require_editor(actor: Actor) -> None:
    """Raise ActionForbidden unless the actor may change evaluation settings."""
    _require(actor, EDITORS, "修改评价参数")
