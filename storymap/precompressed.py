"""Files kept gzipped once, for a server to send as they are.

Streamlit puts Starlette's ``GZipMiddleware`` in front of every route but its own static
files, and it compresses a response again on every request: the light page's data of a
5,000-event story are about 4 MB of JSON, a good part of a second of a core each time, and
the small scripts wait behind them. A story version's files never change (their folder is
named by the version) and the engine's change only with the code, so each is compressed
once, when first needed, and kept as ``<name>.gz``: beside a version's file, and for the
engine in a folder named by its files' content (``engine_folder``). The engine's scripts
are also kept as one file (``bundle``): the same code in the same order, one request
instead of seven.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from pathlib import Path

from storymap.files import write_whole

SUFFIX = ".gz"
LEVEL = 9  # paid once per file, so the smallest output
MIN_BYTES = 1024  # smaller files are sent as they are (a gzip header is not worth it)
COMPRESSIBLE = frozenset({".html", ".js", ".css", ".json", ".geojson"})


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header takes gzip (``gzip``, or ``*``, with q > 0)."""
    weights: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name:
            weights[name] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


def worth_compressing(path: Path) -> bool:
    try:
        return path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_BYTES
    except OSError:
        return False


def gzipped(path: Path, folder: Path | None = None) -> Path:
    """``path``'s gzip, ``<name>.gz`` beside it (or in ``folder``), written the first time
    it is asked for. Only for files that never change under their name."""
    target = (folder or path.parent) / (path.name + SUFFIX)
    if not target.exists():
        _write(target, gzip.compress(path.read_bytes(), LEVEL, mtime=0))
    return target


def bundle(parts: Iterable[Path], target: Path, separator: bytes) -> Path:
    """``parts`` one after the other in ``target``, written the first time it is asked for."""
    if not target.exists():
        _write(target, separator.join(part.read_bytes() for part in parts))
    return target


def content_key(files: Iterable[Path]) -> str:
    """A short hash of the files' names and bytes: a folder name that changes with them."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_whole(target, data)
