"""The list of every problem, beside the page, updated on every edit; each opens its field.

Checking reads the story back like ``python -m storymap validate`` and locates every
place, which takes about a second for a thousand events: a story bigger than
``AUTO_CHECK_BYTES`` is checked when the author asks, not on every edit.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from storymap.authoring.checks import Checked, Issue, check_story
from storymap.authoring.exports import story_file_text
from storymap.i18n import t
from storymap_ui.author_state import Author
from storymap_ui.author_view import go_to, md

AUTO_CHECK_BYTES = 600_000  # about 2,000 events
SHOWN = 60  # problems listed; the rest are counted


@st.cache_data(show_spinner=False, max_entries=256)
def _yaml(digest: str, _data: dict) -> str:
    return story_file_text(_data)


@st.cache_resource(show_spinner=False, max_entries=64)
def _check(digest: str, _data: dict, text: str, media: str | None) -> Checked:
    return check_story(_data, text, Path(media) if media else None)


def story_text(author: Author) -> str:
    """The story file's text for the current edits (made once per version of the story)."""
    return _yaml(author.digest(), author.data)


def checked(author: Author, lang: str) -> Checked | None:
    """The checks of the current edits, or None for a big story not checked yet."""
    if author.data is None:
        return None
    digest = author.digest()
    text = _yaml(digest, author.data)
    if len(text) > AUTO_CHECK_BYTES and st.session_state.get("author_checked") != digest:
        return None
    with st.spinner(t("author_checking", lang)):
        media = author.origin.get("media")  # the pictures' folder, as the server wrote it
        return _check(digest, author.data, text, media if isinstance(media, str) else None)


def sidebar(author: Author, result: Checked | None, lang: str) -> None:
    """Every problem and what the draft still asks, each a button that opens its field."""
    with st.sidebar:
        st.subheader(t("author_checks", lang), anchor=False)
        if author.data is None:
            st.caption(t("author_no_story", lang))
            return
        if result is None:
            st.info(t("author_big_story", lang))
            if st.button(t("author_check_now", lang), key="author-check-now"):
                st.session_state.author_checked = author.digest()
                st.rerun()
            return
        problems, todo = result.problems, result.todo
        if result.ready:
            st.success(t("author_valid", lang))
        else:
            st.error(t("author_problem_count", lang, count=len(problems)))
        _issue_buttons(author, problems, "p", lang)
        if todo:
            with st.expander(t("author_todo_count", lang, count=len(todo)), expanded=not problems):
                _issue_buttons(author, todo, "t", lang)
        if result.warnings:
            with st.expander(t("author_warning_count", lang, count=len(result.warnings))):
                _issue_buttons(author, result.warnings, "w", lang)


def status_line(author: Author, result: Checked | None, lang: str) -> None:
    """One line above every part of the page (the list itself is in the side panel, which
    a phone folds away)."""
    if author.data is None or result is None:
        return
    if result.ready:
        text = t("author_status_valid", lang, todo=len(result.todo))
    else:
        text = t("author_status_problems", lang, count=len(result.problems), todo=len(result.todo))
    st.caption(text)


_ICONS = {"todo": ":material/edit_note:", "warning": ":material/warning:"}


def _issue_buttons(author: Author, issues: list[Issue], prefix: str, lang: str) -> None:
    for number, issue in enumerate(issues[:SHOWN]):
        icon = _ICONS.get(issue.kind, ":material/error:")
        text = str(issue)
        if issue.kind == "todo":  # the library says it in English; the page in the reader's words
            placeholder = issue.message == "still a draft's placeholder"
            what = t("author_placeholder_left", lang) if placeholder else t("author_to_do", lang)
            text = (
                f"{issue.where}: {what}"
                if issue.path != ("draft",)
                else t("author_draft_left", lang)
            )
        st.button(
            md(text),
            key=f"issue-{prefix}-{number}",
            on_click=go_to,
            args=(author, issue.path),
            icon=icon,
            type="tertiary",
            help=t("author_open_field", lang),
        )
    if len(issues) > SHOWN:
        st.caption(t("author_more", lang, count=len(issues) - SHOWN))
