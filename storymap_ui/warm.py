"""The server's start: what the first reader would wait for, done while nobody waits.

After a restart, the first page view used to import the library (about 2 s of CPU) and read
the story's version back from the cache (a 5,000-event story: 0.4–0.8 s) inside its run.
``warm_start`` (the app's lifespan) does it in a thread as soon as the server is up, while
the first browser still parses Streamlit's page: first the light page's files (after a
restart they are only found, by the story file's hash, and nothing heavy is imported), then,
once the light page's first requests are served, the reader's modules and the app's story,
then the author page's modules.

It does not make the server wait for it: waiting made a start 5–7 s longer on the loaded
test machine (0.8–1.3 s to the server's answer before, 5.4–8.1 s after), a time in which a
reader gets no answer at all, and the first load after it was no quicker we could measure
(docs/performance.md, "The start")."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

_log = logging.getLogger(__name__)
# The library's import (about 1 s of CPU) waits while the light page is being served (if it
# is), for at most this long: sharing Python's lock with it made the light page's first load
# after a start slower (docs/performance.md, "The start").
_WAIT_FOR_LIGHT_S = 3.0


def warm_up() -> None:
    """Ready, in this order, what a reader and then an author would wait for: the light
    page's files (after a restart only found, no library imported), the reader's modules and
    the app's story, then the author page's modules."""
    from storymap.errors import StorymapError
    from storymap_ui.light import expect_readers, quiet, shelf

    try:
        expect_readers()  # the import below waits a moment for the light page's first reader
        stories = shelf().stories()
        if stories:  # the app's own story (STORYMAP_STORY), else the first one listed
            shelf().warm(stories[0])
        wait_until(quiet, _WAIT_FOR_LIGHT_S)  # the light page's first readers go first
        warm_reader()
    except (StorymapError, OSError) as exc:  # the page shows what is wrong, on its first run
        _log.info("nothing read ahead: %s", exc)
    warm_author()


def wait_until(ready: Callable[[], bool], limit_s: float) -> None:
    """Sleep until ``ready()`` (polled), for at most ``limit_s``."""
    deadline = time.monotonic() + limit_s
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.05)


def warm_reader() -> None:
    """Import the reader page's modules (and the library) and read the app's story."""
    import storymap_ui.views  # noqa: F401  (the reader page's modules, and the library)
    from storymap.reader_cache import reader_data
    from storymap_ui.component import data_folder
    from storymap_ui.story import story_path

    data = reader_data(story_path(), data_folder())
    lang = data.located.story.default_language
    data.text_file(lang)
    data.listing(lang)


def warm_author() -> None:
    """Import the author page's modules (``storymap_ui.author_*``): its first screen after a
    start then pays for its own run only."""
    import storymap_ui

    for module in pkgutil.iter_modules(storymap_ui.__path__):
        if module.name.startswith("author_"):
            importlib.import_module(f"storymap_ui.{module.name}")


@asynccontextmanager
async def warm_start(app: Any) -> AsyncIterator[None]:
    """The app's lifespan: ``warm_up`` in a thread once the server is up; never waited for."""
    threading.Thread(target=warm_up, name="storymap-warm-up", daemon=True).start()
    yield
