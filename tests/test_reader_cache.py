"""A story version's reader data is built once, kept on disk, and shared by processes.

The stories here are ones the cache's author did not write (Magellan's voyage in Spanish
and English, the 2004 tsunami), so nothing is tuned to the first story.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest
from picture_helpers import story_with_pictures
from story_helpers import FIXTURES

import storymap.reader_cache as reader_cache
import storymap.versions as versions
from storymap.loading import StoryError
from storymap.located import LocatedStory, locate_file
from storymap.media_files import media_folder
from storymap.payload import map_payload, text_payload
from storymap.reader_cache import KEEP_VERSIONS, reader_data
from storymap.render import credits_html, event_list_html
from storymap.versions import version_key

MAGELLAN = FIXTURES / "magellan.yaml"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "files", tmp_path / "records"


@pytest.fixture(autouse=True)
def new_process(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Each test starts as a new process would: no version read in memory yet."""
    memory: dict = {}
    monkeypatch.setattr(reader_cache, "_in_memory", memory)
    return memory


def never(*args: object, **kwargs: object) -> None:
    raise AssertionError("built again: the version's data should have been read back")


def test_a_version_is_built_once_and_read_back_by_a_new_process(
    folders, monkeypatch, new_process
) -> None:
    files, records = folders
    built = reader_data(MAGELLAN, files, records)
    expected = locate_file(MAGELLAN)
    assert built.located.story == expected.story
    assert built.located.located == expected.located
    assert json.loads(built.map_file.read_bytes()) == {**map_payload(expected), "pictures": {}}
    map_bytes = built.map_file.read_bytes()
    # A restart or another process: nothing in memory, and reading or locating the story
    # again would fail. The record on disk is enough.
    new_process.clear()
    monkeypatch.setattr(reader_cache, "parse_story", never)
    monkeypatch.setattr(LocatedStory, "of", never)
    again = reader_data(MAGELLAN, files, records)
    assert again.key == built.key
    assert again.located.story == expected.story
    assert again.located.located == expected.located
    assert again.located.steps == expected.steps
    assert again.map_file.read_bytes() == map_bytes


