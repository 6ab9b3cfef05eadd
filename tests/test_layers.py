"""The README's architecture table is the layers' contract: a module imports only the rows
its row says it "may import" (and what those may import in turn).

The table is read from the README itself, so the document and the code cannot drift: a
wrong import fails here, and so does a table that names a module that is not there.
"""

from __future__ import annotations

import re
from functools import cache

from story_helpers import ROOT
from test_import_graph import MODULES, import_graph

HEADER = "| module | what it owns | may import |"


@cache
def rows() -> list[tuple[set[str], list[str]]]:
    """Each row of the table: its storymap modules and the words of its "may import"."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2
    found = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        owned, _, allowed = (cell.strip() for cell in line.strip("|").split("|")[:3])
        found.append((_modules(re.findall(r"`([^`]+)`", owned)), _words(allowed)))
    return found


def _modules(names: list[str]) -> set[str]:
    """The modules a row's first cell names: a path, then names in the same folder."""
    if not names or not names[0].startswith("storymap/"):
        return set()  # storymap_ui, the pages: not the library
    folder = names[0].rsplit("/", 1)[0] if not names[0].endswith("/") else names[0][:-1]
    modules: set[str] = set()
    for name in names:
        path = name if "/" in name and name.startswith("storymap/") else f"{folder}/{name}"
        if path.endswith("/"):
            package = path[:-1].replace("/", ".")
            modules |= {m for m in MODULES if m == package or m.startswith(package + ".")}
        elif path.endswith(".py"):
            modules.add(path[:-3].replace("/", "."))
    return modules


def _words(cell: str) -> list[str]:
    return [word.strip() for word in cell.split(",") if word.strip()]


def _row_named(word: str) -> int | None:
    """The row a word of "may import" names (errors, located, geocoding, export...)."""
    for n, (modules, _) in enumerate(rows()):
        if any(m.split(".")[1] == word for m in modules if m.count(".") >= 1):
            return n
    return None


@cache
def allowed(n: int) -> frozenset[str]:
    modules, words = rows()[n]
    result = set(modules) | {"storymap"}
    for word in words:
        if word == "everything above":
            for above in range(n):
                result |= allowed(above)
        elif (row := _row_named(word)) is not None and row != n:
            result |= allowed(row)
    return frozenset(result)


def test_the_table_names_only_modules_that_exist_and_every_module_has_a_row():
    named = set().union(*(modules for modules, _ in rows()))
    assert named <= set(MODULES), sorted(named - set(MODULES))
    assert set(MODULES) - named - {"storymap", "storymap.__main__"} == set()


def test_every_import_is_one_its_row_allows():
    graph = import_graph(lazy=True)
    wrong = []
    for n, (modules, _) in enumerate(rows()):
        for module in sorted(modules):
            for target in sorted(graph[module] - allowed(n)):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_contract_can_fail():
    """A module of the lowest row may not import a higher one."""
    low = next(n for n, (modules, _) in enumerate(rows()) if "storymap.errors" in modules)
    assert "storymap.export" not in allowed(low)
    assert "storymap.errors" in allowed(low)
