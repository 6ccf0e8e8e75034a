"""The OpenAPI document describes every answer, in Chinese.

- every JSON operation has a 2xx response with a schema that is not empty `{}` (streams, files,
  vector tiles, CSV/XLSX exports and Open311's XML/JSON documents are not JSON models: their
  text says what they send, and they are listed here by path);
- no 2xx JSON answer is a bare object (`dict[str, Any]`: "object" without properties, or a
  list of them): every answer is a model whose fields the document names (GeoJSON geometries
  and properties inside a modelled FeatureCollection are nested, not bare answers);
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


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def is_bare(schema: dict[str, Any], components: dict[str, Any]) -> bool:
    """True for an object without named properties (or a list / union holding one)."""
    schema = _resolve(schema, components)
    if any(is_bare(s, components) for s in schema.get("anyOf", []) + schema.get("oneOf", [])):
        return True
    if schema.get("type") == "array":
        return is_bare(schema.get("items", {}), components)
    if schema.get("type") == "object" and "properties" not in schema:
        values = schema.get("additionalProperties")
        # a typed map ({code: number}) names its values; `true` or `{}` names nothing
        return not (isinstance(values, dict) and values and not is_bare(values, components))
    return False


def bare_answers(document: dict[str, Any]) -> list[str]:
    components = document.get("components", {}).get("schemas", {})
    bare = []
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            for code, answer in op.get("responses", {}).items():
                if not code.startswith("2"):
                    continue
                for media, body in answer.get("content", {}).items():
                    schema = body.get("schema")
                    if "json" in media and schema and is_bare(schema, components):
                        bare.append(f"{method.upper()} {path} {code}")
    return bare


def test_no_json_answer_is_a_bare_object() -> None:
    bare = bare_answers(_document())
    assert bare == [], "2xx JSON answers typed only as dict[str, Any]:\n" + "\n".join(bare)


def test_the_bare_object_check_finds_them() -> None:
    untyped = {"type": "object", "additionalProperties": True}
    typed = {"$ref": "#/components/schemas/M"}
    document = {
        "components": {"schemas": {"M": {"type": "object", "properties": {"a": {}}}}},
        "paths": {
            "/a": {
                "get": {
                    "responses": {"200": {"content": {"application/json": {"schema": untyped}}}}
                }
            },
            "/b": {
                "get": {
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {"schema": {"type": "array", "items": untyped}}
                            }
                        }
                    }
                }
            },
            "/c": {
                "get": {"responses": {"200": {"content": {"application/json": {"schema": typed}}}}}
            },
            "/d": {
                "get": {
                    "responses": {
                        "201": {
                            "content": {
                                "application/json": {"schema": {"type": "array", "items": typed}}
                            }
                        }
                    }
                }
            },
            "/e": {
                "get": {
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "additionalProperties": {"type": "number"},
                                    }
                                }
                            }
                        }
                    }
                }
            },
            "/f": {
                "get": {
                    "responses": {"422": {"content": {"application/json": {"schema": untyped}}}}
                }
            },
        },
    }
    assert bare_answers(document) == ["GET /a 200", "GET /b 200"]


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
