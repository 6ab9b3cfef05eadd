"""One self-contained HTML file per story: opens from a USB stick with no network at all.

Leaflet, the reader's script and styles, the story's payload, the narrative of every
step (built and sanitised here, in both languages) and the Natural Earth outlines are
all inlined. A Content-Security-Policy allows only the page's own scripts (by hash)
and no connections, so the page cannot fetch anything even if asked to.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from storymap import __version__
from storymap.geocoding import COUNTRY_OUTLINES
from storymap.i18n import t
from storymap.located import LocatedStory
from storymap.model import LANGS
from storymap.reader import (
    credits_html,
    event_list_html,
    narrative_html,
    reader_payload,
    story_steps,
)
from storymap.web import LEAFLET, WEB_ASSETS

TILE_CHOICES = ("offline", "carto", "osm")


def standalone_html(located_story: LocatedStory, tiles: str = "offline") -> str:
    """The story as one HTML file: map, slider, narrative, both languages, sources."""
    story, located = located_story.story, located_story.located
    if tiles not in TILE_CHOICES:
        raise ValueError(f"tiles must be one of {', '.join(TILE_CHOICES)}, not {tiles!r}")
    steps = story_steps(story)
    data = {
        "payload": reader_payload(story, located),
        "narratives": [
            {lang: narrative_html(story, step, lang) for lang in LANGS} for step in steps
        ],
        "page": {
            lang: {
                "title": story.title.get(lang),
                "subtitle": story.subtitle.get(lang),
                "list_heading": t("all_events", lang),
                "credits_heading": t("credits", lang),
                "list": event_list_html(story, lang),
                "credits": credits_html(story, lang),
            }
            for lang in LANGS
        },
        "default_lang": story.default_language,
        "tiles": tiles,
    }
    scripts = [_asset(LEAFLET / "leaflet.js"), _asset(WEB_ASSETS / "reader.js"),
               _asset(WEB_ASSETS / "standalone.js")]  # fmt: skip
    lang = story.default_language
    return _template().render(
        lang=lang,
        title=story.title.get(lang),
        subtitle=story.subtitle.get(lang),
        version=__version__,
        leaflet_css=leaflet_css(),
        reader_css=_asset(WEB_ASSETS / "reader.css"),
        reader_markup=_asset(WEB_ASSETS / "reader.html"),
        data_json=script_json(data),
        countries_json=script_json(json.loads(_asset(COUNTRY_OUTLINES))),
        scripts=scripts,
        script_hashes=" ".join(_csp_hash(script) for script in scripts),
    )


def script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no '<' can close the element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@cache
def _asset(path: Any) -> str:
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


@cache
def _template() -> Any:
    environment = Environment(
        loader=FileSystemLoader(WEB_ASSETS), autoescape=select_autoescape(["html", "j2"])
    )
    return environment.get_template("standalone.html.j2")
