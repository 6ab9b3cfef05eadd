"""A file written whole: under a temporary name beside it, then renamed into place.

Whoever reads it (another process, a browser, a restart) sees the whole file or none, and a
failure mid-way leaves no half file behind. The commands' outputs (``storymap.output``) and
the files kept for a server (``storymap.precompressed``, the light page) are all written so.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_whole(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` (in an existing folder), all or nothing; readable by all."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
