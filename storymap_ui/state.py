"""What a session remembers: the reader's language and event, kept in the address.

The browser owns the step: it moves the map and the words at once and tells the page
afterwards which event it shows. The page keeps that event (not a step number, which
can change when the story file is edited) and writes it into ``?event=`` for links.
"""

from __future__ import annotations

import streamlit as st

from storymap.i18n import language_label, t
from storymap.steps import step_for_event
from storymap_ui.story import ReaderStory


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
    """The step to show: the session's event, seeded from ?event= in the URL (a deep link)."""
    if "event" not in st.session_state:
        st.session_state.event = st.query_params.get("event")
    located = story.located
    return step_for_event(list(located.steps), located.story, st.session_state.event)


def remember_step() -> None:
    """The reader moved in the browser: keep its event for the URL (a component callback)."""
    value = st.session_state.get("reader_map")
    if not isinstance(value, dict) or not isinstance(value.get("seq"), int):
        return
    st.session_state.reader_ack = value["seq"]
    event = value.get("event")
    st.session_state.event = event if isinstance(event, str) else None
    _write_event(st.session_state.event)


def _write_event(event: str | None) -> None:
    if event:
        st.query_params["event"] = event
    elif "event" in st.query_params:
        del st.query_params["event"]


def sync_address(story: ReaderStory) -> None:
    """After a deep link or a new story version, say in the URL the event actually shown."""
    located = story.located
    step = current_step(story)
    events = located.steps[step].events
    _write_event(located.story.events[events[0]].id if events else None)
