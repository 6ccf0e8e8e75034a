"""Check API answers against the OpenAPI document: the documented 2xx schema of the operation."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema


class AnswerSchemas:
    """The 2xx JSON schemas of an app's operations, matched to request paths."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.components = document.get("components", {})
        self.routes: list[tuple[re.Pattern[str], str, dict[str, Any]]] = []
        for path, ops in document["paths"].items():
            pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
            for method, op in ops.items():
                self.routes.append((pattern, method.upper(), op))
        # literal paths before templated ones (/tickets/search before /tickets/{case_id})
        self.routes.sort(key=lambda r: r[0].pattern.count("[^/]+"))

    def problems(self, method: str, path: str, status: int, media: str, body: bytes) -> str | None:
        """Return why an answer does not match its documented schema (None when it does)."""
        if not 200 <= status < 300 or "json" not in media:
            return None
        for pattern, m, op in self.routes:
            if m == method and pattern.match(path):
                answer = op.get("responses", {}).get(str(status))
                if answer is None:
                    return f"{method} {path}: status {status} is not documented"
                content = answer.get("content", {})
                schema = (content.get(media.split(";")[0].strip()) or {}).get("schema")
                if schema is None:
                    return None
                try:
                    jsonschema.validate(
                        json.loads(body),
                        {**schema, "components": self.components},
                        cls=jsonschema.Draft202012Validator,
                    )
                except jsonschema.ValidationError as exc:
                    return f"{method} {path} {status}: {exc.message} at {list(exc.absolute_path)}"
                return None
        return None
