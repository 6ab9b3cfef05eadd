"""Which story the app shows, loaded and located once per file version.

A version is built once for every process and restart (``storymap.reader_cache``, on
disk in the cache folder); a process keeps the versions it serves in memory.

A story file can change while readers are connected. A valid edit is swapped in whole
(the browser reloads the new version at the reader's event); an invalid edit never
reaches a reader as a traceback: readers keep the last good version, with a notice.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from storymap.errors import StorymapError
from storymap.i18n import t
from storymap.located import LocatedStory
from storymap.reader_cache import ReaderData, reader_data
from storymap.settings import stories_folder, story_file
from storymap.versions import file_stamp
from storymap_ui.component import addresses, data_folder


@dataclass(frozen=True)
class ReaderStory:
    """A located story and the addresses its browser payload is served at."""

    data: ReaderData
    path: Path
    map_url: str
    text_urls: dict[str, str]
    stamp: tuple[int, int, int] = (0, 0, 0)  # the file's and its media folder's, when read

    @property
    def located(self) -> LocatedStory:
        return self.data.located


class NoStory(StorymapError):
    """There is no story to show: the folder is empty or missing, or the file is gone."""


def story_path() -> Path:
    """The story named by STORYMAP_STORY, else the first story in the stories folder."""
    chosen = story_file()
    if chosen is not None:
        return chosen
    folder = stories_folder()
    stories = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not stories:
        raise NoStory(
            f"no story files (*.yaml) in {folder}: set STORYMAP_STORY to a story file "
            "or STORYMAP_STORIES to a folder of them"
        )
    return stories[0]


@st.cache_resource(show_spinner=False, max_entries=8)
def _publish(path: str, mtime_ns: int, size: int, media_ns: int) -> ReaderStory:
    data = reader_data(path, data_folder())
    map_url, text_urls = addresses(data)
    return ReaderStory(data, Path(path), map_url, text_urls, (mtime_ns, size, media_ns))


@st.cache_resource(show_spinner=False)
def _last_good() -> tuple[threading.Lock, dict[str, ReaderStory]]:
    """The newest version of each story that loaded, for when an edit breaks the file."""
    return threading.Lock(), {}


def load(path: Path) -> tuple[ReaderStory, str | None]:
    """The story at ``path`` and, when its file is broken now, why (serving the last good one)."""
    lock, last_good = _last_good()
    try:
        story = _publish(str(path), *file_stamp(path))
    except (StorymapError, OSError) as exc:
        with lock:
            previous = last_good.get(str(path))
        if previous is None:
            raise
        return previous, str(exc)
    with lock:
        last_good[str(path)] = story
    return story, None


def moved(story: ReaderStory) -> bool:
    """Whether the page must show another version than ``story`` (its file changed, or the
    app now shows another file). A reader's every step asks: when nothing changed, that
    costs two ``stat`` calls, not a page's whole look-up (``current_story``)."""
    try:
        if story_path() == story.path and file_stamp(story.path) == story.stamp:
            return False
    except (StorymapError, OSError):
        pass  # said by current_story, as on a full run
    return current_story().map_url != story.map_url


def current_story() -> ReaderStory:
    """The page's story, or a clear page naming the file and every problem, then stop."""
    try:
        path = story_path()
        story, problem = load(path)
    except (StorymapError, OSError) as exc:
        st.error(f"{t('story_error', 'id')} / {t('story_error', 'en')}")
        st.code(_message(exc), language=None)
        st.stop()
        raise  # st.stop() ends the run; this line only tells type checkers so
    if problem:
        st.warning(f"{t('story_kept', 'id')} / {t('story_kept', 'en')}")
    return story


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".strip(": ")
    return str(exc)
