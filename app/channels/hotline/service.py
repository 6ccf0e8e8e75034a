"""12345 hotline (接诉即办): tickets filed by hotline agents on top of the case engine. No HTTP.

A ticket is a case (source `hotline`, numbered, clocked and chained by `report_case` like every
other case) plus one `HotlineTicket` row: the external ticket number (工单号, unique per source
system), the caller (name and phone encrypted with app.core.pii, shown masked), the urgency class and
its feedback limit (反馈时限, natural time by default), how the location was found, and the three
facts the 12345 三率 are computed from: contacted in time (响应), resolved (解决) and the call-back
result (满意).

Location, in this order: the point the agent confirmed (`point`), a standard address the agent
picked from the candidates (`address`), the best geocoding candidate of the address text when its
score reaches `hotline_geocode_min_score` (`geocoded`); otherwise the ticket is still accepted
without a location (`none`) and goes to its district's fallback unit (兜底).

Caller data never leaves this module in clear except through `reveal_caller`, which appends a
`caller_revealed` event (who, why) to the case's hash chain. Nothing here logs caller data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, false, func, not_, select, text
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.catalogue import list_categories
from app.cases.models import (
    Case,
    Category,
    HotlineKeyword,
    HotlineTicket,
    HotlineUrgency,
)
from app.cases.service import ReportInput, lock_case, record_event, report_case
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import add_business_time
from app.core.config import get_settings
from app.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    UnknownDistrict,
)
from app.core.pii import decrypt, encrypt, mask_name, mask_phone, normalize_phone, phone_index
from app.grid.coords import to_wgs84
from app.grid.geocode import AcceptancePolicy, GeocodeCandidate, accept, geocode, normalize
from app.grid.models import Address, District, Unit
from app.grid.service import locate

DEFAULT_SOURCE_SYSTEM = "12345"
LOCATION_SOURCES = {
    "point": "坐席确认的点位",
    "address": "坐席选定的标准地址",
    "geocoded": "按地址文本自动匹配",
    "none": "无可用位置（区县兜底单位）",
}
SATISFACTION_LABELS = {x.value: x.label for x in wf.Satisfaction}
# A unit may record its result (解决/未解决) while handling and until the call-back.
RESOLUTION_STATUSES = frozenset(
    {
        wf.Status.dispatched,
        wf.Status.suspended,
        wf.Status.handled,
        wf.Status.to_close,
        wf.Status.closed,
    }
)
# Duplicates merged into another ticket and voided tickets do not count in the 三率.
RATES_EXCLUDED_STATUSES = (wf.Status.merged.value, wf.Status.voided.value)
CALLER_REVEALED = "caller_revealed"
CALLER_CONTACTED = "caller_contacted"
HOTLINE_RESOLUTION = "hotline_resolution"


# --- errors -------------------------------------------------------------------------------------


class DuplicateTicket(Conflict):
    """The source system's ticket number (工单号) is already registered."""

    code = "duplicate_ticket"
    message = "该工单号已登记"


class UnknownUrgency(InvalidInput):
    """No (active) urgency class with this code."""

    code = "unknown_urgency"
    message = "未知的紧急程度"


class InvalidPhone(InvalidInput):
    """The caller's phone number is not a phone number."""

    code = "invalid_phone"
    message = "诉求人电话号码格式不正确"


class DistrictRequired(InvalidInput):
    """A ticket without a usable location needs its district."""

    code = "district_required"
    message = "无法确定工单所属区县"


class DistrictOutOfScope(InvalidInput):
    """The district (given, or where the location lies) is outside the caller's districts."""

    code = "district_out_of_scope"
    message = "区县不在您的辖区内"


class EmptyContent(InvalidInput):
    """The ticket says nothing (诉求内容为空)."""

    code = "empty_content"
    message = "诉求内容不能为空"


class CategoryRequired(InvalidInput):
    """No category was given and none could be suggested from the text."""

    code = "category_required"
    message = "请选择问题类别"


class UnknownAddress(InvalidInput):
    """The picked standard address does not exist."""

    code = "unknown_address"
    message = "标准地址不存在"


class InvalidContactTime(InvalidInput):
    """A contact time in the future or before the ticket was filed."""

    code = "invalid_contact_time"
    message = "联系时间不合理"


class ReasonRequired(InvalidInput):
    """Revealing a caller's contact needs a reason."""

    code = "reason_required"
    message = "请填写查看诉求人联系方式的理由"


class AlreadyContacted(Conflict):
    """The caller's first contact (the response time) is already recorded."""

    code = "already_contacted"
    message = "已登记过联系诉求人"


class ResolutionNotOpen(Conflict):
    """The case is in a status where the unit cannot record its result."""

    code = "resolution_not_open"
    message = "当前状态不能登记办理结果"


