"""Every subcommand, given an output it cannot write or an input it cannot read: one line, exit 1.

No traceback, and the line names the path, so the author knows which of their
paths is wrong.
"""

from __future__ import annotations

import os

import pytest
from story_helpers import FIRST_STORY

from storymap.cli import main
from storymap.export import FORMATS


def run_fails(capsys, *argv: object) -> str:
    """Run the CLI; it must fail with exit 1 and one line on stderr, which is returned."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 1, err
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("error: ")
    return line


def _export_to(fmt: str):
    return lambda out: ["export", FIRST_STORY, "--format", fmt, "-o", out / f"x.{fmt}"]


OUTPUTS = {
    "generate": lambda out: ["generate", "--events", "3", "-o", out / "story.yaml"],
    "schema": lambda out: ["schema", "-o", out / "story.schema.json"],
    **{f"export-{fmt}": _export_to(fmt) for fmt in ["site", *FORMATS]},
}


@pytest.mark.parametrize("command", OUTPUTS)
def test_an_output_in_a_missing_folder(capsys, tmp_path, command):
    missing = tmp_path / "missing"
    argv = OUTPUTS[command](missing)
    line = run_fails(capsys, *argv)
    assert f"cannot write {argv[-1]}: the folder {missing} does not exist" in line
    assert not missing.exists()


@pytest.mark.parametrize("command", ["generate", "schema", "export-csv", "export-html"])
def test_an_output_that_is_a_folder(capsys, tmp_path, command):
    argv = OUTPUTS[command](tmp_path)
    argv[-1].mkdir()
    line = run_fails(capsys, *argv)
    assert f"cannot write {argv[-1]}: it is a folder" in line


@pytest.mark.parametrize("command", ["generate", "schema", "export-site", "export-png"])
def test_an_output_under_a_file(capsys, tmp_path, command):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    argv = OUTPUTS[command](blocker)
    line = run_fails(capsys, *argv)
    assert f"cannot write {argv[-1]}: {blocker} is a file, not a folder" in line


INPUTS = {
    "validate": lambda story, out: ["validate", story],
    "geocode": lambda story, out: ["geocode", story],
    "events": lambda story, out: ["events", story],
    "export": lambda story, out: ["export", story, "--format", "csv", "-o", out / "out.csv"],
}


def _under_a_file(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    return blocker / "story.yaml", "Not a directory"


def _missing(tmp_path):
    return tmp_path / "nowhere.yaml", "No such file or directory"


def _a_folder(tmp_path):
    folder = tmp_path / "story.yaml"
    folder.mkdir()
    return folder, "folder"


def _no_permission(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads a file of mode 000: the other kinds of unreadable input cover it")
    path = tmp_path / "story.yaml"
    path.write_text("id: x\n", encoding="utf-8")
    path.chmod(0)
    return path, "Permission denied"


UNREADABLE = {
    "under-a-file": _under_a_file,
    "missing": _missing,
    "a-folder": _a_folder,
    "no-permission": _no_permission,
}


@pytest.mark.parametrize("kind", UNREADABLE)
@pytest.mark.parametrize("command", INPUTS)
def test_an_input_that_cannot_be_read(capsys, tmp_path, command, kind):
    path, reason = UNREADABLE[kind](tmp_path)
    if command == "export" and kind == "a-folder":
        reason = "no story files (*.yaml)"  # export reads a folder of stories
    line = run_fails(capsys, *INPUTS[command](path, tmp_path))
    assert str(path) in line
    assert reason in line
