"""Data: the story's events and places as tables, with filters and every download.

Shows how each place was located (geocoding layer, precision) and each event's date
precision and sources; offers the story file, GeoJSON, CSV, the offline HTML page,
the printable handout and the overview picture, each made when it is asked for.
"""

import streamlit as st

from storymap.i18n import t
from storymap.render import fact_checks_html
from storymap.style import category_styles
from storymap.tables import events_table, filter_days, filter_events, places_table
from storymap_ui import downloads, page, views
from storymap_ui.story import current_story

page.through_app_navigation()
st.set_page_config(page_title="storymap · data", page_icon=page.ICON, layout="wide")
page.page_style()
story = current_story()
text = story.located.story
lang = views.header(story, lambda lang: t("data_title", lang), text.title.get)

events = events_table(text, lang)
places = places_table(text, story.located.located, lang)
category_column, place_column, date_column = st.columns(3)
with category_column:
    categories = st.multiselect(
        t("filter_category", lang),
        sorted(events["category"].unique()),
        format_func=lambda name: category_styles(text)[name].name.get(lang),
        placeholder=t("choose_options", lang),
    )
with place_column:
    names = dict(zip(places["id"], places["name"], strict=True))
    chosen_places = st.multiselect(
        t("filter_place", lang), list(names), format_func=names.get,
        placeholder=t("choose_options", lang),
    )  # fmt: skip
with date_column:
    # Days as options, not a date slider: Streamlit's date slider fails before 1684.
    days = filter_days(events)  # undated events have no days
    between = st.select_slider(
        t("filter_dates", lang), options=days, value=(days[0], days[-1]), format_func=str
    ) if days else None  # fmt: skip

shown = filter_events(events, categories, chosen_places, between)
st.subheader(t("events_heading", lang), anchor=False)
st.caption(t("shown_of", lang, shown=len(shown), total=len(events)))
downloads.events_map_view(story, tuple(shown.index), lang)  # the index is story order
st.dataframe(
    shown.drop(columns=["place_ids", "category"]),  # ids for the filters, not for readers
    hide_index=True,
    width="stretch",
    column_config={
        "order": t("col_order", lang), "id": t("col_id", lang),
        "date": t("col_date", lang), "start": t("col_start", lang), "end": t("col_end", lang),
        "precision": t("col_precision", lang), "category_name": t("col_category", lang),
        "title": t("col_title", lang), "places": t("col_places", lang),
        "sources": t("col_sources", lang), "fact_check": t("col_fact_check", lang),
    },
)  # fmt: skip
if any(event.fact_check for event in text.events):
    with st.expander(t("fact_checks_heading", lang)):
        page.html_block(fact_checks_html(text, lang))
st.subheader(t("places_heading", lang), anchor=False)
st.dataframe(
    places,
    hide_index=True,
    width="stretch",
    column_config={
        "id": t("col_id", lang), "lat": t("col_lat", lang), "lon": t("col_lon", lang),
        "name": t("col_name", lang), "kind": t("col_kind", lang),
        "country": t("col_country", lang), "layer": t("col_layer", lang),
        "precision_km": t("col_precision_km", lang), "note": t("col_note", lang),
    },
)  # fmt: skip

st.subheader(t("downloads", lang), anchor=False)
downloads.downloads(story, lang)
