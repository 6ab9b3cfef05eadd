"""`storymap draft`: from an article to a draft story that validates and marks what to write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from storymap.cli import main
from storymap.draft.make import make_draft
from storymap.geocoding import geocode_story
from storymap.loading import parse_story

# Written for these tests (not a real article): an English wire report in the usual shape.
ENGLISH = """Ministers meet in Tokyo as Japan and India sign a deal

TOKYO (Example News) - Japan and India signed a trade agreement in Tokyo on Monday, officials said.
The talks began in New Delhi last month, according to Example Wire.
"This agreement opens a new chapter for both our peoples," said Minister Ravi Kumar.
Three months later, the first cargo ship is expected in Osaka, the ministry said.
In 1998, India tested nuclear weapons, and Japan imposed sanctions.
"""


@pytest.fixture(scope="module")
def english_draft(tmp_path_factory, gazetteer):
    path = tmp_path_factory.mktemp("articles") / "tokyo-deal.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    return make_draft(path, date(2025, 3, 3))  # a Monday


def test_the_draft_validates_and_every_place_is_located(english_draft):
    story = parse_story(english_draft.text)
    located = geocode_story(story)
    assert set(located) == {p.id for p in story.places}
    assert english_draft.text.startswith("# yaml-language-server: $schema=../story.schema.json\n")


def test_dates_places_and_sources_of_each_event(english_draft):
    events = {str(e.date): e for e in english_draft.story.events}
    assert list(events) == ["1998", "2025-02", "2025-03-03", "2025-05~"]
    assert events["2025-03-03"].places == ["tokyo"]  # "in Tokyo": India only signed
    assert events["2025-02"].places == ["new-delhi"]  # the place named, not its bigger Delhi
    assert [s.outlet for s in events["2025-02"].sources] == ["Example Wire"]  # not the speaker
    assert events["2025-05~"].places == ["osaka"]
    assert events["1998"].category == "military"
    assert events["2025-03-03"].category == "economy"
    assert events["2025-02"].date_note.get("en") == (
        'The article says "last month", that is February 2025 '
        "(counted from the article's date, 3 March 2025)."
    )


def test_the_quotation_is_kept_with_its_speaker_and_the_other_language_to_write(english_draft):
    [quoted] = [e for e in english_draft.story.events if e.quote]
    assert quoted.quote.text.get("en") == "This agreement opens a new chapter for both our peoples"
    assert quoted.quote.text.get("id").startswith("[tulis:")
    assert quoted.quote.speaker == "Ravi Kumar"
    assert quoted.quote.original_language == "en"
    index = english_draft.story.events.index(quoted)
    assert f"events[{index}].quote.text.id" in english_draft.todo


def test_nothing_from_the_article_reaches_a_reader_unmarked(english_draft):
    """Titles and summaries are placeholders listed in draft.todo; sentences are evidence only."""
    story = english_draft.story
    assert story.draft is not None and story.draft.todo == english_draft.todo
    assert story.draft.made_by == "storymap draft from Example News, 3 March 2025"
    for path in ("title.id", "title.en", "subtitle.id", "subtitle.en"):
        assert path in story.draft.todo
    for index, event in enumerate(story.events):
        for field in ("title", "summary"):
            for lang in ("id", "en"):
                assert getattr(event, field).get(lang).startswith(("[write:", "[tulis:"))
                assert f"events[{index}].{field}.{lang}" in story.draft.todo
        assert event.evidence and event.evidence in " ".join(ENGLISH.split())
    for place in story.places:
        assert "located by the" in place.evidence and "found by" in place.evidence


def test_event_titles_say_what_to_write(english_draft):
    [meeting] = [e for e in english_draft.story.events if str(e.date) == "2025-03-03"]
    assert meeting.title.get("en") == "[write: what happened at Tokyo on 3 Mar 2025]"
    assert meeting.title.get("id") == "[tulis: apa yang terjadi di Tokyo pada 3 Mar 2025]"


def test_the_yaml_is_in_the_storys_field_order(english_draft):
    data = yaml.safe_load(english_draft.text)
    assert list(data) == [
        "id", "title", "subtitle", "default_language", "source", "credits", "places", "events", "draft"
    ]  # fmt: skip
    assert list(data["events"][0])[:6] == ["id", "date", "date_note", "places", "category", "title"]


def test_a_city_in_a_country_the_article_never_names_is_flagged(tmp_path, gazetteer):
    path = tmp_path / "a.txt"
    path.write_text("Brazil and Chile met in Tokyo on 3 March 2025 to talk about trade.\n")
    draft = make_draft(path, date(2025, 3, 4))
    [tokyo] = [i for i, p in enumerate(draft.story.places) if p.id == "tokyo"]
    assert f"places[{tokyo}].country (in Japan, a country the article never names)" in draft.todo
    assert (
        "CHECK: in Japan, a country the article never names" in draft.story.places[tokyo].evidence
    )


def test_an_article_with_no_date_gives_an_undated_draft(tmp_path, capsys, gazetteer):
    """No day is invented: the lead is an undated event, and draft.todo asks for its date."""
    path = tmp_path / "a.txt"
    path.write_text("Ministers met in Tokyo to talk about trade.\n")
    out = tmp_path / "d.yaml"
    code = main(["draft", str(path), "--published", "2025-03-04", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    data = yaml.safe_load(out.read_text())
    assert [("date" in e, e["places"]) for e in data["events"]] == [(False, ["tokyo"])]
    assert any(t.startswith("events[0].date (no date in") for t in data["draft"]["todo"])


def test_the_command_writes_a_draft_that_validates(tmp_path, capsys, gazetteer):
    article = tmp_path / "tokyo-deal.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    code = main(
        ["draft", str(article), "--published", "2025-03-03", "--lang", "en", "-o", str(out)]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert printed.startswith(f"wrote {out}: a draft with 4 events (1998 to 2025-05~), ")
    assert main(["validate", str(out)]) == 0


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, ["--published", "2025-10-27"], "error: {article}: no such file"),
        ("", ["--published", "2025-10-27"], "error: {article}: the article is empty"),
        (b"\x00\x01\x02", ["--published", "2025-10-27"], "error: {article}: is binary data (it contains NUL bytes), not an article's text or HTML"),
        ("x", ["--published", "27/10/2025"], "error: --published '27/10/2025' is not a day: write it as YYYY-MM-DD, e.g. 2025-10-27"),
        ("x", ["--published", "2025-02-30"], "error: --published '2025-02-30' is not a day: write it as YYYY-MM-DD, e.g. 2025-10-27"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_line(tmp_path, capsys, make, args, message):
    article = tmp_path / "article.txt"
    if isinstance(make, bytes):
        article.write_bytes(make)
    elif make is not None:
        article.write_text(make)
    code = main(["draft", str(article), *args, "-o", str(tmp_path / "d.yaml")])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == message.format(article=article) + "\n"
    assert "Traceback" not in out + err


def test_an_output_folder_that_does_not_exist(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(ENGLISH)
    out = tmp_path / "missing" / "d.yaml"
    assert main(["draft", str(article), "--published", "2025-03-03", "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"error: -o {out}: the folder {out.parent} does not exist\n"


def test_a_missing_published_date_is_an_argparse_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["draft", str(tmp_path / "a.txt"), "-o", str(tmp_path / "d.yaml")])
    assert raised.value.code == 2
    assert "--published" in capsys.readouterr().err


def test_no_path_is_left_half_written(tmp_path):
    assert not Path(tmp_path / "d.yaml").exists()


def test_a_saved_web_page_gives_the_same_draft_as_its_text(tmp_path, english_draft):
    lines = ENGLISH.strip().splitlines()
    html = (
        f"<!doctype html><html><head><title>{lines[0]}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{lines[0]}</h1>{''.join(f'<p>{line}</p>' for line in lines[2:])}</article>"
        "<footer>Example News, all rights reserved</footer></body></html>"
    )
    page = tmp_path / "tokyo-deal.html"
    page.write_text(html, encoding="utf-8")
    draft = make_draft(page, date(2025, 3, 3))
    assert draft.story.source.title == lines[0]
    assert [str(e.date) for e in draft.story.events] == [
        str(e.date) for e in english_draft.story.events
    ]
    assert [p.id for p in draft.story.places] == [p.id for p in english_draft.story.places]
