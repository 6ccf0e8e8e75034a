"""Open311 GeoReport v2 mapping: catalogue → services, case → service request, statuses, updates.

No HTTP here: `app.api.open311` parses parameters and renders XML or JSON; this module decides
what the answers hold, as plain data (strings, numbers, booleans, None for "empty", lists).

- Services are the categories with `enabled` and `public_intake`; `service_code` is the
  category key `kind:code` (`event:09006`), `group` its major class name.
- A service request is a case; `service_request_id` is the case number (`case_no`). Reports come
  in through `service.report_case` (located, routed, numbered, clocks started) with source
  `open311` and the `system` actor; the intake record keeps the client and the citizen's contact,
  encrypted (app.core.pii), never returned by the reads.
- Public reads list only cases whose source is in `settings.open311_list_sources` (hotline and
  leaders' cases carry callers' personal data and stay internal by default).
- `STATUS_TABLE` maps our statuses to the mySociety extended statuses of request updates; the
  Open311 `status` of a request is `open` while the case is open (`Status.is_open`), else
  `closed`.
- Updates (`servicerequestupdates`) are the case's events that the public may see, each with
  the case's extended status right after it; staff notes are shown only for the actions listed
  in `NOTE_ACTIONS`, with phone numbers redacted. A citizen's update is a note on the case and,
  where its posted status implies a transition the table allows the system, that transition
  (`POSTED_STATUSES`); a retry of the same update answers the first one.
- Lists are paged (`Page`): without `page`, the page holding the newest items.
"""

from __future__ import annotations

import math
import re
import secrets
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import IO, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from geoalchemy2 import Geography
from sqlalchemy import ColumnElement, Table, cast, false, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, aliased

from app.cases import reference
from app.cases import workflow as wf
from app.cases.attachments import PhotoKind, store_photo
from app.cases.models import (
    DEFAULT_CATALOGUE,
    Case,
    CaseEvent,
    CaseStage,
    Category,
    FilingStandard,
)
from app.cases.reference import CategoryRef, Reference, StandardRef
from app.cases.service import (
    ActionInput,
    ReportInput,
    act,
    allowed_actions,
    lock_case,
    record_event,
    reference_and_case_ids,
    report_case,
)
from app.cases.time.standards import (
    SEVERITY_LABELS,
    handling_limit,
    has_standard,
)
from app.channels.open311.models import Open311Request, Open311Update
from app.core import pii
from app.core.config import get_settings
from app.core.errors import InvalidInput, NotFound
from app.core.logging import redact
from app.grid.coords import check_lon_lat, to_wgs84
from app.grid.geocode import Acceptance, AcceptancePolicy, GeocodeDecision, accept, geocode
from app.grid.models import Address, Component, Unit
from app.grid.service import degrees_for, snap_component

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
NOT_PINPOINTED = "#NOTPINPOINTED#"
CITIZEN_UPDATE = "open311_update"  # the event action of a citizen's follow-up
CONDITION_ATTRIBUTE = "condition"
COMPONENT_ATTRIBUTE = "component_id"
KIND_LABELS = {"event": "事件", "component": "部件"}
LIMIT_UNIT_LABELS = {
    "minute": "分钟",
    "work_hour": "工作时",
    "work_day": "个工作日",
    "natural_hour": "小时",
    "natural_day": "天",
}
# field lengths of the intake form (the description's limit is a setting)
NAME_MAX, ID_MAX, EMAIL_MAX, URL_MAX, ADDRESS_MAX, ZIP_MAX = 100, 200, 254, 2000, 500, 16

# C0 control characters (tab, line feed, carriage return excepted) and DEL: PostgreSQL cannot
# store NUL, XML 1.0 cannot carry the others. Angle brackets and ampersands are plain text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SERVICE_CODE = re.compile(r"^(component|event):(\d{5})$")


# --- errors -------------------------------------------------------------------------------------


class Open311Invalid(InvalidInput):
    """A parameter of an Open311 call is missing or invalid (HTTP 400)."""

    code = "open311_invalid"
    message = "请求参数不正确"


class UnknownService(NotFound):
    """No public service with this service_code (HTTP 404)."""

    code = "unknown_service"
    message = "没有这个服务类型"


class UnknownServiceRequest(NotFound):
    """No public service request with this id or token (HTTP 404)."""

    code = "unknown_service_request"
    message = "没有这个诉求"


class DuplicateUpdate(Open311Invalid):
    """The client already posted an update with this update_id."""

    code = "duplicate_update_id"
    message = "update_id 重复"


# --- statuses -----------------------------------------------------------------------------------


class UpdateStatus(StrEnum):
    """The mySociety extended status of a request update."""

    OPEN = "OPEN"
    CLOSED = "CLOSED"
    FIXED = "FIXED"
    IN_PROGRESS = "IN_PROGRESS"
    ACTION_SCHEDULED = "ACTION_SCHEDULED"
    INVESTIGATING = "INVESTIGATING"
    DUPLICATE = "DUPLICATE"
    NOT_COUNCILS_RESPONSIBILITY = "NOT_COUNCILS_RESPONSIBILITY"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"
    INTERNAL_REFERRAL = "INTERNAL_REFERRAL"
    FOR_TRIAGE = "FOR_TRIAGE"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True)
class PostedStatus:
    """What a status posted with an update means here, and the transition it implies.

    `action` is taken (as `system`, through the transition table) only where the table allows it
    for the case's state at that moment and `open311_update_actions` is on; otherwise, and for
    every other status, the update is a note on the case's record.
    """

    meaning: str
    action: wf.Action | None = None


