"""Where an event happened when its clause does not say, or says only the country: the
dateline last, the next sentences, an address that is not a second place, places left,
places a quake shook, titles that are not places, and spellings one letter away."""

from __future__ import annotations

from datetime import date

from storymap.draft.article import parse_article
from storymap.draft.make import Options, draft_from_article
from storymap.draft.places import PlaceFinder

PUBLISHED = date(2023, 9, 12)


def draft(text: str, lang: str, published: date = PUBLISHED):
    return draft_from_article(parse_article(text), published, Options(lang=lang), "a")


def places_by_date(made) -> dict[str, list[str]]:
    return {str(e.date): e.places for e in made.story.events}


def test_a_capitalised_dateline_with_a_dash_is_split_off_and_used_last(gazetteer):
    made = draft(
        "Judul\n\n"
        "JAKARTA - BMKG melaporkan gempa yang mengguncang Maluku Utara.\n"
        "Gempa terjadi di 11 km Timur Laut Jailolo, Senin (11/9/2023).\n",
        "id",
    )
    assert places_by_date(made)["2023-09-11"] == ["jailolo"]
    assert all(not e.evidence.startswith("JAKARTA") for e in made.story.events)


def test_the_dateline_comes_after_the_articles_lead_place(gazetteer):
    made = draft(
        "Judul\n\n"
        "JAKARTA - Gempa mengguncang Maluku Utara.\n"
        "Sebanyak 60 rumah rusak, kata petugas pada Senin (11/9/2023).\n",
        "id",
    )
    [monday] = [i for i, e in enumerate(made.story.events) if str(e.date) == "2023-09-11"]
    assert made.story.events[monday].places == ["maluku-utara"]
    reason = "no place in its sentence: placed where the article's lead says"
    assert f"events[{monday}].places ({reason})" in made.todo


def test_a_sentence_that_only_looks_like_a_dateline_is_kept(gazetteer):
    made = draft("Judul\n\nRétrospective : la course est partie le 6 novembre à Marseille.\n", "fr")
    assert made.story.events[0].evidence.startswith("Rétrospective :")


def test_an_outlet_guessed_from_a_dateline_that_names_a_country_is_a_place(gazetteer):
    made = draft(
        "Title\n\nSHUBAYTAH, Saudi Arabia — The driver won the race on Friday.\n",
        "en",
        date(2024, 1, 20),
    )
    assert made.story.events[0].places == ["saudi-arabia"]
    assert made.story.source.outlet != "Saudi Arabia"


def test_a_country_gives_way_to_the_cities_the_next_sentence_names_in_it(gazetteer):
    made = draft(
        "Title\n\n"
        "The minister met with leaders in Egypt and Qatar on Tuesday. "
        "He visited Cairo before traveling to Doha.\n",
        "en",
        date(2024, 2, 7),
    )
    assert places_by_date(made)["2024-02-06"] == ["cairo", "doha"]


def test_a_region_written_as_a_places_address_is_not_a_second_place(gazetteer):
    made = draft(
        "Judul\n\nKata dia kepada wartawan di Kota Jayapura, Papua, Rabu (24/1/2024), soal "
        "serangan di Kabupaten Intan Jaya.\n",
        "id",
        date(2024, 1, 25),
    )
    assert made.story.events[0].places == ["jayapura"]
    assert not any("places in one sentence" in item for item in made.todo)


def test_the_place_left_is_where_a_departure_happened(gazetteer):
    made = draft(
        "Title\n\nLast month the expedition set off from Cape Town, South Africa, to Durban.\n",
        "en",
        date(2022, 3, 9),
    )
    assert made.story.events[0].places == ["cape-town"]
    made = draft(
        "Judul\n\nJamaah haji pada Selasa (4/7/2023) meninggalkan Makkah menuju Jeddah.\n",
        "id",
        date(2023, 7, 4),
    )
    assert made.story.events[0].places == ["makkah"]


def test_a_clause_after_since_tells_an_event_of_its_own(gazetteer):
    made = draft(
        "Title\n\n"
        "The ship had not been seen since it sank in the Weddell Sea in 1915, and last month "
        "the expedition set off from Cape Town.\n",
        "en",
        date(2022, 3, 9),
    )
    assert places_by_date(made)["1915"] == ["weddell-sea"]
    assert places_by_date(made)["2022-02"] == ["cape-town"]


def test_a_person_s_title_is_not_a_place(gazetteer):
    made = draft(
        "Judul\n\nPresiden Indonesia Joko Widodo tiba di Nairobi pada Senin (21/8/2023).\n",
        "id",
        date(2023, 8, 23),
    )
    assert made.story.events[0].places == ["nairobi"]
    assert "indonesia" not in {p.id for p in made.story.places}


def test_a_spelling_one_letter_away_is_read_in_the_articles_countries_only(gazetteer):
    finder = PlaceFinder("id")
    sentences = ["Jemaah berkumpul di Mekah, Arab Saudi."]
    [mekah] = [m for m in finder.find(sentences) if m.words == "Mekah"]
    assert (mekah.hit.name, mekah.hit.country) == ("Makkah", "SA")
    assert mekah.hit.how == "gazetteer spelling close to its name"
    assert not [m for m in finder.find(["Jemaah berkumpul di Mekah."]) if m.words == "Mekah"]
    said = ["Putin bertemu Kim di China.", "Putin mengatakan hubungan terus berkembang."]
    assert [m.hit.key for m in finder.find(said)] == ["country:CN"]  # never Putian (CN)


def test_a_numbered_heading_of_a_listicle_is_read(gazetteer):
    made = draft(
        "Judul\n\n1. Afrika Selatan: KTT BRICS 2023\n\nPara pemimpin bertemu di sana.\n",
        "id",
        date(2023, 8, 25),
    )
    assert places_by_date(made)["2023"] == ["south-africa"]


def test_this_morning_is_the_day_of_publication(gazetteer):
    made = draft(
        "Judul\n\nPagi tadi, jemaah mendarat di Bandara Hang Nadim, Batam.\n",
        "id",
        date(2023, 7, 4),
    )
    assert str(made.story.events[0].date) == "2023-07-04"
