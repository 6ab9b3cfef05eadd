"""One self-contained HTML file per story: opens from a USB stick with no network at all.

The same file is the reader, the presenter (``#present``) and the presenter's speaker view.

Leaflet, the reader's scripts (the same ``core.js``, ``storymap-layers.js`` and
``reader.js`` the app runs) and styles, the payload (``storymap.payload``: the map and
the words of every language, narratives included), the Natural Earth outlines, the
pictures kept with the story and the story itself (``storymap.single_file``: data the page
never runs, which ``python -m storymap import`` reads back) are all inlined. A
Content-Security-Policy allows only the page's own scripts (by hash), images only inline
and from the base maps' hosts, and no connections: a picture on the web is a link.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from storymap import __version__
from storymap.basemaps import TILES, tile_hosts
from storymap.errors import StorymapError
from storymap.geocoding import COUNTRY_OUTLINES
from storymap.i18n import language_label, t
from storymap.located import LocatedStory
from storymap.model import Story
from storymap.payload import reader_payload
from storymap.render import credits_html, event_list_html, template
from storymap.single_file import story_source
from storymap.web import LEAFLET, READER_SCRIPTS, WEB_ASSETS
from storymap.web.policy import script_hash


class UnknownTiles(StorymapError, ValueError):
    """A base map that is not in ``storymap.basemaps.TILES``."""


def standalone_html(located_story: LocatedStory, tiles: str = "offline") -> str:
    """The story as one HTML file: map, slider, narrative, every language, sources."""
    if tiles not in TILES:
        raise UnknownTiles(f"tiles must be one of {', '.join(TILES)}, not {tiles!r}")
    story = located_story.story
    data = {
        **reader_payload(located_story, remote_pictures=False),
        "page": {lang: page_words(story, lang) for lang in story.languages},
        "tiles": tiles,
    }
    scripts = [_asset(LEAFLET / "leaflet.js"), *(_asset(WEB_ASSETS / name) for name in READER_SCRIPTS),
               _asset(WEB_ASSETS / "speaker.js"), _asset(WEB_ASSETS / "standalone.js")]  # fmt: skip
    return template("standalone.html.j2").render(
        **page_head(story, story.default_language),
        data_json=script_json(data),
        countries_json=script_json(json.loads(_asset(COUNTRY_OUTLINES))),
        pictures_json=script_json(
            {name: picture.data_uri() for name, picture in located_story.pictures.items()}
        ),
        source_json=script_json(story_source(story)),
        scripts=scripts,
        script_hashes=" ".join(script_hash(script) for script in scripts),
        tile_hosts=" ".join(tile_hosts()),
    )


def page_head(story: Story, lang: str) -> dict[str, Any]:
    """What the single file and the light page show around the reader, the same in both:
    the title, the language switch, the Present button and the reader's own markup."""
    return {
        "lang": lang,
        "title": story.title.get(lang),
        "subtitle": story.subtitle.get(lang),
        "languages": [(code, language_label(code)) for code in story.languages],
        "present": t("present", lang),
        "version": __version__,
        "reader_markup": _asset(WEB_ASSETS / "reader.html"),
        "styles": page_styles(),
    }


def page_styles() -> tuple[str, str, str]:
    """The page's style sheets, inline in both pages: in the light page too, so the browser
    draws its first screen while the engine's script loads, and runs that script as soon as
    it arrives (a linked sheet would hold the script back until it came and was parsed)."""
    return leaflet_css(), _asset(WEB_ASSETS / "reader.css"), _asset(WEB_ASSETS / "page.css")


def page_words(story: Story, lang: str) -> dict[str, str]:
    """The page's words around the reader in ``lang``: headings, the list of events and the
    credits (HTML from the templates, sanitised), the Present button (``standalone.js``)."""
    return {
        "list_heading": t("all_events", lang),
        "credits_heading": t("credits", lang),
        "list": event_list_html(story, lang),
        "credits": credits_html(story, lang),
        "present": t("present", lang),
        "present_help": t("present_help", lang),
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no '<' can close the element early; no NaN."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def leaflet_css() -> str:
    """Leaflet's CSS with its few images inlined as data: URIs."""

    def inline(match: re.Match[str]) -> str:
        image = LEAFLET / match.group(1)
        encoded = base64.b64encode(image.read_bytes()).decode()
        kind = "svg+xml" if image.suffix == ".svg" else image.suffix.lstrip(".")
        return f"url(data:image/{kind};base64,{encoded})"

    return re.sub(r"url\((images/[^)]+)\)", inline, _asset(LEAFLET / "leaflet.css"))
