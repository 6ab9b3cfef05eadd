"""Author: write, check, preview and publish a story without touching YAML.

Start from an article (the draft is made on the spot), an upload, a story in the stories
folder or a blank story; edit the header, places and events in forms and tables; every
problem is listed beside the page, each opening its field; preview with the reader
itself; download the story file and the exports, or save into the stories folder where
the app runs locally. The story being written is kept on the server under the draft's
token in the address (``?draft=…``), for the browser that made it, so a reload or a
second tab loses nothing; its owner may share it with a read-only or an edit link.
"""

import streamlit as st

from storymap.i18n import t
from storymap_ui import (
    author_checks,
    author_events,
    author_owner,
    author_places,
    author_publish,
    author_share,
    author_start,
    author_state,
    author_story,
    author_view,
    page,
)

page.through_app_navigation()
st.set_page_config(page_title="storymap · author", page_icon=page.ICON, layout="wide")
page.page_style(page.PAGE_CSS + author_view.CSS)
author = author_state.session()
title_column, switch_column = st.columns([5, 2], vertical_alignment="center")
with switch_column:
    lang = author_view.ui_language()
with title_column:
    page.header(t("author_title", lang), t("author_subtitle_page", lang))

with author_view.slot():  # notices come and go; what is below them stays in place
    refused = author_state.refused(author)
    if refused:
        st.warning(t(refused, lang))
    if author_state.newer_elsewhere(author):
        st.warning(t("author_other_tab", lang))
        take, keep = st.columns(2)
        take.button(
            t("author_take_newer", lang), on_click=author_state.take_newer, args=(author,),
            key="author-take-newer",
        )  # fmt: skip
        keep.button(
            t("author_keep_mine", lang), on_click=author_state.keep_mine, args=(author,),
            key="author-keep-mine",
        )  # fmt: skip
    if author.problem:
        st.error(t("author_not_kept", lang, why=author_view.md(author.problem)))
    author_start.messages()
author_state.apply_table_edits(author)

checked = author_checks.checked(author, lang)
if author.access == "read":  # a read-only link: the preview and the story file, nothing else
    author_share.read_only(author, checked, lang)
    author_owner.keep_cookie()
    st.stop()
author_checks.sidebar(author, checked, lang)
with author_view.slot():
    author_checks.status_line(author, checked, lang)
section = author_view.section(lang, author.data is not None)
if section == "start":
    author_start.show(author, lang)
elif author.data is None and section != "story":
    st.info(t("author_no_story", lang))
elif section == "story":
    author_story.show(author, lang)
elif section == "places":
    author_places.show(author, checked, lang)
elif section == "events":
    author_events.show(author, lang)
elif section == "preview":
    author_publish.preview(author, checked, lang)
else:
    author_publish.downloads(author, checked, lang)
    author_publish.save(author, checked, lang)
    author_share.panel(author, lang)
author_owner.keep_cookie()
