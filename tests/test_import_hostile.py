"""Hostile imports: scripts, javascript: addresses and event handlers in every text field
and media address of every format. Nothing runs: the narrative has no script, no handler
and no javascript: address, and the words stay readable as text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from storymap.export import export_bytes
from storymap.importers import import_story
from storymap.located import LocatedStory
from storymap.payload import reader_payload

SCRIPT = "<script>alert('x')</script>"
HANDLER = '<img src=x onerror="alert(1)">'
LINK = '<a href="javascript:alert(2)">click</a>'
ESCAPED = "&lt;script&gt;alert(3)&lt;/script&gt;"  # decodes to text that looks like a script
HOSTILE = f"Words {SCRIPT}{HANDLER}{LINK} {ESCAPED}"
BAD_URLS = [
    "javascript:alert(4)",
    'https://x.org/a.png" onerror="alert(5)',
    "data:text/html,<script>alert(6)</script>",
]


def storymapjs() -> bytes:
    overview = {"type": "overview", "text": {"headline": HOSTILE, "text": HOSTILE}}
    found = [
        {
            "date": HOSTILE,
            "text": {"headline": HOSTILE, "text": HOSTILE},
            "location": {
                "lat": 48.85 + n,
                "lon": 2.35,
                "zoom": 10,
                "name": HOSTILE,
                "line": True,
                "icon": url,
            },
            "media": {"url": url, "caption": HOSTILE, "credit": HOSTILE},
            "background": {"url": url},
        }
        for n, url in enumerate([*BAD_URLS, "https://example.org/ok.jpg"])
    ]
    return json.dumps({"storymap": {"map_type": HOSTILE, "slides": [overview, *found]}}).encode()


def timelinejs() -> bytes:
    events = [
        {
            "start_date": {"year": "2020", "month": HOSTILE},
            "display_date": HOSTILE,
            "text": {"headline": HOSTILE + " Paris", "text": HOSTILE},
            "media": {"url": url, "caption": HOSTILE, "credit": HOSTILE},
            "group": HOSTILE,
            "unique_id": HOSTILE,
        }
        for url in [*BAD_URLS, "https://example.org/ok.jpg"]
    ]
    return json.dumps(
        {"title": {"text": {"headline": HOSTILE, "text": HOSTILE}}, "events": events}
    ).encode()


def sheet() -> bytes:
    cell = HOSTILE.replace('"', '""')
    header = "Year,Month,Day,Headline,Text,Media,Media Credit,Media Caption,Group,Place\r\n"
    rows = "".join(
        f'2021,1,{n + 1},"{cell}","{cell}","{url.replace(chr(34), chr(34) * 2)}","{cell}","{cell}","{cell}","{cell}"\r\n'
        for n, url in enumerate(BAD_URLS)
    )
    return (header + rows).encode()


def geojson() -> bytes:
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [2.35, 48.85]},
        "properties": {
            "title": HOSTILE,
            "description": HOSTILE,
            "date": HOSTILE,
            "place": HOSTILE,
            "category": HOSTILE,
        },
    }
    return json.dumps(
        {"type": "FeatureCollection", "name": HOSTILE, "features": [feature]}
    ).encode()


class ActiveParts(HTMLParser):
    """Every part of an HTML text a browser would run: script elements, on… handlers,
    javascript: and data: addresses (words that only look like them are text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src") and re.match(
                r"\s*(javascript|data|vbscript):", value or "", re.I
            ):
                self.found.append(f"{tag} {name}={value}")


def active_parts(html: str) -> list[str]:
    parser = ActiveParts()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("make", [storymapjs, timelinejs, sheet, geojson])
def test_nothing_hostile_survives_into_the_story_or_runs_in_the_reader(make):
    result = import_story(make(), None, "hostile")
    story = result.parsed()
    for event in story.events:
        for media in event.media:
            assert media.url.startswith("https://") and '"' not in media.url
    located = LocatedStory.of(story)
    payload = reader_payload(located)
    for lang, text in payload["text"].items():
        narratives = [e["html"] for e in text["events"]] + [e["notes"] for e in text["events"]]
        narratives += list(text["overview"].values())
        for html in narratives:
            assert active_parts(html) == [], (lang, html)
        assert "alert(3)" in " ".join(narratives)  # the escaped words are shown, as text
    page = export_bytes(located, "html", story.default_language).decode("utf-8")
    for word in (
        "javascript:alert",
        "alert('x')",
        "alert(1)",
        "alert(2)",
        "alert(4)",
        "alert(5)",
        "alert(6)",
    ):
        assert word not in page, word
    assert "&lt;script&gt;alert(3)" in page or "\\u003cscript\\u003ealert(3)" in page


def test_the_report_says_what_was_left_out():
    result = import_story(storymapjs(), None, "hostile.json")
    text = "\n".join(result.report)
    assert "'javascript:' address" in text
    assert "not a web address" in text
    assert "'data:' address" in text
    assert "HTML in the text is made plain text" in text
