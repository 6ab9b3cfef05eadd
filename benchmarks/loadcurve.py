"""How many readers and authors one server holds: a load curve, at the protocol level.

One process (asyncio) speaks Streamlit's websocket protocol for every session
(``st_client.Tab``), so the machine's cores go to the server, not to browsers:

- a reader opens the reader page, fetches the story's map and words as its frame does,
  then every ``--interval`` seconds steps (as the reader's frame reports a step: the
  component's value in a fragment rerun) and waits for the echo (the reader component
  drawn again with ``ack`` = its step's number);
- an author opens ``/author``, opens the story in the stories folder, then every
  ``--interval`` seconds commits a new title (a text box's value in a rerun) and waits
  for the run's end; the title must then be in its draft on disk, or the edit is lost.

Each level (``--levels``, readers; plus ``--authors``) runs on a fresh server (or
``--processes`` servers sharing one cache folder, the sessions spread over them as a
sticky proxy would): the sessions are opened over ``--ramp`` seconds, then measured for
``--seconds``. Printed per level: step echo and edit latency (median, p95), errors (app
errors, sockets closed, timeouts, lost edits), whether the p95 goals were met, the
server's CPU (cores, and per step or edit) and memory (psutil on its pids), the
generator's own CPU, apart, and the machine's load average. ``--profile`` records the
(first) server with py-spy over the measured seconds.

Run with ``make loadcurve`` (not part of ``make test``; about 2 minutes a level).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_server: the test harness that runs the app
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_server import AppServer, fresh_cache, start_app  # noqa: E402
from loadtest_report import stored_title  # noqa: E402
from st_client import Tab, TabError, component_value, text, trigger  # noqa: E402

from storymap.authoring.store import DraftStore  # noqa: E402

FIRST_STORY = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"
TIMEOUT = 60.0  # an echo or an edit later than this is an error


@dataclass
class Tally:
    """What every session of one level measured (latencies in ms, after the ramp)."""

    echoes: list[float] = field(default_factory=list)
    edits: list[float] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)  # seconds to a session's first view
    errors: list[str] = field(default_factory=list)
    measuring: bool = False


def fetch_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
        return json.loads(answer.read())


async def every(
    tab: Tab, interval: float, until: float, tally: Tally, kept: list[float], act
) -> None:
    """``act(n)`` (a step, an edit) every ``interval`` s until ``until``; its ms kept once
    measured; then what the tab's page showed as errors."""
    await asyncio.sleep(random.uniform(0, interval))  # sessions do not act in unison
    number = 0
    while time.monotonic() < until:
        number += 1
        measured = tally.measuring
        seconds = await act(number)
        if measured:
            kept.append(seconds * 1000)
        await asyncio.sleep(max(0.0, interval - seconds))
    tally.errors += tab.errors


async def reader(server: AppServer, tally: Tally, until: float, interval: float) -> None:
    began = time.monotonic()
    tab = await Tab.open(server.url, "", "lang=en", timeout=TIMEOUT * 4)
    try:
        component = tab.key("reader_map")
        files = f"{server.url}/component/{component.component}/"
        story = await asyncio.to_thread(fetch_json, files + component.args["map_url"])
        await asyncio.to_thread(fetch_json, files + component.args["text_urls"]["en"])
        tally.opens.append(time.monotonic() - began)
        steps, last = story["steps"], len(story["steps"]) - 1

        async def step(seq: int) -> float:  # the next step, from the end back to the start
            at = seq % (last + 1)
            events = steps[at]["events"]
            event = story["events"][events[0]]["id"] if events else None
            value = {"step": at, "event": event, "end": at == last, "seq": seq}
            widget = tab.key("reader_map")
            seconds = await tab.run({widget.id: component_value(value)}, widget.fragment, TIMEOUT)
            echo = tab.key("reader_map").args.get("ack")
            if echo != seq:
                raise TabError(f"step {seq}: the echo said ack={echo}")
            return seconds

        await every(tab, interval, until, tally, tally.echoes, step)
    finally:
        await tab.close()


