"""Places found as a reader finds them: names with particles, kind words, codes, topics, evidence.

The first tests need no gazetteer (how a sentence is cut into names); the last ones run the
draft's place finder on sentences from several articles and languages, with the real
gazetteer, and check what it keeps and what it leaves out.
"""

from __future__ import annotations

import pytest

from storymap.draft.place_names import is_code, is_topic, name_runs, sub_runs
from storymap.draft.places import PlaceFinder


def runs(sentence: str) -> list[tuple[str, str | None]]:
    return [(r.text, r.hint) for r in name_runs(sentence, [])]


def test_names_with_lowercase_particles_are_one_name():
    assert ("Dar es Salaam", None) in runs("Jokowi tiba di Dar es Salaam pada Senin.")
    assert ("Rio de Janeiro", None) in runs("The summit met in Rio de Janeiro.")
    assert ("Pinar del Río", "region") in runs("It devastated Pinar del Río province.")


def test_a_kind_word_before_or_after_a_name_is_a_hint():
    assert ("Toba", "lake") in runs("Kapal tenggelam di perairan Danau Toba.")
    assert ("Weddell", "sea") in runs("It sank in the Weddell Sea in 1915.")
    assert ("Halmahera Selatan", "region") in runs("Gempa di Kabupaten Halmahera Selatan.")
    assert ("Kualanamu", "airport") in runs("Ia bertolak dari Bandara Kualanamu.")
    assert ("Caravelí", "region") in runs("en la provincia de Caravelí, en la región Arequipa")


def test_every_kind_word_after_a_name_is_a_kind_word():
    from storymap.draft.place_names import KIND_WORDS, POSTPOSITIVE

    assert KIND_WORDS.keys() >= POSTPOSITIVE
    assert ("Andes", "mountain") in runs("They crossed the Andes Mountains.")


def test_a_kind_word_inside_a_name_stays_in_it():
    assert ("Cape Town", None) in runs("The expedition set off from Cape Town.")
    assert ("Timur", "sea") not in runs("11 km Timur Laut Jailolo")  # north-east, not a sea


def test_codes_and_numbered_units_are_not_names():
    names = name_runs("jamaah BTH 01, SUB dan UPG tiba; KKB menyerang.", [])
    assert names and all(is_code(r) for r in names)
    assert not any(r.text == "Sinar Bangun" for r in name_runs("KM Sinar Bangun tenggelam.", []))
    assert not any(r.text == "Kodim" for r in name_runs("Anggota Kodim 1509 berjaga.", []))
    assert not any(r.text == "Zeta" for r in name_runs("El huracán Zeta tocó tierra.", []))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Blinken held talks on Iran and Yemen.", "Iran"),
        ("attacks by Iran-backed militias", "Iran"),
        ("kemenangan Indonesia vs China", "Indonesia"),
        ("Timnas Indonesia lawan China", "China"),
        ("kita harus menang lawan Jepang", "Jepang"),
    ],
)
def test_a_country_that_is_a_topic_or_a_team_is_not_a_place(sentence, name):
    start = sentence.index(name)
    assert is_topic(sentence, start, start + len(name))


def test_a_country_where_something_happens_is_a_place():
    sentence = "Blinken met leaders in Egypt and Qatar on Tuesday."
    start = sentence.index("Egypt")
    assert not is_topic(sentence, start, start + 5)


def test_a_longer_run_gives_its_shorter_runs_to_try():
    run = name_runs("11 km Timur Laut Jailolo, Malut", [])[0]
    assert [r.text for r in sub_runs(run)][-1] == "Jailolo"


# --- with the gazetteer -----------------------------------------------------------------------


def found(lang: str, *sentences: str) -> set[tuple[str, str, str]]:
    finder = PlaceFinder(lang)
    return {(m.hit.name, m.hit.kind, m.hit.country) for m in finder.find(list(sentences))}


def test_regional_indonesian_names_are_found_without_the_country_named(gazetteer):
    places = found(
        "id",
        "Gempa mengguncang Labuha, Kabupaten Halmahera Selatan, Maluku Utara, Jumat.",
        "Getaran dirasakan di Kota Ternate dan Kep. Sula.",
    )
    names = {name for name, _, _ in places}
    assert {"Labuha", "Kabupaten Halmahera Selatan", "Maluku Utara", "Ternate"} <= names
    assert all(country == "ID" for _, _, country in places)
    assert ("Maluku Utara", "region", "ID") in places


def test_lakes_seas_and_airports_are_found_by_their_kind_word(gazetteer):
    places = found(
        "id",
        "KM Sinar Bangun tenggelam di perairan Danau Toba, Sumatera Utara.",
        "Jokowi bertolak dari Bandara Kualanamu, Sumatera Utara.",
    )
    assert ("Danau Toba", "region", "ID") in places
    assert any(kind == "site" and "Kuala" in name for name, kind, _ in places)
    assert found("en", "Endurance sank in the Weddell Sea in 1915.") >= {
        ("Weddell Sea", "region", "XZ")
    }


def test_a_common_word_or_a_namesake_abroad_is_left_out(gazetteer):
    places = found(
        "id",
        "Terasa getaran seakan-akan ada truk berlalu di Jailolo, Halmahera Barat.",
        '"Jadi, jumlahnya diperkirakan 206 orang," kata dia.',
    )
    assert all(country == "ID" for _, _, country in places)
    assert not any(name in ("Terrassa", "Jadi") for name, _, _ in places)
    assert found("en", "Yazeed Al-Rajhi won the Dakar Rally in Saudi Arabia on Friday.") == {
        ("SA", "country", "SA")
    }


def test_spanish_and_french_names_and_countries(gazetteer):
    spanish = found("es", "El sismo sacudió el sur del Perú, en la provincia de Caravelí.")
    assert ("PE", "country", "PE") in spanish
    assert any(country == "PE" and "Caravel" in name for name, _, country in spanish)
    french = found("fr", "Le président prêtera serment à Diamniadio, au Sénégal.")
    assert {("SN", "country", "SN"), ("Diamniadio", "city", "SN")} <= french


def test_a_country_drawn_at_its_centre_is_marked_for_the_author(gazetteer, tmp_path):
    from datetime import date

    from storymap.draft.make import make_draft

    article = tmp_path / "runoff.txt"
    article.write_text(
        "Rodrigo Paz won the run-off of the presidential election in Bolivia on Sunday.\n",
        encoding="utf-8",
    )
    draft = make_draft(article, date(2025, 10, 20))
    bolivia = draft.story.place("bolivia")
    assert bolivia.kind == "country" and "country's centre" in (bolivia.evidence or "")
    assert (
        "places[0] (placed at the country's centre: name a finer place if the article gives one)"
        in draft.todo
    )
