"""Text shown to people: values quoted at a bounded length, terminals kept safe.

A story file is written by someone else. Its values end up in error messages, and
those end up on a terminal: one value of a megabyte must not make a megabyte of
message, and an escape sequence in a place name must not repaint the screen or
reverse the text after it.
"""

from __future__ import annotations

import re

QUOTED_LIMIT = 80

# C0 controls except tab and newline, DEL, C1 controls; the line and paragraph separators;
# the bidirectional marks, embeddings, overrides and isolates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def shorten(text: str, limit: int = QUOTED_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(value: object, limit: int = QUOTED_LIMIT) -> str:
    """A value from the user's input, in quotes, at most ``limit`` characters of it."""
    return f"'{shorten(value if isinstance(value, str) else repr(value), limit)}'"


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"  # the same spelling in text and inside JSON strings


_LINE_BREAKS = re.compile("[\n\r\t\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_WRITTEN = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` on one line: a newline, tab or other line break in it is written out (``\\n``),
    so a key or value holding one cannot split a message in two."""
    return _LINE_BREAKS.sub(lambda m: _WRITTEN.get(m.group(), _escape(m)), text)


def for_terminal(text: str) -> str:
    """``text`` with every control character a terminal would act on written out as an escape."""
    return _UNSAFE.sub(_escape, text)
