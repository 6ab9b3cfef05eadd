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
from storymap_ui.author_tables import data_table
from storymap_ui.author_view import (
    chosen_item,
    field_input,
    focus_mark,
    item_label,
    md,
    story_languages,
    table_page,
    texts_side_by_side,
)

EVERY_AT_ONCE = 20  # events written one after another on a page


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
    apply = partial(_store_rows, author, page)
    config = _config(data, languages, lang)
    data_table(
        author, f"events:{page.start}", rows, columns, config, apply,
        disabled=["reads_as", "missing"],
    )  # fmt: skip
    buttons = st.columns(3)
    every = st.session_state.get("author-events-view") == "all"
    if buttons[0].button(t("author_add_event", lang), icon=":material/add:", key="add-event"):
        data, index = order.add_event(data, None if every or not events else author.event)
        author.event = index
        author_state.restart(author, data)
        st.rerun()
    if buttons[1].button(t("author_sort_events", lang), icon=":material/sort:", key="sort-events"):
        author_state.restart(author, order.sort_events_by_date(data))
        st.rerun()
    st.segmented_control(
        t("author_events_view", lang), ["one", "all"], default="one", key="author-events-view",
        format_func={"one": t("author_events_one", lang), "all": t("author_events_all", lang)}.get,
        required=True,
    )  # fmt: skip
    if events and every:
        _every_event(author, events, languages, page, lang)
    elif events:
        _one_event(author, events, languages, lang)


def _every_event(
    author: Author, events: list, languages: list[str], page: range, lang: str
) -> None:
    """Every event of the page, one after another, to write as in a document: its sentence
    from the article, date, places, category, title and summary; the rest in "one event"."""
    shown = range(page.start, min(page.stop, page.start + EVERY_AT_ONCE))
    for index in shown:
        event = events[index] if isinstance(events[index], dict) else {}
        with st.container(border=True, key=f"event-card-{index}"):
            head, remove = st.columns([5, 1], vertical_alignment="center")
            head.markdown(f"**{md(item_label(event, index))}**")
            if remove.button(
                t("author_remove_event", lang), icon=":material/delete:", key=f"remove-{index}",
                disabled=len(events) <= 1,
            ):  # fmt: skip
                _restart(author, order.remove_event(author.data or {}, index), index)
            _essentials(author, index, event, languages, lang)
    if len(page) > len(shown):
        st.caption(t("author_events_more", lang, count=len(page) - len(shown)))


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
            f"{t('col_title', lang)} · {code}", width="medium"
        )
    return config


def _store_rows(author: Author, page: range, data: dict, rows: list, delta: dict) -> None:
    changed = apply_delta(rows, delta)
    data = events_from_rows(data, changed, page)
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
    _essentials(author, index, event, languages, lang)
    texts_side_by_side(author, (*path, "date_note"), t("date_note", lang), lang, optional=True)
    author_event_parts.more(author, path, event, lang)


def _essentials(author: Author, index: int, event: dict, languages: list[str], lang: str) -> None:
    """Date, places, category, the article's words, title and summary: what every event needs."""
    path = ("events", index)
    left, right = st.columns([1, 2])
    with left:
        field_input(
            author, (*path, "date"), t("col_date", lang), lang, help=t("author_date_help", lang)
        )
        st.caption(f"{t('author_reads_as', lang)}: {md(reads_as(event.get('date'), languages))}")
    with right:
        author_event_parts.places_and_category(author, path, event, lang)
    if isinstance(event.get("evidence"), str):  # the article's words, above what is written
        st.caption(t("author_evidence", lang))
        st.html(f'<div class="author-evidence">{_escape(event["evidence"])}</div>')
    texts_side_by_side(author, (*path, "title"), t("col_title", lang), lang)
    texts_side_by_side(author, (*path, "summary"), t("author_summary", lang), lang, area=True)


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def _move_buttons(author: Author, index: int, count: int, lang: str) -> None:
    back, forward, up, down, remove = st.columns(5)
    back.button(
        t("author_previous_event", lang), icon=":material/navigate_before:", disabled=index == 0,
        key="event-previous", on_click=_show_event, args=(author, index - 1),
    )  # fmt: skip
    forward.button(
        t("author_next_event", lang), icon=":material/navigate_next:", key="event-next",
        disabled=index >= count - 1, on_click=_show_event, args=(author, index + 1),
    )  # fmt: skip
    if up.button(
        t("author_move_up", lang), icon=":material/arrow_upward:", disabled=index == 0,
        key="event-up",
    ):  # fmt: skip
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
    ):  # fmt: skip  (the next event is shown: removing several in a row is one click each)
        _restart(author, order.remove_event(author.data or {}, index), min(index, count - 2))


def _show_event(author: Author, index: int) -> None:
    author.event = index
    author.generation += 1


def _restart(author: Author, data: dict, event: int) -> None:
    author.event = event
    author_state.restart(author, data)
    st.rerun()
