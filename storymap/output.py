"""What a command prints and writes: printed safely, written whole or not at all.

Everything printed passes through ``messages.for_terminal``, so a story's text
cannot send escape sequences to the terminal. An output path is checked before any
work is done, and written to a temporary file renamed into place, so a failure
never leaves half a file (or an over-limit story) behind.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from storymap.errors import StorymapError
from storymap.files import write_whole
from storymap.messages import for_terminal


class CommandError(StorymapError):
    """A command that cannot do what it was asked; the message says why."""


def say(text: str, stream: TextIO | None = None) -> None:
    """The one way the commands print: control characters are written out, never sent."""
    print(for_terminal(text), file=stream or sys.stdout)


def os_message(exc: OSError) -> str:
    """'/path/x.csv: No such file or directory': the path and the system's reason."""
    where = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    return f"{where}: {reason}" if where else reason


def check_output(path: Path, folder_wanted: bool = False) -> None:
    """Refuse, before any work is done, an output path that cannot be written."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"cannot write {path}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise CommandError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir() and not folder_wanted:
        raise CommandError(f"cannot write {path}: it is a folder; give a file name")
    if path.exists() and not path.is_dir() and folder_wanted:
        raise CommandError(f"cannot write {path}: it is a file; give a folder for the site")


def write_output(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path`` and rename it: all or nothing."""
    check_output(path)
    write_whole(path, content)
