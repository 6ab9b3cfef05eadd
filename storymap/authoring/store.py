"""The author's draft, kept on the server so that nothing is lost, and only for its owner.

A draft is named by a random token the server mints (``new_token``) and the page keeps in
its address (``?draft=…``), so a reload, a second tab or a crash of the browser finds it
again. Each draft is one JSON file in ``<cache>/drafts/`` (``STORYMAP_CACHE``, default
``~/.cache/storymap``), written atomically (a temporary file renamed over the old one).

A draft belongs to the browser that made it: the file records its owner (the hash of a
secret the server gave that browser, ``storymap.authoring.owners``), and only the owner,
or someone holding one of its share keys (a read-only key, an edit key: each its own
server-minted secret, revoked by the owner), may read or write it (``access``). A token
in an address is never adopted: a draft is created only by saving, under a token the
server made. Every write carries a revision number: a writer that read revision 4 may not
replace revision 5 that another tab wrote meanwhile (``DraftConflict``), unless the
author says so.

Limits, each refused in one line: a draft of at most ``MAX_DRAFT_BYTES``, at most
``MAX_DRAFTS`` drafts and ``MAX_FOLDER_BYTES`` in the folder (a new draft is refused, an
old one is never removed for it), and at most ``MAX_DRAFTS_PER_OWNER`` per browser (its
oldest is removed to make room, and the page says so). Drafts untouched for
``KEEP_DAYS`` are removed (``prune``), also while the server runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import hmac
import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storymap.authoring.saving import write_atomically
from storymap.authoring.store_limits import (
    DraftError,
    check_room,
    make_room,
    megabytes,
    read_head,
)
from storymap.settings import cache_folder

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_DRAFT_BYTES = 24 * 1024 * 1024  # a 5 MB story file, its raw text and an article, as JSON
KEEP_DAYS = 30  # drafts untouched this long are removed
SHARE_KINDS = ("read", "edit")


def drafts_folder() -> Path:
    """``$STORYMAP_CACHE/drafts``, else ``~/.cache/storymap/drafts``."""
    return cache_folder() / "drafts"


class DraftForbidden(DraftError):
    """This browser is not the draft's owner and brings no key that opens it for writing."""


class DraftConflict(DraftError):
    """Another tab or window saved this draft after it was read here."""

    def __init__(self, revision: int, updated: float) -> None:
        self.revision = revision
        self.updated = updated
        when = time.strftime("%H:%M:%S", time.localtime(updated))
        super().__init__(f"this draft was changed in another tab or window at {when}")


@dataclass(frozen=True)
class Saved:
    """A draft as stored: its content, its revision and when it was written (epoch seconds),
    its owner (None for a draft kept before owners were recorded) and its share keys."""

    record: dict[str, Any]
    revision: int
    updated: float
    owner: str | None = None
    shares: dict[str, str] = field(default_factory=dict)
    removed: str | None = None  # what was removed to keep it (the owner's oldest draft)

    def access(self, owner: str, key: str | None = None) -> str | None:
        """'owner', 'edit' or 'read' for a visitor with this owner id and share key; None
        when neither opens it. A draft with no recorded owner is the first visitor's."""
        if self.owner is None or hmac.compare_digest(self.owner, owner):
            return "owner"
        for kind in ("edit", "read"):
            shared = self.shares.get(kind)
            if key and shared and hmac.compare_digest(shared, key):
                return kind
        return None


def new_token() -> str:
    return secrets.token_urlsafe(18)


