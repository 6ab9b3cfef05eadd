"""The payload story (tests/payload_story.py) fills every text field of the format, and what
the library builds from it carries every payload as text: the reader's narratives and
notes, the lists, the credits, the fact checks, the handout, the Knight Lab files."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from payload_story import SHAPES, payload_story, schema_text_fields, text_fields, what_ran

from storymap.export import export_bytes
from storymap.importers import import_story
from storymap.loading import parse_story
from storymap.located import LocatedStory
from storymap.payload import reader_payload
from storymap.render import credits_html, event_list_html, fact_checks_html
from storymap.sanitise import ALLOWED_TAGS

STORY, FIELDS = payload_story()


@pytest.fixture(scope="module")
def located() -> LocatedStory:
    return LocatedStory.of(parse_story(json.dumps(STORY)))


def test_every_text_field_of_the_format_carries_every_payload() -> None:
    """A text field added to the model and not to the payload story fails here."""
    assert text_fields() == schema_text_fields()
    assert len(FIELDS) >= 80
    assert what_ran("2501", FIELDS) == "places[2].name.id, img onerror"
    assert all(f"alert(top.__pwned={n * 100 + 1})" in json.dumps(STORY) for n in FIELDS)
    assert len(SHAPES) >= 12


class _Markup(HTMLParser):
    """Every element and attribute of a piece of HTML, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(markup: str) -> _Markup:
    parser = _Markup()
    parser.feed(markup)
    parser.close()
    return parser


def assert_inert(markup: str, where: str, shows_story: bool = True) -> None:
    """Only our own tags; no handler; links and pictures only to the story's http(s) pages;
    and the payloads are there, as text."""
    page = read(markup)
    for tag, attrs in page.elements:
        assert tag in ALLOWED_TAGS, (where, tag)
        assert not [name for name in attrs if name.startswith("on")], (where, tag, attrs)
        for name in ("href", "src"):
            if name in attrs:
                assert attrs[name].startswith("https://example.org/"), (where, tag, attrs)
    assert not shows_story or "<img src=x onerror=alert(top.__pwned=" in "".join(page.text), where


def test_the_html_the_library_builds_shows_every_payload_as_text(located) -> None:
    story = located.story
    payload = reader_payload(located)
    for lang, text in payload["text"].items():
        for number, event in enumerate(text["events"]):
            assert_inert(event["html"], f"events[{number}] narrative, {lang}")
            assert_inert(event["notes"], f"events[{number}] notes, {lang}")
        for kind, markup in text["overview"].items():
            assert_inert(markup, f"{kind}, {lang}", shows_story=False)  # our words and counts
        assert_inert(event_list_html(story, lang), f"event list, {lang}")
        assert_inert(credits_html(story, lang), f"credits, {lang}")
        assert_inert(fact_checks_html(story, lang), f"fact checks, {lang}")


def test_the_handout_has_no_element_or_handler_from_the_story(located) -> None:
    page = read(export_bytes(located, "handout", "en").decode("utf-8"))
    for tag, attrs in page.elements:
        assert tag not in ("script", "iframe", "svg", "details", "a") or not any(
            "__pwned" in (value or "") for value in attrs.values()
        ), tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
    assert "<img src=x onerror=alert(top.__pwned=" in "".join(page.text)


# Not shown as text by the tools: TimelineJS's language key, an event's ``storymap`` (ours,
# which TimelineJS ignores; escaped all the same) and the media's addresses.
SKIPPED = {("storymap", True), ("url", True)}


def strings(value: object, path: str = "") -> list[tuple[str, str]]:
    """Every string of a JSON document with its path, but what ``SKIPPED`` names below the
    top (StoryMapJS's whole document is under ``storymap``)."""
    if isinstance(value, dict):
        return [pair for key, item in value.items() if (key, bool(path)) not in SKIPPED
                for pair in strings(item, f"{path}.{key}")]  # fmt: skip
    if isinstance(value, list):
        return [pair for n, item in enumerate(value) for pair in strings(item, f"{path}[{n}]")]
    return [(path, value)] if isinstance(value, str) else []


@pytest.mark.parametrize("fmt", ["storymapjs", "timelinejs"])
def test_every_text_the_knight_lab_tools_show_is_escaped(located, fmt: str) -> None:
    """Both tools may put any text into the page as HTML: the StoryMapJS slide's place name
    and the TimelineJS group (a category's name) were written raw (issue 18, item 7)."""
    document = json.loads(export_bytes(located, fmt, "en"))
    texts = strings(document)
    assert any(path.endswith(".location.name") or path.endswith(".group") for path, _ in texts)
    raw = [(path, text[:60]) for path, text in texts if "<" in text and "&lt;" not in text]
    assert raw == []
    assert not [(path, text[:60]) for path, text in texts if "<img src=x" in text]


@pytest.mark.parametrize("fmt", ["storymapjs", "timelinejs"])
def test_escaped_names_come_back_as_the_same_text(located, fmt: str) -> None:
    data = export_bytes(located, fmt, "en")
    back = import_story(data, None, f"payloads.{fmt}.json", lang="en").parsed()
    names = {place.name.get("en") for place in back.places}
    assert located.story.places[2].name.get("en") in names
    if fmt == "timelinejs":
        categories = {category.name.get("en") for category in back.categories if category.name}
        assert located.story.categories[0].name.get("en") in categories
