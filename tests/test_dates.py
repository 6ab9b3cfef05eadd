"""Partial dates: the story notation, earliest/latest days, ordering and Babel wording."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from storymap.dates import DateParseError, DatePoint, PartialDate

P = PartialDate.parse


# --- the notation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision", "approximate"),
    [
        ("2025-10-27", date(2025, 10, 27), date(2025, 10, 27), "day", False),
        ("2025-10", date(2025, 10, 1), date(2025, 10, 31), "month", False),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28), "month", False),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", False),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "year", False),
        ("1948", date(1948, 1, 1), date(1948, 12, 31), "year", False),
        ("0948-03-01", date(948, 3, 1), date(948, 3, 1), "day", False),
        ("2025-10-early", date(2025, 10, 1), date(2025, 10, 10), "part", False),
        ("2025-10-mid", date(2025, 10, 11), date(2025, 10, 20), "part", False),
        ("2025-10-late", date(2025, 10, 21), date(2025, 10, 31), "part", False),
        ("2025-02-late", date(2025, 2, 21), date(2025, 2, 28), "part", False),
        ("2025-04/2025-07", date(2025, 4, 1), date(2025, 7, 31), "range", False),
        ("2025-10-27/2025-10-31", date(2025, 10, 27), date(2025, 10, 31), "range", False),
        ("2024/2025", date(2024, 1, 1), date(2025, 12, 31), "range", False),
        ("2025-10-early/2025-11", date(2025, 10, 1), date(2025, 11, 30), "range", False),
        ("2025-07~", date(2025, 7, 1), date(2025, 7, 31), "month", True),
        ("2025~", date(2025, 1, 1), date(2025, 12, 31), "year", True),
        ("2025-04/2025-07~", date(2025, 4, 1), date(2025, 7, 31), "range", True),
        ("9999-12-late", date(9999, 12, 21), date(9999, 12, 31), "part", False),
        ("0001", date(1, 1, 1), date(1, 12, 31), "year", False),
    ],
)
def test_parse_each_notation(text, earliest, latest, precision, approximate):
    d = P(text)
    assert (d.earliest, d.latest) == (earliest, latest)
    assert d.precision == precision
    assert d.approximate is approximate
    assert str(d) == text
    assert P(str(d)) == d


def test_parse_tolerates_spaces_around_the_parts():
    assert P(" 2025-04 / 2025-07 ~ ") == P("2025-04/2025-07~")


def test_a_range_from_a_date_to_itself_is_that_date():
    assert P("2025/2025") == P("2025")
    assert P("2025/2025").precision == "year"


def test_yaml_values_that_are_not_text():
    assert P(1948) == P("1948")  # YAML reads a bare year as an int
    assert P(date(2025, 10, 27)) == P("2025-10-27")
    assert P(datetime(2025, 10, 27, 12, 30)) == P("2025-10-27")


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("2025-10-27", True),
        ("2004-12-26T07:58+07:00", True),
        ("2022-03-02/2022-10-12", True),  # two known days (the UN's two votes)
        ("2022-03-02/2022-10", False),  # its last day is open
        ("2025-10-27~", False),
        ("2022-03-02/2022-10-12~", False),
        ("2025-10", False),
        ("2025-10-early", False),
        ("1948", False),
    ],
)
def test_is_exact_means_every_day_is_known(text, exact):
    assert P(text).is_exact is exact


def test_is_exact_day():
    assert P("2025-10-27").is_exact_day
    assert not P("2025-10-27~").is_exact_day
    assert not P("2025-10").is_exact_day
    assert not P("2025-10-27/2025-10-28").is_exact_day


# --- invalid input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "'2025-02-30': February 2025 has days 1 to 28, not 30"),
        ("2023-02-29", "February 2023 has days 1 to 28, not 29"),
        ("2025-04-31", "April 2025 has days 1 to 30, not 31"),
        ("2025-13", "'2025-13': month 13 is not between 01 and 12"),
        ("2025-00", "month 0 is not between 01 and 12"),
        ("0000", "year 0000 does not exist"),
        ("junk", "'junk' is not a story date: use YYYY, YYYY-MM, YYYY-MM-DD"),
        ("2025-1", "'2025-1' is not a story date"),
        ("25", "'25' is not a story date"),
        ("", "is not a story date"),
        ("27/10/2025", "is not a story date"),
        ("2025-10-27 10:00", "is not a story date"),
        ("2025-10-27T7:58", "is not a story date"),
        ("2025-10T10:00", "is not a story date"),
        ("2025-10-earlyT10:00", "is not a story date"),
        ("2025-10-27T10:00+7", "is not a story date"),
        ("2025-10-27T24:00", "'2025-10-27T24:00': 24:00 is not a time of day (00:00 to 23:59)"),
        ("2025-10-27T10:60", "10:60 is not a time of day"),
        ("2025-10-27T10:00+15:00", "+15:00 is not a time zone (UTC-12:00 to UTC+14:00)"),
        ("2025-10-27T10:00+05:20", "+05:20 is not a time zone"),
        ("2004-12-26T08:00+07:00/2004-12-26T07:58+07:00", "the range ends before it starts"),
        ("~2025", "is not a story date"),
        ("2025~~", "is not a story date"),
        ("2025-10-beginning", "is not a story date"),
        ("2025~/2026", "is not a story date"),
        ("2025-07/2025-04", "'2025-07/2025-04': the range ends before it starts"),
        ("2025-10-late/2025-10-early", "the range ends before it starts"),
        ("2026/2025", "the range ends before it starts"),
    ],
)
def test_invalid_dates_say_why(text, message):
    with pytest.raises(DateParseError) as caught:
        P(text)
    assert message in str(caught.value)


@pytest.mark.parametrize("value", [None, True, 2.5, [2025], {"year": 2025}])
def test_values_of_the_wrong_type(value):
    with pytest.raises(DateParseError, match="a date must be text like '2025-10-27'"):
        P(value)


def test_date_parse_error_is_a_value_error():
    # pydantic turns ValueErrors raised by validators into validation errors
    assert issubclass(DateParseError, ValueError)


# --- times of day ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2004-12-26T07:58", None),
        ("2004-12-26T07:58Z", 0),
        ("2004-12-26T07:58+07:00", 420),
        ("2004-12-26T09:30+05:30", 330),
        ("2004-12-26T11:00-03:30", -210),
        ("2004-12-26T07:58+07:00~", 420),
    ],
)
def test_a_time_of_day_with_or_without_a_zone(text, offset):
    d = P(text)
    assert d.precision == "minute"
    assert d.start.offset == offset
    assert (d.start.hour, d.start.minute) in ((7, 58), (9, 30), (11, 0))
    assert d.earliest == d.latest == date(2004, 12, 26)  # the day on the place's own clock
    assert str(d) == text
    assert d.has_zone is (offset is not None)


def test_a_time_is_an_exact_day_unless_approximate():
    assert P("2004-12-26T07:58+07:00").is_exact_day
    assert not P("2004-12-26T07:58+07:00~").is_exact_day


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2004-12-26T07:58+07:00", "id", "26 Desember 2004 07.58 UTC+7"),
        ("2004-12-26T07:58+07:00", "en", "26 December 2004, 07:58 UTC+7"),
        ("2004-12-26T07:58", "id", "26 Desember 2004 07.58"),
        ("2004-12-26T07:58", "en", "26 December 2004, 07:58"),
        ("2004-12-26T09:30+05:30", "en", "26 December 2004, 09:30 UTC+5:30"),
        ("2004-12-26T03:00Z", "en", "26 December 2004, 03:00 UTC"),
        ("2004-12-26T11:00-03:30", "es", "26 de diciembre de 2004, 11:00 UTC-3:30"),
        ("2004-12-26T08:30+07:00~", "id", "sekitar 26 Desember 2004 08.30 UTC+7"),
    ],
)
def test_a_time_is_said_in_the_readers_language(text, lang, expected):
    assert P(text).format(lang) == expected


def test_times_with_zones_are_compared_in_utc():
    sumatra = P("2004-12-26T07:58+07:00")  # 00:58 UTC
    sri_lanka = P("2004-12-26T03:00Z")
    india = P("2004-12-26T09:30+05:30")  # 04:00 UTC
    thailand = P(
        "2004-12-26T09:30+07:00"
    )  # 02:30 UTC: later on the clock than Sumatra, earlier than India
    assert sorted([india, sri_lanka, thailand, sumatra]) == [sumatra, thailand, sri_lanka, india]
    assert sumatra.certainly_before(thailand)
    assert thailand.certainly_before(india)
    assert not india.certainly_before(thailand)
    assert P("2004-12-26T01:00+07:00").certainly_before(P("2004-12-25T20:00Z"))  # 18:00 UTC


def test_times_without_zones_are_compared_on_the_clock():
    assert P("2004-12-26T07:58").certainly_before(P("2004-12-26T07:59"))
    assert not P("2004-12-26T07:58").certainly_before(P("2004-12-26T07:58"))
    assert P("2004-12-26T07:58").certainly_before(P("2004-12-27"))
    assert P("2004-12-25").certainly_before(P("2004-12-26T00:00"))
    assert not P("2004-12-26").certainly_before(P("2004-12-26T23:59"))


def test_a_time_with_a_zone_and_one_without_allow_for_every_zone():
    """Without a zone, 07:58 may be any moment from 19:58 the day before to 21:58 UTC."""
    zoned = P("2004-12-26T07:58+07:00")  # 00:58 UTC
    assert not zoned.certainly_before(
        P("2004-12-26T10:00")
    )  # 10:00 somewhere may be 20:00 UTC on the 25th
    assert zoned.certainly_before(P("2004-12-26T15:00"))  # at the earliest 01:00 UTC
    assert not P("2004-12-26T15:00").certainly_before(P("2004-12-26T23:00Z"))
    assert P("2004-12-26T10:00").certainly_before(P("2004-12-26T22:01Z"))


# --- Babel wording ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "short", "expected"),
    [
        ("2025-10-27", "id", False, "27 Oktober 2025"),
        ("2025-10-27", "en", False, "27 October 2025"),
        ("2025-10-27", "en", True, "27 Oct 2025"),
        ("2025-10-27", "id", True, "27 Okt 2025"),
        ("2025-04", "en", False, "April 2025"),
        ("2025-04", "id", False, "April 2025"),
        ("2025-08", "id", False, "Agustus 2025"),
        ("2025", "en", False, "2025"),
        ("1948", "id", False, "1948"),
        ("2025-10-early", "id", False, "awal Oktober 2025"),
        ("2025-10-early", "en", False, "early October 2025"),
        ("2025-10-mid", "id", False, "pertengahan Oktober 2025"),
        ("2025-10-late", "id", False, "akhir Oktober 2025"),
        ("2025-10-late", "en", True, "late Oct 2025"),
        ("2025-07~", "id", False, "sekitar Juli 2025"),
        ("2025-07~", "en", False, "about July 2025"),
        ("2025~", "id", False, "sekitar 2025"),
    ],
)
def test_format(text, lang, short, expected):
    assert P(text).format(lang, short=short) == expected


@pytest.mark.parametrize(
    ("text", "lang", "short", "expected"),
    [
        ("1519-09-20", "es", False, "20 de septiembre de 1519"),
        ("1519-09-20", "it", False, "20 settembre 1519"),
        ("1519-09-20", "pt-BR", False, "20 de setembro de 1519"),
        ("1519-09-20", "es", True, "20 sept 1519"),
        ("1521-03", "es", False, "marzo de 1521"),
        ("1520-01-early", "es", False, "principios de enero de 1520"),
        ("1520-01-late", "es", False, "finales de enero de 1520"),
        ("1520-01-early", "it", False, "early gennaio 1520"),  # no Italian words: English ones
        ("1522-05~", "es", False, "hacia mayo de 1522"),
        ("1522-05~", "pt-BR", False, "about maio de 1522"),
        ("1520-10-21/1520-11-28", "es", False, "21 de octubre – 28 de noviembre de 1520"),
        ("1520-04-01/1520-04-02", "es", False, "1–2 de abril de 1520"),
        ("1520-04/1520-08", "it", False, "aprile – agosto 1520"),
    ],
)
def test_format_in_any_story_language(text, lang, short, expected):
    assert P(text).format(lang, short=short) == expected


def test_a_language_that_writes_the_month_first_gets_both_ends_whole():
    assert P("2025-10-27/2025-10-31").format("en-US") == "October 27, 2025 – October 31, 2025"
    assert P("2025-04/2025-07").format("ja") == "2025年4月 – 2025年7月"


def test_format_month_range():
    assert "April" in P("2025-04/2025-07").format("id")
    assert "Juli" in P("2025-04/2025-07").format("id")
    assert "July" in P("2025-04/2025-07").format("en")
    # Babel puts thin spaces (U+2009) around the dash in English
    assert "".join(P("2024/2025").format("en").split()) == "2024–2025"


def test_format_mixed_range_says_both_ends():
    assert P("2025-10-early/2025-11").format("id") == "awal Oktober 2025 – November 2025"
    assert P("2025-10-early/2025-11").format("en") == "early October 2025 – November 2025"


def test_format_approximate_range():
    assert P("2025-04/2025-07~").format("id").startswith("sekitar ")


@pytest.mark.parametrize(("lang", "month"), [("en", "October"), ("id", "Oktober")])
def test_format_day_range_long_form_spells_the_month(lang, month):
    # the first story's source.date is such a range
    assert month in P("2025-10-27/2025-10-31").format(lang)


# --- ordering ---------------------------------------------------------------------------------


def test_sorting_by_earliest_then_latest():
    texts = ["2025-10-27", "2025", "2025-10-early", "1948", "2025-10", "2025-07~", "2024/2025"]
    ordered = [str(d) for d in sorted(P(t) for t in texts)]
    assert ordered == [
        "1948",
        "2024/2025",
        "2025",
        "2025-07~",
        "2025-10-early",  # 1-10 October: same first day as October, earlier last day
        "2025-10",
        "2025-10-27",
    ]


def test_certainly_before():
    assert P("2024").certainly_before(P("2025-01-01"))
    assert P("2025-10-26").certainly_before(P("2025-10-27"))
    assert not P("2025").certainly_before(P("2025-10"))  # October 2025 may be any day of 2025
    assert not P("2025-10").certainly_before(P("2025"))
    assert not P("2025-10-early").certainly_before(P("2025-10-10"))
    assert P("2025-10-early").certainly_before(P("2025-10-11"))


def test_order_is_total():
    a, b = P("2025"), P("2025~")
    assert a <= b or b <= a


# --- properties -------------------------------------------------------------------------------


@st.composite
def points(draw, year=None) -> DatePoint:
    year = draw(st.integers(1, 9999)) if year is None else year
    if draw(st.booleans()):
        return DatePoint(year)
    month = draw(st.integers(1, 12))
    kind = draw(st.sampled_from(["month", "part", "day"]))
    if kind == "month":
        return DatePoint(year, month)
    if kind == "part":
        return DatePoint(year, month, part=draw(st.sampled_from(["early", "mid", "late"])))
    return DatePoint(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


@st.composite
def timed_points(draw, year=None) -> DatePoint:
    """Days with a time, with or without a zone, near the edges of what dates can be."""
    year = draw(st.sampled_from([1, 2004, 9999])) if year is None else year
    month = draw(st.sampled_from([1, 12]))
    day = draw(st.sampled_from([1, 31]))
    offset = draw(st.none() | st.sampled_from([-720, -210, 0, 330, 420, 840]))
    return DatePoint(
        year, month, day, None, draw(st.integers(0, 23)), draw(st.integers(0, 59)), offset
    )


@st.composite
def partial_dates(draw, times: bool = False) -> PartialDate:
    point = (lambda year=None: points(year) | timed_points(year)) if times else points
    start = draw(point())
    end = None
    if draw(st.booleans()):
        # often in the same year, where parts, months and days of a range interact
        same_year = draw(st.booleans())
        other = draw(point(year=start.year if same_year else None))
        if other != start:
            end = other
            if PartialDate(other) < PartialDate(start):
                start, end = other, start
    return PartialDate(start, end, draw(st.booleans()))


@given(partial_dates())
def test_earliest_is_not_after_latest(d):
    assert d.earliest <= d.latest


@given(partial_dates())
def test_round_trip_through_text(d):
    assert PartialDate.parse(str(d)) == d


@given(st.lists(partial_dates(), max_size=12))
def test_sorted_dates_have_non_decreasing_earliest(dates):
    earliest = [d.earliest for d in sorted(dates)]
    assert earliest == sorted(earliest)


@given(partial_dates(times=True))
def test_a_date_with_times_round_trips_and_starts_before_it_ends(d):
    try:
        parsed = PartialDate.parse(str(d))
    except DateParseError as exc:  # a range whose ends were drawn the wrong way round
        assert "ends before it starts" in str(exc)
        return
    assert parsed == d
    first, after = d.moments()
    assert first < after


def valid(d: PartialDate) -> bool:
    """The parser accepts it (a drawn range may end before it starts on mixed clocks)."""
    try:
        return PartialDate.parse(str(d)) == d
    except DateParseError:
        return False


@given(partial_dates(times=True), partial_dates(times=True))
def test_certainly_before_implies_less_than_with_times_and_zones(d, e):
    assume(valid(d) and valid(e))
    if d.certainly_before(e):
        assert d < e
        assert not e < d
        assert not e.certainly_before(d)
    assert not d.certainly_before(d)


@given(partial_dates(), partial_dates())
def test_certainly_before_implies_less_than(d, e):
    if d.certainly_before(e):
        assert d < e
        assert not e < d
        assert not e.certainly_before(d)


@given(partial_dates(), st.data())
def test_a_day_inside_the_date_is_neither_before_nor_after_it(d, data):
    span = (d.latest - d.earliest).days
    day = d.earliest + timedelta(days=data.draw(st.integers(0, span)))
    inside = PartialDate.parse(day)
    assert d.earliest <= inside.earliest <= d.latest
    assert not inside.certainly_before(d)
    assert not d.certainly_before(inside)


@given(partial_dates(), st.sampled_from(["id", "en"]), st.booleans())
def test_every_date_can_be_said_in_both_languages(d, lang, short):
    text = d.format(lang, short=short)
    assert text
    assert str(d.latest.year) in text
