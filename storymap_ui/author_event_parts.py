"""The parts of one event beyond its date and texts: places and category, sources, the
quotation, the route, media, the discussion question and the fact check."""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from storymap.authoring import place_search
from storymap.authoring.paths import get_at, set_at
from storymap.fields import BUILTIN_CATEGORIES, ROUTE_MODES
from storymap.i18n import t
from storymap_ui import author_pictures, author_state
from storymap_ui.author_state import Author
from storymap_ui.author_story import list_editor
from storymap_ui.author_view import field_input, focus_mark, texts_side_by_side

VERDICTS = ("corrected", "more_precise", "confirmed", "disputed")


def _place_names(data: dict[str, Any], lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for place in data.get("places") or []:
        if isinstance(place, dict) and isinstance(place.get("id"), str):
            name = place.get("name")
            shown = (
                name.get(lang) or next(iter(name.values()), "") if isinstance(name, dict) else ""
            )
            names[place["id"]] = f"{shown} ({place['id']})" if shown else place["id"]
    return names


def _store(author: Author, path: tuple, key: str, empty: Any = None) -> None:
    value = st.session_state.get(key)
    author_state.set_field(author, path, value if value not in ([], "", empty) else None)


def _store_places(author: Author, path: tuple, key: str) -> None:
    """The event's places; a name typed that is no place of the story's becomes a new
    place, found by that name as the place search finds it (the story's countries first)."""
    data = author.data or {}
    known = {p.get("id") for p in data.get("places") or [] if isinstance(p, dict)}
    chosen = []
    for value in st.session_state.get(key) or []:
        if value not in known and str(value).strip():
            data, value = place_search.place_named(data, str(value).strip())
            known.add(value)
        chosen.append(value)
    author_state.change(
        author, set_at(data, (*path, "places"), chosen or None), [(*path, "places")]
    )
    # Not every widget anew (the generation): a box typed into right after the Enter that
    # chose the place would be replaced as its text is typed, and the text lost. This list
    # is keyed by what it holds; the others offer a new place as their options change.
    author.grid_generation += 1


def places_and_category(author: Author, path: tuple, event: dict[str, Any], lang: str) -> None:
    """The event's places, picked from the story's places, and its category."""
    data = author.data or {}
    names = _place_names(data, lang)
    chosen = [p for p in event.get("places") or [] if isinstance(p, str)]
    options = list(dict.fromkeys([*names, *chosen]))
    focus_mark(author, (*path, "places"), lang)
    # keyed by what it holds too: drawn afresh when the event's places change (a name typed
    # became a new place's id), and nothing else on the page is (see _store_places)
    held = hashlib.sha256("\n".join(chosen).encode()).hexdigest()[:8]
    key = f"a{author.generation}:{path[1]}:places:{held}"
    st.multiselect(
        t("col_places", lang), options, default=chosen, key=key,
        format_func=lambda pid: names.get(pid, f"⚠ {pid}"),
        on_change=_store_places, args=(author, path, key), accept_new_options=True,
        filter_mode="contains",  # "Maputo" + Enter is a new place, never a fuzzy "Kuala Namu"
        placeholder=t("author_places_or_new", lang),
    )  # fmt: skip
    own = [c.get("id") for c in data.get("categories") or [] if isinstance(c, dict)]
    categories = [c for c in dict.fromkeys([*BUILTIN_CATEGORIES, *own]) if isinstance(c, str)]
    current = event.get("category")
    if isinstance(current, str) and current not in categories:
        categories.append(current)
    focus_mark(author, (*path, "category"), lang)
    key = f"a{author.generation}:{path[1]}:category"
    st.selectbox(
        t("col_category", lang), categories,
        index=categories.index(current) if current in categories else None,
        format_func=lambda c: t(f"category_{c}", lang) if c in BUILTIN_CATEGORIES else c,
        key=key, on_change=_store, args=(author, (*path, "category"), key),
    )  # fmt: skip


def more(author: Author, path: tuple, event: dict[str, Any], lang: str) -> None:
    """Sources, then the optional parts, each in its own fold."""
    st.markdown(f"**{t('sources', lang)}**")
    list_editor(author, (*path, "sources"), [], ["outlet", "claim"], lang, after=["url"])
    focus = author.focus or ()
    parts = {
        "quote": ("author_quote", _quote),
        "route": ("route", _route),
        "media": ("author_media", _media),
        "question": ("question", _question),
        "fact_check": ("author_fact_check", _fact_check),
    }
    for name, (label, editor) in parts.items():
        mark = " ✓" if event.get(name) else ""
        opened = tuple(focus[:3]) == (*path, name)
        # keyed: the panel stays open while its label gains its ✓ and its fields are chosen
        with st.expander(t(label, lang) + mark, expanded=opened, key=f"part-{path[1]}-{name}"):
            editor(author, (*path, name), event.get(name), lang)


def _quote(author: Author, path: tuple, quote: Any, lang: str) -> None:
    left, right = st.columns(2)
    with left:
        field_input(author, (*path, "speaker"), t("author_speaker", lang), lang)
    with right:
        field_input(author, (*path, "original_language"), t("author_original_language", lang), lang)
    texts_side_by_side(author, (*path, "text"), t("author_quote_text", lang), lang, area=True)
    field_input(author, (*path, "via"), t("author_quote_via", lang), lang)
    if quote and st.button(t("author_remove_part", lang), key=f"rm-{'.'.join(map(str, path))}"):
        author_state.set_field(author, path, None)
        st.rerun()


def _route(author: Author, path: tuple, route: Any, lang: str) -> None:
    names = _place_names(author.data or {}, lang)
    route = route if isinstance(route, dict) else {}
    origin, destination, mode = st.columns(3)
    stops = ((origin, "origin", t("author_route_origin", lang)),
             (destination, "destination", t("author_route_destination", lang)))  # fmt: skip
    for column, stop, label in stops:
        with column:
            _choice(author, (*path, stop), list(names), names, label, lang)
    with mode:
        _choice(author, (*path, "mode"), list(ROUTE_MODES), {m: t(f"route_mode_{m}", lang) for m in ROUTE_MODES},
                t("author_route_mode", lang), lang)  # fmt: skip
    key = f"a{author.generation}:{'.'.join(map(str, path))}.via"
    focus_mark(author, (*path, "via"), lang)
    st.multiselect(
        t("author_route_via", lang), list(names),
        default=[p for p in route.get("via") or [] if p in names], format_func=names.get, key=key,
        on_change=_store, args=(author, (*path, "via"), key), placeholder=t("choose_options", lang),
    )  # fmt: skip
    if route and st.button(t("author_remove_part", lang), key=f"rm-{'.'.join(map(str, path))}"):
        author_state.set_field(author, path, None)
        st.rerun()


def _choice(
    author: Author, path: tuple, options: list, labels: dict, label: str, lang: str
) -> None:
    current = get_at(author.data or {}, path)
    key = f"a{author.generation}:{'.'.join(map(str, path))}"
    focus_mark(author, path, lang)
    st.selectbox(
        label, options, index=options.index(current) if current in options else None,
        format_func=lambda value: labels.get(value, value), key=key,
        on_change=_store, args=(author, path, key), placeholder=t("choose_options", lang),
    )  # fmt: skip


def _media(author: Author, path: tuple, media: Any, lang: str) -> None:
    st.caption(t("author_media_help", lang))
    list_editor(author, path, ["url", "file", "kind", "credit"], ["caption", "alt"], lang)
    author_pictures.upload(author, path, lang)  # a picture kept with the story (file + texts)


def _question(author: Author, path: tuple, question: Any, lang: str) -> None:
    texts_side_by_side(author, path, t("question", lang), lang, optional=True)


def _fact_check(author: Author, path: tuple, fact_check: Any, lang: str) -> None:
    _choice(author, (*path, "verdict"), list(VERDICTS),
            {v: t(f"verdict_{v}", lang) for v in VERDICTS}, t("author_verdict", lang), lang)  # fmt: skip
    texts_side_by_side(author, (*path, "article"), t("fact_check_article", lang), lang, area=True)
    texts_side_by_side(author, (*path, "record"), t("fact_check_record", lang), lang, area=True)
    st.caption(t("record_sources", lang))
    list_editor(author, (*path, "sources"), ["title", "url", "date"], ["outlet"], lang)
    if fact_check and st.button(
        t("author_remove_part", lang), key=f"rm-{'.'.join(map(str, path))}"
    ):
        author_state.set_field(author, path, None)
        st.rerun()
