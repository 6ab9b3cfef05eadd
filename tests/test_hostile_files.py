"""Hostile story files (issue 10): each is refused with one clear problem, fast, never a crash."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest
from story_helpers import FIXTURES, ROOT

from storymap.cli import main
from storymap.dates import DateParseError, PartialDate
from storymap.geocoding import Unresolved, UnresolvedPlaces
from storymap.loading import Problem, StoryError, load_story, parse_story

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[Problem]:
    with pytest.raises(StoryError) as caught:
        parse_story(text, "hostile.yaml")
    return caught.value.problems


def line_number(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def with_place_field(field: str) -> str:
    return MINIMAL.replace("    country: RU\n", f"    country: RU\n    {field}\n", 1)


# --- memory and time ----------------------------------------------------------------------------


def test_a_scalar_alias_repeated_20000_times_is_refused():
    text = with_place_field(f"aliases: [&o {'x' * 100_000}]").replace(
        "      - outlet: Example News\n", "".join("      - outlet: *o\n" for _ in range(20_000))
    )
    [problem] = problems(text)
    assert problem.line == line_number(text, "&o")
    assert "uses a YAML anchor or alias (&o), which story files do not allow" in problem.message


@pytest.mark.parametrize(
    ("field", "shown"),
    [("aliases: [&name Moskva]", "&name"), ("note: &n {id: a, en: b}", "&n")],
)
def test_an_anchor_alone_is_refused_too(field, shown):
    [problem] = problems(with_place_field(field))
    assert f"anchor or alias ({shown})" in problem.message


def test_text_with_an_ampersand_is_fine():
    text = MINIMAL.replace("en: A meeting}", 'en: "Research & Development * 2"}')
    assert parse_story(text).events[0].title.get("en") == "Research & Development * 2"


def _limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: a runaway read fails fast


def validate_in_a_process(path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storymap", "validate", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limited_memory,
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_not_read():
    result = validate_in_a_process("/dev/zero")
    assert result.returncode == 1
    assert result.stderr == (
        "error: /dev/zero: file: cannot be read: it is not a regular file "
        "(a device, a pipe or a socket), not a story file\n"
    )


def test_a_named_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "story.yaml"
    os.mkfifo(fifo)
    result = validate_in_a_process(str(fifo))  # timeout=60 would fail the test if it hung
    assert result.returncode == 1
    assert "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(StoryError, match="not a regular file"):
        load_story(fifo)


def _parse_at_depth(frames: int, text: str) -> None:
    """Parse from deep inside a call stack, as in a Streamlit script thread."""
    if frames:
        return _parse_at_depth(frames - 1, text)
    parse_story(text)
    return None


@pytest.mark.parametrize("levels", [900, 990, 5000])
def test_deep_nesting_is_a_problem_not_a_recursion_error(levels):
    text = MINIMAL + "extra: " + "[" * levels + "]" * levels + "\n"
    with pytest.raises(StoryError) as caught:
        _parse_at_depth(100, text)
    [problem] = caught.value.problems
    assert problem.line == line_number(text, "extra:")


def test_deep_nesting_of_mappings_too():
    text = MINIMAL + "extra:" + "".join(f"\n{' ' * i}k:" for i in range(1, 950)) + " 1\n"
    with pytest.raises(StoryError):
        _parse_at_depth(100, text)


# --- wrong values -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN", "+.INF"])
@pytest.mark.parametrize(
    "field",
    [
        "precision_km: {}",
        "coordinates: {{lat: {}, lon: 37, precision_km: 1, source: x}}",
        "coordinates: {{lat: 55, lon: {}, precision_km: 1, source: x}}",
        "coordinates: {{lat: 55, lon: 37, precision_km: {}, source: x}}",
    ],
)
def test_only_finite_numbers(field, value):
    [problem] = problems(with_place_field(field.format(value)))
    assert problem.message == "Input should be a finite number"
    assert problem.where.startswith("places[0].")


@pytest.mark.parametrize("value", ["true", "false", "'55.7'", "yes"])
def test_a_number_must_be_a_number(value):
    field = f"coordinates: {{lat: {value}, lon: 37, precision_km: 1, source: x}}"
    [problem] = problems(with_place_field(field))
    assert problem.where == "places[0].coordinates.lat (place 'moscow')"
    assert problem.message == "Input should be a valid number"


@pytest.mark.parametrize("value", ["12345", "true", "1.5"])
def test_text_must_be_text(value):
    [problem] = problems(MINIMAL.replace("en: A meeting}", f"en: {value}}}"))
    assert problem.where == "events[0].title.en (event 'meeting')"


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!timestamp 2025-10-27", "!!timestamp"),
        ("!!set {a: null}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!mine Example", "!mine"),
        ("!!python/name:os.system", "!!python/name:os.system"),
    ],
)
def test_tags_other_than_the_plain_ones_are_refused(value, tag):
    text = MINIMAL.replace("  outlet: Example News\n  title:", f"  outlet: {value}\n  title:")
    [problem] = problems(text)
    assert problem.where == "source.outlet"
    assert problem.line == line_number(text, value)
    assert problem.message == f"the YAML tag '{tag}' is not allowed in a story file; remove it"


def test_the_plain_tags_are_allowed():
    text = MINIMAL.replace("en: A meeting}", "en: !!str 2025}")
    assert parse_story(text).events[0].title.get("en") == "2025"


@pytest.mark.parametrize("date", ["٢٠٢٥-10-27", "2025-١٠-27", "２０２５", "۲۰۲۵-10"])
def test_dates_take_ascii_digits_only(date):
    with pytest.raises(DateParseError, match="is not a story date"):
        PartialDate.parse(date)
    [problem] = problems(MINIMAL.replace("    date: 2025-10-27", f'    date: "{date}"'))
    assert problem.where == "events[0].date (event 'meeting')"


@pytest.mark.parametrize(
    ("escape", "code"), [("\\0", "0000"), ("\\e", "001B"), ("\\a", "0007"), ("\\r", "000D")]
)
def test_control_characters_in_text_are_refused(escape, code):
    text = MINIMAL.replace("en: A meeting}", f'en: "A meet{escape}ing"}}')
    [problem] = problems(text)
    assert problem.where == "events[0].title.en (event 'meeting')"
    assert problem.line == line_number(text, "A meet")
    assert problem.message == f"contains the control character U+{code}, which text may not contain"


def test_tabs_and_newlines_in_text_are_fine():
    text = MINIMAL.replace("en: A meeting}", 'en: "A\\tmeeting\\nof two"}')
    assert parse_story(text).events[0].title.get("en") == "A\tmeeting\nof two"


@pytest.mark.parametrize("key", ["12", "true", "1.5", "null"])
def test_a_key_that_is_not_text_is_reported_on_its_own_line(key):
    text = MINIMAL + f"{key}: twelve\n"
    [problem] = problems(text)
    assert problem.line == len(text.splitlines())
    assert problem.where == key
    assert problem.message.startswith("a field name must be text, not ")


# --- limits on what is printed ------------------------------------------------------------------


def test_a_huge_bad_value_makes_a_short_message():
    text = MINIMAL.replace("    date: 2025-10-27", f'    date: "{"9" * 1_000_000}"')
    [problem] = problems(text)
    assert len(problem.message) < 300
    assert "'" + "9" * 79 + "…'" in problem.message


def test_twenty_thousand_problems_make_a_screenful():
    many = [
        Problem(f"events[{i}].places[0]", "unknown place id 'nowhere'", i) for i in range(20_000)
    ]
    message = str(StoryError("many.yaml", many))
    assert message.startswith("many.yaml: 20,000 problems\n")
    assert message.count("\n  - ") == 50
    assert message.endswith("\n  … and 19,950 more")
    assert len(message) < 10_000


def test_a_file_with_many_problems_lists_fifty():
    event = MINIMAL.split("events:\n")[1]
    events = "".join(
        event.replace("id: meeting", f"id: m{i}").replace("[moscow]", "[nowhere]")
        for i in range(120)
    )
    with pytest.raises(StoryError) as caught:
        parse_story(MINIMAL.split("events:\n")[0] + "events:\n" + events, "many.yaml")
    assert len(caught.value.problems) == 120
    assert str(caught.value).endswith("unknown place id 'nowhere' (not in places)\n  … and 70 more")


def test_the_cli_never_prints_terminal_control_characters(capsys, tmp_path):
    path = tmp_path / "story.yaml"
    hostile = "\\e[2J\\e]0;owned\\a\\x9b31m\\u2028\\u202eevil\\u2066"
    path.write_text(MINIMAL.replace("[moscow]", f'["{hostile}"]'), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    printed = out + err
    for character in "\x1b\x07\x9b\u2028\u202e\u2066":
        assert character not in printed
    assert "\\u001b[2J" in printed and "\\u202eevil" in printed


def test_many_unresolved_places_make_a_screenful():
    missing = [Unresolved(f"p{i}", ("x" * 10_000,), "RU", ()) for i in range(2_000)]
    message = str(UnresolvedPlaces(missing))
    assert message.count("\n  - place ") == 50
    assert message.endswith("\n  … and 1,950 more")
    assert len(message) < 10_000
