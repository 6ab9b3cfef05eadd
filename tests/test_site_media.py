"""The static site carries each story's pictures beside its story file (``<id>/media/``), so
a site rebuilt from the site's own story files (the folder, or the author page's zip
unpacked) has its pictures and gives the same pages. The story is Magellan's voyage kept
as ``magellan-pictures.yaml`` while its id is ``magellan-elcano``: the site names the
media folder after the file it publishes, not the one it read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from picture_helpers import story_with_pictures

from storymap.authoring.exports import site_zip
from storymap.cli import main
from storymap.located import locate_file
from storymap.pictures import prepare_picture

PICTURES = ("sanlucar-harbour.jpg", "strait-drawing.png")


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    story_with_pictures(folder)
    return folder


@pytest.fixture(scope="module")
def site(stories: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    assert main(["export", str(stories), "--format", "site", "-o", str(out)]) == 0
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_site_keeps_each_picture_beside_the_story_file_it_publishes(site: Path) -> None:
    media = site / "magellan-elcano" / "media"
    assert sorted(p.name for p in media.iterdir()) == sorted(PICTURES)
    located = locate_file(site / "magellan-elcano.yaml")  # the site's own story file
    for name in PICTURES:
        kept = (media / name).read_bytes()
        assert kept == located.pictures[name].data
        assert prepare_picture(kept, name).data == kept  # the checked picture, no metadata
        assert b"Storymap Test Camera" not in kept and b"someone's name" not in kept


def test_a_site_rebuilt_from_its_own_story_files_is_the_same_site(
    site: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert main(["export", str(site), "--format", "site", "-o", str(again)]) == 0
    assert files_of(again) == files_of(site)


def test_the_author_pages_zip_rebuilds_the_site_with_its_pictures(
    stories: Path, site: Path, tmp_path: Path
) -> None:
    located = locate_file(stories / "magellan-pictures.yaml")
    text = (stories / "magellan-pictures.yaml").read_text(encoding="utf-8")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(io.BytesIO(site_zip(located, text))) as archive:
        assert {f"magellan-elcano/media/{name}" for name in PICTURES} <= set(archive.namelist())
        archive.extractall(unpacked)
    rebuilt = tmp_path / "rebuilt"
    assert main(["export", str(unpacked), "--format", "site", "-o", str(rebuilt)]) == 0
    assert files_of(rebuilt) == files_of(unpacked) == files_of(site)


def test_a_story_without_pictures_has_no_media_folder(tmp_path: Path) -> None:
    from story_helpers import FIRST_STORY

    out = tmp_path / "site"
    assert main(["export", str(FIRST_STORY), "--format", "site", "-o", str(out)]) == 0
    assert all(path.is_file() for path in out.iterdir())
