"""Heavy work runs in a process of its own: its answer comes back, a refusal keeps its own
words, and a deadline, a crash, a memory hog or a busy server each end in one line."""

from __future__ import annotations

import os
import threading
import time

import pytest

from storymap import worker
from storymap.draft.make import parse_published
from storymap.worker import WorkFailed, run_apart


def test_the_answer_comes_back_from_another_process():
    assert run_apart(os.getpid, what="the pid") != os.getpid()
    assert str(run_apart(parse_published, "2025-10-27", what="a day")) == "2025-10-27"


def test_a_refusal_keeps_its_own_words():
    with pytest.raises(WorkFailed) as refused:
        run_apart(parse_published, "27/10/2025", what="a day")
    assert str(refused.value) == (
        "--published '27/10/2025' is not a day: write it as YYYY-MM-DD, e.g. 2025-10-27"
    )


def test_work_past_its_deadline_is_stopped():
    with pytest.raises(WorkFailed) as stopped:
        run_apart(time.sleep, 600, what="a long nap", deadline_s=1)
    assert str(stopped.value) == "a long nap took longer than 1 s and was stopped"


def test_a_worker_that_dies_or_runs_out_of_memory_is_one_line():
    with pytest.raises(
        WorkFailed, match=r"^a crash stopped before it finished \(its process ended, code 3\)$"
    ):
        run_apart(os._exit, 3, what="a crash")
    with pytest.raises(WorkFailed, match=r"^a hog failed \(it needed more than 4 GB of memory\)$"):
        run_apart(bytearray, 8 * 1024**3, what="a hog")
    with pytest.raises(WorkFailed, match=r"^a bug failed \(ZeroDivisionError\)$"):
        run_apart(divmod, 1, 0, what="a bug")


def test_the_worker_reads_the_settings_the_caller_has_now(monkeypatch):
    monkeypatch.setenv("STORYMAP_CACHE", "/a/folder/set/after/the/server/started")
    assert run_apart(os.getenv, "STORYMAP_CACHE", what="a setting") == (
        "/a/folder/set/after/the/server/started"
    )


def test_work_that_finds_no_free_worker_before_its_deadline_is_refused(monkeypatch):
    busy = threading.BoundedSemaphore(1)
    busy.acquire()
    monkeypatch.setattr(worker, "_slots", busy)
    with pytest.raises(WorkFailed) as refused:
        run_apart(os.getpid, what="the draft of a.txt", deadline_s=0.2)
    assert str(refused.value) == (
        "the draft of a.txt: the server is busy with other work; try again in a minute"
    )
