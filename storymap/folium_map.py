"""A static folium map of some of a story's events: for the data page, notebooks and authors.

The reader's own map reveals events step by step in the browser (``storymap/web``);
this one shows a chosen set at once, built from the GeoDataFrames of ``storymap.geometry``.
Its page needs nothing from a CDN: Leaflet comes inlined from the installed package
(``offline_html``), and the base map is the Natural Earth outlines.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence

import folium
from branca.element import MacroElement
from folium.template import Template

from storymap.export.html import leaflet_css
from storymap.geocoding import COUNTRY_OUTLINES, Location
from storymap.geometry import events_frame, places_frame, to_leaflet
from storymap.model import Story
from storymap.style import BORDER, CATEGORY_COLOURS, LAND, NEUTRAL, OCEAN
from storymap.web import LEAFLET


def events_map(
    story: Story, located: dict[str, Location], events: Sequence[int], lang: str
) -> folium.Map:
    """The places and routes of ``events`` (indices in story order), coloured by category."""
    chosen = events_frame(story, located).iloc[list(events)]
    place_ids = {p for ids in chosen["places"] for p in ids.split(",")}
    routes = chosen[chosen["route_mode"].notna()]
    place_ids |= {p for e in routes["id"] for p in _route_ends(story, e)}
    places = places_frame(story, located)
    places = places[places["id"].isin(place_ids)]

    fmap = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, zoom_start=2)
    fmap.default_js = [("leaflet", _data_url(LEAFLET / "leaflet.js", "text/javascript"))]
    fmap.default_css = [("leaflet_css", _data_url_text(leaflet_css(), "text/css"))]
    folium.GeoJson(
        str(COUNTRY_OUTLINES),
        name="Natural Earth",
        style_function=lambda _: {
            "color": BORDER,
            "weight": 0.8,
            "fillColor": LAND,
            "fillOpacity": 1,
        },
        control=False,
        zoom_on_click=False,
        embed=True,
    ).add_to(fmap)
    latest = {}  # place id -> category of its last chosen event
    for row in chosen.itertuples():
        for place in row.places.split(","):
            latest[place] = row.category
    for route in routes.itertuples():
        title = route.title_en if lang == "en" else route.title_id
        folium.PolyLine(
            [to_leaflet(lon, lat) for lon, lat in route.geometry.coords],
            color=CATEGORY_COLOURS[route.category],
            weight=3,
            dash_array="8 6" if route.route_mode == "flight" else None,
            tooltip=TextTooltip(f"{title} · {route.route_km:,.0f} km"),
        ).add_to(fmap)
    for place in places.itertuples():
        name = place.name_en if lang == "en" else place.name_id
        folium.CircleMarker(
            to_leaflet(place.geometry.x, place.geometry.y),
            radius=7,
            color="#1d1d1f",
            weight=1.5,
            fill=True,
            fill_color=CATEGORY_COLOURS.get(latest.get(place.id, ""), NEUTRAL),
            fill_opacity=0.9,
            tooltip=TextTooltip(name),
        ).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(f"<style>{MAP_CSS}</style>"))
    NaturalEarthCredit().add_to(fmap)
    if len(places):
        west, south, east, north = places.total_bounds
        fmap.fit_bounds([to_leaflet(west, south), to_leaflet(east, north)], padding=(30, 30))
    return fmap


MAP_CSS = f".folium-map.leaflet-container {{ background: {OCEAN}; }}"


class NaturalEarthCredit(MacroElement):
    """Credit the offline base map in Leaflet's attribution line."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution("Natural Earth");
        {% endmacro %}"""
    )


def offline_html(fmap: folium.Map) -> str:
    """The map's whole page, with Leaflet inlined: it works with no network."""
    return fmap.get_root().render()


class TextTooltip(folium.Tooltip):
    """A tooltip showing story text as text.

    ``folium.Tooltip`` pastes its text into a JavaScript template literal, where a
    backslash starts an escape (``C:\\users`` is a syntax error that stops every marker
    from being drawn) and a backtick or ``${`` would be code. This one writes the
    HTML-escaped text as a JSON string, with folium's own ``tojavascript`` filter
    (which also escapes ``<``, ``>``, ``&`` and ``'``, so ``</script>`` stays inert).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindTooltip(
            {{ this.html|tojavascript }},
            {{ this.options|tojavascript }}
        );
        {% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.html = f"<div>{safe_text(text)}</div>"


def safe_text(text: str) -> str:
    """Story text as HTML text: every character that HTML reads as markup escaped."""
    return html.escape(text)


def _route_ends(story: Story, event_id: str) -> tuple[str, str]:
    route = next(e.route for e in story.events if e.id == event_id)
    assert route is not None
    return route.origin, route.destination


def _data_url(path: object, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _data_url_text(text: str, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(text.encode()).decode()}"
