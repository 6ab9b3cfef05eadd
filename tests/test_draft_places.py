"""Places found in an article's words, and the common words, names and outlets that are not."""

from __future__ import annotations

import pytest

from storymap.draft.places import PlaceFinder


@pytest.fixture(scope="module")
def finder_id(gazetteer) -> PlaceFinder:
    return PlaceFinder("id", gazetteer)


@pytest.fixture(scope="module")
def finder_en(gazetteer) -> PlaceFinder:
    return PlaceFinder("en", gazetteer)


def found(finder: PlaceFinder, *sentences: str, masked=None) -> list[tuple[str, str, str]]:
    return [(m.words, m.hit.key, m.hit.how) for m in finder.find(list(sentences), masked)]


def test_countries_in_indonesian_including_short_forms(finder_id):
    assert found(
        finder_id, "Rusia dan Korut bertemu; Korea Selatan, AS dan Amerika Serikat cemas."
    ) == [
        ("Rusia", "country:RU", "country name"),
        ("Korut", "country:KP", "country name"),
        ("Korea Selatan", "country:KR", "country name"),
        ("AS", "country:US", "country name"),
        ("Amerika Serikat", "country:US", "country name"),
    ]


def test_countries_in_english_and_an_abbreviation_only_in_its_language(finder_en):
    assert [
        k for _, k, _ in found(finder_en, "The U.S. and North Korea met AS planned in the UK.")
    ] == [
        "country:US",
        "country:KP",
        "country:GB",
    ]


def test_alternate_names_from_the_gazetteer(finder_id):
    keys = found(finder_id, "Rusia membuka penerbangan antara Moskow dan Pyongyang, Korut.")
    assert ("Moskow", "city:524901", "gazetteer alternate name") in keys
    assert ("Pyongyang", "city:1871859", "gazetteer name") in keys


def test_curated_places_by_name_and_by_description(finder_id):
    keys = [
        (w, k)
        for w, k, _ in found(
            finder_id,
            "Putin bertemu Choe di Kremlin, Moskow, Rusia.",
            "Korut meluncurkan zona wisata khusus di pantai timurnya.",
            "Kedua negara mulai membangun jembatan darat untuk perdagangan.",
        )
    ]
    assert ("Kremlin, Moskow", "curated:moscow-kremlin") in keys
    assert ("zona wisata khusus di pantai timurnya", "curated:wonsan-kalma") in keys
    assert ("jembatan darat", "curated:tumen-road-bridge") in keys


def test_a_description_needs_the_countries_it_was_written_with(finder_id):
    """'jembatan darat Rusia-Korut': a land bridge in an article about Malaysia is not that bridge."""
    assert found(finder_id, "Malaysia membangun jembatan darat baru ke Singapura.")[:1] == [
        ("Malaysia", "country:MY", "country name")
    ]
    assert all(
        "curated" not in k for _, k, _ in found(finder_id, "Malaysia membangun jembatan darat.")
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Rusia berterima kasih kepada Anda dan keluarga Anda di China.",  # Anda: Daqing's other name
        "Media resmi Korut melaporkan bahwa media asing dilarang.",  # Media: Médéa, Algeria
        "Presiden Rusia, Vladimir Putin, menerima tamu.",  # Vladimir: a Russian city
        "Rusia mengecam Kim Jong Un. Kim lalu pergi.",  # Kim: a town in India
        "Korea Selatan mengutip The Washington Post.",  # Washington: part of an outlet's name
    ],
)
def test_common_words_and_names_are_not_places(finder_id, sentence):
    cities = [w for w, k, _ in found(finder_id, *sentence.split(". ")) if k.startswith("city:")]
    assert cities == []


def test_outlets_named_by_the_attribution_are_masked(finder_en):
    sentence = "Al Jazeera reported from Doha, Qatar."
    assert [w for w, _, _ in found(finder_en, sentence)] == ["Doha", "Qatar"]
    assert [w for w, _, _ in found(finder_en, sentence, masked={0: [(0, 10)]})] == ["Doha", "Qatar"]


def test_the_articles_countries_choose_between_cities_of_one_name(finder_en):
    russian = found(finder_en, "Russia said talks in Moscow went well.")
    american = found(finder_en, "Idaho students in Moscow, United States, met.")
    assert ("Moscow", "city:524901", "gazetteer name") in russian
    assert [k for w, k, _ in american if w == "Moscow"] == ["city:5601538"]


def test_a_small_town_outside_the_articles_countries_is_not_found(finder_en):
    """'Anda' is a town of 180,000 in China: an English article about Brazil never finds it."""
    assert found(finder_en, "Brazil voted. Anda Silva spoke.") == [
        ("Brazil", "country:BR", "country name")
    ]


def test_a_big_city_outside_the_articles_countries_is_found(finder_en):
    assert found(finder_en, "Ministers met in Tokyo on Monday.") == [
        ("Tokyo", "city:1850147", "gazetteer name")
    ]


def test_an_institution_before_a_city_does_not_hide_it(finder_id):
    """'Istana Kepresidenan Bogor': the palace's words are not a person's name around the city."""
    cities = [
        w
        for w, k, _ in found(
            finder_id, "Jokowi menerima tamu di Istana Kepresidenan Bogor, Indonesia."
        )
    ]
    assert "Bogor" in cities
