"""The Content-Security-Policies of the pages our browser code runs in, written once.

A policy is the last line of defence: story text reaches a page only as text (``textContent``,
DOM nodes for Leaflet, templates that escape), and if a mistake ever let markup through,
the policy still runs no script it did not name. Scripts come from the page's own files
(``'self'``) or, for a page with inline scripts, by hash; no inline handler, no ``eval``.
Images come only from the page itself, ``data:`` and the base maps' tile hosts
(``storymap.basemaps``); the app's frame, which serves every story, also allows a picture
from any host, and a page that must work offline (the single file, the site) carries the
story's own pictures inline and shows a picture on the web as a link. Nothing connects
anywhere else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from storymap.basemaps import tile_hosts

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def policy(**directives: str) -> str:
    """``default_src="'none'"`` -> ``"default-src 'none'"``, directives in the order given."""
    return "; ".join(f"{name.replace('_', '-')} {value}" for name, value in directives.items())


def frame_policy(style_hashes: Iterable[str] = (), own_base: bool = False) -> str:
    """A page of our own files served by the app (the reader's and the place picker's frames,
    the light page): its scripts and styles from its own folder (and the page's own inline
    style sheets by their ``style_hashes``, ``script_hash``), its data fetched from there,
    tiles from the base maps' hosts, and the stories' pictures (any story's, on any host: an
    imported Knight Lab story's pictures are often on plain ``http:``). ``own_base``: the
    page names its folder on this server in a ``<base>`` (the light page at the app's ``/``)."""
    return policy(
        default_src="'none'",
        script_src="'self'",
        style_src=" ".join(["'self'", *style_hashes]),
        img_src=" ".join(["'self'", "data:", *tile_hosts(), "https:", "http:"]),
        connect_src="'self'",
        base_uri="'self'" if own_base else "'none'",
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


def script_hash(script: str) -> str:
    """A CSP source for one inline script (or style sheet): ``'sha256-…'`` of its exact text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_scripts(page: str) -> list[str]:
    """The text of every inline ``<script>`` (one without attributes) of an HTML page."""
    return _INLINE_SCRIPT.findall(page)


def meta(value: str) -> str:
    """The policy as a ``<meta>`` for a page's ``<head>`` (before any script)."""
    return f'<meta http-equiv="Content-Security-Policy" content="{value}">'
