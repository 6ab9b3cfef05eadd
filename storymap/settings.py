"""Every ``STORYMAP_*`` setting, read from the environment in this one module.

Each function reads its variable when it is called, never at import, so a test, a server
or ``storymap app`` can set it at any time before use. The README's configuration table
lists the same names (``VARIABLES``; tests/test_settings.py keeps the three in step: this
table, the README and the code).
"""

from __future__ import annotations

import os
from pathlib import Path

from storymap.basemaps import choose
from storymap.package_data import CHECKOUT, INSTALLED

VARIABLES: dict[str, str] = {
    "STORYMAP_STORY": "the story file the app opens",
    "STORYMAP_STORIES": "the folder of stories the app lists, opens first and saves into",
    "STORYMAP_TILES": "the base map the reader starts with: carto, osm or offline",
    "STORYMAP_CACHE": "the folder for indexes, online answers, the reader's files and drafts",
    "STORYMAP_GAZETTEER_DIR": "a folder with the gazetteer's index built ahead of time",
    "STORYMAP_AUTHOR_SAVE_DIR": "where the author page's Save writes (off: nowhere)",
    "STORYMAP_NOMINATIM_URL": "the Nominatim that --online asks",
    "STORYMAP_FRONTEND_DIR": "where the app lays out the reader's files for the browser",
    "STORYMAP_WORKERS": "how many drafts, uploads and exports may run at once in worker processes",
    "STORYMAP_DEBUG": "1: the command line shows a traceback for an unexpected error",
}
OFF = ("", "off", "none")


def _read(name: str) -> str | None:
    assert name in VARIABLES, name  # every variable is documented above
    return os.environ.get(name)


def story_file() -> Path | None:
    """``$STORYMAP_STORY``: the story the app opens, if one is named."""
    chosen = _read("STORYMAP_STORY")
    return Path(chosen).expanduser() if chosen else None


def stories_folder() -> Path:
    """``$STORYMAP_STORIES``; else the checkout's ``geodata/stories``; else (an installed
    package, which carries no stories) ``stories`` in the working directory."""
    chosen = _read("STORYMAP_STORIES")
    if chosen:
        return Path(chosen).expanduser()
    return Path.cwd() / "stories" if INSTALLED else CHECKOUT / "geodata" / "stories"


def tiles() -> str:
    """``$STORYMAP_TILES`` if it names a base map we know, else the default (CARTO)."""
    return choose(_read("STORYMAP_TILES"))


def cache_folder() -> Path:
    """``$STORYMAP_CACHE``, else ``~/.cache/storymap``."""
    chosen = _read("STORYMAP_CACHE")
    return Path(chosen).expanduser() if chosen else Path.home() / ".cache" / "storymap"


def gazetteer_folder() -> Path | None:
    """``$STORYMAP_GAZETTEER_DIR``: an index of the gazetteer built ahead of time, if set."""
    chosen = _read("STORYMAP_GAZETTEER_DIR")
    return Path(chosen).expanduser() if chosen else None


def author_save_folder(default: Path | None) -> Path | None:
    """``$STORYMAP_AUTHOR_SAVE_DIR`` (``off``, ``none`` or empty: nowhere, None);
    ``default`` when it is not set."""
    chosen = _read("STORYMAP_AUTHOR_SAVE_DIR")
    if chosen is None:
        return default
    return None if chosen.strip().lower() in OFF else Path(chosen).expanduser()


def nominatim_url(default: str) -> str:
    """``$STORYMAP_NOMINATIM_URL``, else ``default``."""
    return _read("STORYMAP_NOMINATIM_URL") or default


def frontend_folder() -> Path | None:
    """``$STORYMAP_FRONTEND_DIR``, if set (else the app picks a folder in the cache)."""
    chosen = _read("STORYMAP_FRONTEND_DIR")
    return Path(chosen).expanduser() if chosen else None


def workers() -> int | None:
    """``$STORYMAP_WORKERS`` as a whole number of at least 1, if set to one."""
    chosen = (_read("STORYMAP_WORKERS") or "").strip()
    return max(1, int(chosen)) if chosen.isdigit() else None


def debug() -> bool:
    """``$STORYMAP_DEBUG`` set to anything but off: show tracebacks of our own bugs."""
    return (_read("STORYMAP_DEBUG") or "").strip().lower() not in (*OFF, "0", "false")
