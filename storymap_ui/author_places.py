"""The places: a table of them all, and one place in full, placed by name or on the map.

By name: the geocoding layers' candidates, each with its country and layer, to pick
from. On the map: a click gives the point and a precision from the zoom. A point
outside the place's country is said at once, with the likely slip (a sign, lat and lon
swapped).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from storymap.authoring import order, placing
from storymap.authoring.checks import Checked
from storymap.authoring.lists import apply_delta
from storymap.authoring.paths import get_at, set_at
from storymap.authoring.rows import place_rows, places_from_rows
from storymap.errors import StorymapError
from storymap.i18n import t
from storymap.settings import tiles
from storymap_ui import author_state
from storymap_ui.author_state import Author
from storymap_ui.author_view import (
    chosen_item,
    data_table,
    field_input,
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
    key = f"g{author.grid_generation}:places:{page.start}"
    apply = partial(_store_rows, author, rows, page)
    data_table(
        author, key, rows, columns, _config(languages, lang), apply, disabled=["located", "check"]
    )
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
        config[f"name.{code}"] = st.column_config.TextColumn(f"{t('col_name', lang)} · {md(code)}")
    return config


def _store_rows(author: Author, rows: list, page: range, delta: dict) -> None:
    data = places_from_rows(author.data or {}, apply_delta(rows, delta), page)
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
    """Candidates for a name from every offline layer, with their country and layer."""
    name = place.get("name") if isinstance(place.get("name"), dict) else {}
    first = next((v for v in (name.get("en"), *name.values()) if isinstance(v, str)), "")
    query = st.text_input(
        t("author_find_place", lang), value=first, key=f"a{author.generation}:find-{index}"
    )
    country = place.get("country") if isinstance(place.get("country"), str) else None
    with st.spinner(t("author_searching", lang)):
        found = placing.candidates(query, country, place.get("kind"))
    if not found:
        st.caption(t("author_no_candidates", lang))
        return
    for number, candidate in enumerate(found):
        label = (
            f"{candidate.name} · {candidate.country or '?'} · {candidate.layer} · "
            f"{candidate.lat:.4f}, {candidate.lon:.4f}"
        )
        st.button(
            md(label), key=f"cand-{author.generation}-{index}-{number}", help=md(candidate.note),
            on_click=_use_candidate, args=(author, index, candidate), type="tertiary",
            icon=":material/place:",
        )  # fmt: skip


def _use_candidate(author: Author, index: int, candidate: placing.Candidate) -> None:
    """The candidate's point becomes the place's own coordinates, with where they came from."""
    coordinates = {
        "lat": round(candidate.lat, 5),
        "lon": round(candidate.lon, 5),
        "precision_km": candidate.precision_km,
        "source": f"{candidate.layer}: {candidate.name} ({candidate.note})"[:300],
    }
    data = set_at(author.data or {}, ("places", index, "coordinates"), coordinates)
    if candidate.country and not get_at(data, ("places", index, "country")):
        data = set_at(data, ("places", index, "country"), candidate.country)
    author_state.restart(author, data)


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
