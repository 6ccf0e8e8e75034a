"""Write the service's OpenAPI document as JSON (no server, no database needed).

    python scripts/openapi.py [OUT]      # default: standard output

The front end generates its API types from this file (web/: `npm run gen:api`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Dump `create_app().openapi()`, keys in a stable order."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from app.main import create_app

    text = json.dumps(create_app().openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if len(argv) > 1:
        Path(argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
