"""Personal information (个人信息): encryption at rest, a searchable blind index, masking.

Callers' phone numbers (12345 hotline, Open311 reporters) are stored encrypted with Fernet
(AES-128-CBC + HMAC-SHA256) under `XIUHUA_PII_KEY`, never in clear. A keyed HMAC of the
normalised number (`phone_index`) lets the service find repeat callers without decrypting.
Everything shown to a role that may not read the number uses `mask_phone` (138****5678).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from app.core.config import get_settings
from app.core.errors import InvalidInput, NotConfigured

_NON_DIGITS = re.compile(r"[^\d+]")


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    try:
        return Fernet(key.encode())
    except (ValueError, TypeError):
        raise NotConfigured(
            "XIUHUA_PII_KEY 不是有效的 Fernet 密钥（urlsafe base64 编码的 32 字节）",
            setting="XIUHUA_PII_KEY",
        ) from None


def _key() -> str:
    key = get_settings().pii_key
    if key is None:
        raise NotConfigured(
            "未配置个人信息加密密钥 XIUHUA_PII_KEY；`make run` 会在 .env 中生成",
            setting="XIUHUA_PII_KEY",
        )
    return key.get_secret_value()


def normalize_phone(raw: str) -> str:
    """Return the digits of a phone number (leading +86/0086 dropped); raise InvalidInput."""
    digits = _NON_DIGITS.sub("", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            digits = digits[len(prefix) :]
    if "+" in digits or not 5 <= len(digits) <= 15:
        raise InvalidInput("电话号码格式不正确", field="phone")
    return digits


def encrypt(value: str) -> str:
    """Encrypt a string with the deployment's PII key (a fresh random IV each time)."""
    return _fernet(_key()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """Decrypt a value encrypted by `encrypt` (raise NotConfigured if the key does not fit)."""
    try:
        return _fernet(_key()).decrypt(token.encode()).decode()
    except InvalidToken:
        raise NotConfigured(
            "个人信息无法解密：XIUHUA_PII_KEY 与加密时的密钥不一致", setting="XIUHUA_PII_KEY"
        ) from None


def phone_index(phone: str) -> str:
    """Return the blind index of a phone number: HMAC-SHA256 under a key derived from the PII key."""
    sub_key = hashlib.sha256(b"xiuhua-phone-index|" + _key().encode()).digest()
    return hmac.new(sub_key, normalize_phone(phone).encode(), hashlib.sha256).hexdigest()


def mask_phone(phone: str) -> str:
    """Return a phone number masked for display: 138****5678 (short numbers keep 2 + 2)."""
    digits = _NON_DIGITS.sub("", phone).lstrip("+")
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 7:
        return f"{digits[:2]}***{digits[-2:]}"
    return "*" * len(digits)


def mask_name(name: str) -> str:
    """Return a person's name masked for display: 张* / 欧阳** (the family name kept)."""
    name = name.strip()
    if not name:
        return ""
    keep = 2 if len(name) >= 4 else 1
    return name[:keep] + "*" * (len(name) - keep)


def new_key() -> str:
    """Return a new random Fernet key (for `.env`)."""
    return Fernet.generate_key().decode()


def is_valid_key(key: str) -> bool:
    """Return True when `key` is a usable Fernet key."""
    try:
        return len(base64.urlsafe_b64decode(key.encode())) == 32
    except (ValueError, TypeError):
        return False
