"""Dates in an article's words, read into the story's notation at the precision the words give."""

from __future__ import annotations

from datetime import date

import pytest

from storymap.dates import PartialDate
from storymap.draft.dates_found import find_dates
from storymap.draft.datewords import Reference

PUBLISHED = date(2025, 10, 27)  # a Monday, like the first story's article


def read(text: str, ref: Reference | None = None) -> list[tuple[str, str]]:
    found = find_dates(text, ref or Reference(PUBLISHED))
    return [(f.words, str(f.date)) for f in found]


def only(text: str, ref: Reference | None = None) -> str:
    [(_, value)] = read(text, ref)
    PartialDate.parse(value)  # every date written is valid story notation
    return value


# --- dates written out -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bertemu pada Senin (27/10/2025).", "2025-10-27"),
        ("pada 3 September 2025, setelah parade", "2025-09-03"),
        ("Pada April 2025, Pyongyang mengakui", "2025-04"),
        ("Pada 2024, Rusia dan Korut", "2024"),
        ("mengakui Korut pada 1948.", "1948"),
        ("Korea Utara berdiri 1948 ketika", "1948"),
        ("on October 27, 2025, the minister", "2025-10-27"),
        ("in mid-April 2025", "2025-04-mid"),
        ("pada akhir Oktober 2025", "2025-10-late"),
        ("dari April hingga Juli 2025", "2025-04/2025-07"),
        ("between 2020 and 2022", "2020/2022"),
        ("pada 27-31 Oktober 2025", "2025-10-27/2025-10-31"),
        ("sejak 1990-an", "1990/1999"),
        ("sekitar 1950, desa itu", "1950~"),
    ],
)
def test_absolute_dates_keep_the_precision_of_the_words(text, expected):
    assert only(text) == expected


def test_a_day_without_a_year_takes_the_articles_year_and_asks_the_author():
    [found] = find_dates("on May 5 the talks", Reference(PUBLISHED))
    assert str(found.date) == "2025-05-05"
    assert found.reading.uncertain
    [found] = find_dates("pada 20 Desember lalu", Reference(date(2025, 1, 10)))
    assert str(found.date) == "2024-12-20"  # more than half a year ahead: the year before


@pytest.mark.parametrize(
    "text",
    [
        "Korut mengirim sekitar 10.000 prajurit",
        "2000 orang mengungsi",
        "He said he may travel",  # the verb, not the month
        "kerja sama selama minggu-minggu",
        "Ratusan warga berkumpul",
    ],
)
def test_numbers_and_words_that_are_not_dates(text):
    assert read(text) == []


# --- relative to the article's date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kemarin", "2025-10-26"),
        ("yesterday", "2025-10-26"),
        ("pekan lalu", "2025-10-20/2025-10-26"),
        ("last week", "2025-10-20/2025-10-26"),
        ("bulan lalu", "2025-09"),
        ("awal bulan ini", "2025-10-early"),
        ("akhir bulan ini", "2025-10-late"),
        ("earlier this month", "2025-10-01/2025-10-26"),
        ("tahun lalu", "2024"),
        ("last year", "2024"),
        ("on Monday", "2025-10-27"),
        ("Kamis lalu", "2025-10-23"),
        ("tiga hari lalu", "2025-10-24"),
        ("akhir pekan lalu", "2025-10-25/2025-10-26"),
        ("earlier this year", "2025-01/2025-10"),
    ],
)
def test_words_about_now_count_from_the_articles_date(text, expected):
    found = find_dates(text, Reference(PUBLISHED))
    assert [str(f.date) for f in found] == [expected]
    assert found[0].reading.anchor == "published"


def test_bulan_lalu_is_a_month_and_pekan_lalu_a_range_of_days():
    [month] = find_dates("bulan lalu", Reference(PUBLISHED))
    [week] = find_dates("pekan lalu", Reference(PUBLISHED))
    assert month.date.precision == "month" and not month.date.approximate
    assert week.date.precision == "range" and (week.date.latest - week.date.earliest).days == 6


# --- relative to the dates the article gave before ---------------------------------------------


def after(first: str, then: str) -> str:
    ref = Reference(PUBLISHED)
    find_dates(first, ref)
    return only(then, ref)


def test_tiga_bulan_kemudian_is_an_approximate_month_after_the_last_date():
    assert after("Pada April 2025, kedua negara", "Tiga bulan kemudian, mereka") == "2025-07~"


def test_three_months_later_in_english():
    assert after("In April 2025 the bridge", "Three months later, flights") == "2025-07~"


def test_sehari_sebelumnya_is_the_day_before_the_last_day():
    assert after("pada 3 September 2025", "sehari sebelumnya, keduanya") == "2025-09-02"


def test_the_day_before_in_english():
    assert after("on September 3, 2025", "the day before, they") == "2025-09-02"


