"""Folders that belong to a running process, and the sweep of those whose process ended.

The app's preview data is kept per server process (a folder each), and a server that
ends never cleans up after itself. Whether a folder's process still runs is told by a
lock, not by the process table: the process holds an exclusive lock on the folder's
``.held`` file for as long as it lives, and the operating system lets the lock go when
the process ends, however it ends. Nothing here reads ``/proc``, and a reused process id
does not keep a dead server's folder alive.

Where there are no advisory locks (``fcntl`` is POSIX), folders are held but never swept.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

MARK = ".held"
UNMARKED_AGE_S = 24 * 3600  # a folder from before marks: removed when untouched this long

_held: dict[Path, BinaryIO] = {}  # this process's folders and their open lock files


def hold(folder: Path) -> Path:
    """Create ``folder`` if needed and hold it for the life of this process (idempotent)."""
    folder = folder.resolve()
    if folder not in _held:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / MARK).open("ab")
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        _held[folder] = handle
    return folder


def abandoned(folder: Path, now: float | None = None) -> bool:
    """Whether no running process holds ``folder`` (its process has ended)."""
    if fcntl is None or folder.resolve() in _held:
        return False
    mark = folder / MARK
    try:
        handle = mark.open("rb")
    except FileNotFoundError:
        age = (time.time() if now is None else now) - folder.stat().st_mtime
        return age > UNMARKED_AGE_S
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a running process holds it
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return True


def sweep(parent: Path, pattern: str) -> list[Path]:
    """Remove the folders under ``parent`` matching ``pattern`` that no process holds."""
    removed = []
    for folder in parent.glob(pattern):
        if folder.is_dir() and abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
