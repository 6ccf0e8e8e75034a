"""Monthly assessment (月度考评): rankings of units and streets, frozen once published.

`ranking` computes each district's ranking for a month from the rollups (the unit or street
indicator table and its composite score), with the change since the previous month. `publish`
stores the ranking in `stats_assessment` (一月一考评、一月一通报); from then on the published
rows are what the month shows — later events (a case of that month closed late, a correction)
do not change them. When a recomputation differs from the published score it is shown beside
it as `corrected_score` (and `corrected_rank`), never silently replacing it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.core.errors import Conflict, InvalidInput
from app.stats.indicators import build_query, run_query
from app.stats.periods import Period, PeriodKind, next_month, previous_month
from app.stats.table import Column, StatsTable

KINDS: dict[str, tuple[str, str]] = {"unit": ("unit", "专业部门"), "street": ("street", "街道")}
FIGURES = (
    "cases",
    "filed",
    "closed",
    "open_overdue",
    "close_rate",
    "handle_on_time_rate",
    "rework_rate",
    "close_on_time_rate",
)
CORRECTION_TOLERANCE = 0.005  # scores are published to 2 decimals


class AlreadyPublished(Conflict):
    """The month's assessment of this kind is already published (it is frozen)."""

    code = "assessment_published"
    message = "该月考评已发布，不能重新发布"


class MonthNotEnded(InvalidInput):
    """Only a month that has ended can be published."""

    code = "month_not_ended"
    message = "该月尚未结束，不能发布考评"


def _kind(kind: str) -> tuple[str, str]:
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidInput(f"考评对象应为 unit（专业部门）或 street（街道）：{kind}", kind=kind)
    return spec


def month_period(first: date) -> Period:
    """Return the period of the month starting at `first`."""
    return Period(PeriodKind.month, first, next_month(first) - timedelta(days=1))


def _districts(session: Session, districts: Sequence[str] | None) -> list[str]:
    if districts is not None:
        return sorted(set(districts))
    return list(session.execute(text("SELECT code FROM grid_district ORDER BY code")).scalars())


def compute(
    session: Session, kind: str, month: date, district: str, now: datetime
) -> list[dict[str, Any]]:
    """Return the live ranking rows of one district for a month (score, rank, band, figures)."""
    scope, _ = _kind(kind)
    q = build_query(
        session,
        scope,
        month_period(month),
        districts=[district],
        now=now,
        order_by="score",
    )
    rows, _total = run_query(session, q)
    out = []
    for r in rows:
        out.append(
            {
                "district_code": district,
                "key": r["key"],
                "name": r["name"],
                "score": r["score"],
                "band": r["band"],
                "figures": {k: r.get(k) for k in FIGURES},
            }
        )
    if scope == "street":  # every street of the district, those without cases included
        listed = {r["key"] for r in out}
        for code, name in session.execute(
            text("SELECT code, name FROM grid_street WHERE district_code = :d ORDER BY code"),
            {"d": district},
        ).all():
            if code not in listed:
                out.append(
                    {
                        "district_code": district,
                        "key": code,
                        "name": name,
                        "score": None,
                        "band": None,
                        "figures": {k: 0 if k in _ZERO_COUNTS else None for k in FIGURES},
                    }
                )
    _rank(out)
    return out


_ZERO_COUNTS = frozenset({"cases", "filed", "closed", "open_overdue"})


def _rank(rows: list[dict[str, Any]]) -> None:
    """Competition ranking by score (1, 2, 2, 4); no score, no rank.

    Rows are put in ranking order: score high to low, equal scores (the same rank) by code,
    rows without a score last, by code (docs/STATS.md).
    """
    scores = sorted((r["score"] for r in rows if r["score"] is not None), reverse=True)
    for r in rows:
        r["rank"] = None if r["score"] is None else 1 + sum(1 for s in scores if s > r["score"])
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["key"]))


def _published(session: Session, kind: str, month: date, district: str) -> list[dict[str, Any]]:
    rows = session.execute(
        text(
            "SELECT scope_key, name, score, rank, band, figures, published_at"
            " FROM stats_assessment WHERE month = :m AND kind = :k AND district_code = :d"
        ),
        {"m": month, "k": kind, "d": district},
    ).all()
    return [
        {
            "district_code": district,
            "key": r.scope_key,
            "name": r.name,
            "score": float(r.score) if r.score is not None else None,
            "rank": r.rank,
            "band": r.band,
            "figures": r.figures,
            "published_at": r.published_at,
        }
        for r in rows
    ]


