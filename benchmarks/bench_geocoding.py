"""How long until the first story is geocoded in a new process? Prints figures.

Each run is a fresh Python process (as after a server start) with its own cache
folder: "cold" has no gazetteer index on disk yet, "warm" finds the one the cold
run left. With ``--threads 20`` that many threads geocode at once, as 20 readers
opening the app together do. Run with ``make bench`` or on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE_PROCESS = """
import json, resource, sys, threading, time
started = time.perf_counter()
from storymap.geocoding import geocode_story
from storymap.loading import load_story
story = load_story("geodata/stories/russia-north-korea.yaml")
imported = time.perf_counter()
times = []
def geocode():
    t = time.perf_counter(); geocode_story(story); times.append(time.perf_counter() - t)
threads = [threading.Thread(target=geocode) for _ in range(int(sys.argv[1]))]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(json.dumps({"import_s": imported - started, "slowest_s": max(times),
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def one_run(cache: Path, threads: int) -> dict[str, float]:
    env = {**os.environ, "STORYMAP_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", ONE_PROCESS, str(threads)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("first geocode_story of the first story in a new process (median of runs)")
    for threads in (1, 20):
        runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as cache:
                runs["cold"].append(one_run(Path(cache), threads))
                runs["warm"].append(one_run(Path(cache), threads))
        for kind, results in runs.items():
            slowest = statistics.median(r["slowest_s"] for r in results)
            rss = statistics.median(r["rss_mib"] for r in results)
            print(
                f"  {threads:>2} thread(s), {kind}: slowest {slowest:.2f} s, peak RSS {rss:.0f} MiB"
            )


if __name__ == "__main__":
    main()
