"""Interface text in Indonesian and English, read from ``storymap/locales/ui.yaml``.

Story text comes from the story file, in any of the story's languages; only the
interface's own words live here, and a reader in another language (a Spanish story)
gets them in English. Numbers are localised with Babel for every language ("6.400 km"
in Indonesian, "6,400 km" in English, "6400 km" in Spanish).
"""

from __future__ import annotations

from functools import cache

import yaml
from babel.numbers import format_decimal

from storymap.languages import babel_locale
from storymap.model import UI_LANGUAGES
from storymap.package_data import LOCALES

UI_STRINGS = LOCALES / "ui.yaml"


@cache
def strings() -> dict[str, dict[str, str]]:
    table = yaml.safe_load(UI_STRINGS.read_text(encoding="utf-8"))
    for key, texts in table.items():
        missing = [lang for lang in UI_LANGUAGES if lang not in texts]
        if missing:
            raise ValueError(f"{UI_STRINGS}: '{key}' has no text for {', '.join(missing)}")
    return table


def interface_language(lang: str) -> str:
    """The language the interface speaks to a reader of ``lang``: itself, or English."""
    return lang if lang in UI_LANGUAGES else "en"


def t(key: str, lang: str, **values: object) -> str:
    """The interface text ``key`` in ``lang`` (English for other languages), filled in."""
    texts = strings()[key]
    text = texts[interface_language(lang)]
    return text.format(**values) if values else text


def number(value: float, lang: str, digits: int = 0) -> str:
    """``value`` rounded to ``digits`` and written as readers of ``lang`` (any Babel locale) expect."""
    return format_decimal(round(value, digits), locale=babel_locale(lang))


def language_label(code: str) -> str:
    """How a language names itself on the language switch: 'Bahasa Indonesia', 'Español'."""
    if code in UI_LANGUAGES:
        return t("language_name", code)
    name = babel_locale(code).get_display_name(babel_locale(code)) or code
    return name[:1].upper() + name[1:]
