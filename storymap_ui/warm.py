"""The server's start: what the first reader would wait for, done while nobody waits.

After a restart, the first page view used to import the library (about 2 s of CPU) and read
the story's version back from the cache (a 5,000-event story: 0.4–0.8 s) inside its run.
``warm_start`` (the app's lifespan) does both before the server answers, as a server behind
a proxy is put in service only once ready: the first reader then finds the modules imported,
the story in memory (``storymap.reader_cache``) and the light page's files written. Done in
a thread while the server already answered, the same work held Python's lock while the first
readers' requests waited (the light page's first view after a start took 3.2 s instead of
1.5 s at 5,000 events). A start waits for it at most ``WARM_UP_LIMIT_S``; the rest goes on
in the background.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

_log = logging.getLogger(__name__)
WARM_UP_LIMIT_S = 20.0


def warm_up() -> None:
    """Import the reader's modules; read the app's story and lay out its light page."""
    from storymap.errors import StorymapError

    try:
        import storymap_ui.views  # noqa: F401  (the reader page's modules, and the library)
        from storymap.reader_cache import reader_data
        from storymap_ui.component import data_folder
        from storymap_ui.light import shelf
        from storymap_ui.story import story_path

        data = reader_data(story_path(), data_folder())
        lang = data.located.story.default_language
        data.text_file(lang)
        data.listing(lang)
        shelf().file(data.located.story.id, "")
    except (StorymapError, OSError) as exc:  # the page shows what is wrong, on its first run
        _log.info("nothing read ahead: %s", exc)


@asynccontextmanager
async def warm_start(app: Any) -> AsyncIterator[None]:
    """The app's lifespan: ``warm_up`` before the server answers (at most WARM_UP_LIMIT_S)."""
    work = asyncio.ensure_future(asyncio.to_thread(warm_up))
    try:
        await asyncio.wait_for(asyncio.shield(work), WARM_UP_LIMIT_S)
    except TimeoutError:
        _log.info("the server answers; its story is still being read")
    yield
