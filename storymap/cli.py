"""``storymap`` (or ``python -m storymap``): check, geocode, list, export, import and draft a
story from the command line, and ``storymap app`` to run the app.

Every failure an author can cause ends with a clear message on stderr and exit 1,
never a traceback. Everything printed passes through ``messages.for_terminal``,
so a story's text cannot send escape sequences to the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

from storymap import __version__
from storymap.app_command import add_app_command, split_streamlit_options
from storymap.basemaps import TILES
from storymap.checking import check_story_file
from storymap.draft.command import add_draft_command
from storymap.errors import StorymapError
from storymap.export import EXPORT_TILES, FORMATS, export_bytes
from storymap.extras import require
from storymap.geocoding import Layer, Location, Query, default_layers, locate
from storymap.geocoding.command import add_gazetteer_command
from storymap.importers.command import add_import_command
from storymap.loading import MAX_PROBLEMS_LISTED, Problem, StoryError, load_story, parse_story
from storymap.located import locate_file
from storymap.messages import quote
from storymap.model import PlaceKind, story_json_schema
from storymap.output import CommandError, check_output, os_message, say, write_output
from storymap.settings import debug
from storymap.synthetic import MAX_SYNTHETIC_EVENTS


def main(argv: Sequence[str] | None = None) -> int:
    argv, streamlit_options = split_streamlit_options(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    if streamlit_options:
        args.streamlit = streamlit_options
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # the reader of our output went away (| head): not an error
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except StorymapError as exc:
        say(f"error: {exc}", sys.stderr)
    except OSError as exc:
        say(f"error: {os_message(exc)}", sys.stderr)
    except KeyboardInterrupt:
        say("error: interrupted", sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours, not the user's; still one line, not a traceback
        if debug():
            raise
        say(
            f"error: unexpected {type(exc).__name__}: {exc} "
            "(a bug in storymap; run with STORYMAP_DEBUG=1 to see where)",
            sys.stderr,
        )
    return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storymap", description=__doc__)
    parser.add_argument("--version", action="version", version=f"storymap {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a story file; list every problem")
    validate.add_argument("story", type=Path)
    validate.set_defaults(run=_validate)

    geocode = commands.add_parser("geocode", help="locate every place of a story, or one name")
    geocode.add_argument("story", type=Path, nargs="?")
    geocode.add_argument("--query", help="a single place name to locate instead of a story")
    geocode.add_argument("--country", help="ISO 3166-1 alpha-2 hint for --query, e.g. RU")
    geocode.add_argument("--kind", default="city", choices=list(get_args(PlaceKind)))
    geocode.add_argument("--format", choices=["table", "json"], default="table")
    geocode.add_argument(
        "--online", action="store_true", help="also ask Nominatim (needs the internet; 1 request/s)"
    )
    geocode.add_argument(
        "--nominatim-url",
        help="the Nominatim to ask with --online (default: $STORYMAP_NOMINATIM_URL, else "
        "https://nominatim.openstreetmap.org)",
    )
    geocode.set_defaults(run=_geocode)

    events = commands.add_parser("events", help="list the events in story order")
    events.add_argument("story", type=Path)
    events.add_argument("--format", choices=["table", "json"], default="table")
    events.add_argument("--lang", default="en", help="one of the story's languages (default en)")
    events.set_defaults(run=_events)

    generate = commands.add_parser("generate", help="write a synthetic story (benchmarks, tests)")
    generate.add_argument(
        "--events", type=int, required=True, help=f"1 to {MAX_SYNTHETIC_EVENTS:,}"
    )
    generate.add_argument("--seed", type=int, default=1)
    generate.add_argument("-o", "--output", type=Path, required=True)
    generate.set_defaults(run=_generate)

    export = commands.add_parser("export", help="write the story as HTML, a site, a picture, data")
    export.add_argument(
        "story", type=Path, nargs="+", help="story file(s); a folder for --format site"
    )
    export.add_argument("--format", choices=["site", *FORMATS], required=True)
    export.add_argument("-o", "--output", type=Path, required=True)
    export.add_argument(
        "--lang", help="one of the story's languages, for png and handout (default: the story's)"
    )
    export.add_argument("--tiles", choices=list(TILES), default=EXPORT_TILES,
                        help="base map the HTML opens with (default offline: works with no internet)")  # fmt: skip
    export.set_defaults(run=_export)

    schema = commands.add_parser("schema", help="write the story JSON Schema")
    schema.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    schema.set_defaults(run=_schema)

    add_draft_command(commands)
    add_import_command(commands)
    add_gazetteer_command(commands)
    add_app_command(commands)
    return parser


def _validate(args: argparse.Namespace) -> int:
    checked = check_story_file(args.story)
    _say_warnings(str(args.story), checked.warnings)
    if checked.problems:
        raise StoryError(str(args.story), list(checked.problems))
    story, located = checked.reading.story, checked.located
    assert story is not None
    layers = sorted({loc.layer for loc in located.values()})
    dated = [event.date for event in story.events if event.date is not None]
    span = f"{dated[0]} to {dated[-1]}" if dated else "undated"
    say(
        f"ok: {args.story}: {quote(story.title.get('en'))}: {len(story.events)} events ({span}), "
        f"{len(story.places)} places, all located ({', '.join(layers)})"
    )
    _say_other_spellings(located)
    return 0


def _say_warnings(source: str, warnings: Sequence[Problem]) -> None:
    """What a desk would question, on stderr; warnings never change the exit status."""
    for warning in warnings[:MAX_PROBLEMS_LISTED]:
        say(f"warning: {source}: {warning}", sys.stderr)
    if len(warnings) > MAX_PROBLEMS_LISTED:
        say(f"warning: … and {len(warnings) - MAX_PROBLEMS_LISTED:,} more", sys.stderr)


def _say_other_spellings(located: dict[str, Location]) -> None:
    for place_id, location in located.items():
        if location.via:
            say(
                f"note: place {quote(place_id)}: {quote(location.via)} was found as "
                f"{location.matched}, one of its other spellings in {location.layer}"
            )


def _online(args: argparse.Namespace) -> Layer | None:
    if not args.online:
        return None
    require("online")
    from storymap.geocoding.online import NominatimLayer

    online = NominatimLayer(url=args.nominatim_url)
    for note in online.notes:
        say(f"note: {note}", sys.stderr)
    return online


def _geocode(args: argparse.Namespace) -> int:
    if (args.story is None) == (args.query is None):
        say("error: give a STORY file or --query NAME (not both)", sys.stderr)
        return 2
    if args.query is not None:
        query = Query((args.query,), args.country.upper() if args.country else None, args.kind)
        layers = default_layers(None, _online(args))
        found = locate(query, layers)
        if found is None:
            suggestions = dict.fromkeys(s for layer in layers for s in layer.suggest(query))
            where = f" in {query.country}" if query.country else ""
            hint = f"; did you mean: {', '.join(list(suggestions)[:5])}?" if suggestions else ""
            raise CommandError(f"'{args.query}'{where} not found{hint}")
        _print_rows([{"name": args.query, **_location_fields(found)}], args.format)
        return 0
    checked = check_story_file(args.story, _online(args))
    rows = [
        {"id": p.id, "name": p.name.get("en"), "country": p.country, **_location_fields(located)}
        for _, p in checked.reading.places
        if (located := checked.located.get(p.id)) is not None
    ]
    if rows:  # the places that were found, even when others were not
        _print_rows(rows, args.format)
    if checked.problems:
        raise StoryError(str(args.story), list(checked.problems))
    return 0


def _location_fields(location: Location) -> dict[str, Any]:
    return {
        "lat": round(location.lat, 5),
        "lon": round(location.lon, 5),
        "layer": location.layer,
        "precision_km": location.precision_km,
        "matched": location.matched,
        "via": location.via,  # the name asked, when it was found under another spelling
        "note": location.note,
    }


def _events(args: argparse.Namespace) -> int:
    story = load_story(args.story)
    if args.lang not in story.languages:
        say(f"error: --lang {args.lang}: the story is in {', '.join(story.languages)}", sys.stderr)
        return 2
    rows = [
        {
            "id": e.id,
            "date": str(e.date) if e.date else "",
            "start": e.date.earliest.isoformat() if e.date else "",
            "end": e.date.latest.isoformat() if e.date else "",
            "precision": e.date.precision_label if e.date else "undated",
            "places": ",".join(e.places),
            "title": e.title.get(args.lang),
        }
        for e in story.events
    ]
    _print_rows(rows, args.format)
    return 0


def _generate(args: argparse.Namespace) -> int:
    from storymap.synthetic import synthetic_story_text

    if not 1 <= args.events <= MAX_SYNTHETIC_EVENTS:
        say(
            f"error: --events must be between 1 and {MAX_SYNTHETIC_EVENTS:,} "
            f"(a story file may be at most 5 MB), not {args.events:,}",
            sys.stderr,
        )
        return 2
    check_output(args.output)
    content = synthetic_story_text(args.events, args.seed).encode("utf-8")
    story = parse_story(content, str(args.output))  # checked before anything is written
    write_output(args.output, content)
    say(f"wrote {args.output}: {len(story.events)} events, {len(story.places)} places")
    return 0


def _export(args: argparse.Namespace) -> int:
    from storymap.export.site import export_site, require_site_formats

    if args.format == "site":  # a missing part says so before any story is read
        require_site_formats()
    else:
        FORMATS[args.format].require()
    check_output(args.output, folder_wanted=args.format == "site")
    paths = [
        p for path in args.story for p in (sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    ]
    if not paths:
        raise CommandError(f"no story files (*.yaml) in {', '.join(map(str, args.story))}")
    if args.format != "site" and len(paths) > 1:
        say(f"error: --format {args.format} takes one story, not {len(paths)}", sys.stderr)
        return 2
    stories = [locate_file(path) for path in paths]
    if args.format == "site":
        written = export_site(stories, args.output, args.tiles)
        size = sum(f.stat().st_size for f in written)
        say(
            f"wrote {args.output}/: {len(written)} files, {size / 1024:,.0f} KiB, {len(stories)} stories"
        )
        return 0
    item = stories[0]
    if args.lang is not None and args.lang not in item.story.languages:
        say(f"error: --lang {args.lang}: the story is in {', '.join(item.story.languages)}",
            sys.stderr)  # fmt: skip
        return 2
    content = export_bytes(item, args.format, args.lang, args.tiles)
    write_output(args.output, content)
    say(f"wrote {args.output}: {len(content) / 1024:,.0f} KiB")
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(story_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        write_output(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def _print_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        say(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if "via" in rows[0]:  # the table says it in the matched column: "Moscow (as 'Moskow')"
        rows = [
            {**r, "matched": r["matched"] + (f" (as {quote(r['via'])})" if r["via"] else "")}
            for r in rows
        ]
    columns = [c for c in rows[0] if c not in ("note", "via")]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    say("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        say("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())
