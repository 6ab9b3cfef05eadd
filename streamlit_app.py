"""The entry page: the reader's story map first, then the presenter, data and author pages.

Each page lives in pages/; this file only names them and their addresses, so a deep
link like /reader?event=kremlin-meeting&lang=en opens the reader and /presenter?event=... the
presenter. The app's front door, ``/``, is not Streamlit's: it serves the story's light
page (``storymap_ui.light``), which opens without Streamlit's 1–2 s of scripts; the reader
inside the app's navigation is at ``/reader``. The navigation sits at the top, so the map
gets the whole width; its icons are Material icons, which need no emoji font.

``streamlit run streamlit_app.py`` finds ``app`` below and serves the pages through it:
Streamlit's own ASGI app with our middleware, which sends every page's
Content-Security-Policy (``storymap_ui.headers``), and the light reader's routes
(``/``, ``/read/<story-id>/``, ``storymap_ui.light``: a story without Streamlit's page).
Streamlit imports this module to find ``app`` (``__name__`` is then "streamlit_app"), and
runs it as the page script of every session (``__name__`` is "__main__"). A Streamlit
without ``st.App`` only runs it.
"""

import sys

import streamlit as st

from storymap.light_html import APP_PAGES
from storymap_ui.page import ICON

# Each page's file is pages/<address>.py; its icon, a Material icon (no emoji font needed).
ICONS = {"reader": ":material/map:", "presenter": ":material/co_present:",
         "data": ":material/table_chart:", "author": ":material/edit_note:"}  # fmt: skip

# One Python process serves every session: the pages' runs in threads, and the messages to
# every browser from one event loop. Python hands its lock between threads every 5 ms by
# default, so with a few pages running, each message the loop sends waits that long for the
# lock, and twenty sessions' pages heard of their runs seconds late. Handing it over every
# 0.5 ms keeps the loop sending (`make loadtest` has the figures). Set when the server imports
# this file too, so the light page's first requests after a start (served by the loop) do not
# wait 5 ms at a time behind the warm-up's import (storymap_ui.warm).
sys.setswitchinterval(0.0005)

if __name__ == "__main__":
    # The tab icon from a local file first: otherwise the first page's Material icon would be
    # fetched from Google's font server as the favicon, which an offline classroom cannot reach.
    st.set_page_config(page_icon=ICON, layout="wide")
    # Streamlit's "/" is only reached inside its page (the server answers a browser that asks
    # for "/" with the light page): the reader, hidden, so a session that names no page gets
    # it. /reader is the file's own name: a first visit after a start, which Streamlit serves
    # as an old-style pages/ folder, finds it too.
    home = st.Page("pages/reader.py", title=APP_PAGES[0][1], default=True, url_path="home",
                   visibility="hidden")  # fmt: skip
    st.navigation(
        [home]
        + [
            st.Page(f"pages/{address}.py", title=title, icon=ICONS[address], url_path=address)
            for address, title in APP_PAGES
        ],
        position="top",
    ).run()
else:  # imported by `streamlit run` to be served
    from starlette.middleware import Middleware

    from storymap_ui.headers import SecurityHeaders
    from storymap_ui.light import light_routes
    from storymap_ui.warm import warm_start

    app = st.App(
        __file__,
        routes=light_routes(),
        middleware=[Middleware(SecurityHeaders)],
        lifespan=warm_start,  # reads the story ahead of the first reader (storymap_ui.warm)
    )
