"""The light reader page's routes in the app's ASGI app (``st.App(routes=…)``).

``/`` is the app's front door: the app's story on its light page, so the first page a
reader meets opens in about the time of a bare Leaflet page (Streamlit's page
costs 1–2 s of its own scripts first; its reader is at ``/reader``).
``/read/<story-id>/`` is a story's page without Streamlit's (``storymap.light_page``);
``/read/_/…`` the engine's files it loads. Every response carries the frames' policy
(``storymap.web.policy.frame_policy``: scripts and styles only from this server, and a page's
own inline style sheets by hash; data only fetched from it); an id or name this server does
not know gets a one-line 404.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from functools import cache, wraps
from pathlib import Path
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from storymap.errors import StorymapError
from storymap.light_html import PAGE, page_style_hashes
from storymap.light_page import STORY_ID, Shelf
from storymap.precompressed import accepts_gzip
from storymap.web.policy import frame_policy
from storymap_ui.component import data_folder

PREFIX = "/read"
STREAMLIT_READER = "/reader"  # the reader in Streamlit's page, with the app's navigation
LINK_PARAMS = ("event", "step", "lang")  # a deep link's (storymap_ui.state's, the hash's)
_LINK_VALUE_MAX = 100  # longer is no event id, step or language: left out of the link
_QUIET_S = 0.3  # the light routes count as idle after this long without a request
# requests in flight, and when the last one ended (none yet: a server nobody reads the light
# page from warms up at once, for the Streamlit pages' first readers and authors)
_activity = {"busy": 0, "last": float("-inf")}
ASSETS = "_"  # /read/_/<file>: no story id starts with "_"
_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json",
          ".geojson": "application/geo+json", ".html": "text/html; charset=utf-8"}  # fmt: skip


@cache
def shelf() -> Shelf:
    """This process's shelf of stories (settings are read when it is first used), in the
    Streamlit reader's data folder: one version's map, words and pictures serve both."""
    return Shelf(root=data_folder())


def _headers(
    cache_control: str, style_hashes: tuple[str, ...] = (), own_base: bool = False
) -> dict[str, str]:
    return {
        "content-security-policy": frame_policy(style_hashes, own_base),
        "x-content-type-options": "nosniff",
        "cache-control": cache_control,
    }


async def send_file(
    request: Request,
    path: Path,
    cache_control: str,
    hashes: tuple[str, ...] = (),
    own_base: bool = False,
) -> Response:
    """``path`` as it is, or its gzip kept on disk (``storymap.precompressed``) when the
    browser takes gzip: then Streamlit's gzip middleware lets it through untouched (it
    compresses no response that has a ``Content-Encoding``) instead of compressing the
    file again on every request. ``hashes``: a page's inline style sheets'; ``own_base``:
    the page names its folder in a ``<base>``."""
    headers = _headers(cache_control, hashes, own_base)
    media_type = _TYPES.get(path.suffix)
    packed = await run_in_threadpool(shelf().compressed, path)
    if packed is None:
        return FileResponse(path, media_type=media_type, headers=headers)
    headers["vary"] = "Accept-Encoding"
    if not accepts_gzip(request.headers.get("accept-encoding", "")):
        return FileResponse(path, media_type=media_type, headers=headers)
    headers["content-encoding"] = "gzip"
    return FileResponse(packed, media_type=media_type, headers=headers)


def not_found(what: str) -> Response:
    return PlainTextResponse(f"not found: {what}\n", status_code=404, headers=_headers("no-store"))


def expect_readers() -> None:
    """Count the server's start as light page traffic: a browser sent to the page while the
    server restarted asks for it a moment after the server answers, and the warm-up's
    import (``quiet``) would otherwise start first and share Python's lock with its requests."""
    _activity["last"] = time.monotonic()


def quiet() -> bool:
    """Whether no light page request is being served, nor was in the last moment (the
    warm-up's library import waits for this: it would share Python's lock with them)."""
    return _activity["busy"] == 0 and time.monotonic() - _activity["last"] > _QUIET_S


