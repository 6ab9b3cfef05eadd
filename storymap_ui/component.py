"""The reader as a Streamlit component: its files, its payload files, and the call.

The component's folder is laid out once per version of the browser code (named by a
hash of its sources, under the cache folder, never in the repository), on first use,
not on import. Each story version's payload is written as content-named JSON files
(``<hash>-map.json``, ``<hash>-text-<lang>.json``, and the pictures it keeps,
``<hash>-picture-<n>.jpg``) in this process's own data folder; a newer version of the same
story replaces the older one's files. The frame's page and the speaker view's carry their
own Content-Security-Policy (``storymap.web.policy.frame_policy``): scripts only from their
folder, no inline script or handler.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from functools import cache
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

from storymap.geocoding import COUNTRY_OUTLINES
from storymap.located import LocatedStory
from storymap.payload import map_payload, text_payload
from storymap.settings import cache_folder, frontend_folder
from storymap.web import LEAFLET, READER_SCRIPTS, WEB_ASSETS
from storymap.web.policy import frame_policy, meta

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
    (target / "vendor").mkdir(parents=True, exist_ok=True)
    for source in _FILES:
        if source.suffix != ".html":
            shutil.copyfile(source, target / source.name)
    markup = (WEB_ASSETS / "reader.html").read_text(encoding="utf-8")
    for name in ("index.html", "speaker.html"):  # the pages, each with the frames' policy
        page = (SOURCE / name).read_text(encoding="utf-8")
        page = page.replace("<!-- storymap:policy -->", meta(frame_policy()))
        (target / name).write_text(page.replace("<!-- storymap:reader -->", markup), "utf-8")
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(LEAFLET / name, target / "vendor" / name)
    shutil.copytree(LEAFLET / "images", target / "vendor" / "images", dirs_exist_ok=True)
    data = _data_dir(target)
    shutil.copyfile(COUNTRY_OUTLINES, target / "countries-110m.geojson")
    _clean_dead_processes(data.parent)
    return components.declare_component("storymap_reader", path=str(target))


def _data_dir(target: Path) -> Path:
    data = target / "data" / f"p{os.getpid()}"
    data.mkdir(parents=True, exist_ok=True)
    return data


def _clean_dead_processes(data_root: Path) -> None:
    """Remove payload folders left by servers that are no longer running."""
    for folder in data_root.glob("p*"):
        pid = folder.name[1:]
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


def _write(folder: Path, name: str, value: Any) -> Path:
    target = folder / name
    if not target.exists():
        temporary = target.with_suffix(".tmp")
        temporary.write_text(
            json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False), "utf-8"
        )
        temporary.replace(target)
    return target


def _write_bytes(folder: Path, name: str, content: bytes) -> Path:
    target = folder / name
    if not target.exists():
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
    return target


def publish(story: LocatedStory) -> tuple[str, dict[str, str]]:
    """Write the story's map file and its default language's words; return the addresses
    of the map and of every language (the others are written when first asked for)."""
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
