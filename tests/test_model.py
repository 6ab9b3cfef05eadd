"""The story model's languages: any BCP 47 languages, texts in each, quotes in their own."""

from __future__ import annotations

import pytest
from story_helpers import FIXTURES, line_of

from storymap.loading import StoryError, load_story, parse_story
from storymap.model import UI_LANGUAGES, Quote, Text

MAGELLAN = FIXTURES / "magellan.yaml"
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def magellan():
    return load_story(MAGELLAN)


def problems_of(text: str) -> list:
    with pytest.raises(StoryError) as caught:
        parse_story(text)
    return caught.value.problems


def in_spanish_and_english(text: str) -> str:
    """The minimal story rewritten in Spanish and English (every id: text becomes es:)."""
    return text.replace("{id: ", "{es: ").replace("id: minimal", "id: minimal\nlanguages: [es, en]")


# --- languages ------------------------------------------------------------------------------


def test_an_old_story_is_in_indonesian_and_english(story):
    assert story.languages == ["id", "en"]
    assert story.default_language == "id"


def test_the_magellan_story_is_in_spanish_and_english(magellan):
    assert magellan.languages == ["es", "en"]
    assert magellan.default_language == "es"
    assert magellan.title.get("es") == "La primera vuelta al mundo"
    assert magellan.source.language == "it"
    assert len(magellan.events) == 9
    assert magellan.events[0].date.format("es") == "20 de septiembre de 1519"


def test_a_story_opens_in_its_first_language_unless_it_says():
    story = parse_story(in_spanish_and_english(MINIMAL))
    assert story.default_language == "es"
    chosen = in_spanish_and_english(MINIMAL).replace(
        "languages: [es, en]", "languages: [es, en]\ndefault_language: en"
    )
    assert parse_story(chosen).default_language == "en"


@pytest.mark.parametrize("code", ["es", "it", "pt-BR", "zh-Hant", "es-419", "jv"])
def test_any_language_babel_knows_may_be_a_story_language(code):
    text = MINIMAL.replace("{id: ", f"{{{code}: ").replace(
        "id: minimal", f"id: minimal\nlanguages: [{code}, en]"
    )
    assert parse_story(text).languages == [code, "en"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("Indonesian", "'Indonesian' is not a language code: use a BCP 47 code such as id, en, es"),
        ("EN", "write the language code 'EN' as 'en'"),
        ("pt_br", "write the language code 'pt_br' as 'pt-BR'"),
        (
            "xx",
            "'xx' is not a language storymap can write dates in (Babel has no locale data for it)",
        ),
        ("ace", "Babel has no locale data"),
    ],
)
def test_a_language_that_is_not_a_known_bcp47_code_says_why(code, message):
    text = MINIMAL.replace("id: minimal", f"id: minimal\nlanguages: [id, en, {code}]")
    problems = problems_of(text)
    assert [(p.where, p.line) for p in problems] == [("languages[2]", 4)]
    assert message in problems[0].message


def test_a_language_listed_twice_and_a_default_outside_the_languages():
    text = MINIMAL.replace(
        "id: minimal", "id: minimal\nlanguages: [id, en, id]\ndefault_language: es"
    )
    problems = {p.where: (p.message, p.line) for p in problems_of(text)}
    assert problems == {
        "languages[2]": ("Indonesian (id) is listed twice", 4),
        "default_language": (
            "Spanish (es) is not one of the story's languages (Indonesian, English, Indonesian)",
            5,
        ),
    }


# --- texts in every language ----------------------------------------------------------------


def test_a_missing_language_is_named_in_words_with_its_field_and_line():
    text = MINIMAL.replace(
        "title: {id: Cerita terkecil, en: The smallest story}", "title: {en: The smallest story}"
    )
    [problem] = problems_of(text)
    assert str(problem) == "line 4: title: the Indonesian text (id) is missing"


def test_a_missing_language_deep_in_an_event_names_the_event():
    text = MINIMAL.replace(
        "summary: {id: Dua menteri bertemu., en: Two ministers meet.}",
        "summary: {id: Dua menteri bertemu.}",
    )
    [problem] = problems_of(text)
    assert problem.where == "events[0].summary (event 'meeting')"
    assert problem.message == "the English text (en) is missing"
    assert problem.line == line_of(FIXTURES / "minimal.yaml", "summary:")