# Every status FixMyStreet's client sends on POST servicerequestupdates (extended statuses, its
# REOPEN; OPEN/CLOSED only without extended statuses), and what each means here.
POSTED_STATUSES: dict[str, PostedStatus] = {
    "OPEN": PostedStatus("市民补充情况（前端仍显示为未解决）"),
    "REOPEN": PostedStatus("市民反映问题仍未解决，要求重新处理"),
    "FIXED": PostedStatus("前端标记为已解决", wf.Action.close),
    "CLOSED": PostedStatus("前端已关闭该诉求", wf.Action.close),
    "CANCELLED": PostedStatus("前端已撤销该诉求（不予受理或作废由指挥中心决定）"),
    "FOR_TRIAGE": PostedStatus("前端标记为待分拣"),
    "IN_PROGRESS": PostedStatus("前端标记为处理中"),
    "ACTION_SCHEDULED": PostedStatus("前端标记为已安排处理"),
    "INVESTIGATING": PostedStatus("前端标记为调查中"),
    "DUPLICATE": PostedStatus("前端标记为重复诉求"),
    "NOT_COUNCILS_RESPONSIBILITY": PostedStatus("前端标记为不属于本部门职责"),
    "NO_FURTHER_ACTION": PostedStatus("前端标记为无需进一步处理"),
    "INTERNAL_REFERRAL": PostedStatus("前端标记为内部转办"),
}
CITIZEN_STATUSES = frozenset(POSTED_STATUSES)


@dataclass(frozen=True, slots=True)
class StatusMapping:
    """One row of the status table: the extended status, and overrides by the event's action."""

    extended: UpdateStatus
    by_action: Mapping[wf.Action, UpdateStatus] = field(default_factory=dict)

    def for_action(self, action: str | None) -> UpdateStatus:
        """Return the extended status of an event with `action` landing in this status."""
        for done, status in self.by_action.items():
            if done.value == action:
                return status
        return self.extended


U = UpdateStatus
# our status → extended status (open/closed follows Status.is_open); the one table.
STATUS_TABLE: dict[wf.Status, StatusMapping] = {
    wf.Status.reported: StatusMapping(U.OPEN),
    wf.Status.verifying: StatusMapping(U.INVESTIGATING),
    wf.Status.rejected: StatusMapping(
        U.NOT_COUNCILS_RESPONSIBILITY, {wf.Action.verify_not_exists: U.NO_FURTHER_ACTION}
    ),
    wf.Status.merged: StatusMapping(U.DUPLICATE),
    wf.Status.filed: StatusMapping(
        U.ACTION_SCHEDULED, {wf.Action.return_approve: U.INTERNAL_REFERRAL}
    ),
    wf.Status.dispatched: StatusMapping(
        U.IN_PROGRESS,
        {wf.Action.redispatch: U.INTERNAL_REFERRAL, wf.Action.recall: U.INTERNAL_REFERRAL},
    ),
    wf.Status.suspended: StatusMapping(U.ACTION_SCHEDULED),
    wf.Status.handled: StatusMapping(U.IN_PROGRESS),
    wf.Status.to_close: StatusMapping(U.FIXED),
    wf.Status.closed: StatusMapping(U.FIXED),
    wf.Status.evaluated: StatusMapping(U.FIXED),
    wf.Status.voided: StatusMapping(U.NO_FURTHER_ACTION),
}

# Requests inside the centre (回退/延期/挂账/作废 asked or denied) are not news for the citizen.
INTERNAL_ACTIONS = frozenset(
    {
        wf.Action.void_request,
        wf.Action.void_deny,
        wf.Action.return_request,
        wf.Action.return_deny,
        wf.Action.extend_request,
        wf.Action.extend_deny,
        wf.Action.suspend_request,
        wf.Action.suspend_deny,
    }
)
PUBLIC_ACTIONS = frozenset(
    {a.value for a in wf.Action if a not in INTERNAL_ACTIONS} | {CITIZEN_UPDATE}
)
# Actions whose staff note tells the citizen something (why refused, what was done).
NOTE_ACTIONS = frozenset(
    {
        wf.Action.reject.value,
        wf.Action.verify_not_exists.value,
        wf.Action.handle.value,
        wf.Action.self_handle.value,
        wf.Action.close.value,
    }
)


def request_status(status: str) -> str:
    """Return the Open311 status of a case status: `open` while open, else `closed`."""
    return "open" if wf.Status(status).is_open else "closed"


def extended_status(status: str, action: str | None = None) -> UpdateStatus:
    """Return the extended status of an event (its action) that left the case in `status`."""
    return STATUS_TABLE[wf.Status(status)].for_action(action)


# --- small helpers ------------------------------------------------------------------------------


def _tz() -> ZoneInfo:
    return ZoneInfo(get_settings().calendar_timezone)


def format_datetime(value: datetime | None) -> str | None:
    """Return ISO-8601 in the deployment's calendar zone, whole seconds (None stays None)."""
    if value is None:
        return None
    return value.astimezone(_tz()).replace(microsecond=0).isoformat()


def service_code(category: Category | CategoryRef) -> str:
    """Return a category's Open311 service_code (`kind:code`)."""
    return f"{category.kind}:{category.code}"


def _limit_text(value: Decimal, unit: str) -> str:
    return f"{value.normalize():f} {LIMIT_UNIT_LABELS.get(unit, unit)}"


def _notice(standard: FilingStandard | StandardRef | None, mgmt_class: str | None) -> str | None:
    if standard is None:
        return None
    value, unit = handling_limit(standard, mgmt_class or "")
    return f"处置时限 {_limit_text(value, unit.value)}（立案派遣后计时）"


def _clean_text(value: str | None, name: str, limit: int) -> str | None:
    """Return stripped text or None; refuse over-long text and control characters.

    Text is stored as sent (`<http://…>`, `&`, quotes are plain text, escaped by every output);
    only what cannot be stored or rendered is refused: NUL and the other C0 controls but tab,
    line feed and carriage return.
    """
    if value is None:
        return None
    bad = _CONTROL.search(value)
    if bad is not None:
        raise Open311Invalid(
            f"{name} 含有控制字符 U+{ord(bad.group()):04X}，无法保存：请删除后重新提交",
            field=name,
        )
    value = value.strip()
    if not value:
        return None
    if len(value) > limit:
        raise Open311Invalid(
            f"{name} 过长：最多 {limit} 个字符（收到 {len(value)} 个）", field=name
        )
    return value


