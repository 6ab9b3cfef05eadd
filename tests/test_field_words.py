"""The side panel names a field as the page does, with the event or place it belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from storymap.authoring import field_words
from storymap.authoring.field_words import describe
from storymap.authoring.paths import parse_path
from storymap.i18n import strings

ROOT = Path(__file__).resolve().parent.parent
SPANISH = {
    "languages": ["es", "en"],
    "title": {"es": "[write: título]", "en": "[write: title]"},
    "places": [{"id": "la-ceiba", "name": "La Ceiba", "country": "HN"}],
    "events": [
        {
            "id": "la-ceiba-undated",
            "title": {"es": "[write: título]", "en": "[write: title]"},
            "places": ["la-ceiba"],
        },
        {
            "id": "e2",
            "title": {
                "es": "Victoria en Juticalpa",
                "en": "A win in Juticalpa after a long season away",
            },
        },
    ],
}


@pytest.mark.parametrize(
    ("path", "lang", "expected"),
    [
        ("title.es", "en", "Title · ES"),
        ("subtitle.en", "id", "Subjudul · EN"),
        ("source.outlet", "en", "Source article · Outlet"),
        ("source.title", "en", "Source article · The article's headline"),
        (
            "events[1].media[0].url",
            "id",
            "Peristiwa 2 “Victoria en Juticalpa” · Media (gambar, video, tautan) 1 · Alamat web",
        ),
        ("places[0].country", "en", "Place 1 “La Ceiba” · Country"),
        ("places[0].country", "id", "Tempat 1 “La Ceiba” · Negara"),
        # a title still to write is never shown: the event's id is
        (
            "events[0].date (no date in the article: undated)",
            "en",
            "Event 1 “la-ceiba-undated” · Date",
        ),
        ("events[1].summary.en", "en", "Event 2 “A win in Juticalpa after a…” · Summary · EN"),
        # an interface language without a title in it: the story's first language
        ("events[1].summary.en", "id", "Peristiwa 2 “Victoria en Juticalpa” · Ringkasan · EN"),
        (
            "events[1].sources[1].outlet.es",
            "en",
            "Event 2 “A win in Juticalpa after a…” · Sources 2 · Outlet · ES",
        ),
        ("events[1].route.via", "en", "Event 2 “A win in Juticalpa after a…” · Route · Through"),
        (
            "events[1].quote.via",
            "en",
            "Event 2 “A win in Juticalpa after a…” · Quotation · Quoted via (outlet)",
        ),
        ("events[7].date", "en", "Event 8 · Date"),  # no such event (yet): its number only
    ],
)
def test_a_path_in_the_author_s_words(path: str, lang: str, expected: str) -> None:
    assert describe(SPANISH, parse_path(path), lang) == expected


def test_the_title_in_the_interface_s_language_comes_first() -> None:
    story = yaml.safe_load((ROOT / "geodata/stories/russia-north-korea.yaml").read_text("utf-8"))
    english = describe(story, ("events", 0, "date"), "en")
    indonesian = describe(story, ("events", 0, "date"), "id")
    assert english.startswith("Event 1 “") and indonesian.startswith("Peristiwa 1 “")
    assert english != indonesian.replace("Peristiwa", "Event").replace("Tanggal", "Date")


def test_no_path_is_the_whole_story_and_odd_data_never_raises() -> None:
    assert describe(SPANISH, None, "en") == "The whole story"
    assert describe({"events": "not a list"}, ("events", 0, "title"), "en") == "Event 1 · Title"
    assert describe([], ("places", 0), "id") == "Tempat 1"
    hostile = {"events": [{"title": {"en": "<img src=x onerror=alert(1)>"}}]}
    assert "<img" in describe(hostile, ("events", 0, "date"), "en")  # text: the page escapes it


def test_every_word_the_table_names_is_in_the_interface_s_words() -> None:
    words = strings()
    names = [*field_words._FIELD_WORDS.values(), *field_words._OWNERS.values(), "todo_whole_story"]
    assert [name for name in names if name not in words] == []
