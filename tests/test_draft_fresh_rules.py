"""Rules found on the fresh evaluation set (tests/fixtures/articles/fresh/), each tested on
text written here: names that begin with a capitalised article, a city far bigger than its
namesakes abroad, a dateline in capitals alone on its line, an article with no date, roads
named after people or towns, clock times that look like years, a person's initials, a
regency written as one word, a town after its kind word in an address, and a placeless
sentence of the same day as the event before it."""

from __future__ import annotations

from datetime import date

import pytest

from storymap.draft.article import parse_article
from storymap.draft.dates_found import find_dates
from storymap.draft.datewords import Reference
from storymap.draft.make import Options, draft_from_article
from storymap.draft.places import PlaceFinder
from storymap.draft.where import where_it_happened


def draft(text: str, lang: str, published: date = date(2024, 5, 20)):
    return draft_from_article(parse_article(text), published, Options(lang=lang), "a")


def words(finder: PlaceFinder, *sentences: str) -> list[str]:
    return [m.words for m in finder.find(list(sentences))]


@pytest.fixture(scope="module")
def finders(gazetteer) -> dict[str, PlaceFinder]:
    return {lang: PlaceFinder(lang, gazetteer) for lang in ("es", "en", "id", "pt")}


@pytest.fixture(scope="module")
def finder_es(finders) -> PlaceFinder:
    return finders["es"]


def test_a_capitalised_article_is_part_of_the_name(finder_es, finders):
    """'La Ceiba', 'Los Angeles': the article is the name's own, not a word to drop."""
    assert "La Ceiba" in words(finder_es, "El equipo jugó en La Ceiba, Honduras, ante su público.")
    assert "Los Angeles" in words(finders["en"], "The flight left Los Angeles for Chicago.")


def test_a_leading_article_does_not_make_a_common_word_distinctive(finder_es):
    """'La Vuelta' is a hamlet in Mexico and a race: it says nothing about Mexico, so
    'Alfaro' stays the Spanish town the article's Spain points to."""
    found = {
        m.words: m.hit.country
        for m in finder_es.find(["La Vuelta llegó a Alfaro, en España, el domingo."])
    }
    assert found.get("Alfaro") == "ES"
    assert "La Vuelta" not in found


def test_a_city_ten_times_bigger_than_its_namesakes_abroad_is_found(finder_es):
    """No country is named, but 'La Ceiba' (220,000 people) dwarfs the Mexican hamlets of
    the name; a small town's name alone ('Alfaro') still needs the article's evidence."""
    assert words(finder_es, "Llovió toda la tarde en La Ceiba.") == ["La Ceiba"]
    assert words(finder_es, "Llovió toda la tarde en Alfaro.") == []


def test_a_dateline_in_capitals_on_a_line_of_its_own(gazetteer):
    made = draft("Título\n\nLA CEIBA. El equipo local perdió el domingo ante su rival.\n", "es")
    assert made.story.events[0].places == ["la-ceiba"]
    assert all(not e.evidence.startswith("LA CEIBA") for e in made.story.events)
    assert "events[0].places (no place in its sentence: placed at the dateline)" in made.todo


def test_an_article_with_no_date_gives_an_undated_draft(gazetteer):
    """A match report with no date anywhere: its lead is one undated event (no day is
    invented), placed at the dateline when it names nowhere, and the author is told."""
    made = draft("Título\n\nLA CEIBA. El equipo local perdió ante su rival.\n", "es")
    [event] = made.story.events
    assert event.date is None
    assert event.places == ["la-ceiba"]
    assert "events[0].date (no date in the article: undated)" in made.todo
    named = draft("Título\n\nEl equipo perdió 3-2 en La Ceiba. El público aplaudió.\n", "es")
    assert [(e.date, e.places) for e in named.story.events] == [(None, ["la-ceiba"])]
    assert "events[0].date (no date in its sentence: undated)" in named.todo


@pytest.mark.parametrize(
    ("lang", "sentence", "town"),
    [
        (
            "pt",
            "O caminhão tombou na rodovia Presidente Dutra, em Resende, Brasil.",
            "Presidente Dutra",
        ),
        ("id", "Banjir menggenangi Jalan Sudirman di Kota Palembang.", "Sudirman"),
        ("es", "Miles de personas marcharon por la calle Génova de Madrid.", "Génova"),
    ],
)
def test_a_road_named_after_a_person_or_a_town_is_not_that_town(finders, lang, sentence, town):
    found = words(finders[lang], sentence)
    assert town not in found
    assert any(w in found for w in ("Resende", "Palembang", "Kota Palembang", "Madrid")), found


@pytest.mark.parametrize(
    ("lang", "text", "dates"),
    [
        ("en", "The bus hit a wall at 7:10 a.m. ET (1110 GMT) on Monday.", ["2024-05-20"]),
        ("en", "The bridge, built in 1742, fell on Monday.", ["1742", "2024-05-20"]),
        ("id", "Kapal tenggelam pukul 1945 WIB, Senin.", ["2024-05-20"]),
        ("es", "El tren salió a las 2010 horas del lunes.", ["2024-05-20"]),
    ],
)
def test_a_clock_time_in_four_digits_is_not_a_year(lang, text, dates):
    found = find_dates(text, Reference(date(2024, 5, 21), lang=lang))
    assert sorted(str(f.date) for f in found) == dates


def test_initials_given_to_a_person_are_not_a_country(finders):
    """'berinisial AS' is a young man, not Amerika Serikat, in each sentence that repeats it;
    an article without such initials still reads 'AS' as the United States."""
    victim = [
        "Seorang pemuda berinisial AS (19) tertabrak kereta di Kota Tasikmalaya, Minggu.",
        "Menurut teman AS, korban sedang mencari kunci motor.",
    ]
    assert all(m.hit.country != "US" for m in finders["id"].find(victim))
    assert "AS" in words(finders["id"], "Delegasi AS bertemu menteri di Bali.")
    english = ["A man identified by the initials U.S. was arrested in London."]
    assert all(m.hit.country != "US" for m in finders["en"].find(english))


def test_a_regency_written_as_one_word_after_its_kind_word(finders):
    """'Kabupaten Deliserdang' is Kabupaten Deli Serdang: a space away, after a kind word;
    the same word with no kind word before it is not guessed."""
    hinted = finders["id"].find(["Banjir merendam Kabupaten Labuhanbatu, Sumatra Utara."])
    assert [m.hit.name for m in hinted if m.words == "Labuhanbatu"] == ["Kabupaten Labuhan Batu"]
    assert "Labuhanbatu" not in words(finders["id"], "Labuhanbatu adalah nama lama, Indonesia.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Seorang warga asal Kota Bogor tewas di pasar Cibinong, Kabupaten Bogor, Jawa Barat.",
        "Truk terguling di tikungan Gombel, Kota Semarang, Jawa Tengah, pada malam hari.",
    ],
)
def test_a_town_after_its_kind_word_in_an_address_is_where(finders, sentence):
    """'di pasar Cibinong, Kabupaten Bogor, Jawa Barat': the regency is where, as the
    province after it is; the kind word before the name does not hide the 'di'."""
    found = finders["id"].find([sentence])
    where = [m.words for m in where_it_happened(sentence, found, "id", True)]
    assert {"Bogor", "Semarang"} & set(where) and where[-1] in ("Jawa Barat", "Jawa Tengah")


@pytest.mark.parametrize(
    ("lang", "text", "day", "here"),
    [
        (
            "fr",
            "Titre\n\nLe président est arrivé jeudi à Dakar.\n\n"
            "Les deux chefs d’Etat ont signé jeudi trois accords. Ils ont aussi décidé "
            "d’ouvrir un consulat à Lyon.\n",
            "2024-05-16",
            "dakar",
        ),
        (
            "id",
            "Judul\n\nPresiden tiba di Nairobi pada Senin (20/5/2024).\n\n"
            "Pada Senin (20/5/2024) kedua pemimpin menandatangani perjanjian. Mereka juga "
            "sepakat membuka kedutaan di Dodoma.\n",
            "2024-05-20",
            "nairobi",
        ),
    ],
)
def test_a_placeless_sentence_of_the_same_day_stays_where_the_day_was(lang, text, day, here):
    made = draft(text, lang, date(2024, 5, 21))
    [(n, signed)] = [
        (i, e)
        for i, e in enumerate(made.story.events)
        if "Les deux" in e.evidence or "kedua pemimpin" in e.evidence
    ]
    assert (str(signed.date), signed.places) == (day, [here])
    reason = "no place in its sentence: placed where the event before on the same day"
    assert f"events[{n}].places ({reason})" in made.todo
