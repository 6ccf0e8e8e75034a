"""Demo accounts for the demo city: one user per role, so the API docs and console can be tried."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.identity.models import User
from app.identity.service import UserInput, create_user

# username, role, display name, unit suffix (unit code = "<district>-<suffix>")
DEMO_USERS: tuple[tuple[str, str, str, str | None], ...] = (
    ("demo-admin", "admin", "系统管理员", None),
    ("demo-inspector", "inspector", "网格监督员 王伟", None),
    ("demo-operator", "operator", "受理员 李娜", None),
    ("demo-shift", "shift_leader", "值班长 张强", None),
    ("demo-dispatcher", "dispatcher", "派遣员 刘洋", None),
    ("demo-unit", "unit_handler", "综合行政执法局 陈静", "CG"),
    ("demo-hotline", "hotline_agent", "12345 坐席 杨帆", None),
    ("demo-leader", "leader", "分管领导 赵敏", None),
)


def create_demo_users(
    session: Session, district_code: str, password: str, now: datetime
) -> list[str]:
    """Create the demo users that do not exist yet (scoped to the demo district); return names.

    The demo inspector patrols the district's first community (by code).
    """
    created = []
    first_community = session.scalar(
        text("SELECT min(code) FROM grid_community WHERE code LIKE :d || '%'"),
        {"d": district_code},
    )
    for username, role, name, unit in DEMO_USERS:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            continue
        create_user(
            session,
            UserInput(
                username=username,
                role=role,
                display_name=name,
                password=password,
                unit_code=f"{district_code}-{unit}" if unit else None,
                districts=() if role in ("admin", "unit_handler") else (district_code,),
                communities=(first_community,) if role == "inspector" and first_community else None,
            ),
            now,
        )
        created.append(username)
    return created
