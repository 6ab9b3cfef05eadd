"""The page frame's files: a page is written once under its content's name, and pages nobody
asked for in a day are removed when a new one is written."""

from __future__ import annotations

import os
import time

import pytest

from storymap.web.policy import meta
from storymap_ui import page_frame


@pytest.fixture
def frame(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))
    page_frame._component.cache_clear()
    yield page_frame
    page_frame._component.cache_clear()


def test_a_page_is_written_once_under_its_contents_name(frame) -> None:
    first = frame.page_file("<!doctype html><p>one</p>")
    again = frame.page_file("<!doctype html><p>one</p>")
    other = frame.page_file("<!doctype html><p>two</p>")
    assert first == again != other
    assert first.read_text("utf-8") == "<!doctype html><p>one</p>"
    assert not list(first.parent.glob("*.tmp"))
    index = (frame.frame_dir() / "index.html").read_text("utf-8")
    assert meta(frame.FRAME_POLICY) in index and "<script>" not in index


def test_pages_nobody_asked_for_in_a_day_are_removed(frame) -> None:
    old = frame.page_file("<!doctype html><p>old</p>")
    kept = frame.page_file("<!doctype html><p>kept</p>")
    day_ago = time.time() - frame.KEPT_S - 60
    os.utime(old, (day_ago, day_ago))
    frame.page_file("<!doctype html><p>new</p>")
    assert not old.exists() and kept.exists()
