"""The places: a table of them all, and one place in full, placed by name or on the map.

By name: one search over every country, the story's own first (``place_search``);
choosing a result fills the name, country, kind, point and precision. On the map: a click gives the point and a precision from the zoom. A point
outside the place's country is said at once, with the likely slip (a sign, lat and lon
swapped).
"""

from __future__ import annotations

from functools import cache, partial

import streamlit as st

from storymap.authoring import order, place_search, placing
from storymap.authoring.checks import Checked
from storymap.authoring.ids import name_of
from storymap.authoring.lists import apply_delta
from storymap.authoring.paths import set_at
from storymap.authoring.place_search import story_countries
from storymap.authoring.rows import place_rows, places_from_rows
from storymap.errors import StorymapError
from storymap.geocoding.place_checks import country_name, country_names
from storymap.i18n import t
from storymap.settings import tiles
from storymap_ui import author_state
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
from storymap_ui.picker import place_picker

KINDS = ["city", "site", "region", "country"]


def show(author: Author, checked: Checked | None, lang: str) -> None:
    data = author.data or {}
    places = data.get("places") if isinstance(data.get("places"), list) else []
    languages = story_languages(data)
    st.subheader(t("places_heading", lang), anchor=False)
    page = table_page(author, "places", len(places), lang)
    rows = place_rows(data, languages, page, checked.places if checked else {})
    columns = ["id", *(f"name.{code}" for code in languages), "kind", "country",
               "lat", "lon", "precision_km", "source", "located", "check"]  # fmt: skip
    apply = partial(_store_rows, author, page)
    data_table(
        author, f"places:{page.start}", rows, columns, _config(languages, lang), apply,
        disabled=["located", "check"],
    )  # fmt: skip
    if st.button(t("author_add_place", lang), icon=":material/add_location:", key="add-place"):
        data, author.place = order.add_place(data)
        author_state.restart(author, data)
        st.rerun()
    if places:
        _one_place(author, places, checked, lang)


def _config(languages: list[str], lang: str) -> dict:
    config = {
        "id": st.column_config.TextColumn(t("author_place_id", lang), required=True),
        "kind": st.column_config.SelectboxColumn(t("col_kind", lang), options=KINDS),
        "country": st.column_config.TextColumn(
            t("col_country", lang), help=t("author_country_help", lang), max_chars=2,
            validate=r"^[A-Za-z]{2}$",
        ),
        "lat": st.column_config.NumberColumn("lat", min_value=-90, max_value=90, format="%.5f"),
        "lon": st.column_config.NumberColumn("lon", min_value=-180, max_value=180, format="%.5f"),
        "precision_km": st.column_config.NumberColumn(t("col_precision_km", lang), min_value=0.001),
        "source": st.column_config.TextColumn(t("author_coordinates_source", lang)),
        "located": st.column_config.TextColumn(t("author_located", lang)),
        "check": st.column_config.TextColumn(t("author_place_check", lang), width="large"),
    }  # fmt: skip
    for code in languages:
        config[f"name.{code}"] = st.column_config.TextColumn(f"{t('col_name', lang)} · {code}")
    return config


def _store_rows(author: Author, page: range, data: dict, rows: list, delta: dict) -> None:
    data = places_from_rows(data, apply_delta(rows, delta), page)
    written = [
        ("places", page.start + int(row), *(column.split(".") if "." in column else [column]))
        for row, changes in ((delta or {}).get("edited_rows") or {}).items()
        for column in changes
    ]
    author_state.change(author, data, written)


def _one_place(author: Author, places: list, checked: Checked | None, lang: str) -> None:
    index = chosen_item(author, "places", places, t("author_place", lang), lang)
    place = places[index] if isinstance(places[index], dict) else {}
    path = ("places", index)
    texts_side_by_side(author, (*path, "name"), t("col_name", lang), lang)
    found = checked.places.get(index) if checked else None
    if found and found[1]:
        st.error(md(f"{item_label(place, index)}: {found[1]}"))
    elif found:
        st.success(f"{t('author_located', lang)}: {md(found[0])}")
    _kind_and_country(author, index, place, lang)
    search, on_map = st.columns([2, 3])
    with search:
        _search(author, index, place, lang)
    with on_map:
        _map(author, index, place, lang)
    texts_side_by_side(author, (*path, "note"), t("author_place_note", lang), lang, optional=True)
    field_input(author, (*path, "precision_km"), t("author_precision_override", lang), lang)
    if st.button(t("author_remove_place", lang), icon=":material/delete:", key="place-remove"):
        try:
            data = order.remove_place(author.data or {}, index)
        except StorymapError as exc:
            st.error(md(exc))
            return
        author.place = max(0, index - 1)
        author_state.restart(author, data)
        st.rerun()


