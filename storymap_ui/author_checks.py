"""The list of every problem, beside the page, updated on every edit; each opens its field.

Checking runs the checks of ``python -m storymap validate`` on the story's data and
locates every place, once per version of the story (keyed by its content: a rerun that
changed nothing checks nothing again). That takes about half a second for a thousand
events: a story bigger than ``AUTO_CHECK_BYTES`` is checked when the author asks, not on
every edit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from storymap.authoring.checks import PLACEHOLDER_LEFT, Checked, Issue, check_story
from storymap.authoring.exports import story_file_text
from storymap.authoring.field_words import describe
from storymap.authoring.order import todo_checked
from storymap.authoring.paths import get_at, set_at, todo_parts
from storymap.authoring.texts import PLACEHOLDERS
from storymap.draft.reasons import shown_reason
from storymap.i18n import t
from storymap_ui import author_state
from storymap_ui.author_state import Author
from storymap_ui.author_view import go_to, md

AUTO_CHECK_BYTES = 650_000  # of the data as JSON (``Author.size``): about 2,000 events
SHOWN = 60  # problems listed; the rest are counted


@st.cache_data(show_spinner=False, max_entries=256)
def _yaml(digest: str, _data: dict) -> str:
    return story_file_text(_data)


@st.cache_resource(show_spinner=False, max_entries=64)
def _check(digest: str, _data: dict, media: str | None) -> Checked:
    return check_story(_data, media=Path(media) if media else None)


def story_text(author: Author) -> str:
    """The story file's text for the current edits (made once per version of the story)."""
    return _yaml(author.digest(), author.data)


def checked(author: Author, lang: str) -> Checked | None:
    """The checks of the current edits, or None for a big story not checked yet."""
    if author.data is None:
        return None
    digest = author.digest()
    if author.size() > AUTO_CHECK_BYTES and st.session_state.get("author_checked") != digest:
        return None
    with st.spinner(t("author_checking", lang)):
        media = author.origin.get("media")  # the pictures' folder, as the server wrote it
        return _check(digest, author.data, media if isinstance(media, str) else None)


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
        if todo:  # keyed: the list stays open while its count changes
            label = t("author_todo_count", lang, count=len(todo))
            with st.expander(label, expanded=not problems, key="author-todo-list"):
                _issue_buttons(author, todo, "t", lang)
        if result.warnings:
            label = t("author_warning_count", lang, count=len(result.warnings))
            with st.expander(label, key="author-warning-list"):
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
        text = _issue_text(author, issue, lang)
        row = st.container(key=f"todo-row-{number}") if _checkable(author, issue) else None
        if row is not None:  # a box to tick, "checked": the to-do is off the list
            tick, where = row.columns([1, 9], gap="small", vertical_alignment="center")
            # keyed by the to-do itself: a box ticked goes with its to-do, never to the next
            tick.checkbox(
                t("author_checked_help", lang), key=_check_key(author, issue, number),
                on_change=_checked, args=(author, issue.where), label_visibility="collapsed",
            )  # fmt: skip
        (where if row is not None else st).button(
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


def _issue_text(author: Author, issue: Issue, lang: str) -> str:
    """The field named as the page names it ("Event 3 “Visit” · Summary · EN"), then what
    to do; the draft's reason for a check ("placed at the dateline") in the page's language."""
    if issue.kind == "todo" and issue.path == ("draft",):
        return t("author_draft_left", lang)
    where = describe(author.data, issue.path, lang) if issue.path else issue.where
    if issue.kind != "todo":
        return f"{where}: {issue.message}"
    reason = shown_reason(todo_parts(issue.where)[1], lang)
    if issue.message == PLACEHOLDER_LEFT:
        return f"{where}: {t('author_placeholder_left', lang)}"
    return f"{where}: {reason}" if reason else f"{where}: {t('author_to_do', lang)}"


def _check_key(author: Author, issue: Issue, number: int) -> str:
    """Keyed by the to-do itself: a box ticked goes with its to-do, never to the next."""
    digest = hashlib.sha256(issue.where.encode()).hexdigest()[:12]
    return f"check-{author.generation}-{number}-{digest}"


def _checkable(author: Author, issue: Issue) -> bool:
    """A to-do on the draft's list that asks for a check: its field holds something to
    check (a date, places, a whole place), not a placeholder still to write."""
    draft = (author.data or {}).get("draft")
    listed = draft.get("todo") if isinstance(draft, dict) else None
    if issue.kind == "todo" and issue.path == ("draft",):
        return True  # the last check: the story is ready, the draft mark goes
    if issue.kind != "todo" or not isinstance(listed, list) or issue.where not in listed:
        return False
    value = get_at(author.data or {}, issue.path) if issue.path else None
    return not (isinstance(value, str) and value.lstrip().startswith(PLACEHOLDERS))


def _checked(author: Author, item: str) -> None:
    """The author checked the to-do and found it right: off the list, on the record (the
    draft mark itself, the last to-do, is removed: the story is ready for readers)."""
    if author.data is not None:
        done = set_at(author.data, ("draft",), None) if item == "draft" else None
        author_state.change(author, done or todo_checked(author.data, item))
        author.generation += 1
        author.grid_generation += 1
