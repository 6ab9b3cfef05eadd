"""Stories from the formats authors already have: StoryMapJS, TimelineJS, spreadsheets, GeoJSON,
and storymap's own single-file page.

``import_story(data, fmt, name)`` is the one entry point (the command line's ``import``
and the author page call it). It reads the file, guesses its format when ``fmt`` is
None, and returns an ``ImportResult``: the story as plain data (checked with
``parse_story`` before it is returned) and a report with one line for each thing the
format could not say, or the import changed or left out. Anything that cannot be
imported raises ``ImportFailed`` with one line saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storymap.importers.detect import detect_format, read_document
from storymap.importers.formats import FORMATS
from storymap.importers.options import ImportOptions
from storymap.importers.result import ImportFailed, ImportResult
from storymap.importers.single_file import MAX_PAGE_BYTES, looks_like_page
from storymap.loading import MAX_STORY_BYTES, StoryError

__all__ = ["FORMATS", "ImportFailed", "ImportOptions", "ImportResult", "import_story"]


def import_story(
    data: bytes,
    fmt: str | None = None,
    name: str = "upload",
    *,
    lang: str | None = None,
    story_id: str | None = None,
    places: bytes | None = None,
) -> ImportResult:
    """The story in ``data`` (a file's bytes), in format ``fmt`` or the one it looks like.

    ``lang`` is the language the file is written in (default: the file's own, else
    English); ``story_id`` the new story's id; ``places`` the places CSV that goes with
    storymap's own events CSV.
    """
    limit = MAX_PAGE_BYTES if looks_like_page(data) else MAX_STORY_BYTES  # pictures inline
    if len(data) > limit:
        raise ImportFailed(f"{name}: {len(data):,} bytes is too big to import (at most {limit:,})")
    if places is not None and len(places) > MAX_STORY_BYTES:
        raise ImportFailed(
            f"{name}: the places CSV is too big to import (at most {MAX_STORY_BYTES:,} bytes)"
        )
    if fmt is not None and fmt not in FORMATS:
        raise ImportFailed(f"unknown format '{fmt}': choose from {', '.join(FORMATS)}")
    options = ImportOptions(name, lang, story_id, places)
    document = read_document(data, name)
    fmt = fmt or detect_format(document, name)
    reader: Callable[[Any, ImportOptions], tuple[Any, ...]] = FORMATS[fmt].reader()
    story, report, *pictures = reader(document.content(FORMATS[fmt].kind, name), options)
    result = ImportResult(story, report, fmt, name, pictures[0] if pictures else {})
    text = result.yaml()
    if len(text.encode("utf-8")) > MAX_STORY_BYTES:
        raise ImportFailed(
            f"{name}: the imported story would be larger than {MAX_STORY_BYTES:,} bytes"
        )
    try:
        result.parsed()
    except StoryError as error:  # an importer's own mistake: say it plainly, never half a story
        first = error.problems[0] if error.problems else error
        raise ImportFailed(f"{name}: the imported story is not valid ({first})") from None
    return result