def test_a_language_the_story_does_not_declare_is_an_error_at_its_own_line():
    text = MINIMAL.replace(
        "name: {id: Moskow, en: Moscow}",
        "name:\n      id: Moskow\n      en: Moscow\n      fr: Moscou",
    )
    [problem] = problems_of(text)
    assert problem.where == "places[0].name.fr (place 'moscow')"
    assert (
        problem.message == "French (fr) is not one of the story's languages (Indonesian, English)"
    )
    assert problem.line == line_of(FIXTURES / "minimal.yaml", "name: {id: Moskow") + 3


def test_every_text_of_a_spanish_story_needs_spanish():
    text = in_spanish_and_english(MINIMAL).replace(
        "title: {es: Sebuah pertemuan, en: A meeting}",
        "title: {id: Sebuah pertemuan, en: A meeting}",
    )
    messages = sorted((p.where, p.message) for p in problems_of(text))
    assert messages == [
        ("events[0].title (event 'meeting')", "the Spanish text (es) is missing"),
        (
            "events[0].title.id (event 'meeting')",
            "Indonesian (id) is not one of the story's languages (Spanish, English)",
        ),
    ]


def test_an_empty_text_or_a_text_with_no_language_is_an_error():
    empty = MINIMAL.replace(
        "{id: Cerita terkecil, en: The smallest story}", "{id: '', en: The smallest story}"
    )
    assert [p.where for p in problems_of(empty)] == ["title.id"]
    nothing = MINIMAL.replace("{id: Cerita terkecil, en: The smallest story}", "{}")
    assert [p.where for p in problems_of(nothing)] == ["title"]


def test_text_get_falls_back_to_english_then_to_the_first_text():
    text = Text({"es": "hola", "en": "hello"})
    assert text.get("es") == "hola"
    assert text.get("id") == "hello"
    assert Text({"es": "hola", "it": "ciao"}).get("id") == "hola"
    assert text.languages == ("es", "en")
    assert "es" in text and "id" not in text


def test_text_is_frozen_and_hashable():
    text = Text({"es": "hola", "en": "hello"})
    assert hash(text) == hash(Text({"es": "hola", "en": "hello"}))
    with pytest.raises(ValueError, match="frozen"):
        text.root = {}  # type: ignore[misc]


# --- quotes in their own language -----------------------------------------------------------


def test_a_quote_keeps_its_original_language_and_wording(magellan):
    quote = next(e.quote for e in magellan.events if e.quote)
    assert quote.original_language == "it"
    assert quote.text.get("it").startswith("Stessemo tre mesi e venti giorni")
    assert quote.translated_by_us(magellan.languages) == ("es", "en")
    spanish = quote.attribution("es", magellan.languages)
    assert (spanish.speaker, spanish.via, spanish.original_language) == (
        "Antonio Pigafetta",
        "Relazione del primo viaggio intorno al mondo",
        "it",
    )
    assert spanish.our_translation and not spanish.is_original
    italian = quote.attribution("it", magellan.languages)
    assert italian.is_original and not italian.our_translation


def test_an_old_quote_is_our_translation_in_the_other_language(story):
    quote = next(e.quote for e in story.events if e.quote)
    assert quote.original_language == "id"
    assert quote.attribution("en", story.languages).our_translation
    assert not quote.attribution("id", story.languages).our_translation


def test_via_may_say_who_published_each_language():
    quote = Quote(
        text=Text({"id": "kata", "en": "word"}),
        speaker="Vladimir Putin",
        via=Text({"id": "IDN Times, dari Al Jazeera", "en": "Al Jazeera"}),
        original_language="ru",
        our_translation=[],
    )
    assert quote.attribution("id", ["id", "en"]).via == "IDN Times, dari Al Jazeera"
    assert quote.attribution("en", ["id", "en"]).via == "Al Jazeera"
    assert not quote.attribution("en", ["id", "en"]).our_translation