def _month_rows(
    session: Session, kind: str, month: date, district: str, now: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
    """(live rows, published rows or None)."""
    published = _published(session, kind, month, district)
    return compute(session, kind, month, district, now), (published or None)


def ranking(
    session: Session,
    kind: str,
    month: date,
    *,
    districts: Sequence[str] | None = None,
    now: datetime,
) -> StatsTable:
    """Return the month's ranking (published rows if published, else live), per district."""
    _, label = _kind(kind)
    month = month.replace(day=1)
    prev_month = previous_month(month)
    rows: list[dict[str, Any]] = []
    any_published = False
    for d in _districts(session, districts):
        live, published = _month_rows(session, kind, month, d, now)
        prev_live, prev_pub = _month_rows(session, kind, prev_month, d, now)
        prev = {r["key"]: r for r in (prev_pub or prev_live)}
        live_by_key = {r["key"]: r for r in live}
        shown = published if published is not None else live
        any_published = any_published or published is not None
        for r in shown:
            p = prev.get(r["key"])
            cur = live_by_key.get(r["key"])
            corrected = None
            corrected_rank = None
            if published is not None:
                now_score = cur["score"] if cur else None
                if (now_score is None) != (r["score"] is None) or (
                    now_score is not None
                    and r["score"] is not None
                    and abs(now_score - r["score"]) > CORRECTION_TOLERANCE
                ):
                    corrected = now_score
                    corrected_rank = cur["rank"] if cur else None
            rows.append(
                {
                    "district_code": d,
                    "key": r["key"],
                    "name": r["name"],
                    "rank": r["rank"],
                    "score": r["score"],
                    "band": r["band"],
                    "prev_rank": p["rank"] if p else None,
                    "prev_score": p["score"] if p else None,
                    "score_change": (
                        round(r["score"] - p["score"], 2)
                        if p and r["score"] is not None and p["score"] is not None
                        else None
                    ),
                    "rank_change": (
                        p["rank"] - r["rank"]
                        if p and r["rank"] is not None and p["rank"] is not None
                        else None
                    ),
                    "published": published is not None,
                    "corrected_score": corrected,
                    "corrected_rank": corrected_rank,
                    **{k: r["figures"].get(k) for k in FIGURES},
                }
            )
    rows.sort(key=lambda r: (r["district_code"], r["rank"] is None, r["rank"] or 0, r["key"]))
    columns = (
        Column("district_code", "区县代码"),
        Column("key", "单位 ID" if kind == "unit" else "街道代码"),
        Column("name", "名称"),
        Column("rank", "名次", "int"),
        Column("score", "综合得分", "score"),
        Column("band", "等次"),
        Column("prev_rank", "上月名次", "int"),
        Column("prev_score", "上月得分", "score"),
        Column("score_change", "得分变化", "score"),
        Column("rank_change", "名次变化（正数为上升）", "int"),
        Column("published", "已发布"),
        Column("corrected_score", "更正后得分（与已发布不同）", "score"),
        Column("corrected_rank", "更正后名次", "int"),
        Column("cases", "上报数", "int"),
        Column("filed", "立案数", "int"),
        Column("closed", "结案数", "int"),
        Column("open_overdue", "超期在办数", "int"),
        Column("close_rate", "结案率", "rate"),
        Column("handle_on_time_rate", "按期处置率（含超期在办）", "rate"),
        Column("rework_rate", "返工率", "rate"),
        Column("close_on_time_rate", "按期结案率（含超期在办）", "rate"),
    )
    return StatsTable(
        title=f"{month.year}年{month.month}月 {label}月度考评排名",
        columns=columns,
        rows=rows,
        meta={
            "kind": kind,
            "month": month.isoformat()[:7],
            "previous_month": prev_month.isoformat()[:7],
            "published": any_published,
            "now": now.isoformat(),
            "note": "已发布的月份显示发布时的得分与名次（冻结）；之后的事件使重算结果不同时，"
            "在“更正后得分”中列出。",
        },
    )


def publish(
    session: Session,
    kind: str,
    month: date,
    *,
    districts: Sequence[str] | None = None,
    now: datetime,
    user_id: int | None = None,
) -> StatsTable:
    """Freeze and store the month's ranking (per district); raise if published or not ended."""
    _kind(kind)
    month = month.replace(day=1)
    tz = ZoneInfo(get_settings().calendar_timezone)
    if next_month(month) > now.astimezone(tz).date():
        raise MonthNotEnded(
            f"{month.year}年{month.month}月尚未结束，不能发布", month=month.isoformat()[:7]
        )
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext('stats_assessment_publish'))"))
    targets = _districts(session, districts)
    done = (
        session.execute(
            text(
                "SELECT DISTINCT district_code FROM stats_assessment"
                " WHERE month = :m AND kind = :k AND district_code = ANY(:ds)"
            ),
            {"m": month, "k": kind, "ds": targets},
        )
        .scalars()
        .all()
    )
    if done:
        raise AlreadyPublished(
            f"{month.year}年{month.month}月的考评已发布（区县 {'、'.join(done)}），已冻结",
            month=month.isoformat()[:7],
            kind=kind,
            districts=list(done),
        )
    for d in targets:
        rows = compute(session, kind, month, d, now)
        if not rows:
            continue
        session.execute(
            text(
                "INSERT INTO stats_assessment (month, kind, district_code, scope_key, name, score,"
                " rank, band, figures, published_at, published_by)"
                " VALUES (:m, :k, :d, :key, :name, :score, :rank, :band, CAST(:fig AS jsonb),"
                " :at, :by)"
            ),
            [
                {
                    "m": month,
                    "k": kind,
                    "d": d,
                    "key": r["key"],
                    "name": r["name"] or r["key"],
                    "score": r["score"],
                    "rank": r["rank"],
                    "band": r["band"],
                    "fig": json.dumps(r["figures"]),
                    "at": now,
                    "by": user_id,
                }
                for r in rows
            ],
        )
    return ranking(session, kind, month, districts=districts, now=now)
