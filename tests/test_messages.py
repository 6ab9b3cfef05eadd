"""Text shown to people: quoted values stay short, terminals never receive control codes."""

from __future__ import annotations

import pytest

from storymap.messages import for_terminal, quote, shorten


def test_short_values_are_quoted_whole():
    assert quote("Moscow") == "'Moscow'"
    assert quote(12) == "'12'"


def test_long_values_are_cut_with_an_ellipsis():
    assert quote("x" * 1_000_000) == "'" + "x" * 79 + "…'"
    assert shorten("abcdef", 4) == "abc…"
    assert shorten("abcd", 4) == "abcd"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mred", "\\u001b[31mred"),  # ESC: colours, clearing the screen, window titles
        ("bell\x07", "bell\\u0007"),
        ("\x9b31m", "\\u009b31m"),  # C1 control sequence introducer
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),  # line and paragraph separators
        ("\u202eevil\u202c", "\\u202eevil\\u202c"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # isolates
        ("nul\x00", "nul\\u0000"),
        ("del\x7f", "del\\u007f"),
    ],
)
def test_control_characters_are_written_out(text, shown):
    assert for_terminal(text) == shown


def test_ordinary_text_is_untouched():
    text = "line one\n\tindented: Pyongyang, 평양, Пхеньян, بيونغ يانغ — “quoted” …"
    assert for_terminal(text) == text
