"""Evaluation settings (评价参数) as the stats API shows and changes them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ScoreBand(BaseModel):
    """得分等次：分数下限与等次名称."""

    min: float = Field(description="分数下限")
    label: str = Field(description="等次名称，如 优秀")


class SatisfactionValue(BaseModel):
    """满意率参数."""

    basically_satisfied_factor: float = Field(description="基本满意折算系数（0–1）")


class RepeatValue(BaseModel):
    """重复发生点位参数."""

    min_cases: int = Field(description="同一网格同一类别的最少案件数")


class LimitsValue(BaseModel):
    """查询上限."""

    max_days: int = Field(description="统计期最长天数")
    max_rows: int = Field(description="每页最多行数")


class WeightsSetting(BaseModel):
    """综合评价权重：{指标: 权重}，权重之和为 1."""

    label: str = Field(description="参数中文名")
    value: dict[str, float] = Field(description="指标 → 权重")


class ScoreBandsSetting(BaseModel):
    """得分等次（分数下限从高到低）."""

    label: str = Field(description="参数中文名")
    value: list[ScoreBand] = Field(description="等次")


class SatisfactionSetting(BaseModel):
    """满意率：基本满意折算系数."""

    label: str = Field(description="参数中文名")
    value: SatisfactionValue


class RepeatSetting(BaseModel):
    """重复发生点位的最少案件数."""

    label: str = Field(description="参数中文名")
    value: RepeatValue


class LimitsSetting(BaseModel):
    """查询上限."""

    label: str = Field(description="参数中文名")
    value: LimitsValue


class StatsSettings(BaseModel):
    """全部评价参数及其中文名与取值."""

    unit_weights: WeightsSetting = Field(description="专业部门综合评价权重")
    street_weights: WeightsSetting = Field(description="街道（区域）综合评价权重")
    inspector_weights: WeightsSetting = Field(description="监督员综合评价权重")
    operator_weights: WeightsSetting = Field(description="受理员综合评价权重")
    dispatcher_weights: WeightsSetting = Field(description="派遣员综合评价权重")
    shift_leader_weights: WeightsSetting = Field(description="值班长综合评价权重")
    hotline_weights: WeightsSetting = Field(description="12345 三率综合权重")
    score_bands: ScoreBandsSetting = Field(description="得分等次")
    satisfaction: SatisfactionSetting = Field(description="满意率参数")
    repeat: RepeatSetting = Field(description="重复发生点位参数")
    limits: LimitsSetting = Field(description="查询上限")


class SettingChanged(BaseModel):
    """修改后的一个评价参数."""

    key: str = Field(description="参数名")
    value: SatisfactionValue | RepeatValue | LimitsValue | list[ScoreBand] | dict[str, float] = (
        Field(
            union_mode="left_to_right",
            description="保存的取值（已校验、规范化）；形状随参数而定",
        )
    )
