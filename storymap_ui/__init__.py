"""The Streamlit glue: the only module (with the pages) that imports Streamlit.

It loads and caches the story, serves the browser side of the reader (our
``frontend/`` files, Leaflet from the installed ``django-js-lib-leaflet`` package
and Natural Earth outlines from ``geodata/``, so the map works with no internet),
and keeps the page state: language, current step, and the deep link in the URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from storymap.export import FORMATS, export_bytes
from storymap.folium_map import events_map, offline_html
from storymap.geocoding import COUNTRY_OUTLINES, GEODATA, Location, UnresolvedPlaces, geocode_story
from storymap.i18n import t
from storymap.loading import StoryError, load_story
from storymap.located import LocatedStory
from storymap.model import LANGS, Story
from storymap.reader import narrative_html, reader_payload
from storymap.steps import Step, step_for_event, story_steps
from storymap.web import LEAFLET, WEB_ASSETS

FRONTEND_SOURCE = Path(__file__).with_name("frontend")
FRONTEND = Path(os.environ.get("STORYMAP_FRONTEND_DIR", GEODATA.parent / ".cache" / "frontend"))
STORIES = GEODATA / "stories"
TILES = ("carto", "osm", "offline")


def prepare_frontend(target: Path = FRONTEND) -> Path:
    """Lay out the component's files: the reader (storymap/web), our bridge, Leaflet, outlines."""
    (target / "vendor").mkdir(parents=True, exist_ok=True)
    (target / "data").mkdir(parents=True, exist_ok=True)
    for source in (
        FRONTEND_SOURCE / "bridge.js",
        WEB_ASSETS / "reader.js",
        WEB_ASSETS / "reader.css",
    ):
        shutil.copyfile(source, target / source.name)
    page = (FRONTEND_SOURCE / "index.html").read_text(encoding="utf-8")
    markup = (WEB_ASSETS / "reader.html").read_text(encoding="utf-8")
    (target / "index.html").write_text(page.replace("<!-- storymap:reader -->", markup), "utf-8")
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(LEAFLET / name, target / "vendor" / name)
    shutil.copytree(LEAFLET / "images", target / "vendor" / "images", dirs_exist_ok=True)
    shutil.copyfile(COUNTRY_OUTLINES, target / "data" / "countries-110m.geojson")
    return target


_reader_component = components.declare_component("storymap_reader", path=str(prepare_frontend()))


@dataclass(frozen=True)
class Bundle:
    """A story ready to read: the story, where its places are, its steps, its payload file."""

    story: Story
    located: dict[str, Location]
    steps: list[Step]
    payload_name: str


def load_or_stop() -> Bundle:
    """The page's story, or a clear message naming the file and every problem, then stop."""
    path = story_path()
    try:
        return load_bundle(path)
    except (StoryError, UnresolvedPlaces, OSError) as exc:
        st.error(f"{t('story_error', 'id')} / {t('story_error', 'en')}: {path}")
        st.code(str(exc), language=None)
        st.stop()
        raise  # st.stop() ends the run; this line only tells type checkers so


def story_path() -> Path:
    """The story named by STORYMAP_STORY, else the first story in geodata/stories/."""
    chosen = os.environ.get("STORYMAP_STORY")
    if chosen:
        return Path(chosen)
    return sorted(STORIES.glob("*.yaml"))[0]


@st.cache_resource(show_spinner=False, max_entries=8)
def _load_bundle(path: str, mtime_ns: int, size: int) -> Bundle:
    story = load_story(path)
    located = geocode_story(story)
    text = json.dumps(reader_payload(story, located), ensure_ascii=False, separators=(",", ":"))
    name = hashlib.sha256(text.encode()).hexdigest()[:20] + ".json"
    target = FRONTEND / "data" / name
    if not target.exists():
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    return Bundle(story, located, story_steps(story), name)


def load_bundle(path: Path) -> Bundle:
    """Load (once per file version) and locate the story, and publish its payload."""
    stat = path.stat()
    return _load_bundle(str(path), stat.st_mtime_ns, stat.st_size)


def language(default: str) -> str:
    """The reader's language: the switch, seeded from ?lang= in the URL."""
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state.lang = asked if asked in LANGS else default
    choice = st.segmented_control(
        t("language_label", st.session_state.lang),
        options=list(LANGS),
        format_func=lambda code: t("language_name", code),
        key="lang",
        label_visibility="collapsed",
    )
    lang = choice or default
    st.query_params["lang"] = lang
    return lang


def page_header(bundle: Bundle, title: Callable[[str], str], caption: Callable[[str], str]) -> str:
    """A page's title and caption beside the language switch; returns the language chosen."""
    title_column, switch_column = st.columns([4, 1], vertical_alignment="bottom")
    with switch_column:
        lang = language(bundle.story.default_language)
    with title_column:
        st.title(title(lang), anchor=False)
        st.caption(caption(lang))
    return lang


