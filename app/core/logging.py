"""Structured logging with structlog: JSON lines in production, readable lines in a terminal."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

# Mainland mobile numbers (optionally +86), and landlines with an area code: never logged.
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?\d{3,4}(\d{4})(?!\d)")
# API keys (xh_<prefix>_<secret>, app.identity): the prefix names the key, the secret is masked.
_API_KEY = re.compile(r"\b(xh_[0-9a-f]{8}_)[A-Za-z0-9_-]{8,}")
# Query-string parameters holding a secret or personal data, in any encoding. Open311 takes its
# parameters from the query string too, and FixMyStreet polls servicerequestupdates with
# ?api_key=…: uvicorn's access log writes the whole query string.
_SECRET_PARAM = re.compile(
    r"(?<![A-Za-z0-9_%])(api_key|email|phone|first_name|last_name|device_?id)=([^&\s\"']+)",
    re.IGNORECASE,
)
MASK = "****"
UVICORN_LOGGERS = ("uvicorn.access", "uvicorn.error")


def _mask_param(m: re.Match[str]) -> str:
    value = m.group(2)
    return f"{m.group(1)}={value if value.endswith(MASK) else MASK}"  # an API key keeps its prefix


def redact(text: str) -> str:
    """Return `text` with phone numbers, API keys and sensitive query parameters masked.

    Phone numbers keep their ends (138****5678), API keys their prefix (xh_1a2b3c4d_****), and
    `api_key=`, `email=`, `phone=`, `first_name=`, `last_name=`, `device_id=` lose their value:
    a last line of defence for logs.
    """
    text = _SECRET_PARAM.sub(_mask_param, _API_KEY.sub(rf"\1{MASK}", text))
    return _LANDLINE.sub(r"\1****\2", _PHONE.sub(r"\1****\2", text))


def _redact_event(
    _logger: Any, _method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key, value in event.items():
        if isinstance(value, str):
            event[key] = redact(value)
    return event


class _RedactingFilter(logging.Filter):
    """Redact a log record before any handler formats it.

    With `keep_args`, each string argument is masked instead of being merged into the message,
    for formatters that unpack the arguments (uvicorn's access log needs its five).
    """

    def __init__(self, keep_args: bool = False) -> None:
        super().__init__()
        self.keep_args = keep_args

    def filter(self, record: logging.LogRecord) -> bool:
        if self.keep_args and isinstance(record.args, tuple):
            record.msg = redact(str(record.msg))
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        else:
            record.msg = redact(record.getMessage())
            record.args = ()
        return True


def configure_logging(level: str = "INFO", json: bool = True) -> None:
    """Configure structlog and the standard library logging once per process."""
    processors: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact_event,
    ]
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[*processors, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
        ),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    logging.basicConfig(level=level.upper(), stream=sys.stderr, format="%(message)s")
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _RedactingFilter) for f in handler.filters):
            handler.addFilter(_RedactingFilter())
    # uvicorn's loggers have handlers of their own and do not propagate to the root: its access
    # log (every path with its query string) and its error log are redacted where they log.
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactingFilter) for f in logger.filters):
            logger.addFilter(_RedactingFilter(keep_args=True))


def get_logger(name: str) -> structlog.typing.FilteringBoundLogger:
    """Return a bound structured logger."""
    return structlog.get_logger(name)  # type: ignore[no-any-return]
