"""``python -m storymap gazetteer``: build the gazetteer's index ahead of time, or say where it is.

The index (``city_index``) is built on first use otherwise, which costs the first reader
of a fresh install a quarter of a minute or more; ``make`` runs ``--build`` when it makes
the virtual environment, so the app and the tests find it ready in ``~/.cache/storymap``
(or ``$STORYMAP_GAZETTEER_DIR``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storymap.geocoding.base import gazetteer_folders
from storymap.geocoding.city_index import DEFAULT_POPULATION, CityIndex, index_file_name
from storymap.output import say


def add_gazetteer_command(commands: argparse._SubParsersAction) -> None:
    gazetteer = commands.add_parser(
        "gazetteer", help="build the offline gazetteer's index ahead of time, or say where it is"
    )
    gazetteer.add_argument(
        "--build", action="store_true", help="build the index now if it is not built yet"
    )
    gazetteer.add_argument(
        "--folder",
        type=Path,
        help="the folder to keep it in (default: $STORYMAP_GAZETTEER_DIR, else the cache folder)",
    )
    gazetteer.set_defaults(run=_gazetteer)


def _gazetteer(args: argparse.Namespace) -> int:
    look, build = gazetteer_folders()
    if args.folder is not None:
        look, build = [args.folder], [args.folder]
    name = index_file_name(DEFAULT_POPULATION)
    found = next((folder / name for folder in look if (folder / name).is_file()), None)
    if not args.build:
        say(f"ok: {found}" if found else f"not built: {name} (run with --build)")
        return 0 if found else 1
    started = time.perf_counter()
    index = CityIndex.find_or_build(look, build)
    seconds = time.perf_counter() - started
    if index.path is None:
        say(f"error: no folder of {', '.join(map(str, build))} can be written; built in memory")
        return 1
    if index.built:
        how = f"built in {seconds:.1f} s"
    else:  # found at once, or built meanwhile by a process that held the folder's lock
        how = "found" if found else f"found after {seconds:.1f} s, built by another process"
    say(f"ok: {index.path} ({index.path.stat().st_size / 1e6:.0f} MB, {how})")
    return 0
