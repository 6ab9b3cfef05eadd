"""Interface text: every key in both languages, placeholders, localised numbers."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import get_args

import pytest

import storymap.i18n
from storymap.basemaps import TILES
from storymap.dates import Precision
from storymap.export import FORMATS
from storymap.fields import PlaceKind, RouteMode
from storymap.i18n import number, strings, t
from storymap.model import BUILTIN_CATEGORIES, UI_LANGUAGES, FactCheck
from storymap.payload import BROWSER_UI_KEYS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *ROOT.glob("storymap/**/*.py"), *ROOT.glob("storymap/templates/*.j2"),
    *ROOT.glob("storymap/web/*.js"), *ROOT.glob("storymap/web/*.html"), *ROOT.glob("storymap_ui/**/*.py"),
    *ROOT.glob("storymap_ui/frontend/*.js"), *ROOT.glob("pages/*.py"), ROOT / "streamlit_app.py",
]  # fmt: skip
# Keys built from a prefix and a value of the model: t(f"category_{name}"), …
DYNAMIC = {
    "category_": BUILTIN_CATEGORIES,
    "route_mode_": RouteMode.__args__,
    "fact_check_": get_args(FactCheck.model_fields["verdict"].annotation),
    "verdict_": get_args(FactCheck.model_fields["verdict"].annotation),
    "precision_": (*get_args(Precision), "undated"),
    "kind_": get_args(PlaceKind),
    "layer_": ("story", "curated", "countries", "gazetteer", "nominatim"),
}


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


def reasons_asked(text: str) -> set[str]:
    """A draft's reasons to check a field, ``reason("year_guess")``: ``reason_year_guess``."""
    return {f"reason_{key}" for key in re.findall(r"\breason\(\s*[\"']([a-z0-9_]+)[\"']", text)}


def _source_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)


def test_every_key_the_code_asks_for_exists():
    """Scanned from the source: t("key") in Python and templates, ui.key in the browser code."""
    text = _source_text()
    asked = set(re.findall(r"\bt\(\s*[\"']([a-z0-9_]*[a-z0-9])[\"']", text))  # not a prefix_
    asked |= set(re.findall(r"(?<![/\w\"'])ui\.([a-z][a-z0-9_]*)\b", text))
    asked |= set(re.findall(r"\bui\[[\"']([a-z0-9_]+)[\"']\]", text))
    asked |= set(re.findall(r'data-ui="([a-z0-9_]+)"', text)) | set(BROWSER_UI_KEYS)
    asked |= {f"{prefix}{value}" for prefix, values in DYNAMIC.items() for value in values}
    asked |= {export.label for export in FORMATS.values()}
    asked |= {base.label_key for base in TILES.values()}
    asked |= reasons_asked(text)
    assert asked, "the scan found no keys: is the pattern still right?"
    assert "previous" in asked and "overview_start_title" in asked
    missing = asked - set(strings())
    assert not missing, f"asked for but not in locales/ui.yaml: {sorted(missing)}"


def test_every_key_in_the_file_is_used():
    """A key no source names (as a quoted string) is dead text that nobody translates."""
    text = _source_text()
    quoted = set(re.findall(r"[\"']([a-z][a-z0-9_]*)[\"']", text))
    dynamic = {f"{prefix}{value}" for prefix, values in DYNAMIC.items() for value in values}
    reasons = reasons_asked(text) | {f"reason_{key}" for key in quoted}  # reason(key) too
    unused = set(strings()) - quoted - dynamic - set(BROWSER_UI_KEYS) - reasons
    assert not unused, f"in locales/ui.yaml but never used: {sorted(unused)}"


def test_t_fills_placeholders():
    assert t("distance_km", "id", km=number(6430.4, "id")) == "6.430 km"
    assert t("distance_km", "en", km=number(6430.4, "en")) == "6,430 km"
    assert t("shown_of", "en", shown=2, total=15) == "2 of 15 events"
    assert t("shown_of", "id", shown=2, total=15) == "2 dari 15 peristiwa"
    assert t("overview_end_body", "en", events=14) == "All 14 events are now on the map."


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
