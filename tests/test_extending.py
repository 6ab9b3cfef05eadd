"""docs/extending.md's examples run as written: an export format, an importer and a
geocoding layer added through the registries, each used like our own."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from story_helpers import ROOT

import storymap.export as exports
import storymap.importers.formats as imports

DOC = ROOT / "docs" / "extending.md"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture
def registries() -> Iterator[None]:
    """The registries as they were, after the examples have added to them (in place: the
    modules that imported them hold the same dicts)."""
    kept = [(registry, dict(registry)) for registry in (exports.FORMATS, imports.FORMATS)]
    yield
    for registry, before in kept:
        registry.clear()
        registry.update(before)


def test_the_guide_has_its_three_examples():
    assert len(blocks()) == 3


@pytest.mark.parametrize("n", range(3), ids=["export", "importer", "geocoding layer"])
def test_each_example_runs(n, registries, monkeypatch):
    monkeypatch.chdir(ROOT)
    exec(compile(blocks()[n], f"{DOC}:block{n + 1}", "exec"), {"__name__": "example"})


def test_a_name_taken_is_refused(registries):
    with pytest.raises(ValueError, match="an export format named 'html' exists already"):
        exports.register(exports.FORMATS["html"])
    with pytest.raises(ValueError, match="an import format named 'geojson' exists already"):
        imports.register(imports.FORMATS["geojson"])
