"""The reader's story map: the page readers meet first (opened by streamlit_app.py).

Map, date slider and timeline run in the browser (storymap_ui's component);
this page keeps the language, the current step, the narrative and the deep link.
"""

import streamlit as st

import storymap_ui as ui
from storymap.i18n import t
from storymap.reader import credits_html, event_list_html

st.set_page_config(page_title="storymap", page_icon="🗺️", layout="wide")
bundle = ui.load_or_stop()
story = bundle.story
lang = ui.page_header(bundle, story.title.get, story.subtitle.get)


@st.fragment
def reader() -> None:
    """Map and narrative rerun together, and alone, when the reader moves a step."""
    step = ui.current_step(bundle)
    map_column, text_column = st.columns([3, 2], gap="medium")
    with map_column:
        ui.reader_map(bundle, lang, step)
    with text_column:
        ui.narrative(bundle, lang, st.session_state.step)


reader()
with st.expander(t("all_events", lang)):
    ui.html_block(event_list_html(story, lang))
with st.expander(t("credits", lang)):
    ui.html_block(credits_html(story, lang))