async def author(
    server: AppServer, store: DraftStore, number: int, tally: Tally, until: float, interval: float
) -> None:
    began = time.monotonic()
    tab = await Tab.open(server.url, "author", "lang=en", timeout=TIMEOUT * 4)
    try:
        await tab.run({tab.key("author-open-file").id: trigger()}, timeout=TIMEOUT * 4)
        token = parse_qs(tab.query).get("draft", [None])[0]
        tab.widget("Title · en")  # the story is open
        tally.opens.append(time.monotonic() - began)

        async def edit(count: int) -> float:  # a new title, committed; then in the draft
            title = f"Russia and North Korea, edit {number}.{count}"
            box = tab.widget("Title · en")  # in a fragment, the browser reruns only that
            seconds = await tab.run({box.id: text(title)}, box.fragment, timeout=TIMEOUT)
            kept = await asyncio.to_thread(stored_title, store, token)
            if kept != title:
                raise TabError(f"edit {count} lost: the draft's title is {kept!r}")
            return seconds

        await every(tab, interval, until, tally, tally.edits, edit)
    finally:
        await tab.close()


async def guarded(kind: str, number: int, work, tally: Tally) -> None:
    try:
        await work
    except Exception as exc:  # a timeout, a closed socket, a bad answer: an error of the run
        tally.errors.append(f"{kind} {number}: {type(exc).__name__}: {str(exc)[:200]}")


async def level(
    servers: list[AppServer],
    store: DraftStore,
    readers: int,
    authors: int,
    args: argparse.Namespace,
    on_measure=lambda: None,
) -> dict:
    tally = Tally()
    started = time.monotonic()
    until = started + args.ramp + args.seconds
    tasks = []
    kinds = ["reader"] * readers + ["author"] * authors
    random.Random(readers).shuffle(kinds)
    for number, kind in enumerate(kinds):  # opened evenly over the ramp
        server = servers[number % len(servers)]  # a sticky proxy's choice, made up front
        if kind == "reader":
            work = reader(server, tally, until, args.interval)
        else:
            work = author(server, store, number, tally, until, args.interval)
        tasks.append(asyncio.create_task(guarded(kind, number, work, tally)))
        await asyncio.sleep(args.ramp / len(kinds))
    await asyncio.sleep(max(0.0, started + args.ramp - time.monotonic()))
    processes, me = [psutil.Process(server.process.pid) for server in servers], psutil.Process()
    cpu_server, cpu_me, wall = _cpu(*processes), _cpu(me), time.monotonic()
    tally.measuring = True
    on_measure()  # the profiler, when asked for: the measured window only
    peak = 0.0
    while time.monotonic() < until:
        peak = max(peak, sum(process.memory_info().rss for process in processes) / 2**20)
        await asyncio.sleep(1.0)
    elapsed = time.monotonic() - wall
    actions = len(tally.echoes) + len(tally.edits)
    result = {
        "cpu_per_action": (_cpu(*processes) - cpu_server) / max(actions, 1) * 1000,
        "readers": readers,
        "authors": authors,
        "processes": len(servers),
        "server_cpu": (_cpu(*processes) - cpu_server) / elapsed,
        "generator_cpu": (_cpu(me) - cpu_me) / elapsed,
        "rss": peak,
        "load": psutil.getloadavg()[0],  # the machine's, from every process on it
    }
    await asyncio.gather(*tasks)
    result.update(echoes=tally.echoes, edits=tally.edits, opens=tally.opens, errors=tally.errors)
    return result


def _cpu(*processes: psutil.Process) -> float:
    return sum(times.user + times.system for times in (p.cpu_times() for p in processes))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


ECHO_GOAL_MS, EDIT_GOAL_MS = 500, 1500  # issue 24's p95 goals, met at a level with no error


def line(r: dict) -> str:
    med = statistics.median
    echo, edit = r["echoes"] or [float("nan")], r["edits"] or [float("nan")]
    met = (
        not r["errors"]
        and (not r["echoes"] or percentile(echo, 0.95) < ECHO_GOAL_MS)
        and (not r["edits"] or percentile(edit, 0.95) < EDIT_GOAL_MS)
    )
    return (
        f"{r['readers']:>7} + {r['authors']:<3} | {r['processes']:9} | {med(echo):7.0f} / "
        f"{percentile(echo, 0.95):7.0f} ({len(r['echoes']):5}) | {med(edit):7.0f} / "
        f"{percentile(edit, 0.95):7.0f} ({len(r['edits']):4}) | {len(r['errors']):6} | "
        f"{'yes' if met else 'no':>5} | {r['server_cpu']:5.2f} | {r['cpu_per_action']:5.1f} | "
        f"{r['rss']:6.0f} | {r['generator_cpu']:5.2f} | {med(r['opens'] or [float('nan')]):5.1f} | "
        f"{r['load_before']:4.1f}–{r['load']:4.1f}"
    )


