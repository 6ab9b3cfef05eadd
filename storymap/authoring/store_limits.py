"""How much the drafts folder holds: a new draft is refused when the folder is full, and a
browser with too many drafts loses its oldest (``storymap.authoring.store`` asks, under
its lock).

The folder is shared by every browser, so a full folder refuses the new draft and never
removes someone else's to make room. A browser's own count is read from the first bytes
of each draft file (its owner is written before its content).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path

from storymap.errors import StorymapError

MAX_DRAFTS = 2000  # in the folder, every browser's together
MAX_FOLDER_BYTES = 1024**3
MAX_DRAFTS_PER_OWNER = 50
_HEAD_BYTES = 1024  # a draft file starts with its revision, time, owner and share keys
_NAME = re.compile(r"[A-Za-z0-9_-]{16,64}\.json")


class DraftError(StorymapError):
    """A draft that cannot be kept (too big, the folder full or not writable)."""


def megabytes(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB"


def drafts_in(folder: Path) -> list[os.DirEntry[str]]:
    """The draft files in ``folder`` (none when it cannot be read)."""
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if _NAME.fullmatch(entry.name)]
    except OSError:
        return []


def check_room(folder: Path, growth: int, new: bool = False) -> list[os.DirEntry[str]]:
    """The drafts in the folder; ``DraftError`` when one more, or ``growth`` bytes more,
    would pass the folder's limits (nothing is removed from others to make room)."""
    drafts = drafts_in(folder)
    if new and len(drafts) >= MAX_DRAFTS:
        raise DraftError(
            f"the server keeps {len(drafts):,} drafts, the most it can: this draft is not "
            "kept; try again later"
        )
    used = sum(_size_of(entry) for entry in drafts)
    if growth > 0 and used + growth > MAX_FOLDER_BYTES:
        raise DraftError(
            f"the drafts on the server take {megabytes(used)}, the most they may "
            f"({megabytes(MAX_FOLDER_BYTES)}): this change is not kept; try again later"
        )
    return drafts


def make_room(folder: Path, owner: str, size: int) -> str | None:
    """Room for a new draft of ``owner``'s: the folder's limits, then the owner's, whose
    oldest draft is removed when they have ``MAX_DRAFTS_PER_OWNER``. Says what went."""
    drafts = check_room(folder, size, new=True)
    own = [entry for entry in drafts if _owner_of(entry) == owner]
    if len(own) < MAX_DRAFTS_PER_OWNER:
        return None
    oldest = min(own, key=_modified)
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(_modified(oldest)))
    with contextlib.suppress(OSError):
        os.unlink(oldest.path)
    return (
        f"this browser keeps at most {MAX_DRAFTS_PER_OWNER} drafts on the server: its "
        f"oldest, last changed {when}, was removed"
    )


def _size_of(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat().st_size
    except OSError:
        return 0


def _modified(entry: os.DirEntry[str]) -> float:
    try:
        return entry.stat().st_mtime
    except OSError:
        return 0.0


def read_head(path: str | Path) -> dict | None:
    """What a draft file says before its content (revision, time, owner, share keys),
    read without reading the draft; None when there is no such file or no such start."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(_HEAD_BYTES)
        head = json.loads(start[: start.index(b', "record": ')] + b"}")
    except (OSError, ValueError):
        return None
    return head if isinstance(head, dict) else None


def _owner_of(entry: os.DirEntry[str]) -> str | None:
    """The owner recorded at the start of a draft file."""
    owner = (read_head(entry.path) or {}).get("owner")
    return owner if isinstance(owner, str) else None