class NotTicketHolder(Forbidden):
    """Only the hotline desk or the unit currently handling the ticket may do this."""

    code = "not_ticket_holder"
    message = "只有热线坐席或当前承办单位可以执行此操作"


# --- reference data: urgency classes, category keywords ----------------------------------------


def list_urgencies(session: Session) -> list[HotlineUrgency]:
    """Return the active urgency classes in display order."""
    return list(
        session.scalars(
            select(HotlineUrgency)
            .where(HotlineUrgency.active.is_(True))
            .order_by(HotlineUrgency.seq, HotlineUrgency.code)
        )
    )


def get_urgency(session: Session, code: str) -> HotlineUrgency:
    """Return an active urgency class; raise UnknownUrgency (422) naming the valid codes."""
    found = session.get(HotlineUrgency, code)
    if found is None or not found.active:
        valid = list_urgencies(session)
        raise UnknownUrgency(
            f"未知的紧急程度“{code}”，可选：" + "、".join(f"{u.code}（{u.name}）" for u in valid),
            field="urgency",
            allowed=[u.code for u in valid],
        )
    return found


_BRACKETS = re.compile(r"[（(][^）)]*[)）]")
_NAME_SUFFIXES = ("异常", "问题", "乱象")


def name_keywords(name: str) -> list[str]:
    """Return the keywords a category name contributes (the name, without brackets or suffix).

    "雨水井盖异常" → 雨水井盖, 雨水井盖异常; "道路遗撒(洒)" → 道路遗撒, 道路遗撒(洒);
    "道路积雪、结冰" → 道路积雪, 结冰, … Words shorter than two characters are dropped.
    """
    base = _BRACKETS.sub("", name).strip()
    words = {name.strip(), base}
    for suffix in _NAME_SUFFIXES:
        if base.endswith(suffix):
            words.add(base[: -len(suffix)])
    if "、" in base:
        words.update(base.split("、"))
    return sorted(w for w in words if len(w) >= 2)


