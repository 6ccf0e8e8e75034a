"""Standard addresses (标准地址): normalising Chinese address text, forward and reverse geocoding.

`accept` is the one acceptance rule for a geocoded address (minimum score, lead over the
runner-up, inside the grid); each channel passes its own thresholds (settings
`hotline_geocode_*`, `open311_geocode_*`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.core.db import POINT_SQL, transaction_from_here
from app.core.errors import InvalidInput, OutsideServiceArea
from app.grid.coords import TruePoint, to_wgs84
from app.grid.service import degrees_for, locate

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL_BEFORE = re.compile(
    r"([零〇一二两三四五六七八九十百千]+)(?=号|栋|幢|单元|楼|层|室|弄|巷|号院)"
)
_DROP = re.compile(r"[\s\-—–_,，.。、:：;；/\\()（）\[\]【】\"'“”‘’#＃]+")


def chinese_numeral(s: str) -> int:
    """Convert a Chinese numeral below 10,000 (e.g. 十二, 一百零五, 三〇八) to an int."""
    if all(ch in _DIGITS for ch in s):  # digit by digit: 三〇八 → 308
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current


def normalize(address: str) -> str:
    """Return the comparable form of an address: NFKC, no spaces/punctuation, Arabic numbers."""
    s = unicodedata.normalize("NFKC", address).strip().lower()
    s = _DROP.sub("", s)
    return _NUMERAL_BEFORE.sub(lambda m: str(chinese_numeral(m.group(1))), s)


@dataclass(frozen=True, slots=True)
class GeocodeCandidate:
    """One ranked candidate for a free-text address."""

    address_id: int
    full_text: str
    score: float
    lon: float
    lat: float
    district_code: str
    street_code: str | None


_FORWARD_SQL = text(
    """
SELECT a.id, a.full_text, a.district_code, a.street_code,
       ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat,
       GREATEST(word_similarity(:q, a.norm_text), similarity(:q, a.norm_text)) AS score
FROM grid_address a
WHERE (:q <% a.norm_text OR a.norm_text % :q)
  AND (CAST(:district AS varchar) IS NULL OR a.district_code = :district)
ORDER BY score DESC, length(a.norm_text), a.id
LIMIT :limit
"""
)


def geocode(
    session: Session, address: str, *, district_code: str | None = None, limit: int = 5
) -> list[GeocodeCandidate]:
    """Return up to `limit` standard addresses matching free text, best first (score 0..1)."""
    q = normalize(address)
    if len(q) < 2:
        raise InvalidInput("地址文本过短，至少需要两个字", address=address)
    settings = get_settings()
    threshold = settings.geocode_min_similarity
    # the thresholds are set for this transaction: the query below must run in the same one
    transaction_from_here(session)
    session.execute(
        text(
            "SELECT set_config('pg_trgm.word_similarity_threshold', :t, true),"
            " set_config('pg_trgm.similarity_threshold', :t, true)"
        ),
        {"t": str(max(threshold, 0.3))},
    )
    rows = session.execute(_FORWARD_SQL, {"q": q, "district": district_code, "limit": limit}).all()
    return [
        GeocodeCandidate(
            address_id=r.id,
            full_text=r.full_text,
            score=round(float(r.score), 3),
            lon=float(r.lon),
            lat=float(r.lat),
            district_code=r.district_code,
            street_code=r.street_code,
        )
        for r in rows
        if r.score >= threshold
    ]


class Acceptance(StrEnum):
    """Why a geocoded address was (not) used as the report's location."""

    accepted = "accepted"
    no_match = "no_match"  # no standard address resembles the text
    low_score = "low_score"  # the best one is not similar enough
    ambiguous = "ambiguous"  # the runner-up scores almost as well (金城路1号/2号/3号)
    outside_grid = "outside_grid"  # the address point lies outside every grid cell


@dataclass(frozen=True, slots=True)
class AcceptancePolicy:
    """A channel's thresholds (settings): minimum score, minimum lead over the runner-up."""

    min_score: float
    min_margin: float


@dataclass(frozen=True, slots=True)
class GeocodeDecision:
    """The outcome of the acceptance policy: the address used (or None) and why."""

    verdict: Acceptance
    pick: GeocodeCandidate | None
    best: GeocodeCandidate | None
    runner_up: GeocodeCandidate | None


def accept(
    session: Session, candidates: Sequence[GeocodeCandidate], policy: AcceptancePolicy
) -> GeocodeDecision:
    """Decide whether the best candidate is a usable location — the one acceptance rule.

    `candidates` are `geocode`'s answer (best first, at least two asked for, already limited to
    the caller's district where the channel has one). The best is used only when its score
    reaches `policy.min_score`, it leads the runner-up by `policy.min_margin` (several addresses
    scoring alike is no location) and its point lies inside a grid cell.
    """
    best = candidates[0] if candidates else None
    runner_up = candidates[1] if len(candidates) > 1 else None
    if best is None:
        return GeocodeDecision(Acceptance.no_match, None, None, None)
    if best.score < policy.min_score:
        return GeocodeDecision(Acceptance.low_score, None, best, runner_up)
    if best.score - (runner_up.score if runner_up else 0.0) < policy.min_margin:
        return GeocodeDecision(Acceptance.ambiguous, None, best, runner_up)
    try:
        locate(session, to_wgs84(best.lon, best.lat))
    except OutsideServiceArea:
        return GeocodeDecision(Acceptance.outside_grid, None, best, runner_up)
    return GeocodeDecision(Acceptance.accepted, best, best, runner_up)


@dataclass(frozen=True, slots=True)
class ReverseCandidate:
    """A standard address near a point."""

    address_id: int
    full_text: str
    distance_m: float
    lon: float
    lat: float


_REVERSE_SQL = text(
    f"""
WITH p AS (SELECT {POINT_SQL} AS g)
SELECT a.id, a.full_text, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat,
       ST_Distance(a.geom::geography, p.g::geography) AS dist
FROM grid_address a, p
WHERE a.geom && ST_Expand(p.g, CAST(:deg AS float8))
  AND ST_DWithin(a.geom::geography, p.g::geography, CAST(:radius AS float8))
ORDER BY dist, a.id
LIMIT :limit
"""
)


def reverse_geocode(
    session: Session, point: TruePoint, *, radius_m: float | None = None, limit: int = 1
) -> list[ReverseCandidate]:
    """Return the standard addresses within `radius_m` of `point`, nearest first."""
    radius = radius_m if radius_m is not None else get_settings().reverse_geocode_radius_m
    if not 0 < radius <= 5000:
        raise InvalidInput("搜索半径须在 0 到 5000 米之间", radius_m=radius)
    rows = session.execute(
        _REVERSE_SQL,
        {
            "lon": point.lon,
            "lat": point.lat,
            "deg": degrees_for(radius, point.lat),
            "radius": radius,
            "limit": limit,
        },
    ).all()
    return [
        ReverseCandidate(r.id, r.full_text, round(float(r.dist), 1), float(r.lon), float(r.lat))
        for r in rows
    ]
