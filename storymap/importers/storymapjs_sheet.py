"""The flat StoryMapJS spreadsheet of thecdil's storymapjs-template, as a story.

Columns: ``text_headline, text_description, lat, lon, media_url, media_caption,
media_credit, date, background_color, background_opacity, type`` (and ``location_name``,
``zoom`` or ``line`` if a sheet has them). Each row is made into the slide it stands for
and read as StoryMapJS JSON is (``storymap.importers.storymapjs``), so both say the same.
"""

from __future__ import annotations

from typing import Any

from storymap.importers.options import ImportOptions
from storymap.importers.result import ImportFailed
from storymap.importers.storymapjs import read_storymapjs

REQUIRED = ("text_headline", "lat", "lon")


def read_storymapjs_sheet(
    rows: list[list[str]], options: ImportOptions
) -> tuple[dict[str, Any], list[str]]:
    """The story and the report; the report's slide numbers are the rows' order (slide 1: row 2)."""
    if not rows:
        raise ImportFailed(f"{options.name}: the CSV is empty")
    columns = [cell.strip().casefold() for cell in rows[0]]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportFailed(
            f"{options.name}: a StoryMapJS sheet needs the columns {', '.join(REQUIRED)}; missing: {', '.join(missing)}"
        )
    slides = []
    for row in rows[1:]:
        cells = {c: (row[i].strip() if i < len(row) else "") for i, c in enumerate(columns)}
        if any(cells.values()):
            slides.append(_slide(cells))
    return read_storymapjs({"storymap": {"slides": slides}}, options)


def _slide(cells: dict[str, str]) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "text": {
            "headline": cells.get("text_headline", ""),
            "text": cells.get("text_description", ""),
        },
        "date": cells.get("date", ""),
        "media": {
            "url": cells.get("media_url", ""),
            "caption": cells.get("media_caption", ""),
            "credit": cells.get("media_credit", ""),
        },
    }
    if cells.get("type"):
        slide["type"] = cells["type"]
    if cells.get("lat") or cells.get("lon"):
        slide["location"] = {
            "lat": cells.get("lat"),
            "lon": cells.get("lon"),
            "name": cells.get("location_name", ""),
            "zoom": cells.get("zoom") or None,
            "line": cells.get("line", "true").casefold() not in ("false", "0", "no"),
        }
    if cells.get("background_color") or cells.get("background_opacity"):
        slide["background"] = {
            "color": cells.get("background_color"),
            "opacity": cells.get("background_opacity"),
        }
    return slide