Handler = Callable[[Request], Awaitable[Response]]


def light_traffic(handler: Handler) -> Handler:
    """``handler``'s requests counted as light page traffic (``quiet``): in flight, then the
    moment the last one ended."""

    @wraps(handler)
    async def counted(request: Request) -> Response:
        _activity["busy"] += 1
        try:
            return await handler(request)
        finally:
            _activity["busy"] -= 1
            _activity["last"] = time.monotonic()

    return counted


def deep_link(query: dict[str, str]) -> str:
    """The deep link a query names, re-encoded (``event=kremlin-meeting&lang=en``): only a
    link's own names, each value as plain text; the page checks them against its story."""
    link = {
        name: query[name] for name in LINK_PARAMS if 0 < len(query.get(name, "")) <= _LINK_VALUE_MAX
    }
    return urlencode(link)


@light_traffic
async def front_door(request: Request) -> Response:
    """``/``: the app's story on its light page, served there (a redirect would cost the
    browser a second navigation: 20–40 ms of a 0.2 s start). A deep link is sent on to the
    page's own address with the link in its hash (``/?event=kremlin-meeting&lang=en`` →
    ``/read/<id>/#event=kremlin-meeting&lang=en``). When the story cannot be read (no story,
    a broken file): the Streamlit reader, which says so in one line and keeps showing the
    last good version."""
    link = deep_link(dict(request.query_params))
    try:
        version = await run_in_threadpool(shelf().opening)
        page = None if version is None or link else await run_in_threadpool(shelf().front, version)
        hashes = await run_in_threadpool(page_style_hashes, page) if page else ()
    except (StorymapError, OSError):  # its file changed or broke while it was being read
        version = page = None
    if page is not None:  # it names the current version, as /read/<id>/ does
        return await send_file(request, page, "no-cache", hashes, own_base=True)
    if version is None:
        target = STREAMLIT_READER + (f"?{link}" if link else "")
    else:
        target = f"{PREFIX}/{version.story_id}/" + (f"#{link}" if link else "")
    return RedirectResponse(target, status_code=302, headers=_headers("no-store"))


@light_traffic
async def read(request: Request) -> Response:
    """A story's light page or one of its files; the engine's files under ``/read/_/``."""
    story_id = request.path_params["story"]
    name = request.path_params.get("name", "")
    if story_id == ASSETS:
        path = await run_in_threadpool(shelf().asset, name)
        if path is None:
            return not_found("no such file of the story page")
        return await send_file(request, path, "no-cache")
    if not STORY_ID.fullmatch(story_id):
        return not_found("a story id is lower-case letters, digits and '-'")
    try:
        path = await run_in_threadpool(shelf().file, story_id, name)
        page = path is not None and path.name == PAGE
        hashes = await run_in_threadpool(page_style_hashes, path) if page else ()
    except (StorymapError, OSError):  # its file changed or broke while it was being read
        return not_found(f"the story '{story_id}' cannot be read now; its page says why")
    if path is None:
        return not_found(f"no story '{story_id}' or no such file of it on this server")
    if page:  # it names the current version; a version's data never change
        return await send_file(request, path, "no-cache", hashes)
    return await send_file(request, path, "public, max-age=31536000, immutable")


async def to_page(request: Request) -> Response:
    """``/read/<id>`` → ``/read/<id>/`` (the page's files are relative to it)."""
    story_id = request.path_params["story"]
    if not STORY_ID.fullmatch(story_id):
        return not_found("a story id is lower-case letters, digits and '-'")
    return RedirectResponse(f"{PREFIX}/{story_id}/", headers=_headers("no-store"))


def light_routes() -> list[Route]:
    return [
        Route("/", front_door, methods=["GET", "HEAD"]),
        Route(PREFIX + "/{story}/{name:path}", read, methods=["GET", "HEAD"]),
        Route(PREFIX + "/{story}", to_page, methods=["GET", "HEAD"]),
    ]
