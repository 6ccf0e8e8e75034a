"""Dispatch tables. This issue brings the catalogue; cases come with the case engine."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

DEFAULT_CATALOGUE = "GB/T 47678.5-2026"


class Category(Base):
    """部件/事件类别: (kind, 5-digit code) within a catalogue (standard or local extension)."""

    __tablename__ = "dispatch_category"
    __table_args__ = (
        UniqueConstraint("catalogue", "kind", "code", name="uq_dispatch_category_key"),
        CheckConstraint("kind IN ('component','event')", name="kind"),
        CheckConstraint(r"code ~ '^\d{5}$'", name="code_format"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalogue: Mapped[str] = mapped_column(String(64), server_default=DEFAULT_CATALOGUE)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(5))
    major_code: Mapped[str] = mapped_column(String(2))
    major_name: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    standard_ref: Mapped[str | None] = mapped_column(Text)
    provenance: Mapped[str | None] = mapped_column(Text)
    component_code: Mapped[str | None] = mapped_column(String(5))
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
