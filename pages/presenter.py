"""Presenter: one step per screen at projector scale, for a teacher in class.

The same reader as the reader page, in presenter mode: large type that shrinks to fit
a long step, the keys a presentation clicker sends, speaker notes (sources, fact check,
question) and the discussion question on the slide when the teacher asks for them.
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
views.reader(story, lang, mode="presenter", notes=st.query_params.get("notes") == "1")
st.caption(t("presenter_help", lang))
