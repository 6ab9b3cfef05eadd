"""A story in a right-to-left language: the direction comes from Babel's locale data and
reaches the reader's words, the single-file export, the handout and the site index (the
browser test, tests/browser/test_rtl_browser.py, shows the pages reading right to left)."""

from __future__ import annotations

import re

import pytest
from story_helpers import FIXTURES

from storymap.export import export_bytes
from storymap.export.site import export_site
from storymap.languages import text_direction
from storymap.located import locate_file
from storymap.payload import text_payload

ARABIC = FIXTURES / "arabic_rtl.yaml"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("id", "ltr"), ("en", "ltr"),
     ("es", "ltr"), ("pt-BR", "ltr"), ("xx", "ltr")],
)  # fmt: skip
def test_the_direction_of_a_language_comes_from_babel(code, expected):
    assert text_direction(code) == expected


@pytest.fixture(scope="module")
def arabic(gazetteer):
    return locate_file(ARABIC)


def test_each_languages_words_say_which_way_they_read(arabic):
    assert text_payload(arabic, "ar")["dir"] == "rtl"
    assert text_payload(arabic, "en")["dir"] == "ltr"


def opening(arabic, fmt: str, lang: str) -> bytes:
    return re.search(rb"<html[^>]*>", export_bytes(arabic, fmt, lang))[0]


def test_the_exports_open_right_to_left_in_arabic_and_left_to_right_in_english(arabic):
    assert opening(arabic, "html", "ar") == b'<html lang="ar" dir="rtl">'  # it opens in Arabic
    assert opening(arabic, "handout", "ar") == b'<html lang="ar" dir="rtl">'
    assert opening(arabic, "handout", "en") == b'<html lang="en" dir="ltr">'


def test_the_site_index_writes_each_section_in_its_direction(arabic, tmp_path):
    export_site([arabic], tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<section lang="ar" dir="rtl">' in index and '<section lang="en" dir="ltr">' in index
