"""The reader as a Streamlit component: its files, its payload files, and the call.

The component's folder is laid out once per version of the browser code (named by a
hash of its sources, under the cache folder, never in the repository), on first use,
not on import; every file is written whole (a temporary file renamed into place), so
two server processes sharing the folder never serve half a file. A story file's data is
kept in ``data/<version>/`` there (``storymap.reader_cache``: built once per version of
the file, for every process and restart). The author's preview, which changes with each
edit, writes content-named files (``<hash>-map.json``, ``<hash>-text-<lang>.json``) in
this process's own ``data/p<pid>/`` (with the pictures it keeps,
``<hash>-picture-<n>.jpg``); a newer version of the same story replaces them.
The frame's page and the speaker view's carry their own Content-Security-Policy
(``storymap.web.policy.frame_policy``): scripts only from their folder, no inline script
or handler.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit.components.v1 as components

from storymap.held_folders import hold, sweep
from storymap.output import write_output
from storymap.package_data import COUNTRY_OUTLINES
from storymap.settings import cache_folder, frontend_folder
from storymap.web import LEAFLET, READER_SCRIPTS, WEB_ASSETS
from storymap.web.policy import frame_policy, meta

if TYPE_CHECKING:  # the library that builds a story's data is imported when it is built
    from storymap.located import LocatedStory
    from storymap.reader_cache import ReaderData

SOURCE = Path(__file__).with_name("frontend")
_FILES = [SOURCE / "bridge.js", SOURCE / "index.html", SOURCE / "speaker.html", SOURCE / "speaker-page.js",
          *(WEB_ASSETS / n for n in (*READER_SCRIPTS, "speaker.js")),
          WEB_ASSETS / "reader.css", WEB_ASSETS / "reader.html"]  # fmt: skip
_published: dict[str, list[Path]] = {}  # story id -> the files of its newest version
_lock = threading.Lock()


def frontend_dir() -> Path:
    """Where the component's files are laid out (``STORYMAP_FRONTEND_DIR`` overrides)."""
    chosen = frontend_folder()
    if chosen is not None:
        return chosen
    sources = b"".join(path.read_bytes() for path in _FILES) + frame_policy().encode()
    digest = hashlib.sha256(sources).hexdigest()[:12]
    return cache_folder() / f"frontend-{digest}"


@cache
def _component() -> Any:
    """Lay out the files (once per process) and declare the component."""
    target = frontend_dir()
    markup = (WEB_ASSETS / "reader.html").read_text(encoding="utf-8")
    files = {}
    for name in ("index.html", "speaker.html"):  # the pages, each with the frames' policy
        page = (SOURCE / name).read_text(encoding="utf-8")
        page = page.replace("<!-- storymap:policy -->", meta(frame_policy()))
        files[target / name] = page.replace("<!-- storymap:reader -->", markup).encode()
    for source in _FILES:
        if source.suffix != ".html":
            files[target / source.name] = source.read_bytes()
    for name in ("leaflet.js", "leaflet.css"):
        files[target / "vendor" / name] = (LEAFLET / name).read_bytes()
    for image in (LEAFLET / "images").iterdir():
        files[target / "vendor" / "images" / image.name] = image.read_bytes()
    files[target / "countries-110m.geojson"] = COUNTRY_OUTLINES.read_bytes()
    for path, content in files.items():
        lay_out(path, content)
    data = _data_dir(target)
    sweep(data.parent, "p*")  # the preview files of servers that have ended
    return components.declare_component("storymap_reader", path=str(target))


def lay_out(path: Path, content: bytes) -> None:
    """Write a component's file unless it is there already with this content, whole: a
    server sharing the folder may be serving it at this moment."""
    try:
        if path.stat().st_size == len(content) and path.read_bytes() == content:
            return
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_output(path, content)


def data_folder() -> Path:
    """Where story files' data are kept (``storymap.reader_cache``), inside the component."""
    return frontend_dir() / "data"


def _data_dir(target: Path) -> Path:
    """This process's folder of preview files, held while it runs (``held_folders``)."""
    return hold(target / "data" / f"p{os.getpid()}")


def _write(folder: Path, name: str, value: Any) -> Path:
    target = folder / name
    if not target.exists():
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        write_output(target, text.encode("utf-8"))
    return target


def addresses(data: ReaderData) -> tuple[str, dict[str, str]]:
    """The addresses of a story version's map and of each language's words (their files are
    written when first asked for: ``ReaderData.text_file``)."""
    _component()
    prefix = f"data/{data.folder.name}/"
    languages = data.located.story.languages
    return prefix + data.map_file.name, {lang: f"{prefix}text-{lang}.json" for lang in languages}


def _write_bytes(folder: Path, name: str, content: bytes) -> Path:
    target = folder / name
    if not target.exists():
        write_output(target, content)  # whole, from a temporary file of its own
    return target


def publish(story: LocatedStory) -> tuple[str, dict[str, str]]:
    """Write the story's map file and its default language's words; return the addresses
    of the map and of every language (the others are written when first asked for)."""
    from storymap.payload import map_payload

    _component()
    data = _data_dir(frontend_dir())
    map_data = map_payload(story)
    pictures = story.pictures
    version = hashlib.sha256(
        json.dumps(map_data, sort_keys=True).encode()
        + story.story.model_dump_json().encode()
        + b"".join(hashlib.sha256(p.data).digest() for p in pictures.values())
    ).hexdigest()[:20]
    prefix = f"data/{data.name}/"
    picture_files = {
        name: _write_bytes(data, f"{version}-picture-{n}.{picture.suffix}", picture.data)
        for n, (name, picture) in enumerate(pictures.items())
    }
    map_data["pictures"] = {name: prefix + path.name for name, path in picture_files.items()}
    files = [_write(data, f"{version}-map.json", map_data), *picture_files.values()]
    with _lock:
        for old in set(_published.get(story.story.id, [])) - set(files):
            old.unlink(missing_ok=True)
        _published[story.story.id] = files
    names = {lang: f"{version}-text-{lang}.json" for lang in map_data["languages"]}
    publish_language(story, names[story.story.default_language])
    return prefix + files[0].name, {lang: prefix + name for lang, name in names.items()}


def publish_language(story: LocatedStory, name: str) -> None:
    """Write one language's words (``<version>-text-<lang>.json``) if they are not there yet.

    A reader needs one language to start; building every language's narratives first
    would make the first reader after a start wait for words nobody asked for.
    """
    from storymap.payload import text_payload

    data = _data_dir(frontend_dir())
    target = data / name
    if target.exists():
        return
    lang = name.rsplit("-text-", 1)[1].removesuffix(".json")
    with _lock:
        if target.exists():
            return
        _write(data, name, text_payload(story, lang))
        _published.setdefault(story.story.id, []).append(target)


def reader_map(
    map_url: str,
    text_urls: dict[str, str],
    *,
    lang: str,
    step: int,
    event: str | None = None,
    ack: int,
    tiles: str,
    mode: str,
    notes: bool,
    on_change: Any,
) -> None:
    """The reader (map, narrative, slider, timeline), filling the window below it."""
    _component()(
        map_url=map_url,
        text_urls=text_urls,
        countries_url="countries-110m.geojson",
        lang=lang,
        step=step,
        event=event,
        ack=ack,
        tiles=tiles,
        mode=mode,
        notes=notes,
        key="reader_map",
        default=None,
        on_change=on_change,
    )
