"""A whole page of ours (the data page's folium map) in a frame of its own, as a small
Streamlit component.

``st.iframe`` would put the page in the app's document as ``srcdoc``, where it takes the
app's Content-Security-Policy, which refuses the page's inline scripts (as it should
refuse any). Here the page is a file in the component's folder, loaded by its address,
so it runs under the policy in its own ``<meta>`` (``storymap.folium_map.offline_html``:
its own scripts by hash, nothing else). Pages are named by their content, written once,
and removed when nobody has asked for them for a day.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

from storymap.settings import cache_folder
from storymap.web.policy import meta, policy

SOURCE = Path(__file__).with_name("page_frame")
KEPT_S = 24 * 3600  # a page nobody asked for in a day is removed
# The frame around the page: its one script from its own folder, the page from there too.
FRAME_POLICY = policy(
    default_src="'none'",
    script_src="'self'",
    frame_src="'self'",
    base_uri="'none'",
    form_action="'none'",
)


def frame_dir() -> Path:
    sources = b"".join(path.read_bytes() for path in sorted(SOURCE.iterdir()))
    digest = hashlib.sha256(sources + FRAME_POLICY.encode()).hexdigest()[:12]
    return cache_folder() / f"page-frame-{digest}"


@cache
def _component() -> Any:
    target = frame_dir()
    (target / "pages").mkdir(parents=True, exist_ok=True)
    page = (SOURCE / "index.html").read_text(encoding="utf-8")
    (target / "index.html").write_text(
        page.replace("<!-- storymap:policy -->", meta(FRAME_POLICY)), "utf-8"
    )
    (target / "page-frame.js").write_bytes((SOURCE / "page-frame.js").read_bytes())
    return components.declare_component("storymap_page", path=str(target))


def page_file(markup: str) -> Path:
    """The page as a file in the component's folder (written once), old pages pruned."""
    _component()
    folder = frame_dir() / "pages"
    target = folder / f"{hashlib.sha256(markup.encode()).hexdigest()[:24]}.html"
    if target.exists():
        target.touch()
        return target
    now = time.time()
    for old in folder.glob("*.html"):
        try:
            if now - old.stat().st_mtime > KEPT_S:
                old.unlink()
        except FileNotFoundError:  # another server pruned it first
            pass
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")  # one per writer
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(markup)
    os.replace(temporary, target)
    return target


def page_frame(markup: str, *, height: int, title: str, key: str) -> None:
    """Show ``markup`` (a whole HTML page with its own policy) in a frame ``height`` px high."""
    name = page_file(markup).name
    _component()(page=f"pages/{name}", height=height, title=title, key=key, default=None)
