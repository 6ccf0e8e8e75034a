"""Evaluation settings (评价参数): weights, score bands, thresholds — data, editable by admins.

Stored in `stats_setting` (one JSON value per key), seeded by the migration with the defaults
below (DOMAIN.md §6). A key without a row falls back to its default; `put_setting` validates a
new value before storing it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.errors import InvalidInput, NotFound

# Composite score components per scheme (component key → label). A component is a rate in
# 0..1; the score is 100 × Σ weight × component.
COMPONENTS: dict[str, dict[str, str]] = {
    "unit": {
        "filed_score": "立案数分值（立案数 ÷ 同期最多的单位）",
        "close_rate": "结案率",
        "handle_on_time_rate": "按期处置率（含超期在办）",
        "rework_free_rate": "1 − 返工率",
    },
    "street": {
        "close_rate": "结案率",
        "close_on_time_rate": "按期结案率（含超期在办）",
    },
    "inspector": {
        "valid_report_rate": "有效上报率",
        "miss_free_rate": "1 − 漏报率",
        "verify_on_time_rate": "按时核实率",
        "check_on_time_rate": "按时核查率",
    },
    "operator": {"intake_on_time_rate": "按时受理率"},
    "dispatcher": {
        "dispatch_on_time_rate": "按时派遣率",
        "dispatch_accuracy_rate": "准确派遣率",
    },
    "shift_leader": {
        "file_on_time_rate": "按时立案率",
        "file_accuracy_rate": "准确立案率",
        "closing_on_time_rate": "按时结案率",
    },
    "hotline": {
        "response_rate": "响应率",
        "resolve_rate": "解决率",
        "satisfaction_rate": "满意率",
    },
}

DEFAULTS: dict[str, Any] = {
    "unit_weights": {
        "filed_score": 0.10,
        "close_rate": 0.30,
        "handle_on_time_rate": 0.30,
        "rework_free_rate": 0.30,
    },
    "street_weights": {"close_rate": 0.50, "close_on_time_rate": 0.50},
    "inspector_weights": {
        "valid_report_rate": 0.40,
        "miss_free_rate": 0.20,
        "verify_on_time_rate": 0.20,
        "check_on_time_rate": 0.20,
    },
    "operator_weights": {"intake_on_time_rate": 1.0},
    "dispatcher_weights": {"dispatch_on_time_rate": 0.50, "dispatch_accuracy_rate": 0.50},
    "shift_leader_weights": {
        "file_on_time_rate": 0.40,
        "file_accuracy_rate": 0.30,
        "closing_on_time_rate": 0.30,
    },
    "hotline_weights": {"response_rate": 0.10, "resolve_rate": 0.50, "satisfaction_rate": 0.40},
    "score_bands": [
        {"min": 90, "label": "优秀"},
        {"min": 80, "label": "良好"},
        {"min": 60, "label": "合格"},
        {"min": 0, "label": "不合格"},
    ],
    "satisfaction": {"basically_satisfied_factor": 0.9},
    "repeat": {"min_cases": 3},
    "limits": {"max_days": 400, "max_rows": 10000},
}

LABELS: dict[str, str] = {
    "unit_weights": "专业部门综合评价权重",
    "street_weights": "街道（区域）综合评价权重",
    "inspector_weights": "监督员综合评价权重",
    "operator_weights": "受理员综合评价权重",
    "dispatcher_weights": "派遣员综合评价权重",
    "shift_leader_weights": "值班长综合评价权重",
    "hotline_weights": "12345 三率综合权重",
    "score_bands": "得分等次（分数下限 → 等次）",
    "satisfaction": "满意率：基本满意折算系数",
    "repeat": "重复发生点位：同一网格同一类别的最少案件数",
    "limits": "查询上限：统计期最长天数、每页最多行数",
}


class InvalidSetting(InvalidInput):
    """An evaluation setting value that cannot be used."""

    code = "invalid_setting"
    message = "评价参数不合法"


def _number(value: Any, name: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidSetting(f"{name} 应为数值", field=name)
    if not lo <= value <= hi:
        raise InvalidSetting(f"{name} 应在 {lo:g} 到 {hi:g} 之间", field=name, value=value)
    return float(value)


def validate(key: str, value: Any) -> Any:
    """Return `value` checked for `key`; raise InvalidSetting (422) when it cannot be used."""
    if key not in DEFAULTS:
        raise NotFound(f"没有评价参数“{key}”", key=key, known=sorted(DEFAULTS))
    if key.endswith("_weights"):
        scheme = key.removesuffix("_weights")
        if not isinstance(value, Mapping):
            raise InvalidSetting("权重应为对象：{指标: 权重}", key=key)
        unknown = sorted(set(value) - set(COMPONENTS[scheme]))
        if unknown:
            raise InvalidSetting(
                f"未知的指标：{'、'.join(unknown)}", key=key, known=sorted(COMPONENTS[scheme])
            )
        weights = {k: _number(v, k, 0, 1) for k, v in value.items()}
        if not math.isclose(sum(weights.values()), 1.0, abs_tol=1e-6):
            raise InvalidSetting(
                f"权重之和应为 1（现为 {sum(weights.values()):g}）", key=key, weights=weights
            )
        return {k: weights.get(k, 0.0) for k in COMPONENTS[scheme]}
    if key == "score_bands":
        if not isinstance(value, list) or not value:
            raise InvalidSetting("等次应为非空列表：[{min, label}, …]", key=key)
        bands = []
        for b in value:
            if not isinstance(b, Mapping) or not isinstance(b.get("label"), str) or not b["label"]:
                raise InvalidSetting("每个等次需要 min（分数下限）与 label（名称）", key=key)
            bands.append({"min": _number(b.get("min"), "min", 0, 100), "label": b["label"]})
        mins = [b["min"] for b in bands]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise InvalidSetting("等次的分数下限应从高到低、互不相同", key=key)
        return bands
    if key == "satisfaction":
        if not isinstance(value, Mapping) or set(value) != {"basically_satisfied_factor"}:
            raise InvalidSetting("应为 {basically_satisfied_factor: 系数}", key=key)
        f = _number(value["basically_satisfied_factor"], "basically_satisfied_factor", 0, 1)
        return {"basically_satisfied_factor": f}
    if key == "repeat":
        if not isinstance(value, Mapping) or set(value) != {"min_cases"}:
            raise InvalidSetting("应为 {min_cases: 次数}", key=key)
        n = _number(value["min_cases"], "min_cases", 2, 10_000)
        if n != int(n):
            raise InvalidSetting("min_cases 应为整数", key=key)
        return {"min_cases": int(n)}
    # limits
    if not isinstance(value, Mapping) or set(value) != {"max_days", "max_rows"}:
        raise InvalidSetting("应为 {max_days: 天数, max_rows: 行数}", key=key)
    days = _number(value["max_days"], "max_days", 1, 3660)
    rows = _number(value["max_rows"], "max_rows", 1, 1_000_000)
    if days != int(days) or rows != int(rows):
        raise InvalidSetting("max_days、max_rows 应为整数", key=key)
    return {"max_days": int(days), "max_rows": int(rows)}


def get_settings_map(session: Session) -> dict[str, Any]:
    """Return every setting (stored value, else the default)."""
    stored = {k: v for k, v in session.execute(text("SELECT key, value FROM stats_setting"))}
    return {k: stored.get(k, v) for k, v in DEFAULTS.items()}


def get_setting(session: Session, key: str) -> Any:
    """Return one setting (stored value, else the default); NotFound for an unknown key."""
    if key not in DEFAULTS:
        raise NotFound(f"没有评价参数“{key}”", key=key, known=sorted(DEFAULTS))
    value = session.execute(
        text("SELECT value FROM stats_setting WHERE key = :k"), {"k": key}
    ).scalar()
    return DEFAULTS[key] if value is None else value


def put_setting(
    session: Session, key: str, value: Any, now: datetime, user_id: int | None = None
) -> Any:
    """Validate and store a setting; return the stored value (never commits)."""
    clean = validate(key, value)
    session.execute(
        text(
            "INSERT INTO stats_setting (key, value, updated_at, updated_by)"
            " VALUES (:k, CAST(:v AS jsonb), :at, :by)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by"
        ),
        {"k": key, "v": json.dumps(clean, ensure_ascii=False), "at": now, "by": user_id},
    )
    return clean
