"""Exports of a located story: one HTML file, a static site, GeoJSON/CSV, a picture, a handout.

``export_bytes`` is the one entry point the command line and the data page share.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from storymap.geocoding import Location
from storymap.model import Story


@dataclass(frozen=True)
class ExportFormat:
    """How one export is named and served."""

    suffix: str
    mime: str


FORMATS: dict[str, ExportFormat] = {
    "html": ExportFormat(".html", "text/html"),
    "handout": ExportFormat("-handout.html", "text/html"),
    "png": ExportFormat("-overview.png", "image/png"),
    "geojson": ExportFormat("-events.geojson", "application/geo+json"),
    "places-geojson": ExportFormat("-places.geojson", "application/geo+json"),
    "csv": ExportFormat("-events.csv", "text/csv"),
    "places-csv": ExportFormat("-places.csv", "text/csv"),
}


def export_bytes(
    story: Story, located: dict[str, Location], fmt: str, lang: str, tiles: str = "offline"
) -> bytes:
    """One export of the story as bytes, ready to write or to download.

    Each format's module is imported only when asked for (the picture needs matplotlib).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    module_name, function_name, option = _MAKERS[fmt]
    make = getattr(import_module(f"storymap.export.{module_name}"), function_name)
    options = {"lang": (lang,), "tiles": (tiles,), None: ()}[option]
    content = make(story, located, *options)
    return content if isinstance(content, bytes) else content.encode("utf-8")


# format: (module in storymap.export, function, the option it takes besides the story)
_MAKERS: dict[str, tuple[str, str, str | None]] = {
    "html": ("html", "standalone_html", "tiles"),
    "handout": ("handout", "handout_html", "lang"),
    "png": ("picture", "overview_png", "lang"),
    "geojson": ("data", "events_geojson", None),
    "places-geojson": ("data", "places_geojson", None),
    "csv": ("data", "events_csv", None),
    "places-csv": ("data", "places_csv", None),
}