def test_the_key_follows_the_bytes_and_the_code(tmp_path, folders, monkeypatch) -> None:
    files, records = folders
    copy = tmp_path / "elsewhere.yaml"
    shutil.copyfile(MAGELLAN, copy)
    first = reader_data(MAGELLAN, files, records)
    assert reader_data(copy, files, records).key == first.key  # same bytes, same version
    copy.write_text(MAGELLAN.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert reader_data(copy, files, records).key != first.key
    data = MAGELLAN.read_bytes()
    monkeypatch.setattr(versions, "code_version", lambda: "a-new-release")
    assert version_key(data) != first.key


def test_a_process_reads_a_version_once(tmp_path, folders, monkeypatch) -> None:
    """The record is validated once a process: every page (and the light page) then shares
    the version read; another file or a new version is read on its own."""
    files, records = folders
    first = reader_data(MAGELLAN, files, records)
    assert reader_data(MAGELLAN, files, records).located is first.located  # not read again
    copy = tmp_path / "copy.yaml"
    copy.write_text(MAGELLAN.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(reader_cache, "KEEP_IN_MEMORY", 1)
    other = reader_data(copy, files, records)
    assert other.key != first.key
    assert len(reader_cache._in_memory) == 1  # the oldest was let go


def test_each_language_is_built_when_first_asked_for(folders) -> None:
    files, records = folders
    data = reader_data(MAGELLAN, files, records)
    assert sorted(p.name for p in data.folder.iterdir()) == ["map.json"]
    english = data.text_file("en")
    assert english.name == "text-en.json"
    assert json.loads(english.read_bytes()) == text_payload(locate_file(MAGELLAN), "en")
    assert not (data.folder / "text-es.json").exists()
    with pytest.raises(ValueError, match="'fr' is not a language"):
        data.text_file("fr")


def test_the_pages_list_of_events_is_kept_too(folders, monkeypatch) -> None:
    files, records = folders
    story = locate_file(MAGELLAN).story
    first = reader_data(MAGELLAN, files, records)
    assert first.listing("es") == (event_list_html(story, "es"), credits_html(story, "es"))
    monkeypatch.setattr(reader_cache, "event_list_html", never)
    restarted = reader_data(MAGELLAN, files, records)
    assert restarted.listing("es") == first.listing("es")


def test_a_damaged_record_is_built_again(folders, new_process) -> None:
    files, records = folders
    data = reader_data(MAGELLAN, files, records)
    (record,) = records.glob(f"{data.key}.*.json")
    record.write_text('{"format": 1, "story": {"id": 3}', encoding="utf-8")
    new_process.clear()
    again = reader_data(MAGELLAN, files, records)
    assert again.located.story == data.located.story
    assert json.loads(record.read_bytes())["story"]["id"] == data.located.story.id


def test_a_broken_story_is_refused_every_time_and_nothing_kept(folders) -> None:
    files, records = folders
    for _ in range(2):
        with pytest.raises(StoryError, match=r"several_problems\.yaml"):
            reader_data(FIXTURES / "several_problems.yaml", files, records)
    assert not records.exists() or not any(records.iterdir())


def test_only_the_newest_versions_of_a_story_are_kept(tmp_path, folders) -> None:
    files, records = folders
    story = tmp_path / "story.yaml"
    keys = []
    for n in range(KEEP_VERSIONS + 2):
        story.write_text(
            MAGELLAN.read_text(encoding="utf-8") + f"\n# version {n}\n", encoding="utf-8"
        )
        keys.append(reader_data(story, files, records).key)
    kept = sorted(p.name.split(".")[0] for p in records.glob("*.json"))
    assert kept == sorted(keys[-KEEP_VERSIONS:])
    assert sorted(p.name for p in files.iterdir()) == kept


def _build(files: str, records: str, story: str) -> str:
    data = reader_data(story, Path(files), Path(records))
    data.text_file("es")
    data.text_file("en")
    return data.key


def test_processes_building_the_same_version_at_once_never_see_half_a_file(folders) -> None:
    files, records = folders
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        pending = pool.starmap_async(_build, [(str(files), str(records), str(MAGELLAN))] * 2)
        while not pending.ready():  # meanwhile, read every file written so far, as readers do
            for path in [*files.rglob("*.json"), *records.glob("*.json")]:
                try:
                    json.loads(path.read_bytes())
                except FileNotFoundError:
                    continue  # replaced between listing and reading: a whole new file
            time.sleep(0.002)  # leave the two cores to the builders
        keys = pending.get(timeout=300)
    assert len(set(keys)) == 1
    (folder,) = files.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == ["map.json", "text-en.json", "text-es.json"]
    assert not [p for p in [*files.rglob("*"), *records.iterdir()] if p.name.endswith(".tmp")]


def test_the_pictures_beside_a_story_are_part_of_its_version(folders, tmp_path) -> None:
    """The reader's pictures are written beside the version's map, addressed from the
    component's page, and a picture replaced in the media folder makes a new version."""
    files, records = folders
    story = story_with_pictures(tmp_path)
    first = reader_data(story, files, records)
    pictures = json.loads(first.map_file.read_bytes())["pictures"]
    assert pictures, "the story keeps pictures beside it"
    for name, address in pictures.items():
        assert address.startswith(f"{files.name}/{first.key}/picture-")
        assert (files.parent / address).read_bytes() == first.located.pictures[name].data
    media = media_folder(story)
    picture = next(p for p in media.iterdir() if p.is_file())
    os.utime(picture, ns=(0, picture.stat().st_mtime_ns + 10**9))  # replaced: a new time
    assert reader_data(story, files, records).key != first.key