QUOTE = """
    quote:
      speaker: Someone
      via: Example News
      original_language: {original}
      text: {{{texts}}}
{extra}"""


def with_quote(original: str, texts: str, extra: str = "") -> str:
    return MINIMAL + QUOTE.format(original=original, texts=texts, extra=extra)


def test_a_quote_may_carry_its_original_wording_but_no_other_language():
    assert parse_story(with_quote("ru", "ru: слово, id: kata, en: word")).events[0].quote
    [problem] = problems_of(with_quote("ru", "fr: mot, id: kata, en: word"))
    assert problem.where == "events[0].quote.text.fr (event 'meeting')"
    assert problem.message == (
        "French (fr) is not one of the story's languages (Indonesian, English) "
        "or the quote's original language (Russian)"
    )


def test_our_translation_is_never_the_original_and_always_a_story_language():
    text = with_quote("ru", "id: kata, en: word", "      our_translation: [ru, es]\n")
    problems = {p.where: p.message for p in problems_of(text)}
    assert problems == {
        "events[0].quote.our_translation[0] (event 'meeting')": "Russian (ru) is the quote's original "
        "language, so its wording cannot be our translation",
        "events[0].quote.our_translation[1] (event 'meeting')": "Spanish (es) is not one of the "
        "story's languages (Indonesian, English)",
    }


def test_the_interface_languages_stay_indonesian_and_english():
    assert UI_LANGUAGES == ("id", "en")


# --- routes through waypoints, in any mode --------------------------------------------------

TWO_PLACES = MINIMAL.replace(
    "events:\n",
    "  - id: minsk\n    name: {id: Minsk, en: Minsk}\n    kind: city\n    country: BY\n"
    "  - id: kyiv\n    name: {id: Kyiv, en: Kyiv}\n    kind: city\n    country: UA\nevents:\n",
)


def with_route(route: str) -> str:
    return TWO_PLACES.replace(
        "    places: [moscow]\n", f"    places: [moscow]\n    route: {route}\n"
    )


def test_a_route_may_pass_through_waypoints():
    story = parse_story(
        with_route("{origin: moscow, via: [minsk, kyiv], destination: moscow, mode: road}")
    )
    route = story.events[0].route
    assert route.stops == ["moscow", "minsk", "kyiv", "moscow"]
    assert route.via == ["minsk", "kyiv"]


@pytest.mark.parametrize(
    ("written", "read"),
    [("road_rail", "road"), ("troop_deployment", "deployment"), ("sea", "sea"), ("walk", "walk")],
)
def test_old_route_modes_stay_valid_under_their_new_names(written, read):
    story = parse_story(with_route(f"{{origin: moscow, destination: minsk, mode: {written}}}"))
    assert story.events[0].route.mode == read
    assert story.model_dump(mode="json")["events"][0]["route"]["mode"] == read


def test_an_unknown_mode_lists_the_modes():
    [problem] = problems_of(with_route("{origin: moscow, destination: minsk, mode: ship}"))
    assert problem.where == "events[0].route.mode (event 'meeting')"
    assert "'flight', 'sea', 'road', 'rail', 'walk', 'deployment' or 'other'" in problem.message


def test_an_unknown_waypoint_is_named_with_its_line():
    text = with_route(
        "\n      origin: moscow\n      via: [minsk, atlantis]\n      destination: kyiv\n      mode: walk"
    )
    [problem] = problems_of(text)
    assert problem.where == "events[0].route.via[1] (event 'meeting')"
    assert problem.message == "unknown place id 'atlantis' (not in places)"
    assert problem.line == text.splitlines().index("      via: [minsk, atlantis]") + 1


def test_consecutive_stops_must_differ():
    problems = problems_of(
        with_route("{origin: moscow, via: [minsk, minsk], destination: kyiv, mode: walk}")
    )
    assert [(p.where, p.message) for p in problems] == [
        (
            "events[0].route.via[1] (event 'meeting')",
            "the route goes from 'minsk' to 'minsk' again: consecutive stops must differ",
        )
    ]
    [problem] = problems_of(with_route("{origin: moscow, destination: moscow, mode: walk}"))
    assert problem.message == "a route must end at another place"
