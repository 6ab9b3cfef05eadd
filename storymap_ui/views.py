"""The pieces every page shows the same way: the header with its language switch, the reader."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from storymap.settings import tiles
from storymap_ui import component, page, state
from storymap_ui.story import ReaderStory, moved


def header(
    story: ReaderStory,
    title: Callable[[str], str] | None = None,
    subtitle: Callable[[str], str] | None = None,
) -> str:
    """The page's title and subtitle (the story's unless given, per language) beside the
    language switch; returns the language chosen."""
    text = story.located.story
    title_column, switch_column = st.columns([5, 2], vertical_alignment="center")
    with switch_column:
        lang = state.language(story)
    with title_column:
        page.header((title or text.title.get)(lang), (subtitle or text.subtitle.get)(lang))
    return lang


def reader(story: ReaderStory, lang: str, mode: str = "reader", notes: bool = False) -> None:
    """The reader, in a fragment: when the reader moves, only this reruns, to keep the URL."""

    story.data.text_file(lang)  # written before the reader asks for it

    @st.fragment
    def run() -> None:
        if moved(story) or state.language_moved(story, lang):
            st.rerun()  # a new story version, or a language click that came with a step
        component.reader_map(
            story.map_url,
            story.text_urls,
            lang=lang,
            step=state.current_step(story),
            event=state.current_event(story),
            ack=st.session_state.get("reader_ack", 0),
            tiles=tiles(),
            mode=mode,
            notes=notes,
            on_change=state.remember_step,
        )

    run()
