"""A story version's reader data, built once and kept on disk for every server process.

Building a story's first view is most of a server's start: reading and checking the file
(YAML, the schema, the checks across fields), locating its places, the map's payload and
each language's words (5,000 events: about 3, 0.4, 0.6 and 3.5 s of CPU). So each version
is built once and kept, named by its content: the key is a hash of the file's bytes and of
the code and data that build it (``storymap.versions``), so a restart, a second process on the
same cache folder or a reader on another page reuses the work, and an edit to the file or
a new release of the code never meets stale data.

For each version there is a record (the checked story and where its places are, as JSON,
read back through the same pydantic models) and a folder of browser files: the map
(``map.json``) and one file per language (``text-<lang>.json``; and ``page-<lang>.json``,
the page's list of events and credits), each written when first asked for. Every file is written whole (a temporary file renamed into place), so a
process never reads half of what another is writing; two processes that build the same
version at once write the same bytes.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from storymap.geocoding.base import Location
from storymap.loading import parse_story, read_story_bytes
from storymap.located import LocatedStory
from storymap.model import Story
from storymap.output import write_output
from storymap.payload import map_payload, text_payload
from storymap.render import credits_html, event_list_html
from storymap.settings import cache_folder
from storymap.versions import RECORD_FORMAT, media_folder, story_version

KEEP_VERSIONS = 3  # per story id: older versions' records and files are removed
KEEP_IN_MEMORY = 4  # versions this process keeps read (the newest used)
_lock = threading.Lock()
_in_memory: dict[tuple[str, str], LocatedStory] = {}  # (key, path) -> the version, read


@dataclass(frozen=True)
class ReaderData:
    """One story version: the located story, and the folder its browser files are kept in."""

    key: str
    located: LocatedStory
    folder: Path
    _pages: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def map_file(self) -> Path:
        return self.folder / "map.json"

    def text_file(self, lang: str) -> Path:
        """The words of ``lang`` (a story language), built and written the first time asked."""
        if lang not in self.located.story.languages:
            raise ValueError(f"{lang!r} is not a language of this story")
        target = self.folder / f"text-{lang}.json"
        if not target.exists():
            with _lock:  # one thread builds it; the others find it written
                if not target.exists():
                    _write_json(target, text_payload(self.located, lang))
        return target

    def listing(self, lang: str) -> tuple[str, str]:
        """The page's text list of every event and its credits in ``lang``, as HTML (built
        once a version; a 5,000-event list takes a quarter of a second)."""
        if lang not in self._pages:
            target = self.folder / f"page-{lang}.json"
            try:
                events, credits = json.loads(target.read_bytes())
            except (OSError, ValueError):
                story = self.located.story
                events, credits = event_list_html(story, lang), credits_html(story, lang)
                _write_json(target, [events, credits])
            self._pages[lang] = (events, credits)
        return self._pages[lang]


def reader_data(path: str | Path, files: Path, records: Path | None = None) -> ReaderData:
    """The story file at ``path`` ready for readers: loaded from the cache if this version
    was built before (by any process), else read, checked, located and kept.

    ``files`` is the folder browser files go in (one folder per version inside it);
    ``records`` the folder of records (default: ``reader/`` in the cache folder). A file
    that is not a valid story raises ``StoryError`` as ``load_story`` does, every time.
    """
    data = read_story_bytes(path)
    media = media_folder(Path(path))
    key = story_version(Path(path), data)
    records = records or cache_folder() / "reader"
    folder = files / key
    located = _in_memory.get((key, str(path))) or _read_record(records, key, Path(path), media)
    if located is None:
        located = LocatedStory.of(parse_story(data, str(path)), path=Path(path), media=media)
        _write_map(located, folder, f"{files.name}/{key}/")
        records.mkdir(parents=True, exist_ok=True)
        _write_json(records / f"{key}.{located.story.id}.json", _record(located))
        _forget_old_versions(records, files, located.story.id)
    elif not (folder / "map.json").exists():  # the records outlived this files folder
        _write_map(located, folder, f"{files.name}/{key}/")
    _keep_in_memory((key, str(path)), located)
    return ReaderData(key, located, folder)


def _keep_in_memory(name: tuple[str, str], located: LocatedStory) -> None:
    """Keep a version read in this process: reading a record back validates the whole story
    again (a 5,000-event story: 0.4–0.8 s), which every page and the light page would repeat."""
    with _lock:
        _in_memory.pop(name, None)
        _in_memory[name] = located  # the newest last
        while len(_in_memory) > KEEP_IN_MEMORY:
            _in_memory.pop(next(iter(_in_memory)))


def _write_map(located: LocatedStory, folder: Path, prefix: str) -> None:
    """The version's map file, and the pictures it keeps beside it (their addresses, from
    the component's page, in the map's ``pictures``)."""
    folder.mkdir(parents=True, exist_ok=True)
    value = map_payload(located)
    pictures = {}
    for n, (name, picture) in enumerate(located.pictures.items()):
        target = folder / f"picture-{n}.{picture.suffix}"
        write_output(target, picture.data)
        pictures[name] = prefix + target.name
    value["pictures"] = pictures
    _write_json(folder / "map.json", value)


def _record(located: LocatedStory) -> dict[str, Any]:
    return {
        "format": RECORD_FORMAT,
        "story": located.story.model_dump(mode="json"),
        "located": {place: asdict(where) for place, where in located.located.items()},
    }


def _read_record(records: Path, key: str, path: Path, media: Path) -> LocatedStory | None:
    """The version's record, read back through the story's models; None if there is none
    (or it cannot be read: it is then built again and replaced)."""
    for record in records.glob(f"{key}.*.json"):
        try:
            value = json.loads(record.read_bytes())
            if value.get("format") != RECORD_FORMAT:
                return None
            story = Story.model_validate(value["story"])
            located = {place: Location(**where) for place, where in value["located"].items()}
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            return None
        with contextlib.suppress(OSError):
            record.touch()  # in use: the newest versions are the ones kept
        return LocatedStory(story, located, path, media)
    return None


def _forget_old_versions(records: Path, files: Path, story_id: str) -> None:
    """Keep the newest few versions of a story (by last use); remove the rest."""
    mine = sorted(records.glob(f"*.{story_id}.json"), key=_last_used, reverse=True)
    for record in mine[KEEP_VERSIONS:]:
        key = record.name.split(".", 1)[0]
        record.unlink(missing_ok=True)
        shutil.rmtree(files / key, ignore_errors=True)


def _last_used(record: Path) -> int:
    try:
        return record.stat().st_mtime_ns
    except OSError:  # removed meanwhile by another process
        return 0


def _write_json(target: Path, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    write_output(target, text.encode("utf-8"))
