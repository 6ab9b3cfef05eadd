"""What one author's edit costs the server, and how long ``/author`` takes to show.

One server (``streamlit run``, as ``make run``) and one author spoken to at the protocol
level (``st_client.Tab``, as ``loadcurve.py``): the first ``/author`` after the server
starts and a second one (its first screen: until the run's end), the first after each of
``--restarts`` restarts on the same cache folder, the story opened from
the stories folder, then ``--edits`` new titles committed one after another, each waited
for (the run's end) and then found in the draft on disk. Printed: the first screens'
seconds; each edit's wall time (median, p95) and the server's CPU per edit (its process
CPU over the edits, divided by their number: steadier than wall time on a loaded
machine). ``--profile`` records the server with py-spy during the edits and prints the
share of samples in the parts of an edit (the raw samples go to ``test-artifacts/``).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_server import AppServer, fresh_cache, start_app  # noqa: E402
from loadcurve import FIRST_STORY, percentile  # noqa: E402
from loadtest_report import stored_title  # noqa: E402
from st_client import Tab, TabError, text, trigger  # noqa: E402

from storymap.authoring.store import DraftStore  # noqa: E402

# What an edit's samples are spent in (a sample counts for every part its stack holds).
PARTS = {
    "the story written as YAML (story_text)": "story_text ",
    "the checks (check_story)": "check_story ",
    "  the YAML read back (read_yaml)": "read_yaml ",
    "  the schema and cross-field checks (validated_story)": "validated_story ",
    "  the places located (_locate_places)": "_locate_places ",
    "  the source addresses (address_warnings)": "address_warnings ",
    "the draft kept (DraftStore.save)": "save (storymap/authoring/store.py",
    "the fingerprint (Author.digest)": "digest ",
    "the page's run (exec_func_with_error_handling)": "exec_func_with_error_handling ",
}
# Threads waiting, not working: a sample whose innermost frame is one of these is left out.
IDLE = ("polling_path_watcher.py:90)", "EpollSelector.select ", "Condition.wait ",
        "_worker (concurrent/futures/thread.py:81)")  # fmt: skip


async def first_screens(server: AppServer) -> list[float]:
    """Seconds to the end of the first run of ``/author``: after a start, then again."""
    seconds = []
    for _ in range(2):
        began = time.monotonic()
        tab = await Tab.open(server.url, "author", "lang=en", timeout=120)
        seconds.append(time.monotonic() - began)
        await tab.close()
    return seconds


async def edits(server: AppServer, store: DraftStore, count: int, profile: Path | None) -> dict:
    tab = await Tab.open(server.url, "author", "lang=en", timeout=120)
    await tab.run({tab.key("author-open-file").id: trigger()}, timeout=120)
    token = parse_qs(tab.query).get("draft", [None])[0]
    for number in range(3):  # warm: the first edits fill what is cached per process
        await tab.run({tab.widget("Title · en").id: text(f"warm {number}")}, timeout=120)
    spy = _spy(server, profile)
    cpu = server.cpu_seconds()
    walls = []
    for number in range(count):
        title = f"Russia and North Korea, edit {number}"
        title_box = tab.widget("Title · en")
        walls.append(await tab.run({title_box.id: text(title)}, title_box.fragment, timeout=120))
        if await asyncio.to_thread(stored_title, store, token) != title:
            raise TabError(f"edit {number} lost")
        await asyncio.sleep(0.2)  # the server is idle between edits
    cpu = server.cpu_seconds() - cpu
    if spy is not None:
        spy.send_signal(signal.SIGINT)  # py-spy writes its samples as it stops
        spy.wait(timeout=60)
    await tab.close()
    if tab.errors:
        raise TabError("; ".join(tab.errors[:3]))
    return {"walls": walls, "cpu": cpu / count}


def _spy(server: AppServer, out: Path | None) -> subprocess.Popen | None:
    if out is None:
        return None
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    process = subprocess.Popen(
        [spy, "record", "--pid", str(server.process.pid), "--format", "raw", "--output",
         str(out), "--rate", "200", "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1.0)  # py-spy attaches
    return process


def shares(raw: Path) -> dict[str, float]:
    """The share of py-spy's busy samples (raw format: ``frame;frame;… count``) in each part."""
    counts = {name: 0 for name in PARTS}
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, number = line.rpartition(" ")
        leaf = stack.rsplit(";", 1)[-1]
        if not number.isdigit() or any(mark in leaf for mark in IDLE):
            continue
        total += int(number)
        for name, needle in PARTS.items():
            if needle in stack:
                counts[name] += int(number)
    return {name: count / max(total, 1) for name, count in counts.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--story", type=Path, default=FIRST_STORY)
    parser.add_argument("--profile", action="store_true", help="py-spy the server's edits")
    parser.add_argument(
        "--restarts", type=int, default=3, help="first screens after a restart on a used cache"
    )
    args = parser.parse_args()
    load = " ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, load average {load}, story {args.story.name}")
    with tempfile.TemporaryDirectory(prefix="storymap-bench-author-") as tmp:
        work = Path(tmp)
        cache = fresh_cache(work / "cache")
        env = {"STORYMAP_CACHE": str(cache), "STORYMAP_AUTHOR_SAVE_DIR": "off"}
        server = start_app(args.story, work, env=env, timeout_s=120)
        profile = ROOT / "test-artifacts" / "bench-author-edits.txt" if args.profile else None
        if profile is not None:
            profile.parent.mkdir(exist_ok=True)
        try:
            screens = asyncio.run(first_screens(server))
            result = asyncio.run(edits(server, DraftStore(cache / "drafts"), args.edits, profile))
        finally:
            server.stop()
        restarts = []  # a server restarted on the cache folder its predecessor used
        for _ in range(args.restarts):
            server = start_app(args.story, work, env=env, timeout_s=120)
            try:
                restarts.append(asyncio.run(first_screens(server))[0])
            finally:
                server.stop()
    walls = [s * 1000 for s in result["walls"]]
    print(f"/author first screen: {screens[0]:.2f} s after a start, {screens[1]:.2f} s after")
    if restarts:
        print(
            f"/author first screen after a restart (the cache folder used before): median "
            f"{statistics.median(restarts):.2f} s, max {max(restarts):.2f} s of {len(restarts)}"
        )
    print(
        f"edit ({len(walls)}): median {statistics.median(walls):.0f} ms, "
        f"p95 {percentile(walls, 0.95):.0f} ms wall; server CPU {result['cpu'] * 1000:.0f} ms "
        f"per edit (load average {' '.join(f'{x:.1f}' for x in psutil.getloadavg())})"
    )
    if profile is not None and profile.exists():
        print(f"py-spy samples during the edits ({profile}):")
        for name, share in shares(profile).items():
            print(f"  {share:6.1%}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
