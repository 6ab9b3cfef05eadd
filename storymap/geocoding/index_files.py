"""Where the gazetteer's index file lives, and how processes share a folder of them.

Several processes may share one folder: an app's sessions, test servers each with a cache
folder of their own, two checkouts or two versions of storymap. So:

- the index file is named by everything it is built from (``city_index.index_file_name``),
  and a process only ever reads the file of its own name;
- a build holds the folder's lock file (``fcntl.flock``): processes arriving together wait
  for one build and then read it, instead of building one each;
- a build writes a temporary file and renames it into place, so no reader sees half an
  index;
- after a build the folder is tidied: index files of other versions that nobody has
  opened for ``PRUNE_AFTER_DAYS`` (opening one refreshes its access time) and temporary
  files of builds that died an hour ago or more are removed. A file another version is
  using is recent, so two checkouts sharing ``~/.cache/storymap`` never rebuild each
  other's index.

The folders searched are ``base.gazetteer_folders()``: an index built ahead of time
(``python -m storymap gazetteer --build``, which ``make`` runs) is found there by every
process, whatever its own cache folder.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on this platform: builds are not serialised, only atomic
    fcntl = None  # type: ignore[assignment]

PRUNE_AFTER_DAYS = 30
DEAD_BUILD_SECONDS = 3600
LOCK_NAME = ".gazetteer.lock"


@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's build lock (waiting for another process's build to finish)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def mark_used(path: Path) -> None:
    """Refresh the file's access time, which says it is in use (a read-only folder: no harm)."""
    with contextlib.suppress(OSError):
        os.utime(path, (time.time(), path.stat().st_mtime))


def last_used(path: Path) -> float:
    """When the file was last opened or written (seconds since the epoch)."""
    status = path.stat()
    return max(status.st_atime, status.st_mtime)


def tidy(folder: Path, keep: Path, now: float | None = None) -> list[Path]:
    """Remove other versions' index files unused for ``PRUNE_AFTER_DAYS`` and dead builds'
    temporary files; return what was removed."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    candidates = [
        *((p, PRUNE_AFTER_DAYS * 86400) for p in folder.glob("gazetteer-*.sqlite")),
        *((p, DEAD_BUILD_SECONDS) for p in folder.glob(".gazetteer-*.tmp")),
    ]
    for path, age in candidates:
        if path == keep:
            continue
        with contextlib.suppress(OSError):
            if now - last_used(path) > age:
                path.unlink()
                removed.append(path)
    return removed
