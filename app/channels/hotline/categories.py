"""Category suggestion from a caller's words: category names and the keyword table (同义词)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.catalogue import list_categories
from app.cases.models import (
    HotlineKeyword,
)
from app.core.config import get_settings
from app.core.errors import (
    InvalidInput,
)

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
