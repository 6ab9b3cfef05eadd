"""``python -m storymap import FILE [--from FORMAT] [-o story.yaml]``: the command line.

The story's YAML goes to ``-o`` (or to standard output), the report to the terminal:
one line for each thing the format could not say or the import changed. The pictures a
single-file page carries go into the story's media folder (``story/media/`` beside
``story.yaml``). Every failure is a ``StorymapError``: ``python -m storymap`` prints it as
one line and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storymap.errors import StorymapError
from storymap.importers.single_file import MAX_PAGE_BYTES
from storymap.loading import MAX_STORY_BYTES
from storymap.media_files import media_folder, write_pictures


def add_import_command(commands: Any) -> None:
    """Add ``import`` to the ``python -m storymap`` subcommands."""
    from storymap.importers.formats import FORMATS

    command = commands.add_parser(
        "import",
        help="write a story from StoryMapJS, TimelineJS, a spreadsheet, GeoJSON or a "
        "storymap single-file page",
    )
    command.add_argument("file", type=Path, help="the file to import")
    command.add_argument(
        "--from",
        dest="fmt",
        choices=list(FORMATS),
        help="its format (default: guessed from the file)",
    )
    command.add_argument(
        "-o", "--output", type=Path, help="the story file to write (default: print it)"
    )
    command.add_argument(
        "--lang", help="the language the file is written in (default: its own, else en)"
    )
    command.add_argument(
        "--id", dest="story_id", help="the new story's id (default: from its title)"
    )
    command.add_argument(
        "--places",
        type=Path,
        help="for --from csv: storymap's places CSV (default: the -places.csv beside it)",
    )
    command.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    """Import, write, report; a ``StorymapError`` is the one line ``main`` prints (exit 1)."""
    from storymap.importers import import_story

    if args.output is not None and not args.output.parent.is_dir():
        raise StorymapError(f"-o {args.output}: the folder {args.output.parent} does not exist")
    data = _read(args.file)
    places_file = args.places or _beside(args.file)
    places = _read(places_file) if places_file is not None else None
    result = import_story(
        data, args.fmt, args.file.name, lang=args.lang, story_id=args.story_id, places=places
    )
    if result.pictures and args.output is None:
        raise StorymapError(
            f"{args.file.name} carries {len(result.pictures)} picture(s): give -o story.yaml "
            "to write the story with its pictures beside it (story/media/)"
        )
    if args.output is not None:
        write_pictures(result.pictures, media_folder(args.output))
    _write(args.output, result.yaml())
    story = result.story
    out = sys.stdout if args.output is not None else sys.stderr
    where = args.output if args.output is not None else "the story above"
    print(
        f"imported {args.file.name} ({result.fmt}) into {where}: {len(story['events'])} events, "
        f"{len(story['places'])} places; {len(result.report)} report line(s):",
        file=out,
    )
    for line in result.report:
        print(f"  - {line}", file=out)
    return 0


def _write(path: Path | None, text: str) -> None:
    """The story to ``path``, or to standard output."""
    if path is None:
        sys.stdout.write(text)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise StorymapError(f"{path}: cannot be written ({exc.strerror or exc})") from None


def _read(path: Path) -> bytes:
    """The file's bytes, or one clear line saying why not."""
    try:
        if path.is_dir():
            raise StorymapError(f"{path}: is a folder, not a file")
        limit = MAX_PAGE_BYTES if path.suffix.lower() in (".html", ".htm") else MAX_STORY_BYTES
        if path.stat().st_size > limit:
            raise StorymapError(f"{path}: larger than {limit:,} bytes: too big to import")
        return path.read_bytes()
    except FileNotFoundError:
        raise StorymapError(f"{path}: no such file") from None
    except OSError as exc:
        raise StorymapError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _beside(path: Path) -> Path | None:
    """storymap's places CSV next to its events CSV (``x-events.csv`` -> ``x-places.csv``)."""
    if path.name.endswith("-events.csv"):
        sibling = path.with_name(path.name.removesuffix("-events.csv") + "-places.csv")
        return sibling if sibling.is_file() else None
    return None