def _comparable(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower()


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested category for a caller's words: score and the keywords that matched."""

    kind: str
    code: str
    name: str
    major_name: str
    score: float
    keywords: tuple[str, ...]

    @property
    def ref(self) -> str:
        """Return the category reference used by reports, e.g. `event:09006`."""
        return f"{self.kind}:{self.code}"


@dataclass(frozen=True, slots=True)
class CategoryWords:
    """A category and the weighted keywords that point to it."""

    kind: str
    code: str
    name: str
    major_name: str
    keywords: Mapping[str, float]


def rank_categories(text_: str, categories: Iterable[CategoryWords]) -> list[Suggestion]:
    """Rank categories by the keywords found in `text_` (pure).

    Score = Σ weight × length over the distinct keywords the text contains, so a specific word
    (雨水井盖) outweighs a general one (井盖). Ties: events before components, then by code.
    """
    hay = _comparable(text_)
    ranked: list[Suggestion] = []
    for cat in categories:
        hits = {kw: weight for kw, weight in cat.keywords.items() if kw and _comparable(kw) in hay}
        if hits:
            score = sum(weight * len(_comparable(kw)) for kw, weight in hits.items())
            ranked.append(
                Suggestion(
                    cat.kind,
                    cat.code,
                    cat.name,
                    cat.major_name,
                    round(score, 3),
                    tuple(sorted(hits, key=lambda k: (-len(k), k))),
                )
            )
    ranked.sort(key=lambda s: (-s.score, s.kind != "event", s.code))
    return ranked


def suggest_categories(
    session: Session, text_: str, *, kind: str | None = "event", limit: int = 5
) -> list[Suggestion]:
    """Suggest enabled categories for a caller's words: names plus the keyword table."""
    if not text_.strip():
        raise InvalidInput("请输入诉求内容", field="text")
    name_weight = get_settings().hotline_name_keyword_weight
    cats = list_categories(session, kind=kind, enabled=True)
    synonyms: dict[tuple[str, str], dict[str, float]] = {}
    for kw in session.scalars(select(HotlineKeyword)):
        synonyms.setdefault((kw.kind, kw.code), {})[kw.keyword] = kw.weight
    words = [
        CategoryWords(
            c.kind,
            c.code,
            c.name,
            c.major_name,
            dict.fromkeys(name_keywords(c.name), name_weight) | synonyms.get((c.kind, c.code), {}),
        )
        for c in cats
    ]
    return rank_categories(text_, words)[:limit]


# --- filing a ticket ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TicketInput:
    """What a hotline agent files (登记工单)."""

    ticket_no: str
    caller_phone: str
    content: str
    source_system: str = DEFAULT_SOURCE_SYSTEM
    caller_name: str | None = None
    category: str | None = None
    urgency: str = "general"
    address_text: str | None = None
    lon: float | None = None
    lat: float | None = None
    crs: str = "wgs84"
    address_id: int | None = None
    district_code: str | None = None
    condition: int | None = None


@dataclass(frozen=True, slots=True)
class _Placement:
    source: str  # point | address | geocoded | none
    district_code: str
    lon: float | None = None
    lat: float | None = None
    crs: str = "wgs84"
    address_id: int | None = None
    score: float | None = None


@dataclass(slots=True)
class TicketResult:
    """A filed ticket, its case, the open cases it may duplicate and earlier calls by the caller."""

    ticket: HotlineTicket
    case: Case
    possible_duplicates: list[dict[str, Any]]
    earlier_tickets: int


def _district_hint(session: Session, code: str | None, actor: wf.Actor) -> str | None:
    """Return the district the agent named (checked), else the agent's only district, else None."""
    if code:
        if session.get(District, code) is None:
            raise UnknownDistrict(f"区县代码 {code} 不存在", field="district_code")
        _check_district(code, actor)
        return code
    if actor.districts is not None and len(actor.districts) == 1:
        return actor.districts[0]
    return None


def _check_district(code: str, actor: wf.Actor) -> None:
    if actor.districts is not None and code not in actor.districts:
        raise DistrictOutOfScope(
            f"区县 {code} 不在您的辖区（{'、'.join(actor.districts)}）内，请转对应区县受理",
            district_code=code,
        )


def _check_same_district(found: str, named: str | None) -> None:
    if named is not None and found != named:
        raise InvalidInput(
            f"位置在区县 {found}，与填写的区县 {named} 不一致",
            field="district_code",
            located_district_code=found,
        )


def _place(session: Session, inp: TicketInput, actor: wf.Actor, named: str | None) -> _Placement:
    """Decide the ticket's location: agent's point, picked address, geocoded text, or none."""
    if inp.lon is not None or inp.lat is not None:
        if inp.lon is None or inp.lat is None:
            raise InvalidInput("经度和纬度须同时提供", field="lon" if inp.lon is None else "lat")
        loc = locate(session, to_wgs84(inp.lon, inp.lat, inp.crs))  # OutsideServiceArea → 422
        _check_district(loc.district_code, actor)
        _check_same_district(loc.district_code, named)
        return _Placement("point", loc.district_code, inp.lon, inp.lat, inp.crs)
    if inp.address_id is not None:
        row = session.execute(
            select(
                Address.id, Address.district_code, func.ST_X(Address.geom), func.ST_Y(Address.geom)
            ).where(Address.id == inp.address_id)
        ).one_or_none()
        if row is None:
            raise UnknownAddress(f"标准地址 {inp.address_id} 不存在", field="address_id")
        _check_district(row[1], actor)
        _check_same_district(row[1], named)
        return _Placement("address", row[1], float(row[2]), float(row[3]), address_id=row[0])
    hint = named or _only_district(actor)
    if inp.address_text and len(address_query(session, inp.address_text)[0]) >= 2:
        c = match_address(session, inp.address_text, actor, hint).auto_pick
        if c is not None:
            return _Placement(
                "geocoded", c.district_code, c.lon, c.lat, "wgs84", c.address_id, c.score
            )
    if hint is None:
        raise DistrictRequired(
            "地址无法匹配到标准地址，且无法确定所属区县：请填写 district_code",
            field="district_code",
        )
    return _Placement("none", hint)


def _only_district(actor: wf.Actor) -> str | None:
    return actor.districts[0] if actor.districts is not None and len(actor.districts) == 1 else None


def _in_scope(cands: list[GeocodeCandidate], actor: wf.Actor) -> list[GeocodeCandidate]:
    if actor.districts is None:
        return cands
    return [c for c in cands if c.district_code in actor.districts]


# What callers add after an address ("…3号门口", "…超市对面"): not part of any standard address.
_POSITION_WORDS = (
    "门口",
    "附近",
    "旁边",
    "对面",
    "周边",
    "一带",
    "楼下",
    "路口",
    "东侧",
    "西侧",
    "南侧",
    "北侧",
    "里面",
    "后面",
    "前面",
)


def address_query(session: Session, spoken: str) -> tuple[str, str | None]:
    """Return the part of a caller's address worth geocoding, and the district it names.

    The text is normalised (app.grid.geocode.normalize), cut after its last house number (号)
    or stripped of trailing position words (门口, 附近, 对面…), and a leading district name known
    to the grid (张店区…, with whatever precedes it: 省, 市) is removed and returned as a filter:
    standard addresses keep street names between district and road, so the prefix only dilutes
    the trigram score.
    """
    q = normalize(spoken)
    cut = q.rfind("号")
    if cut >= 2:
        q = q[: cut + 1]
    else:
        stripped = True
        while stripped:
            stripped = False
            for word in _POSITION_WORDS:
                if q.endswith(word) and len(q) > len(word) + 1:
                    q, stripped = q[: -len(word)], True
    for code, name in session.execute(select(District.code, District.name)).all():
        known = normalize(name)
        at = q.find(known)
        if at >= 0 and len(q) - at - len(known) >= 2:
            return q[at + len(known) :], code
    return q, None


@dataclass(frozen=True, slots=True)
class AddressMatch:
    """Standard-address candidates for a caller's address, and the one used automatically."""

    query: str
    district_code: str | None
    candidates: list[GeocodeCandidate]
    auto_pick: GeocodeCandidate | None
    min_score: float
    min_margin: float


def match_address(
    session: Session, spoken: str, actor: wf.Actor, district_code: str | None, limit: int = 5
) -> AddressMatch:
    """Geocode a caller's address within the actor's districts (InvalidInput if too short).

    The best candidate is used automatically when `app.grid.geocode.accept` accepts it with the
    hotline's thresholds (`hotline_geocode_min_score`, `hotline_geocode_min_margin`): similar
    enough, ahead of the runner-up (金城路1号/2号/3号 all scoring alike is no location), inside
    the grid.
    """
    settings = get_settings()
    q, named = address_query(session, spoken)
    district = district_code or named
    cands = _in_scope(geocode(session, q, district_code=district, limit=max(limit, 2)), actor)
    policy = AcceptancePolicy(
        settings.hotline_geocode_min_score, settings.hotline_geocode_min_margin
    )
    pick = accept(session, cands, policy).pick
    return AddressMatch(
        q,
        district,
        cands[:limit],
        pick,
        settings.hotline_geocode_min_score,
        settings.hotline_geocode_min_margin,
    )


def address_candidates(
    session: Session,
    q: str,
    actor: wf.Actor,
    *,
    district_code: str | None = None,
    limit: int = 5,
) -> AddressMatch:
    """Return the standard-address candidates an agent chooses from (in the agent's districts)."""
    return match_address(session, q, actor, _district_hint(session, district_code, actor), limit)


def _mask_caller_phone(content: str, phone: str) -> str:
    """Mask the caller's own number where the agent typed it into the content (138****5678)."""
    digits = r"[\s-]?".join(re.escape(d) for d in phone)
    pattern = r"(?<!\d)(?:\+?86[\s-]?)?" + digits + r"(?!\d)"
    return re.sub(pattern, mask_phone(phone), content)


def _earlier_tickets(session: Session, index: str, actor: wf.Actor, exclude: int | None) -> int:
    stmt = (
        select(func.count())
        .select_from(HotlineTicket)
        .join(Case, Case.id == HotlineTicket.case_id)
        .where(HotlineTicket.phone_index == index, scope.visible(actor))
    )
    if exclude is not None:
        stmt = stmt.where(HotlineTicket.case_id != exclude)
    return int(session.scalar(stmt) or 0)


def file_ticket(session: Session, inp: TicketInput, actor: wf.Actor, now: datetime) -> TicketResult:
    """File a hotline ticket as a case (one code path: `report_case`) and its ticket row.

    Raises DuplicateTicket (409, with the existing case number) for a known 工单号,
    InvalidPhone / UnknownUrgency / CategoryRequired / DistrictRequired / … (422).
    """
    source_system, ticket_no = inp.source_system.strip(), inp.ticket_no.strip()
    if not source_system or not ticket_no:
        raise InvalidInput("工单号与来源系统不能为空", field="ticket_no")
    content = inp.content.strip()
    if not content:
        raise EmptyContent("诉求内容不能为空：请记录市民反映的问题", field="content")
    try:
        phone = normalize_phone(inp.caller_phone)
    except InvalidInput:
        raise InvalidPhone(
            "诉求人电话号码格式不正确：应为 5–15 位数字（手机号、带区号的座机号）",
            field="caller_phone",
        ) from None
    name = (inp.caller_name or "").strip() or None
    urgency = get_urgency(session, inp.urgency)
    named = _district_hint(session, inp.district_code, actor) if inp.district_code else None
    # One 工单号 at a time: a concurrent duplicate waits here, then finds the first one.
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
        {"k": f"hotline-ticket|{source_system}|{ticket_no}"},
    )
    existing = session.execute(
        select(Case.id, Case.case_no)
        .join(HotlineTicket, HotlineTicket.case_id == Case.id)
        .where(HotlineTicket.source_system == source_system, HotlineTicket.ticket_no == ticket_no)
    ).one_or_none()
    if existing is not None:
        raise DuplicateTicket(
            f"工单号 {source_system}/{ticket_no} 已登记为案卷 {existing.case_no}",
            case_id=existing.id,
            case_no=existing.case_no,
        )
    placed = _place(session, inp, actor, named)
    category_source = "agent"
    category = inp.category
    if not category:
        suggested = suggest_categories(session, content, limit=1)
        if not suggested:
            raise CategoryRequired(
                "未能从诉求内容判断问题类别，请选择类别（GET /api/v1/categories?q=）",
                field="category",
            )
        category, category_source = suggested[0].ref, "suggested"
    deadline = add_business_time(
        now, urgency.feedback_limit_value, urgency.feedback_limit_unit, get_calendar(session)
    )
    result = report_case(
        session,
        ReportInput(
            source=wf.Source.hotline,
            category=category,
            lon=placed.lon,
            lat=placed.lat,
            crs=placed.crs,
            description=_mask_caller_phone(content, phone),
            address_text=(inp.address_text or "").strip() or None,
            condition=inp.condition,
            district_code=placed.district_code,
            event_payload={
                "hotline": {
                    "source_system": source_system,
                    "ticket_no": ticket_no,
                    "urgency": urgency.code,
                    "feedback_due_at": deadline.due_at.isoformat(),
                    "location_source": placed.source,
                    "category_source": category_source,
                }
            },
        ),
        actor,
        now,
    )
    index = phone_index(phone)
    ticket = HotlineTicket(
        case_id=result.case.id,
        source_system=source_system,
        ticket_no=ticket_no,
        caller_name_enc=encrypt(name) if name else None,
        caller_name_masked=mask_name(name) if name else None,
        caller_phone_enc=encrypt(phone),
        caller_phone_masked=mask_phone(phone),
        phone_index=index,
        urgency=urgency.code,
        feedback_limit_value=urgency.feedback_limit_value,
        feedback_limit_unit=urgency.feedback_limit_unit,
        feedback_due_at=deadline.due_at,
        location_source=placed.source,
        address_id=placed.address_id,
        geocode_score=placed.score,
        category_source=category_source,
        created_by=actor.user_id,
        created_at=now,
    )
    session.add(ticket)
    session.flush()
    earlier = _earlier_tickets(session, index, actor, result.case.id)
    return TicketResult(ticket, result.case, result.possible_duplicates, earlier)


