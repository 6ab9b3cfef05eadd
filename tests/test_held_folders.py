"""A server's preview folder is swept once its process has ended, never while it runs
(a lock the operating system lets go, not the process table)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from storymap.held_folders import MARK, UNMARKED_AGE_S, abandoned, hold, sweep

HOLDER = """
import sys
from pathlib import Path
from storymap.held_folders import hold
hold(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.read()
"""


def _holder(folder: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_running_process_keeps_its_folder_and_an_ended_one_loses_it(tmp_path):
    running, ended = tmp_path / "p1", tmp_path / "p2"
    alive = _holder(running)
    gone = _holder(ended)
    gone.communicate("")  # the process ends; its lock goes with it
    try:
        assert not abandoned(running)
        assert abandoned(ended)
        assert sweep(tmp_path, "p*") == [ended]
        assert running.is_dir() and not ended.exists()
    finally:
        alive.communicate("")
    assert sweep(tmp_path, "p*") == [running]


def test_this_process_never_sweeps_its_own_folder(tmp_path):
    own = hold(tmp_path / f"p{os.getpid()}")
    assert (own / MARK).exists()
    assert hold(own) == own  # held once, however often asked
    assert sweep(tmp_path, "p*") == []
    assert own.is_dir()


def test_a_folder_from_before_the_marks_goes_only_when_old(tmp_path):
    old, new = tmp_path / "p3", tmp_path / "p4"
    old.mkdir()
    new.mkdir()
    past = time.time() - UNMARKED_AGE_S - 60
    os.utime(old, (past, past))
    assert sweep(tmp_path, "p*") == [old]
    assert new.is_dir()
