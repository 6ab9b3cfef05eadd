"""Interface text: every key in both languages, placeholders, localised numbers."""

from __future__ import annotations

import string

import pytest

import storymap.i18n
from storymap.fields import RouteMode
from storymap.i18n import number, strings, t
from storymap.model import CATEGORIES, UI_LANGUAGES
from storymap.reader import BROWSER_UI_KEYS

# Keys the library asks for by name (reader.py), besides BROWSER_UI_KEYS.
USED_KEYS = (
    "overview_start_title", "overview_start_body", "overview_end_title", "overview_end_body",
    "date_span", "places", "route", "quote_via", "our_translation", "date_note", "reported_by",
    "source_article", "cited_outlets", "map_data", "map_data_body", "written_by_us", "distance_km",
)  # fmt: skip


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture
def ui_file(tmp_path, monkeypatch):
    """Point the interface text at a temporary file; the real one is read again afterwards."""
    path = tmp_path / "ui.yaml"
    monkeypatch.setattr(storymap.i18n, "UI_STRINGS", path)
    strings.cache_clear()
    yield path
    strings.cache_clear()


def test_every_key_has_indonesian_and_english():
    table = strings()
    assert table
    for key, texts in table.items():
        assert set(texts) == set(UI_LANGUAGES), key
        for lang in UI_LANGUAGES:
            assert isinstance(texts[lang], str), (key, lang)
            assert texts[lang].strip(), (key, lang)


def test_both_languages_use_the_same_placeholders():
    for key, texts in strings().items():
        assert placeholders(texts["id"]) == placeholders(texts["en"]), key


def test_every_key_the_library_uses_exists():
    keys = set(strings())
    needed = {*BROWSER_UI_KEYS, *USED_KEYS}
    needed |= {f"category_{name}" for name in CATEGORIES}
    needed |= {f"route_mode_{mode}" for mode in RouteMode.__args__}
    assert needed <= keys, sorted(needed - keys)


def test_t_fills_placeholders():
    assert t("distance_km", "id", km=number(6430.4, "id")) == "6.430 km"
    assert t("distance_km", "en", km=number(6430.4, "en")) == "6,430 km"
    assert t("step_of", "en", step=2, steps=15) == "Step 2 of 15"
    assert t("step_of", "id", step=2, steps=15) == "Langkah 2 dari 15"
    assert t("overview_end_body", "en", events=14) == "All 14 events are now on the map."


@pytest.mark.parametrize("lang", ["es", "it", "pt-BR"])
def test_the_interface_is_in_english_for_other_story_languages(lang):
    assert t("overview", lang) == "Overview"
    assert t("step_of", lang, step=2, steps=15) == "Step 2 of 15"


def test_t_without_values_returns_the_text():
    assert t("overview", "id") == "Ikhtisar"
    assert t("overview", "en") == "Overview"


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (6430.4, "id", 0, "6.430"),
        (6430.4, "en", 0, "6,430"),
        (6430.46, "id", 1, "6.430,5"),
        (6430.46, "en", 1, "6,430.5"),
        (120, "en", 0, "120"),
        (6430.46, "es", 1, "6.430,5"),
        (16430.4, "es", 0, "16.430"),
        (6430.46, "pt-BR", 1, "6.430,5"),
        (6430.46, "it", 1, "6.430,5"),
        (16430.4, "fr", 0, "16\u202f430"),
    ],
)
def test_number_is_localised(value, lang, digits, expected):
    assert number(value, lang, digits) == expected


def test_a_key_missing_a_language_is_an_error(ui_file):
    ui_file.write_text("overview: {id: Ikhtisar}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"'overview' has no text for en"):
        strings()


def test_a_key_missing_both_languages_names_both(ui_file):
    ui_file.write_text("overview: {fr: Aperçu}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"'overview' has no text for id, en"):
        t("overview", "en")


def test_strings_are_read_from_the_configured_file(ui_file):
    ui_file.write_text('greeting: {id: "Halo {name}", en: "Hello {name}"}\n', encoding="utf-8")
    assert t("greeting", "id", name="Ani") == "Halo Ani"
    assert t("greeting", "en", name="Ani") == "Hello Ani"
