"""The reader's story map: the page readers meet first (opened by streamlit_app.py).

The reader runs in the browser (storymap_ui.component): a step moves the map, the
words and the counter at once. This page keeps the language and, for links, the event.
"""

import streamlit as st

from storymap.i18n import t
from storymap_ui import page, views
from storymap_ui.story import current_story

page.through_app_navigation()
st.set_page_config(page_title="storymap", page_icon=page.ICON, layout="wide")
page.page_style()
story = current_story()
lang = views.header(story)
views.reader(story, lang)
events, credits = story.data.listing(lang)
with st.expander(t("all_events", lang)):
    page.html_block(events)
with st.expander(t("credits", lang)):
    page.html_block(credits)
# The same story without Streamlit's page (storymap_ui.light): it opens in a fraction of the
# time, for a link to share; the address holds only the story's id (a-z, 0-9, -).
st.markdown(f"[{t('light_page', lang)}](read/{story.located.story.id}/#lang={lang})")
