"""The events: a table of them all (a page at a time), and one event in full below it.

The table edits the fields worth seeing side by side (id, date, category, places, title
in every language) and shows how each date reads and which translations are missing.
Rows can be added and removed in the table; the event below can be moved, and the
events sorted by date. Every change is kept at once (see ``author_state``).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from storymap.authoring import order
from storymap.authoring.lists import apply_delta
from storymap.authoring.rows import event_rows, events_from_rows, reads_as
from storymap.fields import BUILTIN_CATEGORIES
from storymap.i18n import t
from storymap_ui import author_event_parts, author_state
from storymap_ui.author_state import Author
from storymap_ui.author_view import (
    chosen_item,
    data_table,
    field_input,
    focus_mark,
    md,
    story_languages,
    table_page,
    texts_side_by_side,
)


def show(author: Author, lang: str) -> None:
    data = author.data or {}
    events = data.get("events") if isinstance(data.get("events"), list) else []
    languages = story_languages(data)
    st.subheader(t("events_heading", lang), anchor=False)
    focus_mark(author, ("events",), lang)
    page = table_page(author, "events", len(events), lang)
    rows = event_rows(data, languages, page)
    columns = ["id", "date", "reads_as", "category", "places",
               *(f"title.{code}" for code in languages), "missing"]  # fmt: skip
    key = f"g{author.grid_generation}:events:{page.start}"
    apply = partial(_store_rows, author, rows, page)
    config = _config(data, languages, lang)
    data_table(author, key, rows, columns, config, apply, disabled=["reads_as", "missing"])
    buttons = st.columns(3)
    if buttons[0].button(t("author_add_event", lang), icon=":material/add:", key="add-event"):
        data, index = order.add_event(data, author.event if events else None)
        author.event = index
        author_state.restart(author, data)
        st.rerun()
    if buttons[1].button(t("author_sort_events", lang), icon=":material/sort:", key="sort-events"):
        author_state.restart(author, order.sort_events_by_date(data))
        st.rerun()
    if events:
        _one_event(author, events, languages, lang)


def _config(data: dict, languages: list[str], lang: str) -> dict:
    places = [p.get("id") for p in data.get("places") or [] if isinstance(p, dict)]
    own = [c.get("id") for c in data.get("categories") or [] if isinstance(c, dict)]
    categories = list(dict.fromkeys([*BUILTIN_CATEGORIES, *own]))
    config = {
        "id": st.column_config.TextColumn(t("author_event_id", lang), required=True),
        "date": st.column_config.TextColumn(
            t("col_date", lang), help=t("author_date_help", lang), required=True
        ),
        "reads_as": st.column_config.TextColumn(t("author_reads_as", lang), width="medium"),
        "category": st.column_config.SelectboxColumn(
            t("col_category", lang), options=[c for c in categories if isinstance(c, str)]
        ),
        "places": st.column_config.MultiselectColumn(
            t("col_places", lang), options=[p for p in places if isinstance(p, str)]
        ),
        "missing": st.column_config.TextColumn(t("author_missing_texts", lang)),
    }
    for code in languages:
        config[f"title.{code}"] = st.column_config.TextColumn(
            f"{t('col_title', lang)} · {md(code)}", width="medium"
        )
    return config


def _store_rows(author: Author, rows: list, page: range, delta: dict) -> None:
    changed = apply_delta(rows, delta)
    data = events_from_rows(author.data or {}, changed, page)
    written = [
        ("events", page.start + int(row), *_column_path(column))
        for row, changes in ((delta or {}).get("edited_rows") or {}).items()
        for column in changes
    ]
    author_state.change(author, data, written)


def _column_path(column: str) -> tuple:
    return tuple(column.split(".")) if "." in column else (column,)


def _one_event(author: Author, events: list, languages: list[str], lang: str) -> None:
    index = chosen_item(author, "events", events, t("author_event", lang), lang)
    event = events[index] if isinstance(events[index], dict) else {}
    path = ("events", index)
    _move_buttons(author, index, len(events), lang)
    left, right = st.columns([1, 2])
    with left:
        field_input(
            author, (*path, "date"), t("col_date", lang), lang, help=t("author_date_help", lang)
        )
        st.caption(f"{t('author_reads_as', lang)}: {md(reads_as(event.get('date'), languages))}")
    with right:
        author_event_parts.places_and_category(author, path, event, lang)
    texts_side_by_side(author, (*path, "title"), t("col_title", lang), lang)
    texts_side_by_side(author, (*path, "summary"), t("author_summary", lang), lang, area=True)
    texts_side_by_side(author, (*path, "date_note"), t("date_note", lang), lang, optional=True)
    if isinstance(event.get("evidence"), str):
        st.caption(t("author_evidence", lang))
        st.html(f'<div class="author-evidence">{_escape(event["evidence"])}</div>')
    author_event_parts.more(author, path, event, lang)


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def _move_buttons(author: Author, index: int, count: int, lang: str) -> None:
    up, down, remove = st.columns(3)
    if up.button(
        t("author_move_up", lang),
        icon=":material/arrow_upward:",
        disabled=index == 0,
        key="event-up",
    ):
        _restart(author, order.move_event(author.data or {}, index, index - 1), index - 1)
    if down.button(
        t("author_move_down", lang), icon=":material/arrow_downward:", disabled=index >= count - 1,
        key="event-down",
    ):  # fmt: skip
        _restart(author, order.move_event(author.data or {}, index, index + 1), index + 1)
    if remove.button(
        t("author_remove_event", lang),
        icon=":material/delete:",
        disabled=count <= 1,
        key="event-remove",
    ):
        _restart(author, order.remove_event(author.data or {}, index), max(0, index - 1))


def _restart(author: Author, data: dict, event: int) -> None:
    author.event = event
    author_state.restart(author, data)
    st.rerun()
