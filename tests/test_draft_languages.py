"""Drafts in any language the draft can read: Spanish and French dates from real articles,
the language guessed when --lang is not given, and a clear line when it cannot be read."""

from __future__ import annotations

from datetime import date

import pytest

from storymap.cli import main
from storymap.draft.article import ArticleError
from storymap.draft.date_vocabulary import vocabulary
from storymap.draft.dates_found import find_dates
from storymap.draft.datewords import Reference
from storymap.draft.language import draft_language, guess_language


def read(lang: str, text: str, published: date) -> list[tuple[str, str]]:
    return [(f.words, str(f.date)) for f in find_dates(text, Reference(published, lang=lang))]


# Sentences from real articles (the address is where each was published); the dates read
# are the ones a reader of the article gives them.
@pytest.mark.parametrize(
    ("lang", "published", "text", "expected"),
    [
        (  # noticiasdeyucatan.blogspot.com, 6 October 2024
            "es", date(2024, 10, 6),
            "Mérida, Yucatán a domingo 6 de octubre de 2024. Ante la presencia del Huracán Milton",
            [("domingo 6 de octubre de 2024", "2024-10-06")],
        ),
        (
            "es", date(2024, 10, 6),
            "transitado de forma paralela a la costa de Yucatán durante la tarde y noche del lunes 7 de octubre",
            [("lunes 7 de octubre", "2024-10-07")],
        ),
        (  # puntomedio.mx, Tuesday 8 October 2024
            "es", date(2024, 10, 8),
            "El huracán “Milton” bordeó este lunes por la noche y la madrugada de este martes el litoral norte",
            [("lunes", "2024-10-07"), ("martes", "2024-10-08")],
        ),
        (
            "es", date(2024, 10, 8),
            "mientras que en 1988, Gilberto registró 888 milivarios, y Wilma 882 en 2005.",
            [("1988", "1988"), ("2005", "2005")],
        ),
        (  # geo-canal.info, 19 June 2023
            "fr", date(2023, 6, 19),
            "Vendredi 16 juin 2023, un tremblement de terre d’une magnitude estimée entre 5,3 et 5,8 a éclaté à Cram-Chaban",
            [("Vendredi 16 juin 2023", "2023-06-16")],
        ),
        (
            "fr", date(2023, 6, 19),
            "Après le tremblement de terre survenu le 16 juin et deux secousses enregistrées dans la matinée du 17 juin, le ministre est attendu à La Laigne ce lundi 19 juin.",
            [("16 juin", "2023-06-16"), ("17 juin", "2023-06-17"), ("lundi 19 juin", "2023-06-19")],
        ),
        (  # francetvinfo.fr, 7 February 2023
            "fr", date(2023, 2, 7),
            "La course contre la montre se poursuit, mardi 7 février, en Turquie et dans le nord de la Syrie",
            [("mardi 7 février", "2023-02-07")],
        ),
        (  # france3-regions.francetvinfo.fr, 7 February 2023
            "fr", date(2023, 2, 7),
            "Car au large de la Ligurie, en 1887, malgré un épicentre situé en mer, un séisme avait touché 80 000 habitants",
            [("1887", "1887")],
        ),
    ],
)  # fmt: skip
def test_spanish_and_french_dates_from_real_articles(lang, published, text, expected):
    assert read(lang, text, published) == expected


def test_spanish_words_for_now_and_then():
    published = date(2024, 10, 8)  # a Tuesday
    assert read("es", "ayer por la mañana", published) == [("ayer", "2024-10-07")]  # not tomorrow
    assert read("es", "la semana pasada", published) == [
        ("la semana pasada", "2024-09-30/2024-10-06")
    ]
    assert read("es", "hace tres días", published) == [("hace tres días", "2024-10-05")]
    assert read("fr", "il y a deux semaines", published)[0][1] == "2024-09-24~"


def test_month_names_are_capitalised_only_where_the_language_capitalises_them():
    assert "januari" in vocabulary("id").cased and "enero" not in vocabulary("es").cased
    assert read("en", "He said he may travel", date(2025, 1, 1)) == []  # the verb, not May
    assert read("es", "en mayo", date(2025, 8, 1)) == [("mayo", "2025-05")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El huracán Milton bordeó este lunes por la noche el litoral norte de la Península de Yucatán, y las autoridades evacuaron los puertos.", "es"),
        ("Le séisme a été ressenti à Montréal dans la nuit de jeudi à vendredi, selon Séismes Canada.", "fr"),
        ("Presiden Joko Widodo tiba di Bandara Internasional Jomo Kenyatta, Nairobi, pada Minggu sore.", "id"),
        ("The minister arrived in Riyadh on Monday for talks on the war in Yemen.", "en"),
        ("وصل الوزير إلى الرياض يوم الاثنين لإجراء محادثات حول الحرب في اليمن.", "ar"),
    ],
)  # fmt: skip
def test_the_language_is_guessed_when_not_given(text, expected):
    assert guess_language(text) == expected


def test_a_text_in_no_language_is_a_clear_error():
    with pytest.raises(ArticleError, match=r"cannot tell which language.*--lang"):
        guess_language("1234 5678 ---")


def test_lang_takes_any_language_the_draft_reads_and_says_why_not_otherwise():
    assert draft_language("es") == "es" and draft_language("pt-BR") == "pt-BR"
    with pytest.raises(ArticleError, match="--lang xx"):
        draft_language("xx")
    with pytest.raises(ArticleError, match="write the language code 'ES' as 'es'"):
        draft_language("ES")


def test_a_spanish_article_gives_a_draft_in_spanish_and_english(tmp_path, capsys, gazetteer):
    # Written for this test, in the shape of a Mexican regional report.
    article = tmp_path / "milton.txt"
    article.write_text(
        "El huracán Milton pasa frente a Yucatán\n\n"
        "Mérida, México (Agencia de prueba) - El huracán Milton pasó este lunes frente a la costa de Progreso.\n"
        "Tres días después, el gobernador visitó Mérida para revisar los daños.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.yaml"
    assert main(["draft", str(article), "--published", "2024-10-08", "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert "languages:\n- es\n- en\n" in text and "default_language: es" in text
    assert "date: '2024-10-07'" in text and "date: '2024-10-10'" in text


def test_an_unknown_lang_option_is_one_line(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Something happened on 3 March 2025.\n", encoding="utf-8")
    code = main(
        [
            "draft",
            str(article),
            "--published",
            "2025-03-04",
            "--lang",
            "xx",
            "-o",
            str(tmp_path / "d.yaml"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: --lang xx: ") and err.count("\n") == 1
