"""Saving a story into the stories folder: never over a newer file without asking, and
always keeping the version it replaces.

The page remembers when it read a story file (its modification time). If the file on
disk changed after that, someone else saved it: ``NewerOnDisk`` asks the author first.
Every file replaced is first copied to ``<folder>/.versions/<id>-<time>.yaml``; the new
text is written beside the file and renamed over it, so readers never see half a file.
Nothing is written through a symbolic link: a story file or a versions folder that is a
link is refused, and a version is created as a new file, never over one already there.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from storymap.errors import StorymapError

VERSIONS = ".versions"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


class SaveError(StorymapError):
    """The story cannot be saved here; the message says why."""


class NewerOnDisk(SaveError):
    """The file on disk changed after the story was read (or a story with this id exists)."""

    def __init__(self, path: Path, mtime_ns: int) -> None:
        self.path = path
        self.mtime_ns = mtime_ns
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(mtime_ns / 1e9))
        super().__init__(f"{path.name} on disk was changed at {when}, after this story was read")


@dataclass(frozen=True)
class SaveResult:
    path: Path
    mtime_ns: int  # of the file now on disk: the page reads the story "at" this time
    previous: Path | None  # where the replaced version was kept


def target(folder: Path, story_id: str) -> Path:
    """``<folder>/<story_id>.yaml``; the id must be a story id (no path can be smuggled in)."""
    if not isinstance(story_id, str) or not _SLUG.fullmatch(story_id):
        raise SaveError(
            f"'{story_id}' is not a story id (a-z, 0-9 and -), so it cannot name a file"
        )
    return folder / f"{story_id}.yaml"


def save_story(
    folder: Path,
    story_id: str,
    text: str,
    read_at_ns: int | None,
    overwrite: bool = False,
) -> SaveResult:
    """Write ``text`` as ``<folder>/<story_id>.yaml``.

    ``read_at_ns`` is the modification time of the file when the author opened it (None
    for a story that did not come from this file): a file changed since, or one this
    story did not come from, is replaced only with ``overwrite``.
    """
    if not folder.is_dir():
        raise SaveError(f"the folder {folder} does not exist")
    path = target(folder, story_id)
    if path.is_symlink():
        raise SaveError(
            f"{path.name} in {folder} is a symbolic link: not saved (saving would copy and "
            "replace what it points to; replace the link with the story file itself)"
        )
    previous = None
    if path.exists():
        mtime_ns = path.stat().st_mtime_ns
        if not overwrite and (read_at_ns is None or mtime_ns > read_at_ns):
            raise NewerOnDisk(path, mtime_ns)
        previous = keep_version(path)
    write_atomically(path, text)
    return SaveResult(path, path.stat().st_mtime_ns, previous)


def keep_version(path: Path) -> Path:
    """Copy ``path`` into the versions folder beside it, named by its id and the time now."""
    versions = path.parent / VERSIONS
    if versions.is_symlink() or (versions.exists() and not versions.is_dir()):
        raise SaveError(
            f"{versions} is a symbolic link or not a folder: not saved (the replaced version "
            "would be written elsewhere; make it a folder of its own)"
        )
    versions.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime())
    number = 1
    while True:
        tail = f"-{number}" if number > 1 else ""
        copy = versions / f"{path.stem}-{stamp}{tail}.yaml"
        try:  # a new file, never through a link or over a file already there
            handle = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except FileExistsError:
            number += 1
            continue
        break
    with os.fdopen(handle, "wb") as output, path.open("rb") as source:
        shutil.copyfileobj(source, output)
    shutil.copystat(path, copy)
    return copy


def write_atomically(path: Path, text: str, mode: int = 0o644) -> None:
    """Write a hidden temporary file beside ``path``, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as output:
            output.write(text)
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
