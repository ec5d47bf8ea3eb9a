"""The house rules of imports.

- extractor imports nothing of ours; checkers only extractor; nothing imports service.
- service goes through the front doors: `extractor` and `checkers` themselves (their __init__), and
  `checkers.findings`, the report's contract — the models the CLI, the API schemas and the workbooks
  serialise, which the API extends (checkers re-exports them too). Nothing else: a module behind a
  front door can move without the service noticing.
- no import loop inside a package: a module that needs one it is needed by is two modules that
  belong together, or one that knows too much (every import counts, also those made inside a
  function or only for type checking).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"extractor": {"extractor"}, "checkers": {"checkers", "extractor"},
           "service": {"service", "checkers", "extractor"}, "samples": {"samples", "extractor", "checkers"}}
OURS = set(ALLOWED)
FRONT_DOORS = {"extractor": {"extractor"}, "checkers": {"checkers", "checkers.findings"}}
NO_LOOPS = ["checkers", "extractor", "service/jobs", "service/audit"]


def _imported_modules(path: Path) -> set[str]:
    """Every module an import statement names, with `from a import b` counted as a.b when b is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def _imported_from(path: Path) -> set[str]:
    """The modules names are taken from: `from checkers import check` takes from checkers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_packages_import_only_what_they_may() -> None:
    bad = []
    for pkg, allowed in ALLOWED.items():
        for path in (ROOT / pkg).rglob("*.py"):
            for imp in {m.split(".")[0] for m in _imported_modules(path)} & OURS - allowed:
                bad.append(f"{path.relative_to(ROOT)} imports {imp}")
    assert not bad, "\n".join(bad)


def test_service_uses_only_the_front_doors() -> None:
    modules = {_module_name(p) for pkg in FRONT_DOORS for p in (ROOT / pkg).rglob("*.py")}
    bad = []
    for path in (ROOT / "service").rglob("*.py"):
        for imp in _imported_from(path) & modules:
            if imp not in FRONT_DOORS[imp.split(".")[0]]:
                bad.append(f"{path.relative_to(ROOT)} imports {imp}")
    assert not bad, "\n".join(sorted(bad))


def _graph(package: str) -> dict[str, set[str]]:
    files = {_module_name(p): p for p in (ROOT / package).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        named = _imported_modules(path) & set(files)
        # `from pkg import mod` names pkg.mod, not pkg: only the most specific module named counts
        graph[name] = {m for m in named if not any(o.startswith(m + ".") for o in named)} - {name}
    return graph


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                loops.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return loops


@pytest.mark.parametrize("package", NO_LOOPS)
def test_no_import_loop_inside(package: str) -> None:
    assert _loops(_graph(package)) == []


def test_the_loop_finder_finds_a_loop() -> None:
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
