"""Every published story validates, locates every place offline and renders.

The other tests use a frozen copy of the first story (tests/fixtures/), so a fact check
or a new event in a published story never breaks them; this file checks the real ones,
without pinning their content.
"""

from __future__ import annotations

import json

import pytest
from story_helpers import PUBLISHED_STORIES, SCHEMA

from storymap.export import export_bytes
from storymap.loading import read_story_file
from storymap.located import locate_file
from storymap.payload import reader_payload


@pytest.fixture(scope="module", params=PUBLISHED_STORIES, ids=lambda path: path.name)
def published(request, gazetteer):
    return locate_file(request.param)


def test_there_is_a_published_story():
    assert PUBLISHED_STORIES


def test_it_validates_and_locates_every_place(published):
    assert set(published.located) == {place.id for place in published.story.places}


def test_it_renders_for_the_browser_and_as_a_page(published):
    payload = reader_payload(published)
    json.dumps(payload, allow_nan=False)
    for lang, text in payload["text"].items():
        assert len(text["events"]) == len(published.story.events), lang
        assert all("<h3>" in event["html"] for event in text["events"])
    page = export_bytes(published, "html", published.story.default_language).decode()
    assert published.story.events[-1].id in page


def test_it_points_editors_at_the_schema(published):
    first_line = published.path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../story.schema.json"
    assert (published.path.parent / "../story.schema.json").resolve() == SCHEMA.resolve()


def test_its_sources_are_the_outlets_own_pages(published):
    """docs/source-policy.md: no proxy, development host, listing page or shortener."""
    warnings = read_story_file(published.path).warnings
    assert not warnings, "\n".join(str(w) for w in warnings)
