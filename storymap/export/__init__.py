"""Exports of a located story: one HTML file, a static site, GeoJSON/CSV, a picture, a handout,
and Knight Lab's StoryMapJS and TimelineJS JSON.

``FORMATS`` is the one registry: each format's file name, media type, interface label
and maker. ``export_bytes`` is the one entry point the command line, the data page, the
author page and the static site share, with one set of defaults: the story's own
language, and the offline base map (``EXPORT_TILES``: a file that works with no internet),
so the same story and options give the same bytes wherever they are exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from storymap.errors import StorymapError
from storymap.extras import require
from storymap.located import LocatedStory


@dataclass(frozen=True)
class ExportFormat:
    """One export: how its file is named and served, and which function makes it.

    ``maker`` is ``"module:function"`` inside ``storymap.export``, imported only when
    the format is asked for (the picture needs matplotlib). The function takes the
    located story and, by keyword, the options named in ``options``.
    """

    name: str
    suffix: str
    mime: str
    label: str  # interface text key for its download button
    maker: str
    options: tuple[str, ...] = ()
    extra: str | None = None  # the optional part that brings its libraries (storymap.extras)

    @property
    def per_language(self) -> bool:
        return "lang" in self.options

    def file_name(self, story_id: str, lang: str) -> str:
        return f"{story_id}{self.suffix.format(lang=lang)}"

    def require(self) -> None:
        """Raise ``MissingExtra`` (naming the extra to install) if its libraries are missing."""
        if self.extra:
            require(self.extra)

    def make(self, story: LocatedStory, **options: Any) -> bytes:
        self.require()
        module_name, function_name = self.maker.split(":")
        function = getattr(import_module(f"storymap.export.{module_name}"), function_name)
        content = function(story, **{key: options[key] for key in self.options})
        return content if isinstance(content, bytes) else content.encode("utf-8")


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("html", ".html", "text/html", "download_html", "html:standalone_html", ("tiles",)),
        ExportFormat("handout", "-handout-{lang}.html", "text/html", "download_handout", "handout:handout_html", ("lang",), "picture"),
        ExportFormat("teacher", "-teacher-{lang}.html", "text/html", "download_teacher", "handout:teacher_html", ("lang",), "picture"),
        ExportFormat("png", "-overview.png", "image/png", "download_png", "picture:overview_png", ("lang",), "picture"),
        ExportFormat("geojson", "-events.geojson", "application/geo+json", "download_events_geojson", "data:events_geojson"),
        ExportFormat("places-geojson", "-places.geojson", "application/geo+json", "download_places_geojson", "data:places_geojson"),
        ExportFormat("csv", "-events.csv", "text/csv", "download_events_csv", "data:events_csv"),
        ExportFormat("places-csv", "-places.csv", "text/csv", "download_places_csv", "data:places_csv"),
        ExportFormat("storymapjs", "-storymapjs-{lang}.json", "application/json", "download_storymapjs", "knightlab:storymapjs_json", ("lang",)),
        ExportFormat("timelinejs", "-timelinejs-{lang}.json", "application/json", "download_timelinejs", "knightlab:timelinejs_json", ("lang",)),
    )
}  # fmt: skip


EXPORT_TILES = "offline"  # an export opens on the map that needs no network


class UnknownFormat(StorymapError, ValueError):
    """An export format that is not in ``FORMATS``."""


def export_bytes(
    story: LocatedStory, fmt: str, lang: str | None = None, tiles: str = EXPORT_TILES
) -> bytes:
    """One export of the story as bytes, ready to write or to download (``lang`` None: the
    story's default language)."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return FORMATS[fmt].make(story, lang=lang or story.story.default_language, tiles=tiles)