def _description(value: str | None) -> str | None:
    """Check a description against `open311_description_max` (the message names the setting)."""
    limit = get_settings().open311_description_max
    if value is not None and len(value) > limit:  # before the scan: a 5 MB text is refused fast
        raise Open311Invalid(description_too_long(limit, len(value)), field="description")
    return _clean_text(value, "description", limit)


def description_too_long(limit: int, received: int | None = None) -> str:
    """Return the message for a description over `limit` characters (`received`, when known)."""
    got = f"（收到 {received} 个）" if received is not None else ""
    return (
        f"description 过长：最多 {limit} 个字符{got}（上限由 XIUHUA_OPEN311_DESCRIPTION_MAX 设置）"
    )


def _check_url(value: str | None, name: str) -> str | None:
    value = _clean_text(value, name, URL_MAX)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Open311Invalid(f"{name} 应为 http(s) 网址", field=name)
    return value


def _encrypt(value: str | None) -> str | None:
    return pii.encrypt(value) if value else None


@dataclass(frozen=True, slots=True)
class _Contact:
    """A citizen's checked contact details (each optional), stored only encrypted."""

    email: str | None
    phone: str | None
    first_name: str | None
    last_name: str | None

    def encrypted(self) -> dict[str, str | None]:
        """Return the `*_enc` columns of an intake or update row."""
        return {
            "email_enc": _encrypt(self.email),
            "phone_enc": _encrypt(self.phone),
            "first_name_enc": _encrypt(self.first_name),
            "last_name_enc": _encrypt(self.last_name),
        }


def _contact(inp: ServiceRequestInput | UpdateInput) -> _Contact:
    """Check a posted email, phone and names; raise Open311Invalid (InvalidInput for the phone)."""
    email = _clean_text(inp.email, "email", EMAIL_MAX)
    if email is not None and not _EMAIL.match(email):
        raise Open311Invalid("email 格式不正确", field="email")
    phone = pii.normalize_phone(inp.phone) if inp.phone and inp.phone.strip() else None
    return _Contact(
        email,
        phone,
        _clean_text(inp.first_name, "first_name", NAME_MAX),
        _clean_text(inp.last_name, "last_name", NAME_MAX),
    )


def _check_window(
    start: datetime | None, end: datetime | None, now: datetime, names: tuple[str, str]
) -> tuple[datetime, datetime]:
    """Complete a date range (default: the last window) and refuse one longer than the window."""
    days = get_settings().open311_max_window_days
    window = timedelta(days=days)
    if start is None and end is None:
        end = now
    try:
        if start is None:
            assert end is not None
            start = end - window
        if end is None:
            end = start + window
    except OverflowError:  # year 1 or 9999: no window fits
        raise Open311Invalid(f"{names[0]}/{names[1]} 超出可用的日期范围") from None
    if end < start:
        raise Open311Invalid(f"{names[1]} 早于 {names[0]}", field=names[1])
    if end - start > window:
        raise Open311Invalid(
            f"{names[0]} 至 {names[1]} 的范围不能超过 {days} 天", field=names[0], max_days=days
        )
    return start, end


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its items, how many match in all, which page of what size."""

    items: list[dict[str, Any]]
    total: int
    page: int
    page_size: int

    @property
    def last_page(self) -> int:
        """Return the number of the last page (1 when nothing matches)."""
        return max(1, -(-self.total // self.page_size))


def _check_paging(page: int | None, page_size: int | None) -> int:
    """Check `page` and `page_size` (default `open311_page_size`); return the page size."""
    settings = get_settings()
    size = page_size if page_size is not None else settings.open311_page_size
    if not 1 <= size <= settings.open311_max_page_size:
        raise Open311Invalid(
            f"page_size 应在 1 到 {settings.open311_max_page_size} 之间", field="page_size"
        )
    if page is not None and page < 1:
        raise Open311Invalid("page 从 1 开始", field="page")
    if page is not None and (page - 1) * size >= 2**63:  # past PostgreSQL's bigint offset
        raise Open311Invalid("page 过大", field="page")
    return size


def _page_number(page: int | None, size: int, total: int, newest_last: bool) -> int:
    """Return the page asked for; without one, the page holding the newest items.

    Lists ordered newest first start at page 1; the updates feed (oldest first) answers its
    last page, so a client that never pages (FixMyStreet polls a recent window) always gets the
    newest items, and the `Link` header names the older pages.
    """
    if page is not None:
        return page
    return max(1, -(-total // size)) if newest_last else 1


def _listable() -> ColumnElement[bool]:
    sources = get_settings().open311_list_sources
    return Case.source.in_(sources) if sources else false()


# --- discovery and services ---------------------------------------------------------------------


def discovery(session: Session, url: str, formats: Sequence[str]) -> dict[str, Any]:
    """Return the discovery document of this endpoint (changeset: last filing-standard change)."""
    settings = get_settings()
    changed = session.scalar(select(func.max(FilingStandard.created_at)))
    changeset = format_datetime(changed)
    return {
        "changeset": changeset,
        "contact": settings.open311_contact,
        "key_service": settings.open311_key_service,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": url,
                "changeset": changeset,
                "type": settings.open311_endpoint_type,
                "formats": list(formats),
            }
        ],
    }


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute of a service definition (and the rule its posted values must follow)."""

    code: str
    datatype: str
    required: bool
    description: str
    datatype_description: str
    values: tuple[tuple[str, str], ...] = ()

    def as_dict(self, order: int) -> dict[str, Any]:
        """Return the attribute as Open311 data."""
        out: dict[str, Any] = {
            "variable": True,
            "code": self.code,
            "datatype": self.datatype,
            "required": self.required,
            "datatype_description": self.datatype_description,
            "order": order,
            "description": self.description,
        }
        if self.values:
            out["values"] = [{"key": k, "name": n} for k, n in self.values]
        return out


