"""Presenter: one event per screen at projector scale, for a teacher in class.

Same story, step and deep link as the reader; keys from a presentation clicker
move it; speaker notes (sources, discussion question) can be hidden from the screen.
"""

import streamlit as st

import storymap_ui as ui
from storymap.i18n import t
from storymap.reader import speaker_notes_html

st.set_page_config(
    page_title="storymap · presenter", page_icon="🗺️", layout="wide",
    initial_sidebar_state="collapsed",
)  # fmt: skip
ui.page_style(ui.PRESENTER_CSS)
bundle = ui.load_or_stop()
story = bundle.story

title_column, switch_column = st.columns([5, 2], vertical_alignment="center")
with switch_column:
    lang = ui.language(story.default_language)
    notes = st.toggle(
        t("speaker_notes", lang), key="notes", value=st.query_params.get("notes") == "1"
    )
with title_column:
    st.markdown(f"#### {story.title.get(lang)}")


@st.fragment
def slide() -> None:
    step = ui.current_step(bundle)
    map_column, text_column = st.columns([3, 2], gap="large")
    with map_column:
        ui.reader_map(bundle, lang, step, height=470, mode="presenter")
    with text_column:
        step = st.session_state.step
        st.markdown(
            f'<p class="storymap-progress">{step + 1} / {len(bundle.steps)}</p>',
            unsafe_allow_html=True,
        )
        ui.narrative(bundle, lang, step)
        if notes:
            with st.container(border=True):
                ui.html_block(speaker_notes_html(story, bundle.steps[step], lang))
    st.caption(t("presenter_help", lang))


slide()
