"""The evaluation set's annotations load, and the draft's scoring counts what its rules say.

The annotated articles are in tests/fixtures/articles/ (README there); the benchmark that
uses them is benchmarks/bench_draft.py. The scoring is checked here on small stories
whose right answer is plain, so a change to a rule shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from story_helpers import FIXTURES

from storymap.draft.annotated import (
    AnnotatedPlace,
    Annotation,
    AnnotationError,
    load_all,
    load_annotated,
)
from storymap.draft.scoring import DraftPlace, same_place, score
from storymap.geocoding import Location
from storymap.model import Place, Story

ARTICLES = FIXTURES / "articles"


def test_every_annotated_article_loads_with_its_anchors_in_its_text():
    articles = load_all(ARTICLES)
    assert len(articles) >= 20
    assert {a.annotation.language for a in articles} >= {"id", "en", "es", "fr"}
    for article in articles:
        flat = " ".join(article.text.split())
        for event in article.annotation.events:
            assert any(" ".join(a.split()) in flat for a in event.anchors), article.name


def test_the_held_out_articles_load_and_are_kept_apart():
    held_out = load_all(ARTICLES / "heldout")
    assert len(held_out) >= 8
    assert {a.annotation.language for a in held_out} >= {"id", "en", "es", "fr"}
    assert not {a.name for a in held_out} & {a.name for a in load_all(ARTICLES)}


def test_the_fresh_articles_load_with_their_anchors_and_are_kept_apart():
    fresh = load_all(ARTICLES / "fresh")
    assert len(fresh) >= 8
    assert {a.annotation.language for a in fresh} >= {"id", "en", "es", "fr", "pt"}
    others = {a.name for a in load_all(ARTICLES)} | {a.name for a in load_all(ARTICLES / "heldout")}
    assert not {a.name for a in fresh} & others
    for article in fresh:
        flat = " ".join(article.text.split())
        for event in article.annotation.events:
            assert any(" ".join(a.split()) in flat for a in event.anchors), article.name


def test_an_anchor_that_is_not_in_the_text_is_refused(tmp_path: Path):
    source = ARTICLES / "es-bolivia-runoff.yaml"
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data["events"][0]["anchors"] = ["una frase que el artículo no dice"]
    (tmp_path / "x.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "x.txt").write_text((ARTICLES / "es-bolivia-runoff.txt").read_text("utf-8"))
    with pytest.raises(
        AnnotationError, match=r"x\.yaml: events\.0\.anchors: .* is not in the text"
    ):
        load_annotated(tmp_path / "x.yaml")


def test_norway_stays_a_country_code():
    assert "NO" in load_annotated(ARTICLES / "es-vuelta-valdezcaray.yaml").annotation.countries


# --- scoring, on a small annotation and drafts whose answer is known ---------------------------


def _spot(name: str, lat: float, lon: float, km: float, **more: object) -> dict:
    """An annotated place in Indonesia."""
    return {"name": name, "country": "ID", "lat": lat, "lon": lon, "km": km, **more}


ANNOTATION = Annotation.model_validate(
    {
        "url": "https://example.org/quake",
        "outlet": "Example",
        "language": "en",
        "published": "2023-09-11",
        "kind": "disaster",
        "countries": ["ID"],
        "places": {
            "jailolo": _spot("Jailolo", 1.065, 127.468, 12, **{"in": ["malut"]}),
            "malut": {
                "name": "Maluku Utara",
                "country": "ID",
                "lat": 0.6,
                "lon": 127.8,
                "km": 300,
                "kind": "region",
                "optional": True,
            },
            "manado": {"name": "Manado", "country": "ID", "lat": 1.482, "lon": 124.849, "km": 20},
        },
        "events": [
            {
                "anchors": ["struck near Jailolo on Monday"],
                "date": "2023-09-11",
                "places": ["jailolo"],
            },
            {"anchors": ["felt in Manado"], "places": ["manado"]},
        ],
    }
)
EVIDENCE = "The quake struck near Jailolo on Monday."


def _draft(
    places: list[tuple[str, str, str, float, float]],
    event_places: list[str],
    date: str = "2023-09-11",
    evidence: str = EVIDENCE,
) -> tuple[Story, dict[str, Location]]:
    story = Story.model_validate(
        {
            "id": "draft",
            "title": {"en": "t"},
            "subtitle": {"en": "s"},
            "source": {"outlet": "Example", "title": "t", "language": "en"},
            "places": [
                {"id": pid, "name": {"en": pid}, "kind": kind, "country": code}
                for pid, kind, code, _, _ in places
            ],
            "events": [
                {
                    "id": "quake",
                    "date": date,
                    "places": event_places,
                    "category": "disaster",
                    "title": {"en": "t"},
                    "summary": {"en": "s"},
                    "evidence": evidence,
                    "sources": [{"outlet": "Example"}],
                }
            ],
        }
    )
    located = {pid: Location(lat, lon, "test", 1.0, pid) for pid, _, _, lat, lon in places}
    return story, located


JAILOLO = ("jailolo", "city", "ID", 1.07, 127.47)
JAKARTA = ("jakarta", "city", "ID", -6.21, 106.85)
MALUT = ("maluku-utara", "region", "ID", 0.7, 127.9)


def test_a_draft_at_the_annotated_place_is_found_and_right():
    result = score(*_draft([JAILOLO], ["jailolo"]), ANNOTATION)
    assert result.places_found == ["jailolo"] and result.places_missed == ["manado"]
    assert result.events_found == [0] and result.right_place == [0] and result.placed == 1
    assert result.wrong_country == [] and result.extra_places == []


def test_a_place_bled_in_from_elsewhere_makes_the_event_wrongly_placed():
    result = score(*_draft([JAILOLO, JAKARTA], ["jailolo", "jakarta"]), ANNOTATION)
    assert result.events_found == [0] and result.right_place == []
    assert result.extra_places == ["jakarta"]


def test_the_containing_region_may_be_added_but_is_not_enough_alone():
    both = score(*_draft([JAILOLO, MALUT], ["jailolo", "maluku-utara"]), ANNOTATION)
    assert both.right_place == [0]
    alone = score(*_draft([MALUT], ["maluku-utara"]), ANNOTATION)
    assert alone.right_place == [] and alone.places_found == []  # optional: not counted


def test_the_dateline_alone_is_not_the_place():
    result = score(*_draft([JAKARTA], ["jakarta"]), ANNOTATION)
    assert result.events_found == [0] and result.right_place == []


def test_an_event_with_another_date_or_other_words_is_not_found():
    assert score(*_draft([JAILOLO], ["jailolo"], date="2023-09-12"), ANNOTATION).events_found == []
    other = score(*_draft([JAILOLO], ["jailolo"], evidence="Something else."), ANNOTATION)
    assert other.events_found == [] and other.events_missed == [0]


def test_a_place_in_a_country_the_article_never_names_is_counted():
    falklands = ("stanley", "city", "FK", -51.69, -57.86)
    result = score(*_draft([JAILOLO, falklands], ["jailolo"]), ANNOTATION)
    assert result.wrong_country == ["stanley (FK)"]


def test_one_draft_place_finds_one_annotated_place():
    near_both = Annotation.model_validate(
        {
            **ANNOTATION.model_dump(by_alias=True),
            "places": {
                "a": {"name": "A", "country": "ID", "lat": 1.0, "lon": 127.4, "km": 30},
                "b": {"name": "B", "country": "ID", "lat": 1.1, "lon": 127.5, "km": 30},
            },
            "events": [{"anchors": ["Jailolo"], "date": "2023-09-11", "places": ["a", "b"]}],
        }
    )
    result = score(*_draft([JAILOLO], ["jailolo"]), near_both)
    assert len(result.places_found) == 1 and len(result.places_missed) == 1


def test_no_draft_misses_everything():
    result = score(None, {}, ANNOTATION)
    assert result.places_missed == ["jailolo", "manado"] and result.events_missed == [0]
    assert result.undated == 1 and result.undated_found == 0


def test_a_required_place_is_matched_before_an_optional_one_around_it():
    with_region = Annotation.model_validate(
        {
            **ANNOTATION.model_dump(by_alias=True),
            "places": {
                "jailolo": _spot("Jailolo", 1.065, 127.468, 40),
                "wide": {
                    "name": "Wide",
                    "country": "ID",
                    "lat": 1.07,
                    "lon": 127.47,
                    "km": 3000,
                    "kind": "region",
                    "optional": True,
                },
            },
            "events": [{"anchors": ["Jailolo"], "date": "2023-09-11", "places": ["jailolo"]}],
        }
    )
    near = ("near", "city", "ID", 1.2, 127.5)  # nearer the optional region's middle, relatively
    result = score(*_draft([near], ["near"]), with_region)
    assert result.places_found == ["jailolo"]


def test_a_country_too_small_for_the_outlines_is_matched_as_that_country():
    """The draft writes Barbados as a region named after the country, marked at its capital."""
    barbados = Place.model_validate(
        {"id": "barbados", "name": {"en": "Barbados"}, "kind": "region", "country": "BB"}
    )
    bridgetown = Place.model_validate(
        {"id": "bridgetown", "name": {"en": "Bridgetown"}, "kind": "region", "country": "BB"}
    )
    annotated = AnnotatedPlace(name="Barbados", country="BB", kind="country")
    at_capital = Location(13.1, -59.62, "test", 20.0, "Bridgetown")
    assert same_place(annotated, DraftPlace(barbados, at_capital))
    assert not same_place(annotated, DraftPlace(bridgetown, at_capital))