def is_token(value: object) -> bool:
    return isinstance(value, str) and bool(TOKEN.fullmatch(value))


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
        return _saved(stored, stored["record"])

    def _head(self, token: str) -> Saved | None:
        """The stored draft's revision, time, owner and share keys, without its content
        (``Saved.record`` is empty): what a save checks, read from the start of the file
        instead of the whole draft (a sixth of an author's edit, read and parsed again)."""
        head = read_head(self._path(token))
        revision, updated = (head or {}).get("revision"), (head or {}).get("updated")
        if not (isinstance(revision, int) and isinstance(updated, int | float)):
            return self.load(token)  # not as this store writes a draft: read it whole
        return _saved(head, {})

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

    def save(
        self,
        token: str,
        record: dict[str, Any],
        revision: int,
        *,
        owner: str,
        key: str | None = None,
        force: bool = False,
    ) -> Saved:
        """Store ``record`` as the revision after ``revision``, the one this writer read.

        ``owner`` (and ``key``, a share key from the link) say who writes: the owner or an
        edit key may (``DraftForbidden`` otherwise). A token with no draft yet makes a new
        draft of ``owner``'s, within the limits. Raises ``DraftConflict`` when the stored
        draft is newer than ``revision`` (another tab saved it), unless ``force``.
        """
        self._path(token)  # a token, or DraftError
        body = json.dumps(record, ensure_ascii=False, default=_plain).encode("utf-8")
        if len(body) > MAX_DRAFT_BYTES:
            raise DraftError(
                f"the draft is {megabytes(len(body))}, larger than the "
                f"{megabytes(MAX_DRAFT_BYTES)} a draft may be, and cannot be kept"
            )
        with self._locked():
            current = self._head(token)
            removed = None
            if current is None:
                removed = make_room(self.folder, owner, len(body))
            elif current.access(owner, key) not in ("owner", "edit"):
                raise DraftForbidden("this draft belongs to another browser and was not changed")
            elif current.revision > revision and not force:
                raise DraftConflict(current.revision, current.updated)
            else:
                check_room(self.folder, len(body) - _size(self._path(token)))
            new = Saved(
                record,
                max(revision, current.revision if current else 0) + 1,
                time.time(),
                current.owner if current and current.owner else owner,
                current.shares if current else {},
                removed,
            )
            self._write(token, new, body)
        return new

    def access(self, token: str, owner: str, key: str | None = None) -> str | None:
        """'owner', 'edit', 'read' or None (no such draft, or not for this visitor), read
        from the start of the draft's file only."""
        head = read_head(self._path(token))
        if head is None:
            return None
        shares = head.get("shares")
        return Saved(
            {},
            0,
            0.0,
            head.get("owner") if isinstance(head.get("owner"), str) else None,
            dict(shares) if isinstance(shares, dict) else {},
        ).access(owner, key)

    def give(self, token: str, owner: str, to: str) -> None:
        """The owner's draft becomes ``to``'s (the same browser, under the secret that
        another of its tabs set first); nothing happens to anyone else's draft."""
        with self._locked():
            current = self.load(token)
            if current is None or current.owner != owner:
                return
            new = Saved(current.record, current.revision, current.updated, to, current.shares)
            self._write(token, new, json.dumps(current.record, ensure_ascii=False).encode())

    def share(self, token: str, kind: str, owner: str) -> str:
        """A new share key of ``kind`` ('read' or 'edit') for the owner's draft; it replaces
        the one before, which stops working."""
        return self._set_share(token, kind, owner, secrets.token_urlsafe(18))

    def revoke(self, token: str, kind: str, owner: str) -> None:
        """The ``kind`` share key stops working."""
        self._set_share(token, kind, owner, None)

    def _set_share(self, token: str, kind: str, owner: str, value: str | None) -> str:
        if kind not in SHARE_KINDS:
            raise ValueError(f"not a kind of share: {kind!r}")
        with self._locked():
            current = self.load(token)
            if current is None or current.access(owner) != "owner":
                raise DraftForbidden("only the draft's owner shares it")
            shares = {k: v for k, v in current.shares.items() if k != kind}
            if value is not None:
                shares[kind] = value
            new = Saved(current.record, current.revision, current.updated, owner, shares)
            body = json.dumps(current.record, ensure_ascii=False, default=_plain).encode()
            self._write(token, new, body)
        return value or ""

    def _write(self, token: str, saved: Saved, body: bytes) -> None:
        head = json.dumps(
            {
                "revision": saved.revision,
                "updated": saved.updated,
                "owner": saved.owner,
                "shares": saved.shares,
            }
        )
        text = f'{head[:-1]}, "record": {body.decode("utf-8")}}}'
        write_atomically(self._path(token), text, mode=0o600)

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


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _plain(value: Any) -> Any:
    """JSON for what YAML may hold besides JSON's own types (dates as their text)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be kept in a draft")


def _saved(stored: dict, record: dict[str, Any]) -> Saved:
    """A draft as stored (its whole file, or only its head with ``record`` empty): the
    owner only if a string, the share keys only of the kinds a draft has."""
    owner = stored.get("owner")
    shares = stored.get("shares")
    return Saved(
        record,
        int(stored.get("revision", 0)),
        float(stored.get("updated", 0)),
        owner if isinstance(owner, str) else None,
        {k: v for k, v in shares.items() if k in SHARE_KINDS and isinstance(v, str)}
        if isinstance(shares, dict)
        else {},
    )
