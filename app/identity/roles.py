"""Roles (DOMAIN.md §1): the role codes a user can hold and their Chinese names.

Pure (no database): the workflow table (`app.cases.workflow`) names who acts with these roles,
so they live below the case engine.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who acts (DOMAIN.md §1), plus `system` for automatic transitions."""

    inspector = "inspector"
    operator = "operator"
    shift_leader = "shift_leader"
    dispatcher = "dispatcher"
    unit_handler = "unit_handler"
    hotline_agent = "hotline_agent"
    leader = "leader"
    admin = "admin"
    system = "system"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.inspector: "监督员",
    Role.operator: "受理员",
    Role.shift_leader: "值班长",
    Role.dispatcher: "派遣员",
    Role.unit_handler: "处置单位",
    Role.hotline_agent: "热线坐席",
    Role.leader: "领导",
    Role.admin: "管理员",
    Role.system: "系统（自动）",
}

# The roles a user account can hold (`system` acts for automatic transitions only).
ROLE_CODES: tuple[str, ...] = tuple(r.value for r in Role if r is not Role.system)