def test_a_day_cannot_be_counted_from_a_month_so_the_news_day_anchors_it():
    """The first story: "sehari sebelumnya" after "tiga bulan kemudian" is the day before the meeting."""
    ref = Reference(PUBLISHED)
    find_dates("Putin bertemu Choe pada Senin (27/10/2025).", ref)
    find_dates("Pada April 2025, kedua negara mulai membangun jembatan.", ref)
    find_dates("Tiga bulan kemudian, mereka membuka penerbangan.", ref)
    [found] = find_dates("Dilansir dari Anadolu Agency, sehari sebelumnya, Lavrov", ref)
    assert str(found.date) == "2025-10-26"
    assert found.reading.anchor == "lead" and found.reading.uncertain
    assert found.note()["en"] == (
        'The article says "sehari sebelumnya", that is 26 October 2025 (the day before 27 October 2025).'
    )
    assert found.note()["id"].startswith(
        'Artikel menulis "sehari sebelumnya", yakni 26 Oktober 2025'
    )


def test_the_reference_moves_as_the_article_gives_dates():
    ref = Reference(PUBLISHED)
    assert [str(f.date) for f in find_dates("Pada 2022 perang. Setahun kemudian, damai.", ref)] == [
        "2022",
        "2023~",
    ]
    assert str(ref.current) == "2023~"


def test_sejak_marks_a_point_of_comparison():
    [april, since] = find_dates(
        "Pada April 2025, Pyongyang mengakui, pengakuan pertama sejak 1948.", Reference(PUBLISHED)
    )
    assert not april.since and since.since


def test_every_date_note_quotes_the_words_in_both_languages():
    [found] = find_dates("Pada awal bulan ini, Kim meresmikan museum", Reference(PUBLISHED))
    assert found.note() == {
        "id": 'Artikel menulis "awal bulan ini", yakni awal Oktober 2025 '
        "(dihitung dari tanggal artikel, 27 Oktober 2025).",
        "en": 'The article says "awal bulan ini", that is early October 2025 '
        "(counted from the article's date, 27 October 2025).",
    }


def test_a_range_of_days_across_months():
    assert only("dari 18 April hingga 23 April 2024") == "2024-04-18/2024-04-23"
    assert only("from 30 March to 2 April 2025") == "2025-03-30/2025-04-02"


def test_a_weekday_in_a_sentence_about_the_future_is_the_next_one():
    """'will travel to China on Monday' (article of Wednesday 3 October 2018) is 8 October."""
    wednesday = Reference(date(2018, 10, 3))
    sentence = "Pompeo will travel to China on Monday, state television reported on Wednesday."
    assert [str(f.date) for f in find_dates(sentence, wednesday)] == ["2018-10-08", "2018-10-03"]


def test_at_the_weekend_is_the_saturday_and_sunday_of_the_articles_week():
    assert only(
        "Pompeo will travel to North Korea at the weekend.", Reference(date(2018, 10, 3))
    ) == ("2018-10-06/2018-10-07")


# --- dates as a careful reader reads them (issue 20) ---------------------------------------------


def read_in(lang: str, text: str, published: date, lead: str | None = None) -> list[str]:
    ref = Reference(published, lang=lang)
    if lead:
        ref.lead = PartialDate.parse(lead)
    return [str(f.date) for f in find_dates(text, ref)]


def test_earlier_on_a_weekday_counts_back_even_in_a_sentence_about_the_future():
    # written for this test; Friday 10 January 2025: "earlier on Thursday" is the 9th, not the 16th
    found = find_dates(
        "Earlier on Thursday, the minister said talks will resume next month.",
        Reference(date(2025, 1, 10), lang="en"),
    )
    assert str(found[0].date) == "2025-01-09"
    assert found[0].reading.why == "date counted back from Thursday"


def test_a_weekday_in_a_clause_about_the_future_counts_forward():
    found = find_dates(
        "He will travel to China on Monday.", Reference(date(2025, 1, 10), lang="en")
    )
    assert [str(f.date) for f in found] == ["2025-01-13"]


def test_the_year_before_and_the_previous_year_count_back_from_the_last_date():
    # medcom.id, 26 August 2018: "Jumlah kematian itu berkurang drastis ketimbang tahun sebelumnya"
    ref = Reference(date(2018, 8, 26))
    find_dates("Sabtu, 25 Agustus 2018.", ref)
    [found] = find_dates("Jumlah kematian itu berkurang drastis ketimbang tahun sebelumnya.", ref)
    assert str(found.date) == "2017~"
    assert read_in("es", "el año anterior", date(2018, 8, 26)) == ["2017~"]
    assert read_in("fr", "la veille", date(2018, 8, 26)) == ["2018-08-25"]


