"""Presenter: one slide per screen at projector scale, for a teacher in class.

The same reader as the reader page, in presenter mode: large type, a step that holds more
than a screen paged into slides, the keys a presentation clicker sends (next, previous, a
black screen, the question), and the speaker view (notes, the next slide, a clock) in a
second window that the class never sees.
"""

import streamlit as st

from storymap.i18n import t
from storymap_ui import page, views
from storymap_ui.story import current_story

page.through_app_navigation()
st.set_page_config(
    page_title="storymap · presenter", page_icon=page.ICON, layout="wide",
    initial_sidebar_state="collapsed",
)  # fmt: skip
page.page_style(page.PAGE_CSS + page.PRESENTER_CSS)
story = current_story()
lang = views.header(story, subtitle=lambda lang: "")
views.reader(story, lang, mode="presenter")
st.caption(t("presenter_help", lang))
