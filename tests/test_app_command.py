"""``storymap app``: the command line that starts the Streamlit app, and where stories are.

The server itself is started from the installed wheel in ``tests/test_wheel.py``; here
the command it would run, and the one-line errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from story_helpers import FIRST_STORY, ROOT

from storymap.app_command import app_script, split_streamlit_options, streamlit_command
from storymap.cli import _parser, main
from storymap.settings import stories_folder


def command_for(*argv: str) -> tuple[list[str], dict[str, str]]:
    ours, streamlit_options = split_streamlit_options(["app", *argv])
    args = _parser().parse_args(ours)
    args.streamlit = streamlit_options or args.streamlit
    return streamlit_command(args)


def test_in_a_checkout_the_app_is_the_top_level_streamlit_app() -> None:
    assert app_script() == ROOT / "streamlit_app.py"


def test_a_story_file_is_opened_by_the_app(monkeypatch) -> None:
    monkeypatch.delenv("STORYMAP_STORY", raising=False)
    command, env = command_for(str(FIRST_STORY), "--port", "8502", "--address", "localhost")
    assert command == [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "streamlit_app.py"),
        "--server.port=8502",
        "--server.address=localhost",
    ]
    assert env["STORYMAP_STORY"] == str(FIRST_STORY)


def test_a_folder_of_stories_becomes_the_stories_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("STORYMAP_STORY", "/elsewhere/story.yaml")
    _, env = command_for(str(tmp_path))
    assert env["STORYMAP_STORIES"] == str(tmp_path)
    assert "STORYMAP_STORY" not in env  # the folder's first story, not the one set before


def test_options_after_two_dashes_go_to_streamlit() -> None:
    command, env = command_for(
        str(FIRST_STORY), "--", "--server.baseUrlPath=storymap", "--server.headless=true"
    )
    assert command[-3:] == [
        str(ROOT / "streamlit_app.py"),
        "--server.baseUrlPath=storymap",
        "--server.headless=true",
    ]
    assert env["STORYMAP_STORY"] == str(FIRST_STORY)


def test_a_missing_story_is_one_line(capsys, tmp_path) -> None:
    assert main(["app", str(tmp_path / "nope.yaml")]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {tmp_path / 'nope.yaml'}: no such story file or folder\n"
    )


def test_the_stories_folder_is_read_when_asked_not_at_import(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("STORYMAP_STORIES", raising=False)
    assert stories_folder() == ROOT / "geodata" / "stories"  # a checkout's published stories
    monkeypatch.setenv("STORYMAP_STORIES", str(tmp_path))
    assert stories_folder() == tmp_path


@pytest.mark.parametrize(
    "verb", ["validate", "geocode", "events", "export", "import", "draft", "app"]
)
def test_every_verb_is_a_storymap_command(capsys, verb) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([verb, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: storymap {verb}")


def test_the_version_is_the_package_version(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    version = (ROOT / "storymap" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{capsys.readouterr().out.split()[1]}"' in version
    assert Path(app_script()).is_file()
