"""Exports of a located story: one HTML file, a static site, GeoJSON/CSV, a picture, a handout,
and Knight Lab's StoryMapJS and TimelineJS JSON.

``FORMATS`` is the one registry: each format's file name, media type, interface label
and maker. ``export_bytes`` is the one entry point the command line, the data page, the
author page and the static site share, with one set of defaults: the story's own
language, and the offline base map (``EXPORT_TILES``: a file that works with no internet),
so the same story and options give the same bytes wherever they are exported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storymap.errors import StorymapError
from storymap.extras import require
from storymap.located import LocatedStory

Maker = Callable[..., bytes | str]  # (story, **options) -> the file


@dataclass(frozen=True)
class ExportFormat:
    """One export: how its file is named and served, and which function makes it.

    ``maker`` returns the function that makes the file: a function of ours that imports
    its module when the format is asked for (the picture needs matplotlib, which a reader
    of GeoJSON should not wait for), or, for a format added with ``register``, simply
    ``lambda: my_function``. The maker's function takes the located story and, by
    keyword, the options named in ``options``, and returns bytes or text.
    """

    name: str
    suffix: str
    mime: str
    label: str  # interface text key for its download button
    maker: Callable[[], Maker]
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
        content = self.maker()(story, **{key: options[key] for key in self.options})
        return content if isinstance(content, bytes) else content.encode("utf-8")


def _html() -> Maker:
    from storymap.export.html import standalone_html

    return standalone_html


def _handout() -> Maker:
    from storymap.export.handout import handout_html

    return handout_html


def _teacher() -> Maker:
    from storymap.export.handout import teacher_html

    return teacher_html


def _png() -> Maker:
    from storymap.export.picture import overview_png

    return overview_png


def _events_geojson() -> Maker:
    from storymap.export.data import events_geojson

    return events_geojson


def _places_geojson() -> Maker:
    from storymap.export.data import places_geojson

    return places_geojson


def _events_csv() -> Maker:
    from storymap.export.data import events_csv

    return events_csv


def _places_csv() -> Maker:
    from storymap.export.data import places_csv

    return places_csv


def _storymapjs() -> Maker:
    from storymap.export.knightlab import storymapjs_json

    return storymapjs_json


def _timelinejs() -> Maker:
    from storymap.export.knightlab import timelinejs_json

    return timelinejs_json


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("html", ".html", "text/html", "download_html", _html, ("tiles",)),
        ExportFormat("handout", "-handout-{lang}.html", "text/html", "download_handout", _handout, ("lang",), "picture"),
        ExportFormat("teacher", "-teacher-{lang}.html", "text/html", "download_teacher", _teacher, ("lang",), "picture"),
        ExportFormat("png", "-overview.png", "image/png", "download_png", _png, ("lang",), "picture"),
        ExportFormat("geojson", "-events.geojson", "application/geo+json", "download_events_geojson", _events_geojson),
        ExportFormat("places-geojson", "-places.geojson", "application/geo+json", "download_places_geojson", _places_geojson),
        ExportFormat("csv", "-events.csv", "text/csv", "download_events_csv", _events_csv),
        ExportFormat("places-csv", "-places.csv", "text/csv", "download_places_csv", _places_csv),
        ExportFormat("storymapjs", "-storymapjs-{lang}.json", "application/json", "download_storymapjs", _storymapjs, ("lang",)),
        ExportFormat("timelinejs", "-timelinejs-{lang}.json", "application/json", "download_timelinejs", _timelinejs, ("lang",)),
    )
}  # fmt: skip


def register(export: ExportFormat) -> ExportFormat:
    """Add an export format (``docs/extending.md``): the command line's ``--format``, the
    data and author pages' downloads and the site then offer it."""
    if export.name in FORMATS:
        raise ValueError(f"an export format named {export.name!r} exists already")
    FORMATS[export.name] = export
    return export


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
