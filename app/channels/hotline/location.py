"""Where a hotline ticket is: the agent's districts and the caller's address.

A caller's spoken address is matched to standard addresses; the best candidate is used
automatically only when `app.grid.geocode.accept` takes it with the hotline's thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.channels.hotline.errors import (
    DistrictOutOfScope,
)
from app.core.config import get_settings
from app.core.errors import (
    InvalidInput,
    UnknownDistrict,
)
from app.grid.geocode import AcceptancePolicy, GeocodeCandidate, accept, geocode, normalize
from app.grid.models import District


def district_hint(session: Session, code: str | None, actor: wf.Actor) -> str | None:
    """Return the district the agent named (checked), else the agent's only district, else None."""
    if code:
        if session.get(District, code) is None:
            raise UnknownDistrict(f"区县代码 {code} 不存在", field="district_code")
        check_district(code, actor)
        return code
    if actor.districts is not None and len(actor.districts) == 1:
        return actor.districts[0]
    return None


def check_district(code: str, actor: wf.Actor) -> None:
    """Refuse a district outside the agent's districts (DistrictOutOfScope, 422)."""
    if actor.districts is not None and code not in actor.districts:
        raise DistrictOutOfScope(
            f"区县 {code} 不在您的辖区（{'、'.join(actor.districts)}）内，请转对应区县受理",
            district_code=code,
        )


def check_same_district(found: str, named: str | None) -> None:
    """Refuse a location in another district than the one the agent named (422)."""
    if named is not None and found != named:
        raise InvalidInput(
            f"位置在区县 {found}，与填写的区县 {named} 不一致",
            field="district_code",
            located_district_code=found,
        )


def only_district(actor: wf.Actor) -> str | None:
    """Return the agent's district when the agent has exactly one, else None."""
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
    return match_address(session, q, actor, district_hint(session, district_code, actor), limit)
