"""The import formats, a registry of real functions: each format's name, whether its file
is JSON, CSV or a page, and the function that reads it (``register`` adds one;
``docs/extending.md`` shows how). Our own readers are imported when their format is asked
for; they import ``detect``, so the registry lives here, above them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Reader = Callable[..., tuple[Any, ...]]  # (content, options) -> (story data, report, ...)


@dataclass(frozen=True)
class ImportFormat:
    """A format: its name, whether it is JSON, CSV or a page, and its reader.

    ``maker`` returns the reader function: ``lambda: my_reader`` for a format added with
    ``register`` (``docs/extending.md``). The reader takes the file's content (the JSON
    value, the CSV rows or the page's text) and the ``ImportOptions``, and returns the
    story's data and the report's lines (and, for a format that carries them, pictures)."""

    name: str
    kind: Literal["json", "csv", "html"]
    maker: Callable[[], Reader]
    label: str

    def reader(self) -> Reader:
        return self.maker()


# Our own readers, each imported when its format is asked for (they import this module).


def _storymapjs() -> Reader:
    from storymap.importers.storymapjs import read_storymapjs

    return read_storymapjs


def _storymapjs_sheet() -> Reader:
    from storymap.importers.storymapjs_sheet import read_storymapjs_sheet

    return read_storymapjs_sheet


def _timelinejs() -> Reader:
    from storymap.importers.timelinejs import read_timelinejs

    return read_timelinejs


def _timeline_sheet() -> Reader:
    from storymap.importers.timeline_sheet import read_timeline_sheet

    return read_timeline_sheet


def _geojson() -> Reader:
    from storymap.importers.geojson import read_geojson

    return read_geojson


def _own_csv() -> Reader:
    from storymap.importers.own_csv import read_own_csv

    return read_own_csv


def _single_file() -> Reader:
    from storymap.importers.single_file import read_single_file

    return read_single_file


FORMATS: dict[str, ImportFormat] = {
    f.name: f
    for f in (
        ImportFormat("storymapjs", "json", _storymapjs, "StoryMapJS JSON"),
        ImportFormat("storymapjs-csv", "csv", _storymapjs_sheet, "StoryMapJS spreadsheet (CSV)"),
        ImportFormat("timelinejs", "json", _timelinejs, "TimelineJS JSON"),
        ImportFormat("timelinejs-csv", "csv", _timeline_sheet, "TimelineJS spreadsheet (CSV)"),
        ImportFormat("geojson", "json", _geojson, "GeoJSON"),
        ImportFormat("csv", "csv", _own_csv, "storymap's events CSV"),
        ImportFormat("storymap-html", "html", _single_file, "storymap's single-file page (HTML)"),
    )
}  # fmt: skip


def register(fmt: ImportFormat) -> ImportFormat:
    """Add an import format (``docs/extending.md``): ``storymap import --format`` and the
    author page's upload then read it."""
    if fmt.name in FORMATS:
        raise ValueError(f"an import format named {fmt.name!r} exists already")
    FORMATS[fmt.name] = fmt
    return fmt
