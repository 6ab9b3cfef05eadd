"""Language codes a story may be written in: BCP 47 tags that Babel has locale data for.

A story declares its languages (``id``, ``en``, ``es``, ``pt-BR``...). Babel needs its
locale data for each, because dates and numbers are said in the reader's language.
The interface's own words stay in Indonesian and English (``storymap.i18n``).
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

# language (2-3 letters), an optional script (Hant, Latn) and an optional region (BR, 419)
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
EXAMPLES = "id, en, es, it or pt-BR"


def _conventional_case(code: str) -> str:
    """'PT-br' -> 'pt-BR', 'zh-hant-tw' -> 'zh-Hant-TW': how BCP 47 tags are usually written."""
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(out)


def check_language(code: str) -> str:
    """``code`` if it is a well-formed BCP 47 tag Babel knows; otherwise a ValueError saying why."""
    if not _LANGUAGE.fullmatch(code):
        fixed = _conventional_case(code)
        if fixed != code and _LANGUAGE.fullmatch(fixed):
            raise ValueError(f"write the language code '{code}' as '{fixed}'")
        raise ValueError(f"'{code}' is not a language code: use a BCP 47 code such as {EXAMPLES}")
    try:
        babel_locale(code)
    except (UnknownLocaleError, ValueError):
        raise ValueError(
            f"'{code}' is not a language storymap can write dates in (Babel has no locale data for it)"
        ) from None
    return code


@cache
def babel_locale(code: str) -> Locale:
    """Babel's locale for a BCP 47 tag (Babel writes 'pt_BR' where BCP 47 writes 'pt-BR')."""
    return Locale.parse(code.replace("-", "_"))


@cache
def language_name(code: str) -> str:
    """The language's name in English, from Babel: 'Indonesian', 'Portuguese (Brazil)'."""
    try:
        return babel_locale(code).get_display_name("en") or code
    except (UnknownLocaleError, ValueError):
        return code


def language_names(codes: list[str] | tuple[str, ...]) -> str:
    """'Spanish, English': a list of languages for messages."""
    return ", ".join(language_name(code) for code in codes)


@cache
def text_direction(code: str) -> str:
    """'rtl' for a language written right to left (Arabic, Hebrew, Persian, Urdu), else 'ltr'."""
    try:
        order = babel_locale(code).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"