def test_until_a_day_is_a_span_from_the_date_before_not_that_single_day():
    # medcom.id, 26 August 2018: "dilakukan bertahap hingga 9 September 2018"
    ref = Reference(date(2018, 8, 26))
    find_dates("kata dia di Mekah, Sabtu, 25 Agustus 2018.", ref)
    [found] = find_dates("Gelombang kepulangan dilakukan bertahap hingga 9 September 2018.", ref)
    assert str(found.date) == "2018-08-25/2018-09-09"
    assert found.reading.uncertain and "its start is the date before" in found.reading.why


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "between 20 and 25 August 2023", "2023-08-20/2023-08-25"),
        ("id", "antara 20 dan 25 Agustus 2023", "2023-08-20/2023-08-25"),
        ("es", "del 3 al 9 de mayo de 2023", "2023-05-03/2023-05-09"),
        ("fr", "du 3 au 9 mai 2023", "2023-05-03/2023-05-09"),
        ("en", "between May and July 2023", "2023-05/2023-07"),
    ],
)
def test_spans_between_two_days_or_months(lang, text, expected):
    assert read_in(lang, text, date(2023, 10, 1)) == [expected]


def test_on_two_days_is_not_a_span():
    assert "2023-08-20/2023-08-25" not in read_in(
        "id", "pada 20 dan 25 Agustus 2023", date(2023, 9, 1)
    )


def test_nearly_three_weeks_after_is_about_a_day_and_asks_what_it_is_after():
    ref = Reference(date(2023, 3, 1), lang="en")
    find_dates("The earthquake struck on 6 February 2023.", ref)
    [found] = find_dates("Nearly three weeks after the quake, aid arrived.", ref)
    assert str(found.date) == "2023-02-27~"
    assert found.reading.uncertain and "after what?" in found.reading.why


def test_three_months_after_counts_from_the_date_before():
    ref = Reference(date(2023, 12, 1), lang="en")
    find_dates("In April 2023 the bridge opened.", ref)
    assert [
        str(f.date) for f in find_dates("Three months after the opening, flights began.", ref)
    ] == ["2023-07~"]


def test_this_week_starts_on_the_news_day_the_article_gives():
    # jabarekspres.com, Wednesday 23 August 2023: "Pekan ini, Presiden … melangkah ke benua
    # Afrika. Pada Minggu (20/8), … Jokowi memulai perjalanan": the week began on Sunday 20.
    dated = read_in(
        "id", "Pekan ini, Presiden melangkah ke benua Afrika.", date(2023, 8, 23), "2023-08-20"
    )
    assert dated == ["2023-08-20/2023-08-27"]
    plain = read_in("id", "Pekan ini, Presiden melangkah ke benua Afrika.", date(2023, 8, 23))
    assert plain == ["2023-08-21/2023-08-27"]  # no news day: Monday to Sunday


def test_the_news_day_is_the_first_day_the_article_gives_outright():
    from storymap.draft.dates_found import news_day

    sentences = [
        "Pekan ini, Presiden melangkah ke Afrika.",
        "Pada Minggu (20/8), Jokowi berangkat.",
    ]
    assert str(news_day(sentences, Reference(date(2023, 8, 23)))) == "2023-08-20"


@pytest.mark.parametrize(
    "text",
    [
        "Kantor PKS, Kodim 1509/Labuha, Kantor DPRD",  # antaranews.com: a military district
        "Kodim 1509 Labuha menyiapkan tenda",
        "jamaah asal debarkasi Batam, (BTH 01), tercatat",  # tribunnews.com: a flight code
        "Surabaya (SUB 3) dan Solo (SOC 2)",
        "Flight 1509 landed safely",
        "two thousand people fled",
    ],
)
def test_numbers_that_are_not_years(text):
    assert read_in("en" if text[0] in "Ft" else "id", text, date(2019, 7, 15)) == []


def test_a_year_after_a_name_is_still_a_year_when_it_is_recent():
    # jabarekspres.com: "mulai dari Konferensi Asia-Afrika 1955 hingga Gerakan Non-Blok 1961"
    assert read_in("id", "KTT BRICS 2023 di Johannesburg", date(2023, 8, 23)) == ["2023"]
    assert "1955" in read_in("id", "Konferensi Asia-Afrika 1955 di Bandung", date(2023, 8, 23))


def test_numbers_and_years_written_in_words():
    assert read_in("en", "Two years later, the talks resumed.", date(2025, 1, 1), "2020-05-01") == [
        "2022~"
    ]
    assert read_in("en", "in two thousand and four", date(2025, 1, 1)) == ["2004"]
    assert read_in("es", "tres meses después", date(2025, 1, 1), "2024-04-01") == ["2024-07~"]
    assert read_in("fr", "trois mois plus tard", date(2025, 1, 1), "2024-04-01") == ["2024-07~"]