def _search(author: Author, index: int, place: dict, lang: str) -> None:
    """One search over every country (the story's first): choosing a result fills the place."""
    query = st.text_input(
        t("author_find_place", lang), value=name_of(place, "places") or "",
        key=f"a{author.generation}:find-{index}", placeholder=t("author_find_example", lang),
    )  # fmt: skip
    countries = story_countries(author.data or {}, place.get("country"))
    with st.spinner(t("author_searching", lang)):
        found = place_search.candidates(query, countries, place.get("kind"))
    if not found:
        st.caption(t("author_no_candidates", lang) if query.strip() else "")
        return
    for number, candidate in enumerate(found):
        label = (
            f"{candidate.name} · {_country(candidate.country)} · "
            f"{t(f'kind_{candidate.kind}', lang)} · {candidate.lat:.3f}, {candidate.lon:.3f}"
        )
        st.button(
            md(label), key=f"cand-{author.generation}-{index}-{number}",
            help=md(f"{candidate.layer}: {candidate.note}"), on_click=_use_candidate,
            args=(author, index, candidate, query), type="tertiary", icon=":material/place:",
        )  # fmt: skip


def _country(code: str | None) -> str:
    name = country_name(code) if code else None
    return f"{name} ({code})" if name else code or "?"


def _use_candidate(
    author: Author, index: int, candidate: place_search.Candidate, query: str = ""
) -> None:
    """The result fills the place: name, country, kind, point, precision (and its id); the
    place's to-do is done."""
    data = place_search.chosen(author.data or {}, index, candidate, query)
    author_state.change(author, data, [("places", index)])
    author.generation += 1
    author.grid_generation += 1


def _kind_and_country(author: Author, index: int, place: dict, lang: str) -> None:
    """The place's kind and country, chosen from lists (a search result fills both)."""
    kind_column, country_column = st.columns([1, 2])
    with kind_column:
        key = f"a{author.generation}:places.{index}.kind"
        current = place.get("kind")
        st.selectbox(
            t("col_kind", lang), KINDS, index=KINDS.index(current) if current in KINDS else None,
            format_func=lambda kind: t(f"kind_{kind}", lang), key=key,
            on_change=_store_choice, args=(author, ("places", index, "kind"), key),
        )  # fmt: skip
    with country_column:
        codes = _country_codes()
        current = place.get("country")
        if isinstance(current, str) and current not in codes:
            codes = [current, *codes]  # a wrong code stays visible, to be fixed
        key = f"a{author.generation}:places.{index}.country"
        focus_mark(author, ("places", index, "country"), lang)
        st.selectbox(
            t("col_country", lang), codes, index=codes.index(current) if current in codes else None,
            format_func=_country, key=key, placeholder=t("author_choose_country", lang),
            on_change=_store_choice, args=(author, ("places", index, "country"), key),
        )  # fmt: skip


def _store_choice(author: Author, path: tuple, key: str) -> None:
    author_state.set_field(author, path, st.session_state.get(key))


@cache
def _country_codes() -> list[str]:
    """Every ISO country code (and XZ, at sea), by the country's English name."""
    return sorted(country_names(), key=lambda code: (country_name(code) or code).casefold())


def _map(author: Author, index: int, place: dict, lang: str) -> None:
    coordinates = place.get("coordinates") if isinstance(place.get("coordinates"), dict) else {}
    lat, lon = coordinates.get("lat"), coordinates.get("lon")
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    key = f"picker-{index}"  # the same map while the author clicks: it keeps its zoom
    place_picker(
        key=key,
        lat=float(lat) if numbers else None,
        lon=float(lon) if numbers else None,
        precision_km=coordinates.get("precision_km") if numbers else None,
        country=place.get("country") if isinstance(place.get("country"), str) else None,
        tiles=tiles(),
        hint=t("author_click_map", lang),
        on_change=partial(_clicked, author, index, key),
    )


def _clicked(author: Author, index: int, key: str) -> None:
    value = st.session_state.get(key)
    if not isinstance(value, dict):
        return
    try:
        coordinates = placing.clicked_coordinates(
            float(value["lat"]), float(value["lon"]), float(value["zoom"])
        )
    except (KeyError, TypeError, ValueError):
        return  # not a click of ours
    data = set_at(author.data or {}, ("places", index, "coordinates"), coordinates)
    author_state.change(author, data, [("places", index, "coordinates")])
    author.generation += 1
    author.grid_generation += 1
