"""The OpenAPI document describes every answer, in Chinese.

- every JSON operation has a 2xx response with a schema that is not empty `{}` (streams, files,
  vector tiles, CSV/XLSX exports and Open311's XML/JSON documents are not JSON models: their
  text says what they send, and they are listed here by path);
- no operation's summary or description is English-only (the roles line added from `Allow(...)`
  does not count).
"""

from __future__ import annotations

import re
from typing import Any

from app.main import create_app

# Operations whose body is not one JSON model: streams, files, tiles, exports, Open311 documents.
NOT_JSON_MODELS = {
    ("get", "/api/v1/live/events"),
    ("get", "/api/v1/tiles/grid/{z}/{x}/{y}.mvt"),
    ("get", "/api/v1/stats/tiles/hotspot/{z}/{x}/{y}.mvt"),
    ("get", "/api/v1/attachments/{attachment_id}"),
    ("get", "/api/v1/attachments/{attachment_id}/thumbnail"),
    ("get", "/api/v1/exports/cases.{fmt}"),
    ("post", "/api/v1/exports/table.{fmt}"),
    ("get", "/api/v1/exchange/cases.jsonl"),
}
OPEN311_PREFIX = "/open311/"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ROLES_LINE = re.compile(r"\*\*(可调用角色|公开接口)[^*]*\*\*")


def _document() -> dict[str, Any]:
    return create_app().openapi()


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, ops in _document()["paths"].items()
        for method, op in ops.items()
    ]


def test_every_json_operation_has_a_response_schema() -> None:
    missing = []
    for method, path, op in _operations():
        if (method, path) in NOT_JSON_MODELS or path.startswith(OPEN311_PREFIX):
            continue
        ok = False
        for code, answer in op.get("responses", {}).items():
            if code == "204":
                ok = True
            if code.startswith("2"):
                for body in answer.get("content", {}).values():
                    schema = body.get("schema")
                    if schema and schema != {} and schema != {"type": "object"}:
                        ok = True
        if not ok:
            missing.append(f"{method.upper()} {path}")
    assert missing == [], "operations without a 2xx response schema:\n" + "\n".join(missing)


def test_the_exceptions_say_what_they_send() -> None:
    for method, path, op in _operations():
        if (method, path) in NOT_JSON_MODELS:
            assert _HAN.search(op.get("description") or op.get("summary") or ""), path


def test_no_operation_text_is_english_only() -> None:
    english = []
    for method, path, op in _operations():
        summary = op.get("summary") or ""
        if not _HAN.search(summary):
            english.append(f"{method.upper()} {path} summary: {summary}")
        text = _ROLES_LINE.sub("", op.get("description") or "")
        for paragraph in text.split("\n\n"):
            if paragraph.strip() and not _HAN.search(paragraph):
                english.append(f"{method.upper()} {path} description: {paragraph[:60]}")
    assert english == [], "\n".join(english)


def test_case_search_and_queue_pages_are_typed() -> None:
    doc = _document()
    ok = doc["paths"]["/api/v1/cases"]["get"]["responses"]["200"]["content"]
    ref = ok["application/json"]["schema"]["$ref"]
    page = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"items", "next_cursor", "as_of"} <= set(page["properties"])
    case = doc["paths"]["/api/v1/cases/{case_id}"]["get"]["responses"]["200"]["content"]
    assert case["application/json"]["schema"]["$ref"].endswith("/CaseRead")
