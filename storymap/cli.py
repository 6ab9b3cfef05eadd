"""``python -m storymap``: check, geocode and list a story from the command line.

Every failure an author can cause ends with a clear message on stderr and exit 1,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storymap.export import FORMATS, export_bytes
from storymap.geocoding import (
    GeocodeUnavailable,
    Layer,
    Query,
    UnresolvedPlaces,
    default_layers,
    geocode_story,
    locate,
)
from storymap.loading import StoryError, load_story
from storymap.located import locate_file
from storymap.model import Story, story_json_schema


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except StoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except (UnresolvedPlaces, GeocodeUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except BrokenPipeError:
        return 0
    return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m storymap", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a story file; list every problem")
    validate.add_argument("story", type=Path)
    validate.set_defaults(run=_validate)

    geocode = commands.add_parser("geocode", help="locate every place of a story, or one name")
    geocode.add_argument("story", type=Path, nargs="?")
    geocode.add_argument("--query", help="a single place name to locate instead of a story")
    geocode.add_argument("--country", help="ISO 3166-1 alpha-2 hint for --query, e.g. RU")
    geocode.add_argument("--kind", default="city", choices=["city", "site", "region", "country"])
    geocode.add_argument("--format", choices=["table", "json"], default="table")
    geocode.add_argument(
        "--online", action="store_true", help="also ask Nominatim (needs the internet; 1 request/s)"
    )
    geocode.set_defaults(run=_geocode)

    events = commands.add_parser("events", help="list the events in story order")
    events.add_argument("story", type=Path)
    events.add_argument("--format", choices=["table", "json"], default="table")
    events.add_argument("--lang", choices=["id", "en"], default="en")
    events.set_defaults(run=_events)

    generate = commands.add_parser("generate", help="write a synthetic story (benchmarks, tests)")
    generate.add_argument("--events", type=int, required=True)
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
        "--lang", choices=["id", "en"], help="for png and handout (default: the story's)"
    )
    export.add_argument("--tiles", choices=["offline", "carto", "osm"], default="offline",
                        help="base map the HTML opens with (default offline: works with no internet)")  # fmt: skip
    export.set_defaults(run=_export)

    schema = commands.add_parser("schema", help="write the story JSON Schema")
    schema.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    schema.set_defaults(run=_schema)
    return parser


def _validate(args: argparse.Namespace) -> int:
    story = load_story(args.story)
    located = geocode_story(story)
    layers = sorted({loc.layer for loc in located.values()})
    first, last = story.events[0].date, story.events[-1].date
    print(
        f"ok: {args.story}: '{story.title.en}': {len(story.events)} events ({first} to {last}), "
        f"{len(story.places)} places, all located ({', '.join(layers)})"
    )
    return 0


def _layers(args: argparse.Namespace, story: Story | None) -> list[Layer]:
    online = None
    if args.online:
        from storymap.geocoding.online import NominatimLayer

        online = NominatimLayer()
    return default_layers(story, online)


def _geocode(args: argparse.Namespace) -> int:
    if (args.story is None) == (args.query is None):
        print("error: give a STORY file or --query NAME (not both)", file=sys.stderr)
        return 2
    if args.query is not None:
        query = Query((args.query,), args.country.upper() if args.country else None, args.kind)
        layers = _layers(args, None)
        found = locate(query, layers)
        if found is None:
            suggestions = dict.fromkeys(s for layer in layers for s in layer.suggest(query))
            where = f" in {query.country}" if query.country else ""
            hint = f"; did you mean: {', '.join(list(suggestions)[:5])}?" if suggestions else ""
            print(f"error: '{args.query}'{where} not found{hint}", file=sys.stderr)
            return 1
        rows = [{"name": args.query, **_location_fields(found)}]
    else:
        story = load_story(args.story)
        located = geocode_story(story, _layers(args, story))
        rows = [
            {"id": p.id, "name": p.name.en, "country": p.country, **_location_fields(located[p.id])}
            for p in story.places
        ]
    _print_rows(rows, args.format)
    return 0


def _location_fields(location: Any) -> dict[str, Any]:
    return {
        "lat": round(location.lat, 5),
        "lon": round(location.lon, 5),
        "layer": location.layer,
        "precision_km": location.precision_km,
        "matched": location.matched,
        "note": location.note,
    }


def _events(args: argparse.Namespace) -> int:
    story = load_story(args.story)
    rows = [
        {
            "id": e.id,
            "date": str(e.date),
            "start": e.date.earliest.isoformat(),
            "end": e.date.latest.isoformat(),
            "precision": e.date.precision + ("~" if e.date.approximate else ""),
            "places": ",".join(e.places),
            "title": e.title.get(args.lang),
        }
        for e in story.events
    ]
    _print_rows(rows, args.format)
    return 0


def _generate(args: argparse.Namespace) -> int:
    from storymap.synthetic import write_synthetic_story

    if args.events < 1:
        print("error: --events must be at least 1", file=sys.stderr)
        return 2
    write_synthetic_story(args.events, args.output, args.seed)
    story = load_story(args.output)
    print(f"wrote {args.output}: {len(story.events)} events, {len(story.places)} places")
    return 0


EXPORT_FORMATS = [
    "html",
    "site",
    "png",
    "handout",
    "geojson",
    "places-geojson",
    "csv",
    "places-csv",
]


def _export(args: argparse.Namespace) -> int:
    from storymap.export.site import export_site

    paths = [
        p for path in args.story for p in (sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    ]
    if not paths:
        print(
            f"error: no story files (*.yaml) in {', '.join(map(str, args.story))}", file=sys.stderr
        )
        return 1
    stories = [locate_file(path) for path in paths]
    if args.format == "site":
        written = export_site(stories, args.output, args.tiles)
        size = sum(f.stat().st_size for f in written)
        print(
            f"wrote {args.output}/: {len(written)} files, {size / 1024:,.0f} KiB, {len(stories)} stories"
        )
        return 0
    if len(stories) > 1:
        print(f"error: --format {args.format} takes one story, not {len(stories)}", file=sys.stderr)
        return 2
    item = stories[0]
    lang = args.lang or item.story.default_language
    content = export_bytes(item, args.format, lang, args.tiles)
    args.output.write_bytes(content)
    print(f"wrote {args.output}: {len(content) / 1024:,.0f} KiB")
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(story_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _print_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    columns = [c for c in rows[0] if c != "note"]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())
