"""Generated stories, hostile ones included, through validate, geocode, render and export.

Hypothesis builds story data the way an author (or an attacker) on the page could:
HTML and script in every text, ``javascript:`` addresses, coordinates out of range or
NaN, dates in year 0 or 99999, one event or several. Checking never raises; a story that
checks clean is rendered and exported, and no hostile markup comes out unescaped.
HTML never carries it live; data files carry it as text. The number of examples is bounded so that this stays a few seconds of ``make test``.
"""

from __future__ import annotations

import csv
import io
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storymap.authoring.checks import check_story
from storymap.export import export_bytes
from storymap.payload import map_payload, text_payload
from storymap.render import event_list_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "![x](http://other-host/pixel.png) :red[Red] $x^2$",
    "{{ 7*7 }} {% raw %}",
    "عربى ‮ RTL",
    "Moskow",
]
UNSAFE_OUT = ("<script>alert", "<img src=x", "<svg onload", 'href="javascript')

texts = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=30))
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([55.75, 37.62, -37.62, 39.03, 125.75, 91.0, -181.0]),
)
dates = st.one_of(
    st.sampled_from(
        ["2025-10-27", "2025-10-early", "2025-07~", "1948", "0000", "99999", "2025-02-30",
         "2025-04/2025-07", "2004-12-26T07:58+07:00", "27/10/2025", "0001-01", "9999-12-late"]
    ),
    st.text(max_size=12),
)  # fmt: skip


def text_of(value: str) -> dict[str, str]:
    return {"id": value, "en": value}


@st.composite
def places(draw: st.DrawFn, index: int) -> dict:
    place = {
        "id": f"place-{index}",
        "name": text_of(draw(st.sampled_from(["Moskow", "Pyongyang", "Kyiv", *HOSTILE]))),
        "kind": draw(st.sampled_from(["city", "site", "region", "country"])),
        "country": draw(st.sampled_from(["RU", "KP", "UA", "XX", "ru"])),
    }
    if draw(st.booleans()):
        place["coordinates"] = {
            "lat": draw(numbers),
            "lon": draw(numbers),
            "precision_km": draw(st.sampled_from([1, 0, -5, 100])),
            "source": draw(texts),
        }
    return place


@st.composite
def stories(draw: st.DrawFn) -> dict:
    place_list = [draw(places(i)) for i in range(draw(st.integers(1, 3)))]
    ids = [p["id"] for p in place_list]
    events = []
    for n in range(draw(st.integers(1, 4))):
        event = {
            "id": f"event-{n}",
            "date": draw(dates),
            "places": draw(st.lists(st.sampled_from([*ids, "nowhere"]), min_size=1, max_size=2)),
            "category": draw(st.sampled_from(["diplomacy", "military", "unknown"])),
            "title": text_of(draw(texts)),
            "summary": text_of(draw(texts)),
            "sources": [{"outlet": draw(texts)}],
        }
        if draw(st.booleans()):
            event["media"] = [{"url": draw(st.sampled_from(["javascript:alert(1)", "https://example.org/a.jpg"])),
                               "credit": draw(texts), "caption": text_of(draw(texts))}]  # fmt: skip
        if draw(st.booleans()):
            event["quote"] = {"text": text_of(draw(texts)), "speaker": draw(texts), "via": draw(texts),
                              "original_language": "ru"}  # fmt: skip
        events.append(event)
    return {
        "id": "generated",
        "title": text_of(draw(texts)),
        "subtitle": text_of(draw(texts)),
        "source": {
            "outlet": draw(texts),
            "title": draw(texts),
            "date": "2025-10-27",
            "language": "id",
        },
        "credits": [{"role": text_of(draw(texts)), "name": draw(texts)}],
        "places": place_list,
        "events": events,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_generated_stories_check_without_an_unhandled_exception(data):
    checked = check_story(data)
    for issue in checked.issues:
        assert issue.message and "\n" not in issue.where
    if checked.ready:
        located = checked.located_story()
        assert all(
            math.isfinite(loc.lat) and math.isfinite(loc.lon) for loc in located.located.values()
        )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_generated_valid_stories_render_and_export_with_nothing_unescaped(data):
    checked = check_story(data)
    located = checked.located_story()
    if located is None:
        return
    words = text_payload(located, "en")
    html = [event_list_html(located.story, "en"), *(e["html"] for e in words["events"])]
    html += [export_bytes(located, fmt, "en").decode("utf-8") for fmt in ("html", "handout")]
    for output in html:  # markup: story text escaped, never live
        for unsafe in UNSAFE_OUT:
            assert unsafe not in output, unsafe
    assert map_payload(located)["events"]
    # data: the text as written (a reader or a spreadsheet shows it as text), well formed
    assert json.loads(export_bytes(located, "geojson", "en"))["features"]
    rows = list(csv.reader(io.StringIO(export_bytes(located, "csv", "en").decode("utf-8"))))
    assert len(rows) == len(located.story.events) + 1


def test_the_generator_makes_valid_stories_too():
    """The property above is only worth something if some generated stories are valid."""
    found = []

    @settings(max_examples=40, deadline=None, database=None)
    @given(stories())
    def collect(data):
        found.append(check_story(data).ready)

    collect()
    assert any(found) and not all(found)
