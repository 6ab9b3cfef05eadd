"""The author's draft, kept on the server per session so that nothing is lost.

A draft is named by a random token that the page keeps in its address (``?draft=…``),
so a reload, a second tab or a crash of the browser finds it again. Each draft is one
JSON file in ``<cache>/drafts/`` (``STORYMAP_CACHE``, default ``~/.cache/storymap``),
written atomically (a temporary file renamed over the old one). Every write carries a
revision number: a writer that read revision 4 may not replace revision 5 that another
tab wrote meanwhile (``DraftConflict``), unless the author says so.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storymap.authoring.saving import write_atomically
from storymap.errors import StorymapError
from storymap.settings import cache_folder

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_DRAFT_BYTES = 24 * 1024 * 1024  # a 5 MB story file, its raw text and an article, as JSON
KEEP_DAYS = 30  # drafts untouched this long are removed


def drafts_folder() -> Path:
    """``$STORYMAP_CACHE/drafts``, else ``~/.cache/storymap/drafts``."""
    return cache_folder() / "drafts"


class DraftError(StorymapError):
    """A draft that cannot be kept (too big, the folder cannot be written)."""


class DraftConflict(DraftError):
    """Another tab or window saved this draft after it was read here."""

    def __init__(self, revision: int, updated: float) -> None:
        self.revision = revision
        self.updated = updated
        when = time.strftime("%H:%M:%S", time.localtime(updated))
        super().__init__(f"this draft was changed in another tab or window at {when}")


@dataclass(frozen=True)
class Saved:
    """A draft as stored: its content, its revision and when it was written (epoch seconds)."""

    record: dict[str, Any]
    revision: int
    updated: float


def new_token() -> str:
    return secrets.token_urlsafe(18)


def is_token(value: object) -> bool:
    return isinstance(value, str) and bool(TOKEN.match(value))


_thread_lock = threading.Lock()


class DraftStore:
    """Drafts in one folder; safe for the threads of one server and for several servers."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or drafts_folder()

    def _path(self, token: str) -> Path:
        if not is_token(token):
            raise DraftError("not a draft token")
        return self.folder / f"{token}.json"

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with _thread_lock, open(self.folder / ".lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def load(self, token: str) -> Saved | None:
        """The stored draft, or None if there is none (or it cannot be read)."""
        path = self._path(token)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or not isinstance(stored.get("record"), dict):
            return None
        return Saved(
            stored["record"], int(stored.get("revision", 0)), float(stored.get("updated", 0))
        )

    def stamp(self, token: str) -> int:
        """The draft file's modification time (ns), 0 if none: a cheap "has it changed?"."""
        try:
            return self._path(token).stat().st_mtime_ns
        except OSError:
            return 0

    def revision(self, token: str) -> int:
        """The stored revision (0 when there is no draft yet)."""
        saved = self.load(token)
        return saved.revision if saved else 0

    def save(self, token: str, record: dict[str, Any], revision: int, force: bool = False) -> Saved:
        """Store ``record`` as the revision after ``revision``, the one this writer read.

        Raises ``DraftConflict`` when the stored draft is newer than ``revision``
        (another tab saved it), unless ``force``.
        """
        path = self._path(token)
        body = json.dumps(record, ensure_ascii=False, default=_plain)
        if len(body.encode("utf-8")) > MAX_DRAFT_BYTES:
            raise DraftError(
                f"the draft is larger than {MAX_DRAFT_BYTES // (1024 * 1024)} MB and cannot be kept"
            )
        with self._locked():
            current = self.load(token)
            if current is not None and current.revision > revision and not force:
                raise DraftConflict(current.revision, current.updated)
            new = Saved(record, max(revision, current.revision if current else 0) + 1, time.time())
            head = json.dumps({"revision": new.revision, "updated": new.updated})
            write_atomically(path, f'{head[:-1]}, "record": {body}}}', mode=0o600)
        return new

    def prune(self, keep_days: float = KEEP_DAYS) -> int:
        """Remove drafts untouched for ``keep_days``; how many were removed."""
        if not self.folder.is_dir():
            return 0
        cutoff = time.time() - keep_days * 86400
        removed = 0
        for path in self.folder.glob("*.json"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
        return removed


def _plain(value: Any) -> Any:
    """JSON for what YAML may hold besides JSON's own types (dates as their text)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be kept in a draft")
