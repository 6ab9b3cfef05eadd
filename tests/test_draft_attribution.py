"""Sources from attribution phrases, and quotations with their speakers."""

from __future__ import annotations

import pytest

from storymap.draft.attribution import credits, quotations


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Menurut data dari Korea Selatan dan Kyiv, Korut mengirim prajurit.", [("data dari Korea Selatan dan Kyiv", "outlet")]),
        ("Dilansir dari Anadolu Agency, sehari sebelumnya, Lavrov bertemu Choe.", [("Anadolu Agency", "outlet")]),
        ("Choe membawa pesan hangat, dikutip dari CNA.", [("CNA", "outlet")]),
        ("Media resmi Korut melaporkan bahwa proyek ini simbol.", [("Media resmi Korut", "outlet")]),
        ("“Kami siap,” kata Menlu RI Retno Marsudi di Jakarta.", [("Retno Marsudi", "speaker")]),
        ("The talks were confirmed, according to Reuters.", [("Reuters", "outlet")]),
        ("KCNA reported that the test succeeded.", [("KCNA", "outlet")]),
        ("The talks went well, TASS news agency quoted a minister as saying.", [("TASS news agency", "outlet")]),
        ("The Kremlin said on Monday that talks went well.", [("Kremlin", "speaker")]),
        ("Seoul's Foreign Ministry said Tuesday that talks are under way.", [("Seoul's Foreign Ministry", "speaker")]),
    ],
)  # fmt: skip
def test_attribution_phrases(sentence, expected):
    assert [(c.name, c.role) for c in credits(sentence)] == expected


def test_descriptions_are_told_from_names():
    [data] = credits("Menurut data dari Korea Selatan dan Kyiv, Korut mengirim prajurit.")
    [agency] = credits("Dilansir dari Anadolu Agency, Lavrov bertemu Choe.")
    assert data.described and not agency.described


def test_a_quotation_with_a_named_speaker_and_the_outlet_it_is_taken_from():
    sentence = '"We will win this war," said President Volodymyr Zelensky, according to Reuters.'
    [quote] = quotations(sentence, [], credits(sentence))
    assert (quote.text, quote.speaker, quote.speaker_guessed, quote.via) == (
        "We will win this war",
        "Volodymyr Zelensky",
        False,
        "Reuters",
    )


def test_katanya_is_the_person_named_before_with_their_full_name():
    sentence = (
        "“Saya ingin mencatat bahwa kami tidak akan pernah lupa,” katanya, dikutip dari Al Jazeera."
    )
    [quote] = quotations(sentence, ["Vladimir Putin", "Kim", "Putin"], credits(sentence))
    assert (quote.speaker, quote.speaker_guessed, quote.via) == (
        "Vladimir Putin",
        True,
        "Al Jazeera",
    )


def test_short_quoted_words_are_not_quotations():
    assert quotations('Pasukan "marching band" menyanyi.', [], []) == []


# --- outlets are outlets: not people whose words are quoted, not storms (issue 20) --------------

from storymap.draft.attribution import as_people  # noqa: E402


def outlets(sentence: str, speakers: set[str] | None = None) -> list[tuple[str, str]]:
    return [(c.name, c.role) for c in as_people(credits(sentence), sentence, speakers or set())]


def test_a_storm_is_never_an_outlet():
    assert outlets("Hurricane Milton reported winds of 250 km/h near Progreso.") == []
    assert outlets("Badai Milton melaporkan angin kencang.") == []


def test_a_person_after_according_to_is_a_speaker_not_an_outlet():
    # tempo.co, 14 July 2019: "Menurut Samad, saat ini warga masih bertahan diatas bukit"
    sentence = "Menurut Samad, saat ini warga masih bertahan di atas bukit."
    assert outlets(sentence, {"Samad"}) == [("Samad", "speaker")]
    assert outlets("According to President Ruto, the talks went well.") == [("Ruto", "speaker")]
    assert outlets("Dilansir Antara, Jokowi disambut Duta Besar RI.", {"Jokowi"}) == [
        ("Antara", "outlet")
    ]


def test_ujar_names_a_speaker_whose_words_are_quoted():
    sentence = "“Saya minta masyarakat waspada, tapi jangan panik,” ujar Suroto."
    assert [(c.name, c.role) for c in credits(sentence)] == [("Suroto", "speaker")]
