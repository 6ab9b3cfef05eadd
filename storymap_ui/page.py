"""A page's header and style. Story text is always shown as plain text, never Markdown.

``st.title`` and ``st.caption`` render Markdown: an image in a story title would be
fetched from another host on every view (tracking readers), and links, colours and
KaTeX would render. So the header is built from escaped HTML with our own style.
"""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

# The tab icon, from a file: a Material icon here would be fetched from Google on every view.
ICON = str(Path(__file__).with_name("favicon.png"))

PAGE_CSS = """
.block-container { padding: 4.2rem 1.5rem 1rem; max-width: 100%; }
@media (max-width: 640px) { .block-container { padding: 3.9rem 0.6rem 0.5rem; } }
.storymap-header { margin: 0; display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.9rem; }
.storymap-header h1 { font-size: 1.55rem; line-height: 1.2; margin: 0; padding: 0; font-weight: 700; }
.storymap-header p { margin: 0.1rem 0 0; color: #3d4148; font-size: 0.95rem; }
/* Contrast of at least 4.5:1 (WCAG AA) where Streamlit's theme gives less: captions (text at
   60 % opacity, 3.9:1) and the chosen language, blue on its light-blue tint (3.9:1 hovered). */
[data-testid="stCaptionContainer"] { color: #5c5f66; opacity: 1; }
[data-testid="stButtonGroup"] button[aria-checked="true"],
[data-testid="stButtonGroup"] button[aria-checked="true"] p { color: #00507d; }
/* The title's row: the language switch keeps its full width, the title takes the rest. */
@media (min-width: 641px) {
  [data-testid="stHorizontalBlock"]:has(.storymap-header) > [data-testid="stColumn"]:first-child { flex: 1 1 0; min-width: 0; }
  [data-testid="stHorizontalBlock"]:has(.storymap-header) > [data-testid="stColumn"]:last-child { flex: 0 0 auto; width: auto; min-width: max-content; }
}
@media (max-width: 640px) { .storymap-header h1 { font-size: 1.15rem; } .storymap-header p { display: none; } }
"""

PRESENTER_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] { display: none; }
.block-container { padding-top: 0.6rem; padding-bottom: 0; max-width: 100%; }
.storymap-header h1 { font-size: 1.6rem; }
@media (max-width: 640px) { .storymap-header h1 { font-size: 1.15rem; } }
"""


def through_app_navigation() -> None:
    """Run this page inside the app's own navigation, even when a deep link came first.

    Until a session has run ``streamlit_app.py`` (which calls ``st.navigation``),
    Streamlit treats ``pages/`` as an old-style pages folder: a first visit to
    ``/data`` after the server starts would get a sidebar of file names and no top
    navigation, for every session until someone opens ``/``. Streamlit offers no public
    switch for this, so its class flag is cleared and the run starts again through the
    app's navigation (same address, same page).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a later Streamlit without the flag has no old-style mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_style(css: str = PAGE_CSS) -> None:
    """Add our own CSS to the page (no script, no markup)."""
    st.html(f"<style>{css}</style>")


def header(title: str, subtitle: str = "") -> None:
    """The page's title and subtitle, as plain text."""
    sub = f"<p>{html.escape(subtitle)}</p>" if subtitle else ""
    st.html(f'<div class="storymap-header" dir="auto"><h1>{html.escape(title)}</h1>{sub}</div>')


def html_block(markup: str) -> None:
    """Put library-built HTML (templated, escaped and cleaned by storymap.render) on the page."""
    st.html(markup)
