"""Personal information: encryption round trip, blind index, masking, log redaction."""

from __future__ import annotations

import io
import logging

import pytest
from uvicorn.logging import AccessFormatter

from app.core import pii
from app.core.errors import InvalidInput
from app.core.logging import configure_logging, redact


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


KEY = "xh_1a2b3c4d_Zq8-vYl3_Wm0pQ7sR2tU5xA9cE4gI6kN1oB"
QUERY = (
    f"/open311/v2/servicerequestupdates.xml?api_key={KEY}&start_date=2026-11-21"
    "&email=li.lei%40example.org&phone=139%200731%209264&first_name=Lei&deviceid=fms-7&page=2"
)


def test_log_redaction_of_api_keys_and_query_parameters() -> None:
    out = redact(QUERY)
    assert out == (
        "/open311/v2/servicerequestupdates.xml?api_key=xh_1a2b3c4d_****&start_date=2026-11-21"
        "&email=****&phone=****&first_name=****&deviceid=****&page=2"
    )
    assert redact(f"key {KEY} used") == "key xh_1a2b3c4d_**** used"  # anywhere, prefix kept
    assert redact("?api_key=wrong-key&x=1") == "?api_key=****&x=1"  # a wrong key is close to one
    assert redact("/api/v1/geocode?address=金城路5号&limit=3") == (
        "/api/v1/geocode?address=金城路5号&limit=3"
    )
    assert redact(redact(QUERY)) == redact(QUERY)


def test_uvicorn_access_log_is_redacted() -> None:
    """uvicorn's access logger does not propagate to the root handlers: it is filtered itself,
    and keeps the five arguments its formatter unpacks."""
    configure_logging("INFO", json=True)
    logger = logging.getLogger("uvicorn.access")
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s'))
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # as uvicorn configures it
    try:  # exactly what uvicorn's h11/httptools protocols log for every request
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", QUERY, "1.1", 200)
        logger.info(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/x?q=13907319264", "1.1", 404
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    lines = out.getvalue().splitlines()
    assert lines == [
        f'127.0.0.1:5000 - "GET {redact(QUERY)} HTTP/1.1" 200 OK',
        '127.0.0.1:5000 - "GET /x?q=139****9264 HTTP/1.1" 404 Not Found',
    ]
