"""The server hands freed memory back to the system: one thread per process, started by
the first page that asks, calling ``malloc_trim`` again and again."""

from __future__ import annotations

import threading

from storymap_ui import memory


def test_one_thread_per_process_keeps_handing_memory_back(monkeypatch):
    trimmed = threading.Semaphore(0)
    pads: list[int] = []

    def trim(pad: int) -> None:
        pads.append(pad)
        trimmed.release()

    monkeypatch.setattr(memory, "_started", threading.Event())
    monkeypatch.setattr(memory, "_stop", threading.Event())
    monkeypatch.setattr(memory, "_malloc_trim", lambda: trim)
    before = _trimmers()
    memory.keep_returning(every_s=0.01)
    memory.keep_returning(every_s=0.01)  # a second page: no second thread
    assert trimmed.acquire(timeout=60) and trimmed.acquire(timeout=60)  # again and again
    assert _trimmers() == before + 1
    memory._stop.set()
    assert set(pads) == {0}


def test_without_glibc_nothing_is_started(monkeypatch):
    monkeypatch.setattr(memory, "_started", threading.Event())
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    before = _trimmers()
    memory.keep_returning(every_s=0.01)
    assert _trimmers() == before


def _trimmers() -> int:
    return [t.name for t in threading.enumerate()].count("storymap-trim")
