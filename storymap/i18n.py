"""Interface text in Indonesian and English, read from ``storymap/locales/ui.yaml``.

Story text comes from the story file; only the interface's own words live here.
Numbers are localised with Babel ("6.400 km" in Indonesian, "6,400 km" in English).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from babel.numbers import format_decimal

from storymap.model import LANGS

UI_STRINGS = Path(__file__).with_name("locales") / "ui.yaml"


@cache
def strings() -> dict[str, dict[str, str]]:
    table = yaml.safe_load(UI_STRINGS.read_text(encoding="utf-8"))
    for key, texts in table.items():
        missing = [lang for lang in LANGS if lang not in texts]
        if missing:
            raise ValueError(f"{UI_STRINGS}: '{key}' has no text for {', '.join(missing)}")
    return table


def t(key: str, lang: str, **values: object) -> str:
    """The interface text ``key`` in ``lang``, with ``{name}`` placeholders filled in."""
    text = strings()[key][lang]
    return text.format(**values) if values else text


def number(value: float, lang: str, digits: int = 0) -> str:
    return format_decimal(round(value, digits), locale=lang)