def current_step(bundle: Bundle) -> int:
    """The step to show: the session's, seeded from ?event= in the URL (a deep link)."""
    if "step" not in st.session_state:
        st.session_state.step = step_for_event(
            bundle.steps, bundle.story, st.query_params.get("event")
        )
    st.session_state.step = max(0, min(st.session_state.step, len(bundle.steps) - 1))
    return st.session_state.step


def _remember_step() -> None:
    """The reader moved in the browser: follow it (Streamlit passes callbacks no arguments)."""
    value = st.session_state.get("reader_map") or {}
    if isinstance(value, dict) and isinstance(value.get("step"), int):
        st.session_state.reader_ack = value.get("seq", 0)
        go_to(load_bundle(story_path()), value["step"])


def go_to(bundle: Bundle, step: int) -> None:
    """Move to ``step`` and keep the URL's ?event= in line with it."""
    step = max(0, min(step, len(bundle.steps) - 1))
    st.session_state.step = step
    events = bundle.steps[step].events
    if events:
        st.query_params["event"] = bundle.story.events[events[0]].id
    elif "event" in st.query_params:
        del st.query_params["event"]


def reader_map(
    bundle: Bundle, lang: str, step: int, height: int = 500, mode: str = "reader"
) -> None:
    """The map, slider and timeline strip, drawn and revealed in the browser.

    In ``presenter`` mode the map is larger and also takes the keys a presentation
    clicker sends (PageUp/PageDown, arrows, Home/End) from the whole page.
    """
    tiles = os.environ.get("STORYMAP_TILES", "carto")
    _reader_component(
        payload_url=f"data/{bundle.payload_name}",
        countries_url="data/countries-110m.geojson",
        lang=lang,
        step=step,
        ack=st.session_state.get("reader_ack", 0),
        tiles=tiles if tiles in TILES else "carto",
        height=height,
        mode=mode,
        key="reader_map",
        default=None,
        on_change=_remember_step,
    )


def narrative(bundle: Bundle, lang: str, step: int) -> None:
    st.markdown(
        f'<div class="storymap-narrative" data-step="{step}">'
        f"{narrative_html(bundle.story, bundle.steps[step], lang)}</div>",
        unsafe_allow_html=True,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _export(path: str, mtime_ns: int, fmt: str, lang: str) -> bytes:
    bundle = load_bundle(Path(path))
    return export_bytes(LocatedStory(bundle.story, bundle.located, tuple(bundle.steps)), fmt, lang)


@st.cache_data(show_spinner=False, max_entries=32)
def _events_map_html(path: str, mtime_ns: int, events: tuple[int, ...], lang: str) -> str:
    bundle = load_bundle(Path(path))
    return offline_html(events_map(bundle.story, bundle.located, events, lang))


def events_map_view(bundle: Bundle, events: tuple[int, ...], lang: str, height: int = 420) -> None:
    """A folium map of the chosen events (Leaflet inlined: it needs no network)."""
    path = story_path()
    markup = _events_map_html(str(path), path.stat().st_mtime_ns, events, lang)
    st.iframe(markup, height=height)


def downloads(bundle: Bundle, lang: str) -> None:
    """Buttons for the story file and every export, made once per file version."""
    path = story_path()
    mtime_ns = path.stat().st_mtime_ns
    key = bundle.story.id
    st.download_button(
        t("download_story", lang), path.read_bytes(), f"{key}.yaml", "application/yaml"
    )
    for fmt, export in FORMATS.items():
        st.download_button(
            t(export.label, lang),
            _export(str(path), mtime_ns, fmt, lang),
            export.file_name(key, lang),
            export.mime,
            key=f"download-{fmt}",
        )


PRESENTER_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] { display: none; }
.block-container { padding-top: 0.8rem; max-width: 100%; }
.storymap-narrative { color: #000; }
.storymap-narrative h3 { font-size: 36px; line-height: 1.15; color: #000; padding-top: 0.4rem; }
.storymap-narrative p { font-size: 24px; line-height: 1.4; color: #000; }
.storymap-narrative p small { font-size: 19px; }
.storymap-narrative blockquote p { font-size: 22px; }
p.storymap-progress { font-size: 28px; font-weight: 700; margin: 0; color: #000; }
.speaker-notes p, .speaker-notes li { font-size: 19px; }
.speaker-notes h4 { font-size: 21px; }
"""


def page_style(css: str) -> None:
    """Add our own CSS to the page (no script, no markup)."""
    st.html(f"<style>{css}</style>")


def html_block(markup: str) -> None:
    """Put library-built HTML (escaped and cleaned by storymap.reader.clean) on the page."""
    st.markdown(markup, unsafe_allow_html=True)
