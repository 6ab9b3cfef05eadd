"""A single-file story page (``export --format html``) read back: its story and its pictures.

The page carries the story as data it never runs (``storymap.single_file``), so the file a
reader was sent is also the story to edit. What comes back is the story exactly as it was
exported and each picture it keeps, checked again (a page may come from anyone: a picture
that is not an inline JPEG or PNG, too big or a bomb is left out, with its media entries,
and said in the report). A page that is not a storymap page says so in one line.
"""

from __future__ import annotations

import json
import re
from typing import Any

from storymap.fields import MEDIA_FILE_PATTERN
from storymap.importers.options import ImportOptions
from storymap.importers.result import ImportFailed
from storymap.pictures import PictureError, picture_from_data_uri
from storymap.single_file import FORMAT, PICTURES_ID, SOURCE_ID, json_block

MAX_PAGE_BYTES = 64 * 1024 * 1024  # the page, its scripts and every picture, inline
_PAGE_START = (b"<!doctype html", b"<html")


def looks_like_page(data: bytes) -> bool:
    """An HTML page (a single file, or any page saved from a browser)."""
    return data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_PAGE_START)


def carries_story(text: str) -> bool:
    return json_block(text, SOURCE_ID) is not None


def read_single_file(
    text: str, options: ImportOptions
) -> tuple[dict[str, Any], list[str], dict[str, bytes]]:
    """The page's story (as plain data), the report, and its pictures' bytes by file name."""
    name = options.name
    source = json_block(text, SOURCE_ID)
    if source is None:
        raise ImportFailed(
            f"{name}: a web page without a storymap story in it (only a page exported by "
            "storymap carries one); to start from an article, use storymap draft"
        )
    value = _json(source, name, "its story")
    if not isinstance(value, dict) or not isinstance(value.get("story"), dict):
        raise ImportFailed(f"{name}: its {SOURCE_ID} block holds no story")
    if value.get("format") != FORMAT:
        raise ImportFailed(
            f"{name}: its story is in the format {str(value.get('format'))[:40]!r}, which this "
            f"version does not read (it reads {FORMAT!r})"
        )
    story = value["story"]
    if options.story_id:
        story["id"] = options.story_id
    carried = _json(json_block(text, PICTURES_ID) or "{}", name, "its pictures")
    if not isinstance(carried, dict):
        raise ImportFailed(f"{name}: its {PICTURES_ID} block is not a table of pictures")
    report: list[str] = []
    pictures = _pictures(carried, _picture_names(story), report)
    _leave_out_missing(story, pictures, report)
    return story, report, pictures


def _json(text: str, name: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ImportFailed(f"{name}: {what} cannot be read ({str(error)[:80]})") from None


def _picture_names(story: dict[str, Any]) -> set[str]:
    return {
        media.get("file")
        for event in _list(story.get("events"))
        for media in _list(event.get("media") if isinstance(event, dict) else None)
        if isinstance(media, dict) and isinstance(media.get("file"), str)
    }


def _pictures(carried: dict[str, Any], wanted: set[str], report: list[str]) -> dict[str, bytes]:
    pictures = {}
    for name, value in carried.items():
        if name not in wanted or not re.fullmatch(MEDIA_FILE_PATTERN, name):
            report.append(f"the picture {name[:80]!r} is not named by the story: left out")
            continue
        try:
            pictures[name] = picture_from_data_uri(value, name).data
        except PictureError as error:
            report.append(f"{error}: left out")
    return pictures


def _leave_out_missing(
    story: dict[str, Any], pictures: dict[str, bytes], report: list[str]
) -> None:
    """Media entries whose picture did not come with the page are left out, one line each."""
    for i, event in enumerate(_list(story.get("events"))):
        if not isinstance(event, dict) or not isinstance(event.get("media"), list):
            continue
        kept = []
        for j, media in enumerate(event["media"]):
            name = media.get("file") if isinstance(media, dict) else None
            if isinstance(name, str) and name not in pictures:
                report.append(
                    f"events[{i}].media[{j}]: the picture {name[:80]} is not in the page: left out"
                )
                continue
            kept.append(media)
        event["media"] = kept


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []
