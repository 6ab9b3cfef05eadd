"""The data page's downloads and its folium map, made when asked for.

No export is built on page load: a download button runs its maker only when it is
clicked (Streamlit's deferred download data), so one heavy or hostile story cannot
slow every reader's first visit, and it runs in a worker process (``storymap.worker``),
so it cannot hold the lock every session needs. Each export is cached per story version.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from storymap.errors import StorymapError
from storymap.export import FORMATS, export_bytes
from storymap.folium_map import events_map, offline_html
from storymap.i18n import t
from storymap.worker import run_apart
from storymap_ui.page_frame import page_frame
from storymap_ui.story import ReaderStory, load


@st.cache_data(show_spinner=False, max_entries=64)
def _export(path: str, mtime_ns: int, fmt: str, lang: str) -> bytes:
    story, _ = load_path(path)
    return run_apart(export_bytes, story.located, fmt, lang, what=f"the {fmt} export")


def load_path(path: str) -> tuple[ReaderStory, str | None]:
    return load(Path(path))


@st.cache_data(show_spinner=False, max_entries=32)
def _events_map_html(path: str, mtime_ns: int, events: tuple[int, ...], lang: str) -> str:
    story, _ = load_path(path)
    located = story.located
    return offline_html(events_map(located.story, located.located, events, lang))


def events_map_view(
    story: ReaderStory, events: tuple[int, ...], lang: str, height: int = 420
) -> None:
    """A folium map of the chosen events (Leaflet inlined: it needs no network), in a frame
    of its own under its own Content-Security-Policy (``storymap_ui.page_frame``)."""
    markup = _events_map_html(str(story.path), story.path.stat().st_mtime_ns, events, lang)
    page_frame(markup, height=height, title=t("map_label", lang), key="events-map")


def _maker(story: ReaderStory, fmt: str, lang: str) -> Callable[[], bytes]:
    mtime_ns = story.path.stat().st_mtime_ns

    def make() -> bytes:
        try:
            return _export(str(story.path), mtime_ns, fmt, lang)
        except StorymapError as exc:  # shown in the file rather than as a traceback
            return f"{t('export_failed', lang)}: {exc}\n".encode()

    return make


def downloads(story: ReaderStory, lang: str) -> None:
    """Buttons for the story file and every export, each made when it is clicked."""
    key = story.located.story.id
    st.download_button(
        t("download_story", lang),
        story.path.read_bytes,
        f"{key}.yaml",
        "application/yaml",
        on_click="ignore",
        icon=":material/description:",
    )
    for fmt, export in FORMATS.items():
        st.download_button(
            t(export.label, lang),
            _maker(story, fmt, lang),
            export.file_name(key, lang),
            export.mime,
            key=f"download-{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )
