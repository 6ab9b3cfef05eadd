"""Story text as the overview picture draws it."""

from __future__ import annotations

import math
import textwrap

LABEL_WRAP = 24  # characters per label line


def wrap_label(text: str) -> str:
    """Break a long name into lines of about even length, none longer than needed."""
    lines = math.ceil(len(text) / LABEL_WRAP)
    width = math.ceil(len(text) / lines)
    while len(wrapped := textwrap.wrap(text, width)) > lines:
        width += 1
    return "\n".join(wrapped)


def plain(text: str) -> str:
    """Story text as matplotlib text: a '$' must not start mathtext."""
    return text.replace("$", r"\$")
