"""A static folium map of some of a story's events: for the data page, notebooks and authors.

The reader's own map reveals events step by step in the browser (``storymap/web``);
this one shows a chosen set at once, drawn as the reader draws them: the story's
category colours (``category_styles``), each route mode's line style
(``ROUTE_STYLES``), routes through their waypoints. Places are put in the narrowest
band of longitudes that holds them (``lon_window``) and each route's line runs on from
its first stop with continuous longitudes, so a route across the Pacific takes the
short way over ±180° (Leaflet draws longitudes past 180 as they are, so the country
outlines are drawn a turn away too where the view runs past 180°). Its page needs
nothing from a CDN: Leaflet comes inlined from the installed package
(``offline_html``), and the base map is the Natural Earth outlines. Story text reaches
the page only as JSON strings made into text nodes, and the page's policy runs no
script but its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.template import Template
from shapely.geometry import LineString, box

from storymap.export.html import leaflet_css
from storymap.geocoding import COUNTRY_OUTLINES, Location
from storymap.geometry import line_to_leaflet, lon_window, route_line, shift_into, to_leaflet
from storymap.i18n import number, t
from storymap.model import Story
from storymap.style import BORDER, LAND, NEUTRAL, OCEAN, ROUTE_STYLES, category_styles
from storymap.web import LEAFLET
from storymap.web.policy import inline_page_policy, inline_scripts, meta

COUNTRY_STYLE = {"color": BORDER, "weight": 0.8, "fillColor": LAND, "fillOpacity": 1}
OUTLINE_MARGIN = 180  # degrees of land drawn past the window's edges: a wide view shows that much


def events_map(
    story: Story, located: dict[str, Location], events: Sequence[int], lang: str
) -> folium.Map:
    """The places and routes of ``events`` (indices in story order), coloured by category,
    with tooltips in ``lang``."""
    chosen = [story.events[i] for i in events]
    latest: dict[str, str] = {}  # place id -> category of its last chosen event
    for event in chosen:
        for place_id in [*event.places, *(event.route.stops if event.route else ())]:
            latest[place_id] = event.category
    colours = {category: style.colour for category, style in category_styles(story).items()}

    fmap = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, zoom_start=2)
    fmap.default_js, fmap.default_css = [], []  # inline, below: hashed by the page's policy
    header = fmap.get_root().header
    header.add_child(folium.Element(f"<script>{_leaflet_js()}</script>"), name="leaflet")
    header.add_child(folium.Element(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
    header.add_child(folium.Element(f"<style>{MAP_CSS}</style>"))
    TextNodes().add_to(fmap)
    _add_countries(fmap, str(COUNTRY_OUTLINES))
    NaturalEarthCredit().add_to(fmap)
    if not latest:
        return fmap
    west, east = lon_window(located[p].lon for p in latest)
    for copy in _countries_past_180(west, east):
        _add_countries(fmap, copy)
    lats = [located[p].lat for p in latest]
    for event in chosen:
        if not event.route:
            continue
        line, km = route_line(event.route, located, west=west)
        style = ROUTE_STYLES[event.route.mode]
        text = f"{event.title.get(lang)} · {t('distance_km', lang, km=number(km, lang))}"
        for copy in _copies(line, west):
            folium.PolyLine(
                line_to_leaflet(copy),
                color=colours[event.category],
                weight=style.width,
                dash_array=style.dash_array,
                line_cap=style.cap,
                tooltip=TextTooltip(text),
            ).add_to(fmap)
        lats += [lat for _, lat in line.coords]
    for place_id, category in latest.items():
        where = located[place_id]
        folium.CircleMarker(
            to_leaflet(shift_into(where.lon, west), where.lat),
            radius=7,
            color="#1d1d1f",
            weight=1.5,
            fill=True,
            fill_color=colours.get(category, NEUTRAL),
            fill_opacity=0.9,
            tooltip=TextTooltip(story.place(place_id).name.get(lang)),
        ).add_to(fmap)
    fmap.fit_bounds([to_leaflet(west, min(lats)), to_leaflet(east, max(lats))], padding=(30, 30))
    return fmap


def _add_countries(fmap: folium.Map, data: str) -> None:
    folium.GeoJson(
        data,
        name="Natural Earth",
        style_function=lambda _: COUNTRY_STYLE,
        control=False,
        zoom_on_click=False,
        embed=True,
    ).add_to(fmap)


def _countries_past_180(west: float, east: float) -> list[str]:
    """GeoJSON of the countries a turn east (or west) of themselves, where the window
    and its margin run past ±180°. Leaflet draws one copy of the world's shapes, so
    without them a story across the Pacific would sail past no Americas."""
    world = _countries()
    copies = []
    if east + OUTLINE_MARGIN > 180:
        near = world.clip(box(-180, -90, min(180, east + OUTLINE_MARGIN - 360), 90))
        copies.append(near.translate(xoff=360).to_json())
    if west - OUTLINE_MARGIN < -180:
        near = world.clip(box(max(-180, west - OUTLINE_MARGIN + 360), -90, 180, 90))
        copies.append(near.translate(xoff=-360).to_json())
    return copies


@cache
def _countries() -> gpd.GeoSeries:
    return gpd.read_file(COUNTRY_OUTLINES).geometry


def _copies(line: LineString, west: float) -> list[LineString]:
    """The route's line, and if it ends outside the window (a voyage round the world
    crossing the window's edge) a copy moved by a turn that ends at its destination's
    marker: the line leaves one side of the view and comes back on the other."""
    end = line.coords[-1][0]
    turn = round((shift_into(end, west) - end) / 360) * 360  # whole turns, free of rounding
    if not turn:
        return [line]
    return [line, LineString([(lon + turn, lat) for lon, lat in line.coords])]


MAP_CSS = f".folium-map.leaflet-container {{ background: {OCEAN}; }}"


class NaturalEarthCredit(MacroElement):
    """Credit the offline base map in Leaflet's attribution line."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution("Natural Earth");
        {% endmacro %}"""
    )


def offline_html(fmap: folium.Map) -> str:
    """The map's whole page, with Leaflet inlined: it works with no network. Its
    Content-Security-Policy runs only the page's own inline scripts, by hash."""
    page = fmap.get_root().render()
    policy = meta(inline_page_policy(inline_scripts(page)))
    return page.replace("<head>", f"<head>\n{policy}", 1)


class TextNodes(MacroElement):
    """``storymapTextNode(text)``: story text as a DOM node, which Leaflet shows as it is
    (a string given to a tooltip is parsed as HTML)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        function storymapTextNode(text) {
            const node = document.createElement("div");
            node.textContent = text;
            return node;
        }
        {% endmacro %}"""
    )


class TextTooltip(folium.Tooltip):
    """A tooltip showing story text as text.

    ``folium.Tooltip`` pastes its text as HTML into a JavaScript template literal, where a
    backslash starts an escape (``C:\\users`` is a syntax error that stops every marker
    from being drawn) and a backtick or ``${`` would be code. This one writes the text as
    a JSON string, with folium's own ``tojavascript`` filter (which also escapes ``<``,
    ``>``, ``&`` and ``'``, so ``</script>`` stays inert), and gives Leaflet a text node.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindTooltip(
            storymapTextNode({{ this.text|tojavascript }}),
            {{ this.options|tojavascript }}
        );
        {% endmacro %}"""
    )


@cache
def _leaflet_js() -> str:
    return (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
