"""How long does an import take? Prints the time to import each format, and each shared fixture.

Generated stories of 1,000 and 5,000 events are exported as StoryMapJS, TimelineJS and
our CSV (not timed), then imported ``--runs`` times (``import_story``: read, build,
write the YAML and validate it); the shared fixtures in ../shared/fixtures/ once each.
The first import of a run also builds the country outlines' index and the gazetteer.

Run with ``make bench`` (not part of ``make test``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storymap.export import export_bytes  # noqa: E402
from storymap.importers import import_story  # noqa: E402
from storymap.located import locate_file  # noqa: E402
from storymap.synthetic import write_synthetic_story  # noqa: E402

FIXTURES = Path(os.environ.get("STORYMAP_SHARED_FIXTURES") or ROOT.parent / "shared" / "fixtures")


def timed(data: bytes, name: str, runs: int, **options: object) -> tuple[float, float, int]:
    times, events = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        result = import_story(data, None, name, **options)  # type: ignore[arg-type]
        times.append(time.perf_counter() - started)
        events = len(result.story["events"])
    return times[0], statistics.median(times), events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="generated story sizes")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'input':<40} {'events':>6} {'KiB':>7} {'first s':>8} {'median s':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            path = Path(folder) / f"synthetic-{size}.yaml"
            write_synthetic_story(size, path, seed=1)
            story = locate_file(path)
            lang = story.story.default_language
            places = export_bytes(story, "places-csv", lang)
            for fmt in ("storymapjs", "timelinejs", "csv"):
                data = export_bytes(story, fmt, lang)
                extra = {"places": places} if fmt == "csv" else {}
                first, median, events = timed(data, f"synthetic-{size}-{fmt}", args.runs, **extra)
                label = f"{size} events as {fmt}"
                print(
                    f"{label:<40} {events:>6} {len(data) / 1024:>7.0f} {first:>8.2f} {median:>9.2f}"
                )
    for path in sorted(FIXTURES.rglob("*")) if FIXTURES.is_dir() else []:
        if path.suffix in (".json", ".csv"):
            first, median, events = timed(path.read_bytes(), path.name, 1)
            label = str(path.relative_to(FIXTURES))
            print(
                f"{label:<40} {events:>6} {path.stat().st_size / 1024:>7.1f} {first:>8.2f} {median:>9.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
