"""Personal information: encryption round trip, blind index, masking, log redaction."""

from __future__ import annotations

import pytest

from app import pii
from app.errors import InvalidInput
from app.logging import redact


def test_encrypt_round_trip_and_fresh_iv() -> None:
    a, b = pii.encrypt("13812345678"), pii.encrypt("13812345678")
    assert a != b and "13812345678" not in a
    assert pii.decrypt(a) == pii.decrypt(b) == "13812345678"


@pytest.mark.parametrize(
    "raw", ["13812345678", "+86 138-1234-5678", "0086 13812345678", "138 1234 5678"]
)
def test_phone_index_is_stable_across_formats(raw: str) -> None:
    assert pii.phone_index(raw) == pii.phone_index("13812345678")
    assert pii.phone_index("13812345679") != pii.phone_index("13812345678")


def test_bad_phone_is_refused() -> None:
    with pytest.raises(InvalidInput):
        pii.normalize_phone("abc")


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("0533-2812345", "053****2345"),
        ("2812345", "28***45"),
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert pii.mask_phone(pii.normalize_phone(raw)) == masked


def test_mask_name() -> None:
    assert pii.mask_name("张三") == "张*"
    assert pii.mask_name("欧阳娜娜") == "欧阳**"


def test_log_redaction() -> None:
    line = '{"event": "x", "q": "caller 13812345678 and +86 139-8765-4321, office 0533-2812345"}'
    out = redact(line)
    assert "13812345678" not in out and "8765" not in out and "2812345" not in out
    assert "138****5678" in out and "139****4321" in out
    assert "370303001001001" in redact("cell 370303001001001")  # codes are not phone numbers