# --- reads (masked) -----------------------------------------------------------------------------


def _tz() -> ZoneInfo:
    return ZoneInfo(get_settings().calendar_timezone)


def feedback_overdue(ticket: HotlineTicket, now: datetime) -> bool:
    """Return True when nobody has contacted the caller and the feedback limit has passed."""
    return ticket.contacted_at is None and now > ticket.feedback_due_at


def ticket_view(
    ticket: HotlineTicket, urgencies: Mapping[str, HotlineUrgency], now: datetime
) -> dict[str, Any]:
    """Return a ticket as plain data with the caller masked (the only form any read shows)."""
    urgency = urgencies.get(ticket.urgency)
    return {
        "case_id": ticket.case_id,
        "source_system": ticket.source_system,
        "ticket_no": ticket.ticket_no,
        "caller": {"name": ticket.caller_name_masked, "phone": ticket.caller_phone_masked},
        "urgency": ticket.urgency,
        "urgency_label": urgency.name if urgency else ticket.urgency,
        "feedback_limit": {
            "value": float(ticket.feedback_limit_value),
            "unit": ticket.feedback_limit_unit,
        },
        "feedback_due_at": ticket.feedback_due_at,
        "feedback_overdue": feedback_overdue(ticket, now),
        "location_source": ticket.location_source,
        "location_source_label": LOCATION_SOURCES[ticket.location_source],
        "no_location": ticket.location_source == "none",
        "address_id": ticket.address_id,
        "geocode_score": ticket.geocode_score,
        "category_source": ticket.category_source,
        "contacted_at": ticket.contacted_at,
        "contacted_by": ticket.contacted_by,
        "contacted_in_time": ticket.contacted_in_time,
        "resolved": ticket.resolved,
        "resolved_at": ticket.resolved_at,
        "satisfaction": ticket.satisfaction,
        "satisfaction_label": SATISFACTION_LABELS.get(ticket.satisfaction or ""),
        "callback_at": ticket.callback_at,
        "created_at": ticket.created_at,
        "created_by": ticket.created_by,
    }


