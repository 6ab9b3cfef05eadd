"""The README's commands work as written, in a shell that has activated nothing.

Every line of a code block marked ``<!-- runnable -->`` runs, in order, in a copy of the
checkout whose ``.venv`` is this test's environment, with a ``PATH`` that holds no venv;
``make run`` starts the app on the port it is given; every environment variable the code
reads is in the README's configuration table.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys

import pytest
from server_helpers import free_port, health
from story_helpers import ROOT

from storymap import settings
from storymap.geocoding import cache_folder

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"<!-- runnable -->\n```sh\n(.*?)```", re.DOTALL)
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", "test-artifacts"
)


def runnable_lines() -> list[str]:
    lines = [line for block in BLOCK.findall(README) for line in block.splitlines()]
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def plain_shell() -> dict[str, str]:
    """The environment of a shell that activated nothing: no venv on PATH, no settings of
    ours but the tests' cache folder (its gazetteer index is built already)."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("STORYMAP_", "PYTHON"))}
    keep.pop("VIRTUAL_ENV", None)
    return {**keep, "PATH": "/usr/local/bin:/usr/bin:/bin", "STORYMAP_CACHE": str(cache_folder())}


def test_the_readme_has_runnable_commands() -> None:
    lines = runnable_lines()
    assert any(" validate " in line for line in lines)
    assert any(" export " in line for line in lines)
    assert all(line.startswith(".venv/bin/") for line in lines)  # never a bare python


@pytest.mark.slow
def test_every_runnable_readme_command_runs_as_written(tmp_path, gazetteer) -> None:
    checkout = tmp_path / "storymap"
    shutil.copytree(ROOT, checkout, ignore=NOT_COPIED)
    (checkout / ".venv").symlink_to(sys.prefix)  # what `make run` made
    failed = []
    for line in runnable_lines():
        done = subprocess.run(
            ["bash", "-c", line], cwd=checkout, env=plain_shell(), capture_output=True, text=True
        )
        if done.returncode != 0 or "error:" in done.stderr or "Traceback" in done.stderr:
            failed.append(f"{line}\n{done.stderr}")
    assert not failed
    assert (checkout / "site" / "index.html").is_file()
    assert (checkout / "imported.yaml").read_text(encoding="utf-8").startswith("# yaml-language")


SOURCES = [ROOT / "streamlit_app.py", ROOT / ".ci" / "run"] + [
    path
    for folder in ("storymap", "storymap_ui", "pages", "tests", "scripts")
    for path in ROOT.joinpath(folder).rglob("*.py")
]
READ = re.compile(r"""(?:environ\.get\(|environ\[|getenv\()\s*["']([A-Z][A-Z0-9_]+)["']""")


def test_every_environment_variable_the_code_reads_is_in_the_readme() -> None:
    configuration = README[README.index("## Configuration") :]
    configuration = configuration[: configuration.index("\n## ")]
    read = {name for path in SOURCES for name in READ.findall(path.read_text(encoding="utf-8"))}
    assert {"CI", "STORYMAP_SHARED"} <= read  # the pattern finds the tests' own
    read |= set(settings.VARIABLES)  # the library's, read by name in storymap/settings.py
    assert sorted(name for name in read if f"`{name}`" not in configuration) == []


def make_run(*arguments: str) -> list[str]:
    """``make run …`` with this test's environment as the venv, never reinstalling it."""
    venv = sys.prefix
    return [
        "make",
        "--no-print-directory",
        "-o",
        f"{venv}/.installed-stamp",
        "run",
        f"VENV={venv}",
        *arguments,
    ]


def test_make_run_takes_a_port_and_a_story() -> None:
    shown = subprocess.run(
        [*make_run("PORT=8502", "STORY=tests/fixtures/tsunami-2004.yaml"), "-n"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    # the gazetteer's index is built (or found) first, then the app starts
    assert shown[-1] == (
        f'STORYMAP_STORY="tests/fixtures/tsunami-2004.yaml" {sys.prefix}/bin/streamlit run '
        "streamlit_app.py --server.port=8502"
    )


@pytest.mark.slow
@pytest.mark.parametrize("how", ["PORT", "STREAMLIT_SERVER_PORT"])
def test_make_run_serves_the_app_on_the_port_it_is_given(how) -> None:
    port = free_port()
    env = {**plain_shell(), "STREAMLIT_SERVER_ADDRESS": "127.0.0.1"}
    arguments = [f"PORT={port}"] if how == "PORT" else []
    if how == "STREAMLIT_SERVER_PORT":
        env["STREAMLIT_SERVER_PORT"] = str(port)
    server = subprocess.Popen(
        make_run(*arguments),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # make and the server it starts, stopped together below
    )
    try:
        assert health(f"http://127.0.0.1:{port}/_stcore/health", server) == "ok"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=60)[0]
    assert "Traceback" not in output
