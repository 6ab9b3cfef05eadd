"""The light reader page: a story as plain files, for a server to hand out without Streamlit.

Streamlit's own page costs a reader about 2 s before anything of ours runs (3 MB of
scripts to parse). The light page (``/read/<story-id>/`` in the app) is the single-file
export's page instead (the same template, ``standalone.js`` and reader), with its data as
files fetched beside it: the map, then one language's words, as the app's reader has them.

A story version's files are built once, in the version's folder of the reader's files (the
app passes its Streamlit reader's, so both share the map and the words), from the record
``storymap.reader_cache`` keeps; once built, a server (a restart too) finds them by the
version's name alone (``storymap.versions``: a hash of the file), without reading the story
or importing the library that builds it.

Every id and file name a request brings is only looked up, never joined to a path: story
ids in the stories this server serves (``STORYMAP_STORY`` and the stories folder), file
names in the version's own list, assets in a fixed table.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from storymap.light_html import (
    ENGINE_JS,
    FRONT,
    META,
    PAGE,
    front_html,
    write_json,
    write_page,
    write_words,
)
from storymap.precompressed import bundle, content_key, gzipped, worth_compressing
from storymap.settings import cache_folder, stories_folder, story_file
from storymap.versions import file_stamp, story_version

STORY_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")  # as storymap.fields' ids
PAGE_SCRIPTS = ("leaflet.js", "core.js", "storymap-layers.js", "slides.js", "reader.js",
                "speaker.js", "standalone.js")  # fmt: skip
_DATA = re.compile(r"(text|words)-([A-Za-z0-9-]{1,35})\.json")
_VERSION = re.compile(r"[0-9a-f]{24}")  # storymap.versions.version_key
_PICTURE = re.compile(r"picture-[0-9]{1,4}\.[a-z]{3,4}")
_MAX_STORY_BYTES = 64 * 1024 * 1024  # never read more; the real limit is checked on a build
_KEEP_UNUSED_S = 600  # a version folder without a record is removed this long after its use
_lock = threading.Lock()


@cache
def asset_files() -> dict[str, Path]:
    """The files under ``/read/_/`` by the name they are asked for: the engine's scripts, the
    countries' outlines, and Leaflet's style sheet and images as a plain Leaflet page loads
    them (the page's own styles are in it)."""
    from storymap.package_data import COUNTRY_OUTLINES
    from storymap.web import LEAFLET, WEB_ASSETS

    files = {name: WEB_ASSETS / name for name in PAGE_SCRIPTS[1:]}
    files |= {"leaflet.js": LEAFLET / "leaflet.js", "leaflet.css": LEAFLET / "leaflet.css"}
    files |= {f"images/{p.name}": p for p in (LEAFLET / "images").iterdir() if p.is_file()}
    files["countries-110m.geojson"] = COUNTRY_OUTLINES
    return files


@dataclass(frozen=True)
class Version:
    """One version of a story this server serves, and the folder its light files are in."""

    story_id: str
    key: str
    path: Path
    folder: Path


class Shelf:
    """The stories a server serves, by id, and each one's light files.

    ``root`` holds the versions' folders (default ``light/`` in the cache folder; the app
    passes the reader's own, so both readers share a version's files), ``records`` the
    reader cache's records (default ``reader/`` there).
    """

    def __init__(self, root: Path | None = None, records: Path | None = None) -> None:
        self.root = root or cache_folder() / "light"
        self.records = records or cache_folder() / "reader"
        self._known: dict[tuple[str, int, int, int], tuple[str, str] | None] = {}
        self._engine: Path | None = None

    def stories(self) -> list[Path]:
        """``STORYMAP_STORY`` and the story files in the stories folder."""
        chosen = story_file()
        folder = stories_folder()
        listed = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        return list(dict.fromkeys([chosen, *listed] if chosen else listed))

    def opening(self) -> Version | None:
        """The current version of the story the app opens with (``STORYMAP_STORY``, else the
        first in the stories folder: the Streamlit reader's too), or None if there is none or
        it cannot be read now."""
        stories = self.stories()
        return self._version(stories[0]) if stories else None

    def find(self, story_id: str) -> Version | None:
        """The current version of the story ``story_id``, or None if this server has none."""
        if not STORY_ID.fullmatch(story_id):
            return None
        chosen = story_file()  # the app's own story first, then a file named by the id
        for path in sorted(self.stories(), key=lambda p: p != chosen and p.stem != story_id):
            version = self._version(path)
            if version and version.story_id == story_id:
                return version
        return None

    def file(self, story_id: str, name: str) -> Path | None:
        """The file ``name`` of the light page of ``story_id`` (``""``: the page), built if
        need be; None if there is no such story or file."""
        version = self.find(story_id)
        if version is None:
            return None
        folder = self._page(version)
        if name in ("", PAGE):
            return folder / PAGE
        head, _, rest = name.partition("/")
        if head == self.root.name:  # a picture kept with the story: light/<version>/picture-0.jpg
            key, _, picture = rest.partition("/")
            wanted = folder / picture
            ok = key == version.key and _PICTURE.fullmatch(picture) and wanted.is_file()
            return wanted if ok else None
        if head != version.key:
            return None
        if rest == "map.json":
            return folder / rest
        match = _DATA.fullmatch(rest)
        languages = json.loads((folder / META).read_bytes())["languages"]
        if not match or match[2] not in languages:
            return None
        target = folder / rest
        if not target.exists():
            self._words(version, match[1], match[2])
        return target

    def front(self, version: Version) -> Path:
        """The light page of ``version`` as the app's front door serves it, at ``/``: the
        same page with a ``<base>`` naming its folder (``read/<story-id>/``), so its files,
        pictures and links resolve as they do on ``/read/<story-id>/`` (made once per
        version, beside the page)."""
        front = self._page(version) / FRONT
        if not front.exists():
            page = (front.parent / PAGE).read_text("utf-8")
            write_json(front, front_html(page, version.story_id), raw=True)
        return front

    def asset(self, name: str) -> Path | None:
        """The engine's file ``name`` (``/read/_/<name>``): one of ``asset_files`` or the
        page's bundle of them; None for any other name."""
        files = asset_files()
        if name == ENGINE_JS:  # (a newline and ';' between scripts: each ends its statement)
            parts = [files[script] for script in PAGE_SCRIPTS]
            return bundle(parts, self._engine_folder() / name, b"\n;\n")
        return files.get(name)

    def compressed(self, path: Path) -> Path | None:
        """The gzip of a file ``file`` or ``asset`` gave (made once, then kept), or None if
        it is not worth compressing (small, or an image)."""
        if not worth_compressing(path):
            return None
        ours = path.is_relative_to(self.root)  # a version's file, or the engine's bundle
        return gzipped(path, None if ours else self._engine_folder())

    def _engine_folder(self) -> Path:
        """The folder of the engine's bundles and gzips, named by its files' content."""
        if self._engine is None:
            self._engine = self.root / f"engine-{content_key(asset_files().values())}"
        return self._engine

    def warm(self, story: Path) -> str | None:
        """Ready the light page of ``story`` (the app's own) for its first reader: its
        version found or built, its page's files and the engine's gzipped. Returns its id."""
        version = self._version(story)
        if version is None:
            return None
        folder = self._page(version)
        lang = json.loads((folder / META).read_bytes())["lang"]
        self.front(version)
        for name in (PAGE, FRONT, "map.json", f"text-{lang}.json", f"words-{lang}.json"):
            self.compressed(folder / name)
        for name in (ENGINE_JS, "countries-110m.geojson"):
            self.compressed(self.asset(name))
        return version.story_id

    def _version(self, path: Path) -> Version | None:
        """The current version of the story file ``path``; None if it is not a readable story."""
        found = self._identify(path)
        return None if found is None else Version(found[0], found[1], path, self.root / found[1])

    def _identify(self, path: Path) -> tuple[str, str] | None:
        """(story id, version key) of a story file, from its record if it was built, else
        by building it; None if it is not a readable story (remembered per file version)."""
        try:
            stamp = file_stamp(path)
        except OSError:
            return None
        memo = (str(path), *stamp)
        if memo not in self._known:
            self._known[memo] = self._read_identity(path, stamp[1])
        return self._known[memo]

    def _read_identity(self, path: Path, size: int) -> tuple[str, str] | None:
        if not path.is_file() or size > _MAX_STORY_BYTES:
            return None
        try:
            key = story_version(path, path.read_bytes())
        except OSError:
            return None
        for record in self.records.glob(f"{key}.*.json"):
            return record.name.split(".")[1], key
        return self._build(path)

    def _build(self, path: Path) -> tuple[str, str] | None:
        from storymap.errors import StorymapError
        from storymap.reader_cache import reader_data

        try:
            data = reader_data(path, self.root, self.records)
        except (StorymapError, OSError):
            return None
        return data.located.story.id, data.key

    def _page(self, version: Version) -> Path:
        """The version's folder with its page, map and first language's words in it."""
        folder = version.folder
        if (folder / PAGE).exists():
            return folder
        with _lock:
            if not (folder / PAGE).exists():
                write_page(version.path, self.root, self.records)
                self._tidy()
        return folder

    def _words(self, version: Version, kind: str, lang: str) -> None:
        from storymap.reader_cache import reader_data

        with _lock:
            data = reader_data(version.path, self.root, self.records)
            if kind == "text":
                data.text_file(lang)
            else:
                write_words(data, lang)

    def _tidy(self) -> None:
        """Remove the folders of versions the reader cache no longer keeps (its records
        go when a story has newer versions), once unused for a while."""
        now = time.time()
        for folder in self.root.iterdir():
            try:
                stale = now - folder.stat().st_mtime > _KEEP_UNUSED_S
            except OSError:
                continue
            if not (stale and _VERSION.fullmatch(folder.name) and folder.is_dir()):
                continue
            if not any(self.records.glob(f"{folder.name}.*.json")):
                shutil.rmtree(folder, ignore_errors=True)
