"""Address normalisation (pure)."""

from __future__ import annotations

import pytest

from app.grid.geocode import chinese_numeral, normalize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("三〇八", 308),
        ("两千零一", 2001),
        ("一千二百三十四", 1234),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_numeral(text) == value


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("人民西路十二号", "人民西路12号"),
        ("柳泉路 一百零五 号", "柳泉路105号"),
        ("Ｂ座 三〇八室", "b座308室"),
        ("华光路１２号（银座商城）", "华光路12号银座商城"),
        ("山东省，淄博市 张店区-共青团路2号", "山东省淄博市张店区共青团路2号"),
    ],
)
def test_normalize(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def test_numerals_in_names_are_kept() -> None:
    # 四宝山 is a name, not a house number
    assert normalize("四宝山街道") == "四宝山街道"