def _attributes(
    category: Category | CategoryRef, standards: Sequence[FilingStandard] | Sequence[StandardRef]
) -> list[Attribute]:
    """Return a service's attributes: the filing condition when there is a choice, the component."""
    out: list[Attribute] = []
    if len(standards) > 1:
        out.append(
            Attribute(
                code=CONDITION_ATTRIBUTE,
                datatype="singlevaluelist",
                required=True,
                description="问题情形（决定严重程度与处置时限）",
                datatype_description="选择最符合现场的一项",
                values=tuple(
                    (str(s.seq), f"{SEVERITY_LABELS[s.severity]}：{s.filing_condition}")
                    for s in standards
                ),
            )
        )
    if category.kind == "component" and category.component_code:
        out.append(
            Attribute(
                code=COMPONENT_ATTRIBUTE,
                datatype="string",
                required=False,
                description="部件编号（可选）：填写后按该部件的位置定位，交其养护/权属单位处置",
                datatype_description="17 位部件标识码（部件标牌上的编号）",
            )
        )
    return out


def _public_categories(session: Session) -> list[Category]:
    return list(
        session.scalars(
            select(Category)
            .where(
                Category.catalogue == DEFAULT_CATALOGUE,  # the catalogue get_service reads
                Category.enabled.is_(True),
                Category.public_intake.is_(True),
                has_standard(),
            )
            .order_by(Category.major_code, Category.kind.desc(), Category.code)
        )
    )


def get_service(ref: Reference, code: str | None) -> tuple[CategoryRef, tuple[StandardRef, ...]]:
    """Return the public category of a service_code and its active filing conditions.

    Read from the per-process reference snapshot (`app.cases.reference`: reloaded when any
    process edits the catalogue or the standards), in the catalogue `report_case` resolves the
    code in. Raises UnknownService (404).
    """
    m = _SERVICE_CODE.match((code or "").strip())
    found = None
    if m:
        for c in ref.categories.get((DEFAULT_CATALOGUE, m.group(2)), ()):
            # only what can be accepted is offered: enabled, public, with a filing condition
            if c.kind == m.group(1) and c.enabled and c.public_intake and ref.standards.get(c.id):
                found = c
                break
    if found is None:
        raise UnknownService(f"没有服务类型“{code}”（见 services 列表）", service_code=code)
    return found, ref.standards[found.id]


def _standards_by_category(session: Session, ids: Sequence[int]) -> dict[int, list[FilingStandard]]:
    out: dict[int, list[FilingStandard]] = {i: [] for i in ids}
    rows = session.scalars(
        select(FilingStandard)
        .where(FilingStandard.category_id.in_(ids), FilingStandard.active.is_(True))
        .order_by(FilingStandard.category_id, FilingStandard.seq)
    )
    for s in rows:
        out[s.category_id].append(s)
    return out


def list_services(session: Session) -> list[dict[str, Any]]:
    """Return the public services, grouped (ordered) by major class."""
    categories = _public_categories(session)
    standards = _standards_by_category(session, [c.id for c in categories])
    kind = "batch" if get_settings().open311_return_token else "realtime"
    return [
        {
            "service_code": service_code(c),
            "service_name": c.name,
            "description": "；".join(s.filing_condition for s in standards[c.id]) or c.name,
            "metadata": bool(_attributes(c, standards[c.id])),
            "type": kind,
            "keywords": ",".join([c.name, c.major_name, KIND_LABELS[c.kind], c.code]),
            "group": c.major_name,
        }
        for c in categories
    ]


def service_definition(session: Session, code: str) -> dict[str, Any]:
    """Return a service's definition (its attributes); raise UnknownService."""
    category, standards = get_service(reference.current(session), code)
    attrs = _attributes(category, standards)
    return {
        "service_code": service_code(category),
        "attributes": [a.as_dict(i) for i, a in enumerate(attrs, start=1)],
    }


# --- POST requests ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServiceRequestInput:
    """What a client posts to create a service request (empty values already dropped)."""

    service_code: str | None
    lat: float | None = None
    long: float | None = None
    address_string: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    attributes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    email: str | None = None
    device_id: str | None = None
    account_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    description: str | None = None
    media_url: str | None = None
    photos: Sequence[IO[bytes]] = ()


_INTAKE_TABLE = typing.cast(Table, Open311Request.__table__)


@dataclass(frozen=True, slots=True)
class SubmitResult:
    """The new case, its intake token and account id, and the notice for the citizen."""

    case: Case
    token: str
    account_id: str | None
    service_notice: str | None

    def answer(self, return_token: bool) -> dict[str, Any]:
        """Return the POST answer item: the request id (or the token) and the notice."""
        first = {"token": self.token} if return_token else {"service_request_id": self.case.case_no}
        return first | {"service_notice": self.service_notice, "account_id": self.account_id}


