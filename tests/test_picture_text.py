"""Story text as the overview picture draws it: bounded by letters, marks and lines."""

from __future__ import annotations

import unicodedata

from storymap.export.picture.text import LABEL_CHARS, MAX_MARKS, bounded, plain, wrap_label


def test_short_text_is_unchanged() -> None:
    assert bounded("Moscow · Pyongyang", 60) == "Moscow · Pyongyang"
    assert bounded("x" * 60, 60) == "x" * 60


def test_long_text_is_cut_with_an_ellipsis() -> None:
    assert bounded("x" * 61, 60) == "x" * 60 + "…"
    assert bounded("North Korea and Russia", 12) == "North Korea…"  # no space before "…"


def test_a_megabyte_is_read_only_as_far_as_needed() -> None:
    assert bounded("y" * 1_000_000, 10) == "y" * 10 + "…"


def test_combining_marks_are_capped_on_each_letter() -> None:
    zalgo = "Z" + "\u0301" * 50_000 + "a" + "\u0300\u0301\u0302\u0303\u0304"
    text = unicodedata.normalize("NFD", bounded(zalgo, 10))
    assert len(text) == 2 + 2 * MAX_MARKS
    assert sum(unicodedata.combining(c) > 0 for c in text) == 2 * MAX_MARKS
    assert text.startswith("Z\u0301\u0301\u0301a\u0300")


def test_marks_do_not_count_as_letters_and_compose_where_they_can() -> None:
    decomposed = unicodedata.normalize("NFD", "Hà Nội, Việt Nam")
    assert bounded(decomposed, 100) == "Hà Nội, Việt Nam"  # composed again (NFC)
    assert bounded(decomposed, 6) == "Hà Nội…"


def test_a_mark_with_no_letter_before_it_is_dropped() -> None:
    assert bounded("\u0301\u0301abc", 10) == "abc"


def test_line_breaks_and_control_characters_become_single_spaces() -> None:
    assert bounded("  one\n\ntwo\tthree\u2028four\x1b[31m  ", 100) == "one two three four [31m"


def test_a_label_has_at_most_three_lines() -> None:
    label = wrap_label("Wonsan-Kalma coastal tourist zone " * 100)
    lines = label.split("\n")
    assert len(lines) <= 3
    assert label.endswith("…")
    assert len(label.replace("\n", "")) <= LABEL_CHARS + 1
    assert wrap_label("x" * 500_000).count("\n") == 2


def test_short_labels_stay_on_one_line_and_long_ones_break_evenly() -> None:
    assert wrap_label("Pyongyang") == "Pyongyang"
    assert wrap_label("Wonsan-Kalma coastal tourist zone") == "Wonsan-Kalma coastal\ntourist zone"
    assert wrap_label("") == ""


def test_dollar_signs_are_text_not_mathematics() -> None:
    assert plain("$5 or $6") == r"\$5 or \$6"
