"""The committed front-end files are true to their sources.

- `web/src/api/schema.d.ts` equals a fresh generation from the service's OpenAPI, so the console
  and the phone app cannot drift from the API;
- `app/static/console/` and `app/static/m/` equal a fresh build (`npm ci && npm run gen:api &&
  npm run build`) of a clean copy of `web/`, so the committed bundle is what the sources give;
- on the way, `npm run typecheck` (vue-tsc over both apps and the shared `src/`) must be clean,
  so a type error cannot hide behind a bundle that still builds (Vite does not type-check).

Both need Node.js/npm (skipped with the reason when `npm` is absent); the build test also needs
the npm registry or a warm npm cache for `npm ci`.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
NPM = shutil.which("npm")

pytestmark = [
    pytest.mark.skipif(NPM is None, reason="需要 Node.js 20+ 与 npm（apt-get install nodejs npm）"),
    pytest.mark.xdist_group("web-build"),
]


def _copy_tree(tmp: Path) -> Path:
    """A clean copy of the repository parts the front-end build reads and writes."""
    root = tmp / "repo"
    shutil.copytree(
        WEB, root / "web", ignore=shutil.ignore_patterns("node_modules", "dist", ".vite")
    )
    shutil.copytree(ROOT / "app", root / "app", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "openapi.py", root / "scripts" / "openapi.py")
    return root


def _run(cmd: list[str], cwd: Path, root: Path) -> None:
    venv_python = ROOT / ".venv" / "bin" / "python"
    env = {
        **os.environ,
        "XIUHUA_PYTHON": str(venv_python if venv_python.exists() else "python3"),
        "npm_config_audit": "false",
        "npm_config_fund": "false",
        "npm_config_update_notifier": "false",
    }
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (
        f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )


def _diff(a: Path, b: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on either side, or other bytes)."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    out = [f"only committed: {p}" for p in sorted(files_a - files_b)]
    out += [f"only built: {p}" for p in sorted(files_b - files_a)]
    out += [
        f"differs: {p}"
        for p in sorted(files_a & files_b)
        if not filecmp.cmp(a / p, b / p, shallow=False)
    ]
    return out


def test_committed_api_types_equal_a_fresh_generation(tmp_path: Path) -> None:
    """schema.d.ts is regenerated from create_app().openapi() and must be byte-identical."""
    root = _copy_tree(tmp_path)
    if (WEB / "node_modules").is_dir():
        (root / "web" / "node_modules").symlink_to(WEB / "node_modules")
    else:
        _run([str(NPM), "ci"], root / "web", root)
    # the copy's app/ is this checkout's app/ (the generator imports it from the copy's root)
    _run([str(NPM), "run", "gen:api"], root / "web", root)
    fresh = (root / "web" / "src" / "api" / "schema.d.ts").read_text(encoding="utf-8")
    committed = (WEB / "src" / "api" / "schema.d.ts").read_text(encoding="utf-8")
    assert fresh == committed, (
        "web/src/api/schema.d.ts 与服务的 OpenAPI 不一致：在 web/ 运行 npm run gen:api 并提交"
    )


def test_committed_bundle_equals_a_fresh_build(tmp_path: Path) -> None:
    """npm ci && npm run gen:api && npm run typecheck && npm run build in a clean copy: the types
    check and the build gives the committed app/static."""
    root = _copy_tree(tmp_path)
    web = root / "web"
    _run([str(NPM), "ci"], web, root)
    _run([str(NPM), "run", "gen:api"], web, root)
    _run([str(NPM), "run", "typecheck"], web, root)
    _run([str(NPM), "run", "build"], web, root)
    problems = []
    for app in ("console", "m"):
        problems += [
            f"{app}: {d}" for d in _diff(ROOT / "app/static" / app, root / "app/static" / app)
        ]
    assert not problems, (
        "app/static/ 与 web/ 源码的构建结果不一致：在 web/ 运行 npm ci && npm run build 并提交\n"
        + "\n".join(problems[:40])
    )
