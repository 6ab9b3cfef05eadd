"""Why a draft asks its author to check a field, in the story file and on the author page.

A draft's ``draft.todo`` item is ``"path (why)"`` in English, the story format's language,
so a draft reads the same in any tool. The reasons are templates in the interface text
(``reason_*`` in ``locales/ui.yaml``, with their Indonesian): the draft writes each one in
English with ``reason``, and the author page shows it in the author's language with
``shown_reason``, which reads the English back against the same templates. A reason that
matches none (a story made before, one an author wrote) is shown as it is.
"""

from __future__ import annotations

import re
import string
from functools import cache

from storymap.i18n import interface_language, strings, t

_PREFIX = "reason_"


def reason(key: str, **values: object) -> str:
    """The English reason ``key`` (``reason_<key>`` in the interface text), filled in."""
    return t(_PREFIX + key, "en", **values)


def shown_reason(text: str, lang: str) -> str:
    """A draft's English reason ``text`` in ``lang``; ``text`` itself if it is no known reason."""
    if interface_language(lang) == "en":
        return text
    for key, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match:
            return t(key, lang, **match.groupdict())
    return text


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each reason's English template as a pattern: its words as they are, each ``{value}``
    any text (``"in {name}, a country …"`` -> ``"in (?P<name>.+), a country …"``)."""
    found = []
    for key, texts in strings().items():
        if key.startswith(_PREFIX):
            parts = string.Formatter().parse(texts["en"])
            pattern = "".join(
                re.escape(literal) + (f"(?P<{name}>.+)" if name else "")
                for literal, name, _, _ in parts
            )
            found.append((key, re.compile(pattern, re.DOTALL)))
    return tuple(found)
