"""Who may read, publish and change the evaluation (the API declares these with `Allow`)."""

from __future__ import annotations

from app.cases.workflow import Role

VIEWERS = frozenset({Role.leader, Role.admin, Role.shift_leader, Role.dispatcher, Role.operator})
PUBLISHERS = frozenset({Role.leader, Role.admin})
EDITORS = frozenset({Role.admin})
