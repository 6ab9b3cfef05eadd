"""Story text as HTML from the templates (storymap.render): right words, never a script."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from story_helpers import FIXTURES

from storymap.dates import PartialDate, date_span
from storymap.located import LocatedStory, locate_file
from storymap.model import UI_LANGUAGES, FactCheck, Story
from storymap.render import credits_html, event_list_html, notes_html, span_words, step_html
from storymap.sanitise import clean
from storymap.steps import Step

ESCAPED_HOSTILE_TITLE = "&lt;img src=x onerror=alert(1)&gt;"


def index_of(story: Story, event_id: str) -> int:
    return next(i for i, event in enumerate(story.events) if event.id == event_id)


def step_with(located_story: LocatedStory, event_id: str) -> Step:
    i = index_of(located_story.story, event_id)
    return next(step for step in located_story.steps if i in step.events)


def shown(text: str) -> str:
    """How story text appears in the cleaned HTML (nh3 writes quotes as themselves)."""
    return html.escape(text, quote=False)


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_each_step_shows_its_event_titles(located_story, lang):
    story = located_story.story
    for step in located_story.steps[1:-1]:
        markup = step_html(located_story, step, lang)
        for i in step.events:
            assert shown(story.events[i].title.get(lang)) in markup, (step.index, i)


def test_the_shared_april_step_shows_both_events_in_order(located_story):
    story = located_story.story
    step = step_with(located_story, "road-bridge")
    markup = step_html(located_story, step, "en")
    first = markup.index(shown(story.events[step.events[0]].title.get("en")))
    second = markup.index(shown(story.events[step.events[1]].title.get("en")))
    assert first < second


@pytest.mark.parametrize(
    ("lang", "span"),
    [
        ("id", "suatu hari antara 1 dan 10 Oktober 2025"),
        ("en", "sometime between 1 and 10 October 2025"),
    ],
)
def test_a_vague_date_says_its_days_in_plain_words(located_story, lang, span):
    markup = step_html(located_story, step_with(located_story, "pyongyang-museum"), lang)
    assert span in markup
    assert 'class="date vague"' in markup


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("2025-10-early", "en", "sometime between 1 and 10 October 2025"),
        ("2024-01/2025-01", "en", "from 1 January 2024 to 31 January 2025"),
        ("2024-01/2025-01", "id", "dari 1 Januari 2024 sampai 31 Januari 2025"),
        ("2022-03-02/2022-10-12", "en", ""),  # two known days: the date names them already
        ("2022-03-02/2022-10-12~", "en", "roughly 2 March to 12 October 2022"),
        ("2025-07~", "en", "roughly 1 to 31 July 2025"),
        ("2025-07~", "id", "kira-kira 1 sampai 31 Juli 2025"),
        ("1948", "en", ""),  # "1948" says its days itself
        ("2025-04", "en", ""),
        ("2025-10-27", "en", ""),
        ("2004-12-26T09:30+07:00~", "en", ""),  # about a time, on a known day
    ],
)
def test_span_words(text, lang, words):
    assert span_words(PartialDate.parse(text), lang) == words


@pytest.mark.parametrize(("lang", "word"), [("id", "suatu hari"), ("en", "sometime")])
def test_an_exact_date_shows_no_span(located_story, lang, word):
    markup = step_html(located_story, step_with(located_story, "kremlin-meeting"), lang)
    assert word not in markup
    assert 'class="date exact"' in markup


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2025-04", "id", ("1", "30 April 2025")),
        ("2025-10-late", "en", ("21", "31 October 2025")),
        ("1948", "en", ("1 January", "31 December 1948")),
        ("1948", "id", ("1 Januari", "31 Desember 1948")),
        ("2024/2025", "en", ("1 January 2024", "31 December 2025")),
        ("2025-10-27", "en", ("27", "27 October 2025")),
    ],
)
def test_date_span(text, lang, expected):
    assert date_span(PartialDate.parse(text), lang) == expected


def test_one_place_is_place_and_two_are_places(located_story):
    one = step_html(located_story, step_with(located_story, "kremlin-meeting"), "en")
    two = step_html(located_story, step_with(located_story, "soviet-recognition"), "en")
    assert "Place: Moscow Kremlin" in one
    assert "Places: Moscow, Pyongyang" in two


def test_a_translated_quote_is_marked_in_english_only(located_story):
    story = located_story.story
    step = step_with(located_story, "beijing-tribute")
    english, indonesian = step_html(located_story, step, "en"), step_html(located_story, step, "id")
    quote = story.events[index_of(story, "beijing-tribute")].quote
    assert shown(quote.text.get("en")) in english
    assert shown(quote.text.get("id")) in indonesian
    assert "(our translation from Indonesian)" in english
    assert "terjemahan kami" not in indonesian
    assert "<blockquote>" in english and "<blockquote>" in indonesian


@pytest.mark.parametrize(
    ("lang", "outlets", "absent"),
    [
        ("en", ["Russian state media", "CNA"], "Media pemerintah Rusia"),
        ("id", ["Media pemerintah Rusia", "CNA"], "Russian state media"),
    ],
)
def test_sources_name_the_outlets_in_the_language(located_story, lang, outlets, absent):
    markup = step_html(located_story, step_with(located_story, "kremlin-meeting"), lang)
    for outlet in outlets:
        assert outlet in markup
    assert absent not in markup


@pytest.mark.parametrize(
    ("lang", "counts"), [("id", "13 tempat dan 14 peristiwa"), ("en", "13 places and 14 events")]
)
def test_the_overview_counts_places_and_events(located_story, lang, counts):
    assert counts in step_html(located_story, located_story.steps[0], lang)


@pytest.mark.parametrize(("lang", "text"), [("id", "Semua 14 peristiwa"), ("en", "All 14 events")])
def test_the_closing_overview_counts_events(located_story, lang, text):
    assert text in step_html(located_story, located_story.steps[-1], lang)


def test_a_route_is_named_with_its_length_in_the_narrative(located_story):
    step = step_with(located_story, "direct-flights")
    assert "Moscow → Pyongyang (flight, 6,430 km)" in step_html(located_story, step, "en")
    assert "Moskow → Pyongyang (penerbangan, 6.430 km)" in step_html(located_story, step, "id")


def test_a_fact_check_shows_both_sides_with_sources(located_story):
    story = located_story.story
    i = index_of(story, "pyongyang-museum")
    check = {
        "verdict": "corrected",
        "article": {"id": "Artikel: museum diresmikan.", "en": "The article: a museum opened."},
        "record": {"id": "Catatan: peletakan batu pertama.", "en": "The record: a groundbreaking."},
        "sources": [
            {
                "outlet": "KCNA",
                "title": "Groundbreaking",
                "url": "https://kcnawatch.org/x",
                "date": "2025-10-24",
            }
        ],
    }
    event = story.events[i].model_copy(update={"fact_check": FactCheck.model_validate(check)})
    changed = story.model_copy(
        update={"events": [*story.events[:i], event, *story.events[i + 1 :]]}
    )
    located = LocatedStory(changed, located_story.located)
    step = step_with(located, "pyongyang-museum")
    english = step_html(located, step, "en")
    assert "Fact check: the public record differs from the article" in english
    assert "The article: a museum opened." in english and "The record: a groundbreaking." in english
    assert 'href="https://kcnawatch.org/x"' in english and "24 October 2025" in english
    assert "Catatan: peletakan batu pertama." in step_html(located, step, "id")
    assert "The record: a groundbreaking." in notes_html(changed, i, "en")
    assert "KCNA" in credits_html(changed, "en")


def test_the_discussion_question_is_in_the_event_and_the_notes(located_story):
    story = located_story.story
    i = index_of(story, "soviet-recognition")
    question = shown(story.events[i].question.get("en"))
    assert question in step_html(
        located_story, step_with(located_story, "soviet-recognition"), "en"
    )
    assert question in notes_html(story, i, "en")


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_event_list_lists_every_event_in_story_order(story, lang):
    markup = event_list_html(story, lang)
    assert markup.startswith('<ol class="event-list">')
    items = re.findall(r"<li>(.*?)</li>", markup, flags=re.S)
    assert len(items) == len(story.events)
    for item, event in zip(items, story.events, strict=True):
        assert shown(event.title.get(lang)) in item
        assert event.date.format(lang) in item


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_credits_name_the_sources_and_map_data(story, lang):
    markup = credits_html(story, lang)
    for name in (
        "IDN Times",
        "CNA",
        "Al Jazeera",
        "Anadolu Agency",
        "OpenStreetMap",
        "Natural Earth",
    ):
        assert name in markup, name


def test_the_handout_credits_name_only_the_map_data_it_uses(story):
    markup = credits_html(story, "en", map_data_key="map_data_picture")
    assert "Natural Earth" in markup
    assert "CARTO" not in markup and "tiles" not in markup


def test_credits_say_the_text_is_our_own(story):
    assert "retold in our own words" in credits_html(story, "en")
    assert "ditulis ulang dengan kata-kata kami sendiri" in credits_html(story, "id")


def test_credits_name_each_cited_source_once(story):
    markup = credits_html(story, "en")
    cited = re.search(r"<p><strong>Sources the article cites</strong>:(.*?)</p>", markup).group(1)
    for source in ("CNA", "Al Jazeera", "Anadolu Agency", "Russian state media"):
        assert cited.count(source) == 1, source
    assert "IDN Times" not in cited  # the article itself is named as the source article
    assert "<strong>Source article</strong>: IDN Times" in markup


# --- a hostile story --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(gazetteer) -> LocatedStory:
    return locate_file(FIXTURES / "html_injection.yaml")


def assert_inert(markup: str) -> None:
    """No element or attribute from the story: its HTML may only appear as escaped text."""
    lowered = markup.lower()
    for tag in ("<script", "<img", "<svg", "<iframe", "<b ", "<i>"):
        assert tag not in lowered, tag
    # Escaped text may say "onerror"; it must never be inside a tag, as an attribute.
    tags = " ".join(re.findall(r"<[^>]*>", lowered))
    for word in ("onerror", "onload", "onmouseover", "javascript:"):
        assert word not in tags, word


def test_no_story_html_reaches_the_page(hostile):
    story = hostile.story
    for lang in UI_LANGUAGES:
        pages = [(f"step {s.index}", step_html(hostile, s, lang)) for s in hostile.steps]
        pages += [(f"notes {i}", notes_html(story, i, lang)) for i in range(len(story.events))]
        pages += [
            ("event list", event_list_html(story, lang)),
            ("credits", credits_html(story, lang)),
        ]
        for name, markup in pages:
            try:
                assert_inert(markup)
            except AssertionError as exc:
                raise AssertionError(f"{name} ({lang}): {exc}\n{markup}") from exc


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_the_hostile_title_is_shown_as_text(hostile, lang):
    assert ESCAPED_HOSTILE_TITLE in step_html(hostile, hostile.steps[1], lang)
    assert ESCAPED_HOSTILE_TITLE in event_list_html(hostile.story, lang)


def test_hostile_summary_and_outlet_are_shown_as_text(hostile):
    markup = step_html(hostile, hostile.steps[1], "en")
    assert "Before &lt;script&gt;alert" in markup
    assert "&lt;a href=" in markup


def test_clean_drops_a_javascript_link_and_keeps_https():
    dropped = clean('<a href="javascript:alert(1)">x</a>')
    assert "javascript:" not in dropped.lower()
    assert "href" not in dropped
    kept = clean('<a href="https://example.org/page">y</a>')
    assert 'href="https://example.org/page"' in kept


def test_clean_drops_scripts_and_handlers():
    lowered = clean(
        '<p onclick="alert(1)">a<script>alert(2)</script><img src=x onerror=alert(3)></p>'
    ).lower()
    assert "<script" not in lowered and "onclick" not in lowered and "onerror" not in lowered


def test_a_quote_shows_its_original_wording_and_who_translated_each(gazetteer):
    """Pigafetta wrote in Italian: the Spanish and English are ours, the Italian is shown too."""
    magellan = locate_file(FIXTURES / "magellan.yaml")
    i = next(i for i, e in enumerate(magellan.story.events) if e.quote)
    quote = magellan.story.events[i].quote
    step = next(s for s in magellan.steps if i in s.events)
    english = step_html(magellan, step, "en")
    assert shown(quote.text.get("en")) in english
    assert "Italian: “" in english and shown(quote.text.get("it")) in english
    assert "(our translation from Italian)" in english
    spanish = step_html(magellan, step, "es")
    assert shown(quote.text.get("es")) in spanish and "Italian: “" in spanish  # interface: English


def test_a_source_with_a_web_address_links_its_outlet_and_stays_text(located_story):
    story = located_story.story
    index = index_of(story, "kremlin-meeting")
    event = story.events[index]
    hostile = event.sources[0].model_copy(
        update={"outlet": "<b onmouseover=x>CNA</b>", "url": "https://www.cna.example/a?b=1&c=2"}
    )
    events = [*story.events]
    events[index] = event.model_copy(update={"sources": [hostile, *event.sources[1:]]})
    changed = dataclasses.replace(located_story, story=story.model_copy(update={"events": events}))
    markup = step_html(changed, step_with(changed, "kremlin-meeting"), "en")
    assert '<a href="https://www.cna.example/a?b=1&amp;c=2" rel="noopener noreferrer">' in markup
    assert "&lt;b onmouseover=x&gt;CNA&lt;/b&gt;</a>" in markup and "<b " not in markup
    with pytest.raises(ValueError, match="url"):
        Story.model_validate(
            {**story.model_dump(mode="json", exclude_none=True),
             "events": [{**events[index].model_dump(mode="json", exclude_none=True),
                         "sources": [{"outlet": "CNA", "url": "javascript:alert(1)"}]}]}
        )  # fmt: skip
