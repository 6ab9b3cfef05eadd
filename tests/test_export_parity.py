"""The author page's exports and the command line's are the same files for the same story
(issue 21, item 8: the page's single file started on online tiles, the command line's on the
offline map). Both go through ``export_bytes`` with its defaults; the page's story is made as
the page makes it: opened from the stories folder, checked, located."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from picture_helpers import story_with_pictures
from story_helpers import FIRST_STORY

from storymap.authoring.checks import check_story
from storymap.authoring.exports import site_zip, story_file_text
from storymap.authoring.starts import from_file
from storymap.cli import main
from storymap.export import FORMATS
from storymap.located import LocatedStory
from storymap_ui.author_publish import page_export


def page_story(path: Path) -> tuple[LocatedStory, str]:
    """The story as the author page has it after "open this story": checked and located."""
    begun = from_file(path)
    text = story_file_text(begun.data)
    checked = check_story(begun.data, text, Path(begun.origin["media"]))
    located = checked.located_story()
    assert located is not None, checked.problems
    return located, text


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return story_with_pictures(tmp_path_factory.mktemp("parity"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_page_and_the_command_line_give_the_same_file(
    fmt: str, pictured: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYMAP_TILES", "carto")  # the app's reader starts online: not an export
    stories = [pictured] if fmt in ("html", "handout", "teacher") else [pictured, FIRST_STORY]
    for path in stories:
        target = tmp_path / f"{path.stem}.{fmt}"
        assert main(["export", str(path), "--format", fmt, "-o", str(target)]) == 0
        located, _ = page_story(path)
        assert page_export(located, fmt) == target.read_bytes(), f"{path.name} as {fmt}"


def test_the_pages_site_is_the_command_lines_site(pictured: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    story_file = tmp_path / "stories" / pictured.name
    story_file.parent.mkdir()
    located, text = page_story(pictured)
    story_file.write_text(text, encoding="utf-8")  # the story file the page's zip holds
    (story_file.parent / pictured.stem).symlink_to(pictured.parent / pictured.stem)
    assert main(["export", str(story_file.parent), "--format", "site", "-o", str(site)]) == 0
    with zipfile.ZipFile(io.BytesIO(site_zip(located, text))) as archive:
        zipped = {name: archive.read(name) for name in archive.namelist()}
    written = {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file()
    }
    assert any(name.startswith(f"{located.story.id}/media/") for name in written)
    assert zipped.keys() == written.keys()
    for name, content in written.items():
        assert zipped[name] == content, name
