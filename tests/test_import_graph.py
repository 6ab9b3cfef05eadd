"""storymap's modules import each other without cycles, even through lazy imports.

A cycle hidden by an import inside a function (as ``gazetteer`` <-> ``geocoding``
once was) works until someone moves the import; this test reads every module's
imports with ``ast`` and asks ``graphlib`` for an order, which fails on any cycle.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest
from story_helpers import ROOT

PACKAGE = ROOT / "storymap"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(body: list[ast.stmt], lazy: bool) -> list[ast.Import | ast.ImportFrom]:
    """The import statements run when the module is imported (and, if ``lazy``, in its functions)."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and _is_type_checking(node):
            continue  # never runs
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if lazy:
                found += [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                found += _imports(getattr(node, field, []) or [], lazy)
    return found


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The storymap modules an import statement loads."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in MODULES}
    if node.level:  # relative: from . import x, from ..y import z
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    targets = {f"{base}.{alias.name}" for alias in node.names} & set(MODULES)
    return targets or ({base} & set(MODULES))


def import_graph(lazy: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[module] = {t for node in _imports(tree.body, lazy) for t in _targets(module, node)}
        graph[module].discard(module)
    return graph


def test_the_graph_sees_the_known_imports():
    graph = import_graph(lazy=False)
    assert "storymap.geocoding.base" in graph["storymap.geocoding.gazetteer"]
    assert "storymap.story_yaml" in graph["storymap.loading"]
    assert "storymap.geocoding.online" in import_graph(lazy=True)["storymap.cli"]


# Lazy imports that close a cycle, known and waiting for a fix: Story's validator imports
# the checks that walk Story's own models. Remove an entry when its cycle is gone.
KNOWN_LAZY_CYCLES: set[tuple[str, str]] = set()


@pytest.mark.parametrize("lazy", [False, True], ids=["module-level", "with-lazy-imports"])
def test_no_import_cycles(lazy):
    graph = import_graph(lazy)
    for module, target in KNOWN_LAZY_CYCLES if lazy else ():
        graph[module].discard(target)
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")
    assert set(order) == set(MODULES)


def test_the_known_lazy_cycles_are_still_there():
    """So that fixing one also removes it from KNOWN_LAZY_CYCLES."""
    graph = import_graph(lazy=True)
    assert all(target in graph[module] for module, target in KNOWN_LAZY_CYCLES)
