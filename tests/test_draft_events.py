"""Events where they happened: each event's places come from its own clause, an undated
sentence never lends its places to another event, and what is uncertain is in draft.todo
with its reason."""

from __future__ import annotations

from datetime import date

import pytest

from storymap.authoring.paths import parse_path, todo_parts
from storymap.draft.article import parse_article
from storymap.draft.make import Options, draft_from_article

# Sentences from jabarekspres.com and alinea.id (23 and 20 August 2023), on the president's
# first tour of Africa; paragraphs as the articles have them.
TOUR = """Jokowi ke Afrika

Jakarta, Contoh Berita - Kunjungan pertama Jokowi adalah ke Kenya pada Minggu (20/8). Di sana, ia bertemu dengan Presiden William Ruto pada Senin.
Hubungan diplomatik Indonesia-Kenya sudah berjalan sejak 1979. Kedekatan semakin menguat setelah Indonesia membuka Kedutaan Besar di Nairobi pada 1982 dan Kenya mendirikan Kedubes mereka di Jakarta pada 2022.
Usai mengunjungi Kenya, Jokowi dan rombongan meneruskan perjalanan ke Tanzania.
Secara spesifik, kunjungan ke Kenya dan Tanzania untuk memperkuat kerja sama mengingat keduanya sudah membuka kantor kedutaan besar di Jakarta pada 2021.
"""


@pytest.fixture(scope="module")
def tour(gazetteer):
    return draft_from_article(parse_article(TOUR), date(2023, 8, 23), Options(lang="id"), "tour")


def events_by_date(draft) -> dict[str, list[str]]:
    return {str(e.date): e.places for e in draft.story.events}


def test_each_date_of_a_sentence_keeps_the_place_of_its_own_clause(tour):
    places = events_by_date(tour)
    assert places["1982"] == ["nairobi"]
    assert places["2022"] == ["jakarta"]


def test_a_date_takes_the_nearest_place_said_as_where(tour):
    assert events_by_date(tour)["2021"] == ["jakarta"]  # not the Kenya and Tanzania visit


def test_an_undated_sentence_is_an_event_of_its_own_not_glued_to_the_last(tour):
    undated = [e for e in tour.story.events if e.date is None]
    # "Usai mengunjungi Kenya, … meneruskan perjalanan ke Tanzania": the visit to Kenya is
    # over ("after"); the sentence tells the journey on to Tanzania.
    assert [e.places for e in undated] == [["tanzania"]]
    assert "tanzania" not in events_by_date(tour)["2022"]
    index = tour.story.events.index(undated[0])
    assert f"events[{index}].date (no date in its sentence: undated)" in tour.todo
    assert not any(item.startswith(f"events[{index}].places") for item in tour.todo)


def test_a_clause_without_a_place_borrows_the_one_before_and_says_so(tour):
    [monday] = [i for i, e in enumerate(tour.story.events) if str(e.date) == "2023-08-21"]
    assert tour.story.events[monday].places == ["kenya"]
    assert (
        f"events[{monday}].places (no place in its sentence: placed where the one before)"
        in tour.todo
    )
    assert f"events[{monday}].date (date counted back from Senin)" in tour.todo


def test_a_sentence_without_a_place_at_all_is_placed_at_the_dateline(gazetteer):
    text = "Judul\n\nJakarta, Contoh Berita - Rapat kabinet digelar pada Senin (21/8/2023).\n"
    draft = draft_from_article(parse_article(text), date(2023, 8, 23), Options(lang="id"), "a")
    assert draft.story.events[0].places == ["jakarta"]
    assert "events[0].places (no place in its sentence: placed at the dateline)" in draft.todo


def test_two_places_in_one_sentence_are_flagged(gazetteer):
    text = "Judul\n\nPresiden terbang dari Bandung ke Surabaya dan Medan pada Senin (21/8/2023).\n"
    draft = draft_from_article(parse_article(text), date(2023, 8, 23), Options(lang="id"), "a")
    assert "events[0].places (2 places in one sentence: which is where?)" in draft.todo


def test_every_reason_in_the_todo_names_a_field_the_author_page_opens(tour):
    for item in tour.todo:
        path, _ = todo_parts(item)
        assert parse_path(item) == parse_path(path) is not None
