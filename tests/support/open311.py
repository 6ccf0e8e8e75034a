"""Open311 test helpers: the published JSON Schemas, a FixMyStreet-style XML reader, API keys.

- `validate(kind, data)` checks a JSON answer against the Open311 project's schemas (copied into
  tests/data/open311/; the list schemas' `$ref`s resolve to the item schemas in that folder)
  with format checking (date-time, uri).
- `fms_xml(body)` reads XML the way FixMyStreet's Open311 client does (XML::Simple with
  ForceArray on service, attribute, value, request, error, request_update, group; the group tags
  services/attributes/values/service_requests/errors/service_request_updates collapse to their
  item lists; empty elements become None; the root element is dropped).
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from jsonschema import Draft4Validator
from PIL import Image
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.identity.service import create_api_key

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "open311"
BASE = "/open311/v2"
INSIDE = (118.0458, 36.8132)  # lon, lat inside the 张店区 demo city
INSIDE_2 = (118.0555, 36.8040)
OUTSIDE = (116.4074, 39.9042)  # Beijing
XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
REQUEST_KEYS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def _registry() -> Registry:
    resources = [
        (p.resolve().as_uri(), Resource.from_contents(json.loads(p.read_text()), DRAFT4))
        for p in SCHEMA_DIR.glob("*.json")
    ]
    return Registry().with_resources(resources)


_REGISTRY = _registry()


def validate(schema_file: str, data: Any) -> None:
    """Validate `data` against one of the published schemas (e.g. `requests.json`)."""
    uri = (SCHEMA_DIR / schema_file).resolve().as_uri()
    validator = Draft4Validator(
        {"$ref": uri}, registry=_REGISTRY, format_checker=Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


FORCE_ARRAY = {"service", "attribute", "value", "request", "error", "request_update", "group"}
GROUP_TAGS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "service_request_updates": "request_update",
}


def _simple(el: ET.Element, is_root: bool = False) -> Any:
    children = list(el)
    if not children and not el.attrib:
        return None if el.text is None or not el.text.strip() else el.text
    out: dict[str, Any] = dict(el.attrib)
    for child in children:
        value = _simple(child)
        if child.tag in FORCE_ARRAY:
            out.setdefault(child.tag, []).append(value)
        elif child.tag in out:  # a repeated element becomes a list, as XML::Simple does
            prev = out[child.tag]
            out[child.tag] = [*(prev if isinstance(prev, list) else [prev]), value]
        else:
            out[child.tag] = value
    group = GROUP_TAGS.get(el.tag)
    if group and not is_root and set(out) == {group}:
        return out[group]
    return out


def fms_xml(body: bytes) -> Any:
    """Parse an Open311 XML answer as FixMyStreet does (see the module docstring)."""
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>'), body[:60]
    root = ET.fromstring(body)
    assert root.tag and "}" not in root.tag, "no XML namespace"
    return _simple(root, is_root=True)


def new_key(session: Session, name: str = "fms", rate: int | None = None) -> str:
    """Create an Open311 API key in the test transaction; return the raw key."""
    _, raw = create_api_key(session, name, ["open311"], now(), rate)
    session.flush()
    return raw


def jpeg() -> bytes:
    """Return a small real JPEG."""
    buf = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 90, 40)).save(buf, "JPEG")
    return buf.getvalue()


def case_row(session: Session, case_no: str) -> Any:
    """Return the dispatch_case row of a case number."""
    return session.execute(
        text("SELECT * FROM dispatch_case WHERE case_no = :n"), {"n": case_no}
    ).one()


def address_code(db: Session | Connection, full_text: str) -> str:
    """The code (Open311 `address_id`) of the one standard address with this full text."""
    code = db.execute(
        text("SELECT code FROM grid_address WHERE full_text = :t"), {"t": full_text}
    ).scalar_one()
    assert code, full_text
    return str(code)


def assert_datetime(value: str) -> datetime:
    """Check an Open311 date-time: ISO-8601, with a zone, no fractional seconds."""
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None and "." not in value, value
    assert value.endswith("+08:00"), value
    return parsed


def check_error(r: Any, status: int, fmt: str) -> str:
    """Check an Open311 error answer in either format; return its description."""
    assert r.status_code == status, (r.status_code, r.text)
    if fmt == "json":
        assert r.headers["content-type"] == JSON_TYPE
        body = r.json()
        assert isinstance(body, list) and len(body) == 1, body
        assert body[0]["code"] == status and isinstance(body[0]["code"], int)
        assert isinstance(body[0]["description"], str) and body[0]["description"]
        return str(body[0]["description"])
    assert r.headers["content-type"] == XML_TYPE
    parsed = fms_xml(r.content)
    assert parsed["error"][0]["code"] == str(status), parsed
    assert parsed["error"][0]["description"], parsed
    return str(parsed["error"][0]["description"])
