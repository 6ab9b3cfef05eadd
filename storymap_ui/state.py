"""What a session remembers: the reader's language and event, kept in the address.

The browser owns the step: it moves the map and the words at once and tells the page
afterwards which event it shows. The page keeps that event (not a step number, which
can change when the story file is edited) and writes it into ``?event=`` for links;
the closing overview, which has no event, is ``?step=end``.
"""

from __future__ import annotations

import streamlit as st

from storymap.i18n import language_label, t
from storymap.steps import END
from storymap_ui.story import ReaderStory

LINK_PARAMS = ("event", "step")  # what names the reader's step in the address


def language(story: ReaderStory) -> str:
    """The reader's language: the switch, seeded from ?lang= in the URL."""
    languages = list(story.located.story.languages)
    default = story.located.story.default_language
    if st.session_state.get("lang") not in languages:
        asked = st.query_params.get("lang")
        st.session_state.lang = asked if asked in languages else default
    st.segmented_control(
        t("language_label", st.session_state.lang),
        options=languages,
        format_func=language_label,
        key="lang",
        label_visibility="collapsed",
    )
    lang = _on_the_switch(story)
    st.query_params["lang"] = lang
    return lang


def language_moved(story: ReaderStory, lang: str) -> bool:
    """The switch names another language than the page was drawn in.

    Streamlit sends the widget changes of one moment as one run, and when the reader's
    step is among them that run is the reader's fragment alone: the page must then start
    the full run itself, or the click on the switch is lost.
    """
    return _on_the_switch(story) != lang


def _on_the_switch(story: ReaderStory) -> str:
    """The language the switch names; none (its chosen one clicked again) is the default."""
    return st.session_state.get("lang") or story.located.story.default_language


def current_step(story: ReaderStory) -> int:
    """The step to show: the session's link, seeded from ?event= or ?step=end (a deep link)."""
    if "reader_link" not in st.session_state:
        st.session_state.reader_link = {
            name: st.query_params[name] for name in LINK_PARAMS if st.query_params.get(name)
        }
    link = st.session_state.reader_link
    return story.located.step_for_link(link.get("event"), link.get("step"))


def current_event(story: ReaderStory) -> str | None:
    """The event the session's link names (a presenter opens that event's slide), if any."""
    current_step(story)
    return st.session_state.reader_link.get("event")


def link_from(value: object) -> dict[str, str] | None:
    """The link a reader's step report names: {"event": id}, {"step": "end"} or {} (the
    opening overview); None when the value is not a step report (``{step, event, end, seq}``)."""
    if not isinstance(value, dict) or not isinstance(value.get("seq"), int):
        return None
    event = value.get("event")
    if isinstance(event, str) and event:
        return {"event": event}
    return {"step": END} if value.get("end") is True else {}


def remember_step() -> None:
    """The reader moved in the browser: keep its link for the URL (a component callback)."""
    value = st.session_state.get("reader_map")
    link = link_from(value)
    if link is None:
        return
    st.session_state.reader_ack = value["seq"]
    st.session_state.reader_link = link
    for name in LINK_PARAMS:
        if name in link:
            st.query_params[name] = link[name]
        elif name in st.query_params:
            del st.query_params[name]
