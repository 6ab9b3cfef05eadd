"""The Content-Security-Policies of the pages our browser code runs in, written once.

A policy is the last line of defence: story text reaches a page only as text (``textContent``,
DOM nodes for Leaflet, templates that escape), and if a mistake ever let markup through,
the policy still runs no script it did not name. Scripts come from the page's own files
(``'self'``) or, for a page with inline scripts, by hash; no inline handler, no ``eval``.
Images come only from the page itself, ``data:``, the base maps' tile hosts
(``storymap.basemaps``) and the hosts of the story's own pictures (``image_sources``; the
app's frame, which serves every story, allows a picture from any host); nothing connects
anywhere else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from storymap.basemaps import tile_hosts
from storymap.model import Story

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?")  # nothing a policy could read as syntax


def policy(**directives: str) -> str:
    """``default_src="'none'"`` -> ``"default-src 'none'"``, directives in the order given."""
    return "; ".join(f"{name.replace('_', '-')} {value}" for name, value in directives.items())


def frame_policy() -> str:
    """A page of our own files served by the app (the reader's and the place picker's frames):
    its scripts and styles from its own folder, its data fetched from there, tiles from the
    base maps' hosts, and the stories' pictures (any story's, on any host: an imported
    Knight Lab story's pictures are often on plain ``http:``)."""
    return policy(
        default_src="'none'",
        script_src="'self'",
        style_src="'self'",
        img_src=" ".join(["'self'", "data:", *tile_hosts(), "https:", "http:"]),
        connect_src="'self'",
        base_uri="'none'",
        form_action="'none'",
    )


def inline_page_policy(scripts: Iterable[str]) -> str:
    """A page that carries everything inline (a folium map): only these scripts, by hash."""
    hashes = " ".join(script_hash(script) for script in scripts)
    return policy(
        default_src="'none'",
        script_src=hashes or "'none'",
        style_src="'unsafe-inline'",
        img_src=" ".join(["data:", *tile_hosts()]),
        connect_src="'none'",
        base_uri="'none'",
        form_action="'none'",
    )


def image_sources(story: Story) -> list[str]:
    """Where a page of this story may load pictures from: the base maps' tile hosts and the
    origins of the story's own pictures (a host that is not a plain name is left out)."""
    origins = []
    for event in story.events:
        for media in event.media:
            parts = urlsplit(media.url)
            if media.kind == "image" and _HOST.fullmatch(parts.netloc):
                origins.append(f"{parts.scheme}://{parts.netloc}")
    return [*tile_hosts(), *dict.fromkeys(origins)]


def script_hash(script: str) -> str:
    """A CSP source for one inline script: ``'sha256-…'`` of its exact text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_scripts(page: str) -> list[str]:
    """The text of every inline ``<script>`` (one without attributes) of an HTML page."""
    return _INLINE_SCRIPT.findall(page)


def meta(value: str) -> str:
    """The policy as a ``<meta>`` for a page's ``<head>`` (before any script)."""
    return f'<meta http-equiv="Content-Security-Policy" content="{value}">'
