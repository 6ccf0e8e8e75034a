"""Open311 intake tables: which client filed a case and the citizen's contact, citizens' updates.

The citizen's contact data (email, phone, names, device id) is personal information: it is stored
encrypted (`app.core.pii`) and never returned by the Open311 reads. The phone also gets the blind index
(`pii.phone_index`) so repeat reporters can be found without decrypting.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base


class Open311Request(Base):
    """A case filed through Open311: the client (API key), its token and what the citizen sent."""

    __tablename__ = "dispatch_open311_request"

    case_id: Mapped[int] = mapped_column(
        # written by its case's own insert statement (app.cases.writes); checked at commit
        # (migration 5c2e8a7d1f90, from when the record was written before its case)
        ForeignKey("dispatch_case.id", ondelete="RESTRICT", deferrable=True, initially="DEFERRED"),
        primary_key=True,
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    api_key_id: Mapped[int | None] = mapped_column(
        ForeignKey("account_api_key.id", ondelete="SET NULL"), index=True
    )
    service_code: Mapped[str] = mapped_column(String(32))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    address_string: Mapped[str | None] = mapped_column(Text)
    # the standard address (grid_address.code) given as address_id or found for address_string
    address_id: Mapped[str | None] = mapped_column(String(32))
    zipcode: Mapped[str | None] = mapped_column(String(16))
    media_url: Mapped[str | None] = mapped_column(Text)
    account_id: Mapped[str | None] = mapped_column(String(200))
    email_enc: Mapped[str | None] = mapped_column(Text)
    phone_enc: Mapped[str | None] = mapped_column(Text)
    phone_index: Mapped[str | None] = mapped_column(String(64), index=True)
    first_name_enc: Mapped[str | None] = mapped_column(Text)
    last_name_enc: Mapped[str | None] = mapped_column(Text)
    device_id_enc: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Open311Update(Base):
    """A citizen's follow-up posted by a client (mySociety `servicerequestupdates`).

    `update_id` is the client's id, unique per API key (a repeat is refused). The update is also
    an event on the case's hash chain (`event_id`), so staff see it in the case history.
    """

    __tablename__ = "dispatch_open311_update"
    __table_args__ = (
        UniqueConstraint("api_key_id", "update_id", name="uq_dispatch_open311_update_key_update"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("account_api_key.id", ondelete="CASCADE"))
    update_id: Mapped[str] = mapped_column(String(100))
    case_id: Mapped[int] = mapped_column(
        ForeignKey("dispatch_case.id", ondelete="RESTRICT"), index=True
    )
    # The event on the case's chain. No foreign key: the event table refuses TRUNCATE through its
    # append-only trigger, and a referencing key would answer first with a different error.
    event_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    status: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    media_url: Mapped[str | None] = mapped_column(Text)
    account_id: Mapped[str | None] = mapped_column(String(200))
    email_enc: Mapped[str | None] = mapped_column(Text)
    phone_enc: Mapped[str | None] = mapped_column(Text)
    first_name_enc: Mapped[str | None] = mapped_column(Text)
    last_name_enc: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
