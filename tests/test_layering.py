"""The house rule: extractor imports nothing of ours; checkers only extractor; nothing imports service;
the API client imports nothing of ours (a portal installs or copies it without the server)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"extractor": {"extractor"}, "checkers": {"checkers", "extractor"},
           "service": {"service", "checkers", "extractor"}, "samples": {"samples", "extractor", "checkers"},
           "clustercheck_client": {"clustercheck_client"}}
OURS = set(ALLOWED)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out & OURS


def test_packages_import_only_what_they_may() -> None:
    bad = []
    for pkg, allowed in ALLOWED.items():
        for path in (ROOT / pkg).rglob("*.py"):
            for imp in _imports(path) - allowed:
                bad.append(f"{path.relative_to(ROOT)} imports {imp}")
    assert not bad, "\n".join(bad)
