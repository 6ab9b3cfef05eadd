"""How long does the overview picture take? Prints the time to make the PNG and its size.

For the real story and generated stories of 1,000 and 5,000 events (target: under
10 s at 5,000 events, issue 10): the story is loaded and located first (not timed
here), then the PNG is made at the export's size (12 in at 150 dpi) ``--runs`` times;
the first run also reads the Natural Earth outlines and matplotlib's fonts.

Run with ``make bench`` (not part of ``make test``).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from storymap.export.picture import overview_png  # noqa: E402
from storymap.located import locate_file  # noqa: E402
from storymap.synthetic import write_synthetic_story  # noqa: E402

TARGET_S = {"5000": 10.0}


def bench(name: str, path: Path, runs: int) -> dict:
    started = time.perf_counter()
    story = locate_file(path)
    located_s = time.perf_counter() - started
    times, png = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        png = overview_png(story, story.story.default_language)
        times.append(time.perf_counter() - started)
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    return {
        "story": name,
        "events": len(story.story.events),
        "places": len(story.story.places),
        "locate_s": located_s,
        "first_s": times[0],
        "median_s": statistics.median(times),
        "size": f"{width}x{height}",
        "kib": len(png) / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="generated story sizes")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        stories = [("real", ROOT / "geodata" / "stories" / "russia-north-korea.yaml")]
        for size in (int(s) for s in args.sizes.split(",") if s):
            stories.append((str(size), write_synthetic_story(size, Path(tmp) / f"s-{size}.yaml")))
        for name, path in stories:
            results.append(bench(name, path, args.runs))
            print(f"measured {name}", file=sys.stderr)
    print(f"{'story':>6} {'events':>7} {'places':>7} {'locate s':>9} {'png s (1st)':>12} "
          f"{'median':>7} {'pixels':>10} {'KiB':>6}  target")  # fmt: skip
    for r in results:
        target = TARGET_S.get(r["story"])
        print(
            f"{r['story']:>6} {r['events']:>7} {r['places']:>7} {r['locate_s']:>9.1f} "
            f"{r['first_s']:>12.2f} {r['median_s']:>7.2f} {r['size']:>10} {r['kib']:>6.0f}  "
            + (f"png < {target:.0f} s" if target else "-")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
