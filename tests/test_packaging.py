"""What a packager reads: declared dependencies, extras, the licence, the credits.

Every library the code imports is declared in ``pyproject.toml`` (the core, or the extra
that ``storymap.extras`` names for it), ``requirements.txt`` (Streamlit Community Cloud's
file) lists the same requirements with the same ranges, and a part whose extra is missing
says which extra to install, in one line. The wheel itself is built and installed by
``tests/test_wheel.py``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from story_helpers import FIRST_STORY, ROOT

import storymap.extras
from storymap.cli import main
from storymap.extras import EXTRAS, require

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CODE = [ROOT / "streamlit_app.py", *ROOT.joinpath("pages").glob("*.py")] + [
    path for package in ("storymap", "storymap_ui") for path in ROOT.joinpath(package).rglob("*.py")
]


def requirements(lines: list[str]) -> dict[str, Requirement]:
    """Requirements by canonical name, leaving out the package's own extras (storymap[...])."""
    found = [Requirement(line) for line in lines]
    return {canonicalize_name(r.name): r for r in found if r.name != PYPROJECT["name"]}


CORE = requirements(PYPROJECT["dependencies"])
EXTRA_REQUIREMENTS = {
    extra: requirements(lines) for extra, lines in PYPROJECT["optional-dependencies"].items()
}


def imported_top_level_modules() -> set[str]:
    """Every third-party module the app and the library import, lazily or not."""
    modules = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"storymap", "storymap_ui", "__future__"}


@cache
def distributions_by_module() -> dict[str, list[str]]:
    return packages_distributions()  # reads every installed package's file list: once


def distribution(module: str) -> str:
    [name] = {canonicalize_name(d) for d in distributions_by_module()[module]}
    return name


def extra_of(module: str) -> str | None:
    """The smallest extra that ``storymap.extras`` says brings ``module``, if any."""
    extras = [name for name, (_, modules) in EXTRAS.items() if module in modules]
    return min(extras, key=lambda name: len(EXTRAS[name][1]), default=None)


def test_every_imported_library_is_declared_where_it_is_needed() -> None:
    undeclared = []
    for module in sorted(imported_top_level_modules()):
        if module == "pydantic_core":  # pydantic's own core, pinned by pydantic itself
            continue
        name, extra = distribution(module), extra_of(module)
        declared = EXTRA_REQUIREMENTS[extra] if extra else CORE
        if name not in declared:
            undeclared.append(f"{module} ({name}) in {extra or 'the core dependencies'}")
    assert not undeclared


def test_the_extras_module_and_pyproject_name_the_same_libraries() -> None:
    for extra, (_, modules) in EXTRAS.items():
        declared = set(EXTRA_REQUIREMENTS[extra])
        for included in requirements_included_by(extra):
            declared |= set(EXTRA_REQUIREMENTS[included])
        assert {distribution(m) for m in modules} == declared, extra


def requirements_included_by(extra: str) -> list[str]:
    """The extras ``extra`` pulls in as ``storymap[a,b]``."""
    lines = PYPROJECT["optional-dependencies"][extra]
    return [e for r in map(Requirement, lines) if r.name == PYPROJECT["name"] for e in r.extras]


def test_every_requirement_has_a_range_or_a_pin() -> None:
    everything = [*CORE.values(), *(r for e in EXTRA_REQUIREMENTS.values() for r in e.values())]
    loose = [str(r) for r in everything if not any(s.operator in ("<", "==") for s in r.specifier)]
    assert not loose, "give each requirement an upper bound (the next major version)"


def test_requirements_txt_lists_the_core_and_every_extra_with_the_same_ranges() -> None:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    listed = requirements(
        [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]
    )
    declared = dict(CORE)
    for extra in EXTRA_REQUIREMENTS.values():
        declared |= extra
    assert {n: str(r.specifier) for n, r in listed.items()} == {
        n: str(r.specifier) for n, r in declared.items()
    }


def test_licence_and_credits_are_where_a_packager_looks() -> None:
    assert PYPROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    for credit in ("GeoNames", "CC BY 4.0", "Natural Earth", "public domain", "Leaflet", "BSD"):
        assert credit in notice
    assert set(PYPROJECT["license-files"]) == {"LICENSE", "NOTICE"}


def test_a_missing_extra_is_one_line_naming_what_to_install(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(storymap.extras, "find_spec", lambda name: None)
    code = main(["export", str(FIRST_STORY), "--format", "png", "-o", str(tmp_path / "o.png")])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        "error: the overview picture (in --format png, the sheets and the site) needs matplotlib, "
        "which is not installed: pip install 'storymap[picture]'\n"
    )
    assert not (tmp_path / "o.png").exists()


@pytest.mark.parametrize(
    ("argv", "extra"),
    [
        (["draft", "article.txt", "--published", "2025-10-27", "-o", "d.yaml"], "draft"),
        (["geocode", "--query", "Moskow", "--online"], "online"),
        (
            ["export", str(ROOT / "geodata" / "stories"), "--format", "site", "-o", "site"],
            "picture",
        ),
        (["export", str(FIRST_STORY), "--format", "handout", "-o", "h.html"], "picture"),
        (["app"], "app"),
    ],
)
def test_each_optional_part_asks_for_its_extra(monkeypatch, capsys, tmp_path, argv, extra):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("Jakarta - Sebuah artikel.\n", encoding="utf-8")
    monkeypatch.setattr(storymap.extras, "find_spec", lambda name: None)
    assert main(argv) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith(f"pip install 'storymap[{extra}]'")
    assert not (tmp_path / "site").exists()


def test_require_passes_when_the_libraries_are_here() -> None:
    for extra in EXTRAS:  # the test environment installs every extra
        require(extra)
    with pytest.raises(KeyError):
        require("no-such-extra")


CORE_RUN = """
import json, sys
from storymap.cli import main
for argv in json.loads(sys.argv[1]):
    assert main(argv) == 0, argv
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


@pytest.mark.slow
def test_the_core_commands_import_no_extra(tmp_path, gazetteer) -> None:
    """validate, geocode offline, events, import and the HTML and data exports
    run with the core dependencies alone: none of them imports a module of an extra."""
    csv = tmp_path / "story-events.csv"
    story = str(FIRST_STORY)
    commands = [
        ["validate", story],
        ["geocode", "--query", "Moskow", "--country", "RU"],
        ["events", story],
        ["export", story, "--format", "html", "-o", str(tmp_path / "s.html")],
        ["export", story, "--format", "csv", "-o", str(csv)],
        ["export", story, "--format", "places-csv", "-o", str(tmp_path / "story-places.csv")],
        ["import", str(csv), "-o", str(tmp_path / "imported.yaml")],
    ]
    done = subprocess.run(
        [sys.executable, "-c", CORE_RUN, json.dumps(commands)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stdout.splitlines()[-1]))
    optional = {m for _, modules in EXTRAS.values() for m in modules}
    assert imported & optional == set()