HEADER = (
    "readers + authors | processes | step echo ms med / p95 (n) | edit ms med / p95 (n) | errors "
    f"| p95 goals met (echo < {ECHO_GOAL_MS}, edit < {EDIT_GOAL_MS} ms) | server CPU cores "
    "| server CPU ms per step or edit | server MiB | generator CPU cores | open s med "
    "| load average (1 min) at start–end"
)


def run_level(readers: int, args: argparse.Namespace, work: Path) -> dict:
    load_before = psutil.getloadavg()[0]
    cache = fresh_cache(work / f"cache-{readers}")
    env = {"STORYMAP_CACHE": str(cache), "STORYMAP_AUTHOR_SAVE_DIR": "off"}
    # several processes share one cache folder (the drafts too), as behind a sticky proxy
    servers = [start_app(args.story, work, env=env, timeout_s=120) for _ in range(args.processes)]
    profiler: list[subprocess.Popen] = []

    def profile() -> None:
        if args.profile:  # the first process
            out = work / f"profile-{readers}.txt"
            profiler.append(subprocess.Popen(
                [shutil.which("py-spy") or Path(sys.executable).with_name("py-spy"), "record", "--pid", str(servers[0].process.pid), "--format", "raw",
                 "--output", str(out), "--duration", str(int(args.seconds)),
                 "--rate", "50", "--nonblocking", "--threads"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))  # fmt: skip

    try:
        for server in servers:
            asyncio.run(warm_up(server))
        store = DraftStore(cache / "drafts")
        result = asyncio.run(level(servers, store, readers, args.authors, args, profile))
    finally:
        for spy in profiler:
            spy.wait(timeout=120)
        for server in servers:
            server.stop()
    for server in servers:
        log = server.log.read_text(encoding="utf-8", errors="replace")
        result["errors"] += [
            f"server log: {row[:200]}" for row in log.splitlines() if "Traceback" in row
        ]
    result["load_before"] = load_before
    return result


async def warm_up(server: AppServer) -> None:
    """One reader and one author first, as a running app has served them before."""
    tab = await Tab.open(server.url, "", "lang=en", timeout=TIMEOUT * 4)
    await tab.close()
    tab = await Tab.open(server.url, "author", "lang=en", timeout=TIMEOUT * 4)
    await tab.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="50,100,200,400", help="reader sessions per level")
    parser.add_argument("--authors", type=int, default=20)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between actions")
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds to open the sessions")
    parser.add_argument("--seconds", type=float, default=60.0, help="seconds measured")
    parser.add_argument("--story", type=Path, default=FIRST_STORY)
    parser.add_argument("--profile", action="store_true", help="py-spy the (first) server")
    parser.add_argument(
        "--processes", type=int, default=1,
        help="app processes sharing one cache folder, sessions spread over them (a sticky proxy)",
    )  # fmt: skip
    args = parser.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {psutil.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.1f}' for x in psutil.getloadavg())}; a step or an edit every "
          f"{args.interval:g} s per session, measured for {args.seconds:g} s after a "
          f"{args.ramp:g} s ramp", flush=True)  # fmt: skip
    print(HEADER, flush=True)
    failed = False
    with tempfile.TemporaryDirectory(prefix="storymap-loadcurve-") as tmp:
        for readers in (int(n) for n in args.levels.split(",") if n):
            result = run_level(readers, args, Path(tmp))
            print(line(result), flush=True)
            for error in result["errors"][:5]:
                print(f"    {error}", flush=True)
            failed |= bool(result["errors"])
            if args.profile:
                profile = Path(tmp) / f"profile-{readers}.txt"
                if profile.exists():
                    target = ROOT / "test-artifacts" / profile.name
                    target.parent.mkdir(exist_ok=True)
                    target.write_bytes(profile.read_bytes())
                    print(f"    py-spy samples (raw, for flamegraph.pl): {target}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