def _check_attributes(
    attrs: Sequence[Attribute], given: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """Check posted attribute values against the definition; return them all (extras kept)."""
    limit = get_settings().open311_description_max
    out: dict[str, Any] = {}
    for code, raw in given.items():
        values = [v for v in (_clean_text(v, f"attribute[{code}]", limit) for v in raw) if v]
        if values:
            out[code] = values if len(values) > 1 else values[0]
    for a in attrs:
        values = [out[a.code]] if isinstance(out.get(a.code), str) else out.get(a.code, [])
        if a.required and not values:
            raise Open311Invalid(
                f"缺少必填属性 attribute[{a.code}]（{a.description}）", field=a.code
            )
        if a.datatype in ("singlevaluelist", "multivaluelist") and values:
            if a.datatype == "singlevaluelist" and len(values) > 1:
                raise Open311Invalid(f"属性 attribute[{a.code}] 只能取一个值", field=a.code)
            keys = [k for k, _ in a.values]
            for v in values:
                if v not in keys:
                    raise Open311Invalid(
                        f"属性 attribute[{a.code}] 的取值“{v}”不在可选范围内（{'、'.join(keys)}）",
                        field=a.code,
                    )
    return out


@dataclass(frozen=True, slots=True)
class _Place:
    lon: float
    lat: float
    address_text: str | None
    address_code: str | None


def _component_place(
    session: Session, category: Category | CategoryRef, component_id: str
) -> _Place:
    row = session.execute(
        select(Component.id, Component.category_code, Component.state)
        .add_columns(func.ST_X(Component.geom), func.ST_Y(Component.geom))
        .where(Component.id == component_id)
    ).one_or_none()
    if row is None or row.category_code != category.component_code or row.state == "removed":
        raise Open311Invalid(
            f"部件编号“{component_id}”不存在或不是“{category.name}”", field=COMPONENT_ATTRIBUTE
        )
    return _Place(float(row[3]), float(row[4]), None, None)


def _locate(
    session: Session,
    category: CategoryRef,
    inp: ServiceRequestInput,
    address_string: str | None,
    address_id: str | None,
) -> _Place:
    """Decide where the problem is: component, lat/long, standard address id, or geocoded text.

    lat/long win unless the client says they are not pinpointed (`address_id=#NOTPINPOINTED#`)
    and gives an address_string; a component named in the attributes gives its own position.
    """
    point: tuple[float, float] | None = None
    if inp.lat is not None or inp.long is not None:
        if inp.lat is None or inp.long is None:
            raise Open311Invalid("lat 与 long 须同时提供", field="lat")
        check_lon_lat(inp.long, inp.lat)  # NaN, infinity, out of range: 400
        point = (inp.long, inp.lat)
    component = (inp.attributes.get(COMPONENT_ATTRIBUTE) or [""])[0].strip()
    if component and category.component_code:
        place = _component_place(session, category, component)
        # a posted point must snap to the named component, by the router's own rule
        if point is not None and (
            snap_component(
                session, category.component_code, to_wgs84(*point), component_id=component
            )
            is None
        ):
            tol = get_settings().component_snap_tolerance_m
            raise Open311Invalid(
                f"部件 {component} 不在上报点位 {tol:g} 米范围内"
                "（XIUHUA_COMPONENT_SNAP_TOLERANCE_M）：请核对部件编号或点位",
                field=COMPONENT_ATTRIBUTE,
            )
        return _Place(place.lon, place.lat, address_string, None)
    not_pinpointed = address_id == NOT_PINPOINTED
    if point is not None and not (not_pinpointed and address_string):
        return _Place(point[0], point[1], address_string, None)
    if address_id and not not_pinpointed:
        row = session.execute(
            select(Address.code, Address.full_text)
            .add_columns(func.ST_X(Address.geom), func.ST_Y(Address.geom))
            .where(Address.code == address_id)
        ).one_or_none()
        if row is None:
            raise Open311Invalid(f"标准地址 address_id“{address_id}”不存在", field="address_id")
        return _Place(float(row[2]), float(row[3]), row[1], row[0])
    if address_string:
        decision = _geocode(session, address_string)
        if decision.pick is not None:
            best = decision.pick
            code = session.scalar(select(Address.code).where(Address.id == best.address_id))
            return _Place(best.lon, best.lat, best.full_text, code)
        if point is not None:  # not pinpointed, but the client's point is all there is
            return _Place(point[0], point[1], address_string, None)
        raise Open311Invalid(
            _GEOCODE_REFUSALS[decision.verdict].format(
                text=address_string,
                best=decision.best.full_text if decision.best else "",
                runner_up=decision.runner_up.full_text if decision.runner_up else "",
            )
            + "：请提供经纬度（lat、long），或写明区、道路和门牌号（如“张店区金城路5号”）",
            field="address_string",
            reason=decision.verdict.value,
        )
    raise Open311Invalid(
        "缺少位置：请提供 lat 与 long（WGS-84），或 address_string，或 address_id", field="lat"
    )


_GEOCODE_REFUSALS: dict[Acceptance, str] = {
    Acceptance.no_match: "无法在标准地址库中找到地址“{text}”",
    Acceptance.low_score: "地址“{text}”与标准地址库中的地址都不够相近",
    Acceptance.ambiguous: "地址“{text}”不明确：标准地址库中“{best}”与“{runner_up}”同样相近",
    Acceptance.outside_grid: "地址“{text}”匹配到的标准地址“{best}”不在服务区域的单元网格内",
}


def _geocode(session: Session, address_string: str) -> GeocodeDecision:
    """Geocode an address_string and apply the acceptance rule with Open311's thresholds."""
    settings = get_settings()
    policy = AcceptancePolicy(
        settings.open311_geocode_min_score, settings.open311_geocode_min_margin
    )
    return accept(session, geocode(session, address_string, limit=2), policy)


def submit_request(
    session: Session,
    inp: ServiceRequestInput,
    api_key_id: int | None,
    now: datetime,
    *,
    last: bool = False,
) -> SubmitResult:
    """Create a case from an Open311 request (source open311, through `report_case`).

    The intake record is written by the case's insert itself (`report_case(also=…)`), so a
    request writes one statement: with `last` (the caller writes nothing after it) that insert
    commits in its own round trip, or is its own transaction on a pool whose statements commit
    alone (`core.db.loop_engine(statements=True)`).

    Raises Open311Invalid (400) for a missing service_code, a missing or invalid attribute,
    location, contact or description; UnknownService (404); and whatever `report_case` raises
    (e.g. OutsideServiceArea for a point outside every grid cell).
    """
    settings = get_settings()
    if not inp.service_code:
        raise Open311Invalid("缺少 service_code", field="service_code")
    # the reference snapshot and the new case's id in one round trip, handed to report_case
    ref, (case_id,) = reference_and_case_ids(session, 1)
    category, standards = get_service(ref, inp.service_code)
    attributes = _check_attributes(_attributes(category, standards), inp.attributes)
    description = _description(inp.description)
    contact = _contact(inp)
    device_id = _clean_text(inp.device_id, "device_id", ID_MAX)
    account_id = _clean_text(inp.account_id, "account_id", ID_MAX)
    zipcode = _clean_text(inp.zipcode, "zipcode", ZIP_MAX)
    media_url = _check_url(inp.media_url, "media_url")
    address_string = _clean_text(inp.address_string, "address_string", ADDRESS_MAX)
    if len(inp.photos) > settings.open311_max_photos:
        raise Open311Invalid(f"最多附带 {settings.open311_max_photos} 张照片", field="media")
    address_id = _clean_text(inp.address_id, "address_id", ID_MAX)
    place = _locate(session, category, inp, address_string, address_id)
    condition = attributes.get(CONDITION_ATTRIBUTE)
    # photos last: a refused request leaves no stored photo behind
    photos = tuple(store_photo(session, f, PhotoKind.report, None, now).id for f in inp.photos)
    token = secrets.token_urlsafe(24)
    record = {
        "case_id": case_id,
        "token": token,
        "api_key_id": api_key_id,
        "service_code": service_code(category),
        "attributes": attributes,
        "address_string": address_string,
        "address_id": place.address_code,
        "zipcode": zipcode,
        "media_url": media_url,
        "account_id": account_id,
        **contact.encrypted(),
        "phone_index": pii.phone_index(contact.phone) if contact.phone else None,
        "device_id_enc": _encrypt(device_id),
        "created_at": now,
    }
    result = report_case(
        session,
        ReportInput(
            source=wf.Source.open311,
            category=service_code(category),
            lon=place.lon,
            lat=place.lat,
            crs="wgs84",
            description=description or f"{category.name}（Open311 上报）",
            address_text=place.address_text,
            condition=int(condition) if isinstance(condition, str) else None,
            photos=photos,
        ),
        wf.Actor(wf.Role.system),
        now,
        ref=ref,
        case_id=case_id,
        last=last,
        also=[(_INTAKE_TABLE, record)],  # the intake record, written by the case's insert
    )
    case = result.case
    standard = ref.standards_by_id.get(case.standard_id) if case.standard_id else None
    notice = f"已受理，案卷编号 {case.case_no}"
    limit = _notice(standard, case.mgmt_class)
    return SubmitResult(case, token, account_id, f"{notice}；{limit}" if limit else notice)


def token_request(session: Session, token: str) -> list[dict[str, Any]]:
    """Return `[{service_request_id, token}]` for a token; raise UnknownServiceRequest."""
    case_no = session.scalar(
        select(Case.case_no)
        .join(Open311Request, Open311Request.case_id == Case.id)
        .where(Open311Request.token == token)
    )
    if case_no is None:
        raise UnknownServiceRequest("没有这个 token", token=token)
    return [{"service_request_id": case_no, "token": token}]


# --- GET requests -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequestQuery:
    """Filters of GET requests (ids override everything else)."""

    ids: Sequence[str] = ()
    service_codes: Sequence[str] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: Sequence[str] = ()
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    lat: float | None = None
    long: float | None = None
    radius_m: float | None = None
    page: int | None = None
    page_size: int | None = None
    notes: bool = False


def _spatial(q: RequestQuery) -> list[ColumnElement[bool]]:
    settings = get_settings()
    out: list[ColumnElement[bool]] = []
    if q.bbox is not None:
        x0, y0, x1, y1 = q.bbox
        for lon, lat in ((x0, y0), (x1, y1)):
            check_lon_lat(lon, lat)
        if x0 > x1 or y0 > y1:
            raise Open311Invalid("bbox 应为 最小经度,最小纬度,最大经度,最大纬度", field="bbox")
        out.append(Case.geom.op("&&")(func.ST_MakeEnvelope(x0, y0, x1, y1, 4326)))
    if q.lat is not None or q.long is not None:
        if q.lat is None or q.long is None:
            raise Open311Invalid("lat 与 long 须同时提供", field="lat")
        check_lon_lat(q.long, q.lat)
        radius = q.radius_m if q.radius_m is not None else settings.open311_default_radius_m
        if not (math.isfinite(radius) and 0 < radius <= settings.open311_max_radius_m):
            raise Open311Invalid(
                f"radius 应在 0 到 {settings.open311_max_radius_m:g} 米之间", field="radius"
            )
        point = func.ST_SetSRID(func.ST_MakePoint(q.long, q.lat), 4326)
        out.append(Case.geom.op("&&")(func.ST_Expand(point, degrees_for(radius, q.lat))))
        out.append(func.ST_DWithin(cast(Case.geom, Geography), cast(point, Geography), radius))
    elif q.radius_m is not None:
        raise Open311Invalid("radius 需与 lat、long 一起使用", field="radius")
    return out


def _request_filters(q: RequestQuery, now: datetime) -> list[ColumnElement[bool]]:
    if q.ids:
        return [Case.case_no.in_(list(q.ids))]
    where: list[ColumnElement[bool]] = []
    if q.service_codes:
        pairs = [m.groups() for c in q.service_codes if (m := _SERVICE_CODE.match(c.strip()))]
        where.append(tuple_(Category.kind, Category.code).in_(pairs) if pairs else false())
    unknown = sorted(set(q.statuses) - {"open", "closed"})
    if unknown:
        raise Open311Invalid(f"status 只能是 open 或 closed（收到 {'、'.join(unknown)}）")
    if set(q.statuses) == {"open"}:
        where.append(Case.status.in_([s.value for s in wf.Status if s.is_open]))
    elif set(q.statuses) == {"closed"}:
        where.append(Case.status.in_([s.value for s in wf.Status if not s.is_open]))
    updated = q.updated_after is not None or q.updated_before is not None
    if q.start is not None or q.end is not None or not updated:
        start, end = _check_window(q.start, q.end, now, ("start_date", "end_date"))
        where += [Case.reported_at >= start, Case.reported_at <= end]
    if q.updated_after is not None and q.updated_before is not None:
        _check_window(q.updated_after, q.updated_before, now, ("updated_after", "updated_before"))
    if q.updated_after is not None:
        where.append(Case.updated_at > q.updated_after)
    if q.updated_before is not None:
        where.append(Case.updated_at < q.updated_before)
    return where + _spatial(q)


def list_requests(session: Session, q: RequestQuery, now: datetime) -> Page:
    """Return the service requests matching the filters, newest first, one page.

    Without `page`, the first (newest) page; `service_request_id` lists are never paged.
    """
    settings = get_settings()
    size = _check_paging(q.page, q.page_size)
    if q.ids and len(q.ids) > settings.open311_max_page_size:
        raise Open311Invalid(
            f"service_request_id 最多 {settings.open311_max_page_size} 个",
            field="service_request_id",
        )
    expected = (
        select(CaseStage.due_at)
        .where(
            CaseStage.case_id == Case.id,
            CaseStage.stage == wf.Stage.handle.value,
            CaseStage.stopped_at.is_(None),
            CaseStage.paused_at.is_(None),
        )
        .order_by(CaseStage.level)
        .limit(1)
        .correlate(Case)
        .scalar_subquery()
    )
    agency = aliased(Unit)
    filters = _request_filters(q, now)
    stmt = (
        select(
            Case,
            Category,
            FilingStandard,
            Open311Request,
            agency.name,
            func.ST_X(Case.geom),
            func.ST_Y(Case.geom),
            expected,
        )
        .join(Category, Category.id == Case.category_id)
        .outerjoin(FilingStandard, FilingStandard.id == Case.standard_id)
        .outerjoin(Open311Request, Open311Request.case_id == Case.id)
        .outerjoin(agency, agency.id == func.coalesce(Case.assigned_unit_id, Case.routed_unit_id))
        .where(_listable(), *filters)
        .order_by(Case.reported_at.desc(), Case.id.desc())
    )
    page = 1
    if not q.ids:
        total = int(
            session.scalar(
                select(func.count())
                .select_from(Case)
                .join(Category, Category.id == Case.category_id)
                .where(_listable(), *filters)
            )
            or 0
        )
        page = _page_number(q.page, size, total, newest_last=False)
        stmt = stmt.offset((page - 1) * size).limit(size)
    rows = session.execute(stmt).all()
    notes = _notes(session, [r[0].id for r in rows]) if q.notes else {}
    out = []
    for case, cat, standard, intake, unit_name, lon, lat, due in rows:
        item: dict[str, Any] = {
            "service_request_id": case.case_no,
            "status": request_status(case.status),
            "status_notes": wf.Status(case.status).label,
            "service_name": cat.name,
            "service_code": service_code(cat),
            "description": case.description,
            "agency_responsible": unit_name,
            "service_notice": _notice(standard, case.mgmt_class),
            "requested_datetime": format_datetime(case.reported_at),
            "updated_datetime": format_datetime(case.updated_at),
            "expected_datetime": format_datetime(due),
            "address": case.address_text,
            "address_id": intake.address_id if intake else None,
            "zipcode": intake.zipcode if intake else None,
            "lat": float(lat),
            "long": float(lon),
            "media_url": intake.media_url if intake else None,
        }
        if q.notes:
            item["notes"] = notes.get(case.id, [])
        out.append(item)
    if q.ids:
        return Page(out, len(out), 1, max(len(out), 1))
    return Page(out, total, page, size)


def get_request(
    session: Session, request_id: str, now: datetime, *, notes: bool = False
) -> list[dict[str, Any]]:
    """Return one service request as a one-element list; raise UnknownServiceRequest."""
    found = list_requests(session, RequestQuery(ids=[request_id], notes=notes), now).items
    if not found:
        raise UnknownServiceRequest(f"没有诉求“{request_id}”", service_request_id=request_id)
    return found


# --- events as updates and notes ----------------------------------------------------------------


def _unit_names(session: Session, events: Sequence[CaseEvent]) -> dict[int, str]:
    ids = {int(e.payload["unit_id"]) for e in events if (e.payload or {}).get("unit_id")}
    if not ids:
        return {}
    rows = session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all()
    return {unit_id: name for unit_id, name in rows}


def describe_event(ev: CaseEvent, unit_names: Mapping[int, str]) -> str:
    """Return what the public may read of an event: action, unit, new status, public note."""
    note = redact(ev.note) if ev.note else ""
    if ev.action == CITIZEN_UPDATE:
        return note
    try:
        label = wf.Action(ev.action).label
    except ValueError:
        label = ev.action
    unit_id = (ev.payload or {}).get("unit_id")
    if unit_id and int(unit_id) in unit_names:
        label = f"{label}至{unit_names[int(unit_id)]}"
    text = f"{label}；当前状态：{wf.Status(ev.to_status).label}"
    if note and ev.action in NOTE_ACTIONS:
        text = f"{text}。说明：{note}"
    return text


def _event_status(ev: CaseEvent) -> str:
    """Return the case's extended status right after the event (never a client's posted one)."""
    return extended_status(ev.to_status, ev.action).value


def _public_events(where: Sequence[ColumnElement[bool]]) -> Any:
    return (
        select(CaseEvent, Case.case_no, Open311Update.media_url)
        .join(Case, Case.id == CaseEvent.case_id)
        .outerjoin(Open311Update, Open311Update.event_id == CaseEvent.id)
        .where(_listable(), CaseEvent.action.in_(sorted(PUBLIC_ACTIONS)), *where)
    )


def _notes(session: Session, case_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    if not case_ids:
        return {}
    rows = session.execute(
        _public_events([CaseEvent.case_id.in_(case_ids)]).order_by(CaseEvent.case_id, CaseEvent.seq)
    ).all()
    names = _unit_names(session, [r[0] for r in rows])
    out: dict[int, list[dict[str, Any]]] = {}
    for ev, _case_no, _media in rows:
        out.setdefault(ev.case_id, []).append(
            {
                "datetime": format_datetime(ev.created_at),
                "description": describe_event(ev, names),
                "type": ev.action,
            }
        )
    return out


def list_updates(
    session: Session,
    start: datetime | None,
    end: datetime | None,
    now: datetime,
    page: int | None = None,
    page_size: int | None = None,
) -> Page:
    """Return the public events of listable cases in [start, end], oldest first, one page.

    Without `page`, the last page (the newest events); every entry's `status` is the case's
    extended status right after that event.
    """
    start, end = _check_window(start, end, now, ("start_date", "end_date"))
    size = _check_paging(page, page_size)
    window = [CaseEvent.created_at >= start, CaseEvent.created_at <= end]
    total = int(
        session.scalar(select(func.count()).select_from(_public_events(window).subquery())) or 0
    )
    page = _page_number(page, size, total, newest_last=True)
    rows = session.execute(
        _public_events(window)
        .order_by(CaseEvent.created_at, CaseEvent.id)
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    names = _unit_names(session, [r[0] for r in rows])
    items = [
        {
            "update_id": str(ev.id),
            "service_request_id": case_no,
            "status": _event_status(ev),
            "updated_datetime": format_datetime(ev.created_at),
            "description": describe_event(ev, names),
            "media_url": media_url,
            "external_status_code": ev.to_status,
        }
        for ev, case_no, media_url in rows
    ]
    return Page(items, total, page, size)


@dataclass(frozen=True, slots=True)
class UpdateInput:
    """A citizen's update posted by a client."""

    service_request_id: str | None
    update_id: str | None
    status: str | None
    updated_datetime: datetime | None
    description: str | None
    media_url: str | None = None
    account_id: str | None = None
    email: str | None = None
    phone: str | None = None
    first_name: str | None = None
    last_name: str | None = None


def post_update(
    session: Session, inp: UpdateInput, api_key_id: int, now: datetime
) -> dict[str, Any]:
    """Store a citizen's update and append it to the case's chain; return `{update_id}`.

    The posted status is read by `POSTED_STATUSES`: a note on the case's record, and where it
    implies a transition the table allows the system (FIXED/CLOSED on a case 待结案: 结案),
    that transition too. The same update_id from the same client with the same content again
    (a retry whose answer was lost) answers the first update's id and changes nothing.

    Raises Open311Invalid for a missing field or an unknown status, DuplicateUpdate when this
    client already sent the update_id with different content, UnknownServiceRequest for an
    unknown request.
    """
    required = {
        "service_request_id": inp.service_request_id,
        "update_id": inp.update_id,
        "status": inp.status,
        "updated_datetime": inp.updated_datetime,
        "description": inp.description,
    }
    missing = [k for k, v in required.items() if v is None or (isinstance(v, str) and not v)]
    if missing:
        raise Open311Invalid(f"缺少必填参数：{'、'.join(missing)}", missing=missing)
    assert inp.status and inp.updated_datetime and inp.update_id and inp.service_request_id
    status = inp.status.strip().upper()
    if status not in CITIZEN_STATUSES:
        raise Open311Invalid(
            f"status“{inp.status}”无效，可选：{'、'.join(POSTED_STATUSES)}", field="status"
        )
    update_id = _clean_text(inp.update_id, "update_id", ID_MAX // 2)
    description = _description(inp.description)
    if update_id is None or description is None:
        raise Open311Invalid("update_id 与 description 不能为空")
    case = session.scalar(select(Case).where(Case.case_no == inp.service_request_id, _listable()))
    if case is None:
        raise UnknownServiceRequest(
            f"没有诉求“{inp.service_request_id}”", service_request_id=inp.service_request_id
        )
    contact = _contact(inp)
    media_url = _check_url(inp.media_url, "media_url")
    account_id = _clean_text(inp.account_id, "account_id", ID_MAX)
    content = _UpdateContent(
        case.id, status, description, inp.updated_datetime, media_url, account_id, contact
    )
    # claim the update_id first: a concurrent repeat waits on the unique key, then compares
    row_id = session.scalar(
        insert(Open311Update)
        .values(
            api_key_id=api_key_id,
            update_id=update_id,
            case_id=case.id,
            status=status,
            description=description,
            updated_at=inp.updated_datetime,
            media_url=media_url,
            account_id=account_id,
            **contact.encrypted(),
            created_at=now,
        )
        .on_conflict_do_nothing(constraint="uq_dispatch_open311_update_key_update")
        .returning(Open311Update.id)
    )
    if row_id is None:
        return _repeated_update(session, api_key_id, update_id, content)
    system = wf.Actor(wf.Role.system)
    posted = POSTED_STATUSES[status]
    locked = lock_case(session, case.id, system)
    ev = record_event(
        session,
        locked,
        CITIZEN_UPDATE,
        system,
        description,
        {
            "channel": "open311",
            "api_key_id": api_key_id,
            "update_id": update_id,
            "status": status,
            "meaning": posted.meaning,
            "updated_datetime": format_datetime(inp.updated_datetime),
        },
        now,
    )
    session.execute(update(Open311Update).where(Open311Update.id == row_id).values(event_id=ev.id))
    if (
        posted.action is not None
        and get_settings().open311_update_actions
        and posted.action in allowed_actions(session, locked, system)
    ):
        note = f"{posted.meaning}（Open311 市民进展 {update_id}，状态 {status}）"
        act(session, case.id, posted.action, system, ActionInput(note=note), now)
    return {"update_id": str(ev.id)}


@dataclass(frozen=True, slots=True)
class _UpdateContent:
    """What makes two posts of one update_id the same update."""

    case_id: int
    status: str
    description: str
    updated_at: datetime
    media_url: str | None
    account_id: str | None
    contact: _Contact


def _repeated_update(
    session: Session, api_key_id: int, update_id: str, content: _UpdateContent
) -> dict[str, Any]:
    """Answer a repeated update_id: the first update's id when the content is the same."""
    row = session.scalar(
        select(Open311Update).where(
            Open311Update.api_key_id == api_key_id, Open311Update.update_id == update_id
        )
    )
    assert row is not None  # the insert conflicted on this very key
    stored = _UpdateContent(
        row.case_id,
        row.status,
        row.description,
        row.updated_at,
        row.media_url,
        row.account_id,
        _Contact(
            *(
                pii.decrypt(v) if v else None
                for v in (row.email_enc, row.phone_enc, row.first_name_enc, row.last_name_enc)
            )
        ),
    )
    if stored != content or row.event_id is None:
        raise DuplicateUpdate(
            f"update_id“{update_id}”已用于另一条内容不同的进展，不重复记录：请使用新的 update_id",
            update_id=update_id,
        )
    return {"update_id": str(row.event_id)}
