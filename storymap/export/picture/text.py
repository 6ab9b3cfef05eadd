"""Story text as the overview picture draws it: bounded, so no text can make it huge.

A title of a megabyte, or one letter under 50,000 combining accents, made matplotlib
lay out a page tens of thousands of pixels tall, or run out of memory. So every text
is cut to a number of characters with an ellipsis, counting a letter with its accents
as one and keeping at most ``MAX_MARKS`` accents on a letter; control characters and
line breaks become spaces. (The headings also have at most a few lines: ``overview``.)
"""

from __future__ import annotations

import math
import textwrap
import unicodedata

ELLIPSIS = "…"
MAX_MARKS = 3  # combining marks kept on one letter (Vietnamese needs two, Zalgo has hundreds)
TITLE_CHARS = 160
SUBTITLE_CHARS = 240
SOURCE_CHARS = 120  # the outlet's name and the article's title in the credits line
LABEL_CHARS = 60  # a place's label: at most three lines of LABEL_WRAP
LEGEND_CHARS = 40
LABEL_WRAP = 24  # characters per label line
_MARKS = frozenset({"Mn", "Mc", "Me"})
_BREAKS = frozenset({"Cc", "Zl", "Zp", "Zs"})


def bounded(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` letters (with their marks), ending in an
    ellipsis when it was cut. Reads no further than it needs to."""
    kept: list[str] = []
    letters = marks = 0
    for char in text:
        category = unicodedata.category(char)
        if category in _MARKS:
            if letters and marks < MAX_MARKS:  # a mark with no letter before it is dropped
                kept.append(char)
                marks += 1
            continue
        if category in _BREAKS:
            if not kept or kept[-1] == " ":
                continue  # no leading space, no runs of spaces
            char = " "
        if letters == limit:
            return unicodedata.normalize("NFC", "".join(kept).rstrip() + ELLIPSIS)
        kept.append(char)
        letters += 1
        marks = 0
    return unicodedata.normalize("NFC", "".join(kept).rstrip())


def wrap_label(text: str) -> str:
    """A place's label: at most LABEL_CHARS, broken into lines of about even length."""
    text = bounded(text, LABEL_CHARS)
    if not text:
        return text
    lines = math.ceil(len(text) / LABEL_WRAP)
    width = math.ceil(len(text) / lines)
    while len(wrapped := textwrap.wrap(text, width)) > lines:
        width += 1
    return "\n".join(wrapped)


def plain(text: str) -> str:
    """Story text as matplotlib text: a '$' must not start mathtext."""
    return text.replace("$", r"\$")
