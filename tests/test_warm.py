"""The server's start (storymap_ui.warm): the light page's files first, the library's import
only once the light page's requests are served, then the author page's modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import storymap_ui.light as light
import storymap_ui.warm as warm

ROOT = Path(__file__).resolve().parent.parent


def test_the_light_page_goes_first_and_the_import_waits_for_its_requests(monkeypatch) -> None:
    done: list[str] = []
    polls = iter([False, False, True])  # two polls while a light request is served

    class Shelf:
        def stories(self) -> list[Path]:
            return [Path("story.yaml")]

        def warm(self, story: Path) -> str:
            done.append(f"light page of {story}")
            return "story"

    monkeypatch.setattr(light, "shelf", Shelf)
    monkeypatch.setattr(light, "expect_readers", lambda: done.append("start counts"))
    monkeypatch.setattr(light, "quiet", lambda: done.append("poll") or next(polls))
    monkeypatch.setattr(warm.time, "sleep", lambda s: done.append("wait"))
    monkeypatch.setattr(warm, "warm_reader", lambda: done.append("reader"))
    monkeypatch.setattr(warm, "warm_author", lambda: done.append("author"))
    warm.warm_up()
    assert done == ["start counts", "light page of story.yaml", "poll", "wait", "poll", "wait", "poll",
                    "reader", "author"]  # fmt: skip


def test_the_import_does_not_wait_for_ever(monkeypatch) -> None:
    clock = iter(range(100))
    monkeypatch.setattr(warm.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(warm.time, "sleep", lambda s: None)
    warm.wait_until(lambda: False, 5)  # returns once past the limit
    assert next(clock) < 10


@pytest.mark.parametrize("busy", [1, 0])
def test_the_light_routes_are_quiet_only_when_idle_a_moment(monkeypatch, busy: int) -> None:
    monkeypatch.setitem(light._activity, "busy", busy)
    monkeypatch.setitem(light._activity, "last", light.time.monotonic() - 10)
    assert light.quiet() is (busy == 0)
    monkeypatch.setitem(light._activity, "last", light.time.monotonic())
    assert not light.quiet()


def test_the_start_counts_as_a_light_request(monkeypatch) -> None:
    """Right after a start the import waits a moment for a light page's first request."""
    monkeypatch.setitem(light._activity, "busy", 0)
    monkeypatch.setitem(light._activity, "last", float("-inf"))
    assert light.quiet()
    light.expect_readers()
    assert not light.quiet()


def test_the_author_pages_modules_are_imported() -> None:
    code = (
        "import sys; from storymap_ui.warm import warm_author; warm_author(); "
        "print(sorted(m for m in sys.modules if m.startswith('storymap_ui.author_')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    wanted = sorted(f"storymap_ui.{p.stem}" for p in (ROOT / "storymap_ui").glob("author_*.py"))
    assert out.strip() == repr(wanted)
