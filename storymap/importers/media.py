"""Media of imported slides and events as the story's ``media`` entries.

A story's media are credited web addresses (``http://`` or ``https://`` only). So an
address written protocol-relative (``//www.flickr.com/…``) is read as ``https:``; an
address relative to the site it came from (``/static/img/…``), an empty one, a
placeholder, another scheme (``spotify:``, ``javascript:``) or HTML is left out and
reported. Pictures by their file name are ``image``; video files are ``video``; pages
(YouTube, Vimeo, Twitter, Wikipedia…) are ``link``. A missing credit is written as
"unknown (imported from …)" and reported: the format requires one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from storymap.importers.html_text import plain_text

_WEB_ADDRESS = re.compile(r"https?://[^\s/$.?#][^\s]*", re.I)
_IMAGE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?)$", re.I)
_VIDEO = re.compile(r"\.(?:mp4|webm|ogv|mov|m4v)$", re.I)
MAX_URL = 2000


@dataclass(frozen=True)
class MediaReading:
    """A media entry for the story (None: left out), the text it carried, and the reasons."""

    entry: dict[str, Any] | None
    text: str = ""  # words the source gave as media (a <blockquote>), for the summary
    notes: tuple[str, ...] = ()


def read_media(media: Any, lang: str, tool: str) -> MediaReading:
    """One ``{url, caption, credit}`` object of StoryMapJS or TimelineJS as a story media entry."""
    if not isinstance(media, dict):
        return MediaReading(None)
    raw = str(media.get("url") or "").strip()
    caption = plain_text(media.get("caption")).text
    credit = plain_text(media.get("credit")).text
    if not raw:
        return MediaReading(None, notes=("an empty media address: no media",))
    if raw.startswith("<"):
        quoted = plain_text(raw).text
        who = f" ({credit})" if credit else ""
        return MediaReading(
            None, quoted + who, ("media given as HTML: its words are added to the summary",)
        )
    url, notes = _web_address(raw)
    if url is None:
        return MediaReading(None, notes=notes)
    entry: dict[str, Any] = {"url": url, "kind": media_kind(url)}
    if caption:
        entry["caption"] = {lang: caption}
    if not credit:
        credit = f"unknown (imported from {tool})"
        notes += (f"a media item has no credit: written as '{credit}'",)
    entry["credit"] = credit
    return MediaReading(entry, notes=notes)


def _web_address(raw: str) -> tuple[str | None, tuple[str, ...]]:
    if raw.startswith("//"):
        url = "https:" + raw
        note = (f"the protocol-relative address {_short(raw)} is read as https:",)
    elif raw.startswith("/"):
        return None, (
            f"the site-relative media address {_short(raw)} is left out: no site to resolve it against",
        )
    else:
        url, note = raw, ()
    if not _WEB_ADDRESS.fullmatch(url) or len(url) > MAX_URL:
        scheme = urlsplit(raw).scheme if ":" in raw else ""
        why = (
            f"a '{scheme}:' address"
            if scheme and not scheme.startswith("http")
            else "not a web address"
        )
        return None, (
            f"the media address {_short(raw)} is left out ({why}; media must be http or https)",
        )
    return url, note


def media_kind(url: str) -> str:
    """'image' for picture files, 'video' for video files, 'link' for every page."""
    path = urlsplit(url).path
    if _IMAGE.search(path):
        return "image"
    if _VIDEO.search(path):
        return "video"
    return "link"


def _short(text: str, limit: int = 60) -> str:
    """An address for a report line: quoted, and cut if long."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