def urgency_map(session: Session) -> dict[str, HotlineUrgency]:
    """Return every urgency class (active or not) by code, for views."""
    return {u.code: u for u in session.scalars(select(HotlineUrgency))}


def get_ticket(session: Session, case_id: int, actor: wf.Actor) -> tuple[HotlineTicket, Case]:
    """Return a ticket and its case within the actor's scope; raise NotFound (404) otherwise."""
    row = session.execute(
        select(HotlineTicket, Case)
        .join(Case, Case.id == HotlineTicket.case_id)
        .where(HotlineTicket.case_id == case_id, scope.visible(actor))
    ).one_or_none()
    if row is None:
        raise NotFound("热线工单不存在", case_id=case_id)
    return row[0], row[1]


def earlier_tickets_of(session: Session, ticket: HotlineTicket, actor: wf.Actor) -> int:
    """Return how many other tickets the same caller filed that the actor may see (blind index)."""
    return _earlier_tickets(session, ticket.phone_index, actor, ticket.case_id)


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """Filters of the ticket list; `phone` finds a caller's tickets through the blind index."""

    status: wf.Status | None = None
    urgency: str | None = None
    feedback_overdue: bool | None = None
    phone: str | None = None


def list_tickets(
    session: Session,
    actor: wf.Actor,
    filters: TicketFilter,
    now: datetime,
    *,
    cursor: int | None = None,
    limit: int = 50,
) -> tuple[list[dict[str, Any]], int | None]:
    """Return a page of tickets (newest first, masked) and the cursor of the next page."""
    stmt = (
        select(HotlineTicket, Case, Category)
        .join(Case, Case.id == HotlineTicket.case_id)
        .join(Category, Category.id == Case.category_id)
        .where(scope.visible(actor))
        .order_by(HotlineTicket.case_id.desc())
        .limit(limit + 1)
    )
    if cursor is not None:
        stmt = stmt.where(HotlineTicket.case_id < cursor)
    if filters.status is not None:
        stmt = stmt.where(Case.status == filters.status.value)
    if filters.urgency is not None:
        stmt = stmt.where(HotlineTicket.urgency == get_urgency(session, filters.urgency).code)
    if filters.feedback_overdue is not None:
        overdue = and_(HotlineTicket.contacted_at.is_(None), HotlineTicket.feedback_due_at < now)
        stmt = stmt.where(overdue if filters.feedback_overdue else not_(overdue))
    if filters.phone is not None:
        if actor.role is not wf.Role.hotline_agent:
            raise Forbidden("只有热线坐席可以按来电号码查询工单", field="phone")
        try:
            index = phone_index(filters.phone)
        except InvalidInput:
            raise InvalidPhone("来电号码格式不正确", field="phone") from None
        stmt = stmt.where(HotlineTicket.phone_index == index)
    rows = session.execute(stmt).all()
    urgencies = urgency_map(session)
    items = [
        ticket_view(t, urgencies, now)
        | {
            "case_no": c.case_no,
            "status": c.status,
            "status_label": wf.Status(c.status).label,
            "district_code": c.district_code,
            "category": {"kind": cat.kind, "code": cat.code, "name": cat.name},
            "assigned_unit_id": c.assigned_unit_id,
            "routed_unit_id": c.routed_unit_id,
            "reported_at": c.reported_at,
        }
        for t, c, cat in rows[:limit]
    ]
    next_cursor = rows[limit - 1][0].case_id if len(rows) > limit else None
    return items, next_cursor


# --- caller contact: reveal (audited), contact, resolution -------------------------------------


@dataclass(frozen=True, slots=True)
class CallerContact:
    """A caller's name and phone in clear (only ever returned by `reveal_caller`)."""

    name: str | None
    phone: str


def _ticket_for_update(session: Session, case_id: int) -> HotlineTicket:
    ticket = session.scalar(
        select(HotlineTicket)
        .where(HotlineTicket.case_id == case_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if ticket is None:
        raise NotFound("该案卷不是热线工单", case_id=case_id)
    return ticket


def _check_holder(case: Case, actor: wf.Actor, what: str) -> None:
    """Allow the hotline desk (case in its scope) or the unit now handling the open case."""
    if actor.role is wf.Role.hotline_agent:
        return
    if (
        actor.role is wf.Role.unit_handler
        and actor.unit_id is not None
        and case.assigned_unit_id == actor.unit_id
        and wf.Status(case.status).is_open
    ):
        return
    raise NotTicketHolder(f"只有热线坐席或当前承办单位（办理中）可以{what}", role=actor.role.value)


def reveal_caller(
    session: Session, case_id: int, actor: wf.Actor, reason: str, now: datetime
) -> CallerContact:
    """Return the caller's name and phone in clear and record who asked and why on the chain."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(
            "查看诉求人联系方式须填写理由（如：联系诉求人核实情况）", field="reason"
        )
    case = lock_case(session, case_id, actor)
    ticket = _ticket_for_update(session, case.id)
    _check_holder(case, actor, "查看诉求人联系方式")
    contact = CallerContact(
        decrypt(ticket.caller_name_enc) if ticket.caller_name_enc else None,
        decrypt(ticket.caller_phone_enc),
    )
    record_event(
        session,
        case,
        CALLER_REVEALED,
        actor,
        reason,
        {
            "ticket": f"{ticket.source_system}/{ticket.ticket_no}",
            "fields": ["caller_name", "caller_phone"] if contact.name else ["caller_phone"],
        },
        now,
    )
    return contact


def _aware(at: datetime) -> datetime:
    return at if at.utcoffset() is not None else at.replace(tzinfo=_tz())


def record_contact(
    session: Session,
    case_id: int,
    actor: wf.Actor,
    contacted_at: datetime | None,
    note: str | None,
    now: datetime,
) -> HotlineTicket:
    """Record the first contact with the caller (响应) and whether it met the feedback limit."""
    case = lock_case(session, case_id, actor)
    ticket = _ticket_for_update(session, case.id)
    _check_holder(case, actor, "登记联系诉求人")
    at = _aware(contacted_at) if contacted_at is not None else now
    if at > now:
        raise InvalidContactTime("联系时间不能晚于当前时间", field="contacted_at")
    if at < case.reported_at:
        raise InvalidContactTime("联系时间不能早于工单登记时间", field="contacted_at")
    if ticket.contacted_at is not None:
        raise AlreadyContacted(
            f"已于 {ticket.contacted_at.astimezone(_tz()):%Y-%m-%d %H:%M} 登记过联系诉求人",
            contacted_at=ticket.contacted_at,
        )
    ticket.contacted_at, ticket.contacted_by = at, actor.user_id
    ticket.contacted_in_time = at <= ticket.feedback_due_at
    record_event(
        session,
        case,
        CALLER_CONTACTED,
        actor,
        (note or "").strip() or None,
        {
            "contacted_at": at.isoformat(),
            "feedback_due_at": ticket.feedback_due_at.isoformat(),
            "in_time": ticket.contacted_in_time,
        },
        now,
    )
    session.flush()
    return ticket


def record_resolution(
    session: Session,
    case_id: int,
    actor: wf.Actor,
    resolved: bool,
    note: str | None,
    now: datetime,
) -> HotlineTicket:
    """Record the unit's result (解决 / 未解决); the unit now assigned, until the call-back."""
    case = lock_case(session, case_id, actor)
    ticket = _ticket_for_update(session, case.id)
    if actor.role is not wf.Role.unit_handler or case.assigned_unit_id != actor.unit_id:
        raise NotTicketHolder("只有当前承办单位可以登记办理结果", role=actor.role.value)
    status = wf.Status(case.status)
    if status not in RESOLUTION_STATUSES:
        raise ResolutionNotOpen(
            f"案卷处于“{status.label}”状态，不能登记办理结果", status=status.value
        )
    ticket.resolved, ticket.resolved_at, ticket.resolved_by = resolved, now, actor.user_id
    record_event(
        session,
        case,
        HOTLINE_RESOLUTION,
        actor,
        (note or "").strip() or None,
        {"resolved": resolved},
        now,
    )
    session.flush()
    return ticket


# --- the facts behind the 三率, and the desk's rates ---------------------------------------------


@dataclass(frozen=True, slots=True)
class HotlineFacts:
    """What the 12345 三率 need of one ticket.

    `contacted_in_time` is None while undecided: not contacted and (as of `as_of`) not yet due,
    or not contacted and no `as_of` given. A ticket nobody contacted by its feedback limit
    counts as late (False) once `as_of` is past the limit — an honest response rate.
    """

    case_id: int
    unit_id: int | None  # the unit the case is (or was last) assigned to
    district_code: str
    status: str
    urgency: str
    feedback_due_at: datetime
    contacted_at: datetime | None
    contacted_in_time: bool | None
    resolved: bool | None
    satisfaction: str | None


def _in_time_expr(as_of: datetime | None) -> ColumnElement[bool | None]:
    late = (
        and_(HotlineTicket.feedback_due_at < as_of, HotlineTicket.contacted_at.is_(None))
        if as_of is not None
        else false()
    )
    return sql_case(
        (HotlineTicket.contacted_at.is_not(None), HotlineTicket.contacted_in_time),
        (late, false()),
        else_=None,
    )


def hotline_facts(
    session: Session, case_ids: Sequence[int], *, as_of: datetime | None = None
) -> dict[int, HotlineFacts]:
    """Return the 三率 facts of the given cases that are hotline tickets (others are absent)."""
    if not case_ids:
        return {}
    rows = session.execute(
        select(
            HotlineTicket.case_id,
            Case.assigned_unit_id,
            Case.district_code,
            Case.status,
            HotlineTicket.urgency,
            HotlineTicket.feedback_due_at,
            HotlineTicket.contacted_at,
            _in_time_expr(as_of).label("in_time"),
            HotlineTicket.resolved,
            HotlineTicket.satisfaction,
        )
        .join(Case, Case.id == HotlineTicket.case_id)
        .where(HotlineTicket.case_id.in_(list(case_ids)))
    ).all()
    return {
        r.case_id: HotlineFacts(
            case_id=r.case_id,
            unit_id=r.assigned_unit_id,
            district_code=r.district_code,
            status=r.status,
            urgency=r.urgency,
            feedback_due_at=r.feedback_due_at,
            contacted_at=r.contacted_at,
            contacted_in_time=r.in_time,
            resolved=r.resolved,
            satisfaction=r.satisfaction,
        )
        for r in rows
    }


@dataclass(frozen=True, slots=True)
class RateCounts:
    """Counts behind the 三率 of one unit (or of everything)."""

    tickets: int = 0
    response_due: int = 0  # contacted, or not contacted past the limit
    responded_in_time: int = 0
    resolution_known: int = 0
    resolved: int = 0
    callbacks: int = 0  # valid call-backs (a result was recorded)
    satisfied: int = 0
    basically_satisfied: int = 0

    def __add__(self, other: RateCounts) -> RateCounts:
        """Return the sum of two count sets."""
        return RateCounts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


@dataclass(frozen=True, slots=True)
class ThreeRates:
    """响应率, 解决率, 满意率 and their weighted composite (None where nothing is decided yet)."""

    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None
    composite: float | None


def three_rates(
    c: RateCounts, weights: Mapping[str, float], basically_satisfied_weight: float
) -> ThreeRates:
    """Compute the 三率 from counts (pure); the composite needs all three rates."""
    response = c.responded_in_time / c.response_due if c.response_due else None
    resolution = c.resolved / c.resolution_known if c.resolution_known else None
    satisfaction = (
        (c.satisfied + basically_satisfied_weight * c.basically_satisfied) / c.callbacks
        if c.callbacks
        else None
    )
    composite = None
    if response is not None and resolution is not None and satisfaction is not None:
        composite = (
            weights.get("response", 0.0) * response
            + weights.get("resolution", 0.0) * resolution
            + weights.get("satisfaction", 0.0) * satisfaction
        )
    return ThreeRates(
        *(
            None if v is None else round(v, 4)
            for v in (response, resolution, satisfaction, composite)
        )
    )


@dataclass(frozen=True, slots=True)
class UnitRates:
    """The 三率 of one unit (unit None: tickets not dispatched to any unit yet)."""

    unit_id: int | None
    unit_name: str | None
    counts: RateCounts
    rates: ThreeRates


def unit_rates(
    session: Session, actor: wf.Actor, start: datetime, end: datetime, now: datetime
) -> tuple[list[UnitRates], UnitRates]:
    """Return the 三率 per unit, and in total, of the tickets filed in [start, end).

    One query over the tickets the actor may see, with the same facts as `hotline_facts` (as
    of `now`); merged and voided tickets do not count.
    """
    if not start < end:
        raise InvalidInput("统计区间的开始时间必须早于结束时间", field="from")
    in_time = _in_time_expr(now)
    sat = HotlineTicket.satisfaction

    def n(cond: ColumnElement[bool]) -> Any:
        return func.count().filter(cond)

    rows = session.execute(
        select(
            Case.assigned_unit_id,
            Unit.name,
            func.count(),
            n(in_time.is_not(None)),
            n(in_time.is_(True)),
            n(HotlineTicket.resolved.is_not(None)),
            n(HotlineTicket.resolved.is_(True)),
            n(sat.is_not(None)),
            n(sat == "satisfied"),
            n(sat == "basically_satisfied"),
        )
        .select_from(HotlineTicket)
        .join(Case, Case.id == HotlineTicket.case_id)
        .outerjoin(Unit, Unit.id == Case.assigned_unit_id)
        .where(
            scope.visible(actor),
            Case.reported_at >= start,
            Case.reported_at < end,
            Case.status.not_in(RATES_EXCLUDED_STATUSES),
        )
        .group_by(Case.assigned_unit_id, Unit.name)
        .order_by(Case.assigned_unit_id.nulls_last())
    ).all()
    settings = get_settings()
    weights, basic = settings.hotline_rate_weights, settings.hotline_basically_satisfied_weight
    units = []
    total = RateCounts()
    for unit_id, unit_name, *numbers in rows:
        counts = RateCounts(*numbers)
        total = total + counts
        units.append(UnitRates(unit_id, unit_name, counts, three_rates(counts, weights, basic)))
    return units, UnitRates(None, None, total, three_rates(total, weights, basic))


def rates_weights() -> dict[str, Any]:
    """Return the configured weights of the composite and of 基本满意."""
    settings = get_settings()
    return {
        "composite": dict(settings.hotline_rate_weights),
        "basically_satisfied": settings.hotline_basically_satisfied_weight,
    }
