"""How fast is the reader? Starts the app, drives it in headless Chromium, prints figures.

For the real story and generated stories of 1,000 and 5,000 events, every figure from
inside the page:
- full step: keydown (ArrowRight on the slider) to the animation frame in which the map,
  the narrative and the counter all show the new step; and the map step alone (the frame
  in which the map shows it). Median and p90 of 10 steps, on the reader and the presenter;
- cold load: navigation start to the first markers and the narrative text drawn, in a fresh
  browser context against a warm server (median of --loads); beside it a bare page that
  loads the same files and draws the same markers (benchmarks/bare.html), and the reader's
  own frame (navigation of the frame to ready, without Streamlit's page around it);
- first load after a server start: the same, on the first page view of a server restarted
  on the cache folder its predecessor used (median of --restarts); and a story's very first
  load, on an empty cache folder (nothing built for it yet);
- the light page (``/read/<story-id>/``, the same reader without Streamlit's page): its cold
  load and its first load after a server start, against the same bare page;
- the ratios of the cold load and of both first loads to the bare page's cold load, and
  where a cold load goes (Streamlit's page ready, the reader's frame made, the frame's own
  load);
- payload: what the browser downloads for the story (map + one language), raw and gzipped;
- websocket bytes per step, and the server's memory with 1 and with 20 sessions;
- --sessions: N cold sessions at once on a fresh server: each one's time to the map.

Run with ``make bench`` (not part of ``make test``). Needs Debian's Chromium.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_server: the test harness that runs the app

from app_server import CHROMIUM, CHROMIUM_ARGS, fresh_cache, start_app  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from storymap.synthetic import write_synthetic_story  # noqa: E402

VIEW = {"width": 1400, "height": 900}
# In the map's frame: per keydown, the absolute time of the first frame in which the map shows
# the new step, and of the first in which the narrative (in the frame, or in the page around
# it, as it was before the one engine) and the counter show it too.
PROBE = """() => {
  const abs = () => performance.timeOrigin + performance.now();
  const words = () => document.querySelector('.storymap-narrative')
    || window.parent.document.querySelector('.storymap-narrative');
  window.__steps = [];
  let pending = null;
  const check = () => {
    if (!pending) return;
    const step = document.documentElement.dataset.step;
    if (pending.map === null && step === pending.target) pending.map = 'seen';
    const n = words();
    if (pending.words === null && n && n.dataset.step === pending.target) pending.words = 'seen';
    const p = pending;
    requestAnimationFrame(() => {
      const now = abs();
      if (p.map === 'seen') p.map = now;
      if (p.words === 'seen') p.words = now;
      if (typeof p.map === 'number' && typeof p.words === 'number' && !p.done) {
        p.done = true;
        window.__steps.push({ full: Math.max(p.map, p.words) - p.t0, map: p.map - p.t0 });
        if (pending === p) pending = null;
      }
    });
  };
  document.addEventListener('keydown', () => {
    const target = String(Number(document.documentElement.dataset.step) + 1);
    pending = { t0: abs(), target, map: null, words: null, done: false };
  }, true);
  const watch = (doc) => new MutationObserver(check).observe(doc.documentElement,
    { attributes: true, childList: true, subtree: true, attributeFilter: ['data-step'] });
  watch(document);
  try { watch(window.parent.document); } catch (err) {}
}"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def offline(route: object) -> None:
    url = route.request.url
    route.continue_() if url.startswith("http://127.0.0.1") else route.abort()


def reader_frame(page: object, timeout_s: float = 180) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "storymap_reader" in frame.url:
                try:
                    if frame.evaluate("Boolean(window.storyReaderReadyAt)"):
                        return frame
                except Exception:
                    pass
        page.wait_for_timeout(20)
    raise TimeoutError("the map did not draw")


def load(browser: object, url: str) -> dict:
    """One page view in a fresh browser: seconds from navigation to the map and words drawn
    (``page``), and where they went: Streamlit's page ready (``dom``), the reader's frame
    created (``frame_start``), the frame's own navigation to ready (``frame``)."""
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.route("**/*", offline)
    page.goto(url)
    frame = reader_frame(page)
    ready = frame.evaluate("window.storyReaderReadyAt")
    origin = page.evaluate("performance.timeOrigin")
    frame_origin = frame.evaluate("performance.timeOrigin")
    dom = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    result = {
        "page": (ready - origin) / 1000,
        "dom": dom / 1000,
        "frame_start": (frame_origin - origin) / 1000,
        "frame": (ready - frame_origin) / 1000,
        "url": frame.url,
    }
    context.close()
    return result


def bare_load(browser: object, frame_url: str, map_url: str, text_url: str) -> float:
    base = frame_url.split("index.html")[0]
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.route("**/*", offline)
    page.goto(f"{base}bare.html?map={map_url}&text={text_url}")
    page.wait_for_function("Boolean(window.storyReaderReadyAt)", timeout=120_000)
    seconds = (page.evaluate("window.storyReaderReadyAt - performance.timeOrigin")) / 1000
    context.close()
    return seconds


def light_load(browser: object, url: str) -> float:
    """The light page (``/read/<story-id>/``) in a fresh browser: seconds from navigation to
    the map and words drawn. Polled (its policy allows no ``eval`` for wait_for_function)."""
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.route("**/*", offline)
    page.goto(url)
    deadline = time.monotonic() + 180
    while not page.evaluate("Boolean(window.storyReaderReadyAt)"):
        if time.monotonic() > deadline:
            raise TimeoutError("the light page did not draw")
        time.sleep(0.01)
    seconds = page.evaluate("window.storyReaderReadyAt - performance.timeOrigin") / 1000
    context.close()
    return seconds


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:  # (Streamlit answers any
            return b'id="storymap-light"' in answer.read()  # address with its own page)
    except OSError:
        return False


def story_id(story: Path) -> str:
    """The story's id, from its file (the light page's address)."""
    return re.search(r"^id: *['\"]?([a-z0-9-]+)", story.read_text("utf-8"), re.M).group(1)


def steps(
    browser: object, url: str, pause_ms: int, count: int = 10
) -> tuple[list[dict], float, dict]:
    """Step timings, websocket bytes per step, and the payload files the frame fetched."""
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.route("**/*", offline)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: list[int] = []

    def count_frame(event: dict) -> None:
        data = event["response"].get("payloadData", "")
        sizes.append(
            len(base64.b64decode(data)) if event["response"].get("opcode") == 2 else len(data)
        )

    cdp.on("Network.webSocketFrameReceived", count_frame)
    cdp.on("Network.webSocketFrameSent", count_frame)
    page.goto(url)
    frame = reader_frame(page)
    page.wait_for_timeout(1500)  # let the first run's messages finish
    files = frame.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.includes('/data/'))"
        ".map(e => ({name: e.name, raw: e.decodedBodySize, wire: e.encodedBodySize}))"
    )
    frame.evaluate(PROBE)
    frame.focus("#slider")
    sizes.clear()
    for _ in range(count):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(pause_ms)  # a reader's pause; the server's rerun completes meanwhile
    page.wait_for_timeout(1000)
    timings = frame.evaluate("window.__steps")
    context.close()
    return timings, sum(sizes) / count, {"files": files}


def payload_bytes(files: list[dict]) -> tuple[int, int, int]:
    """Raw, gzipped and on-the-wire bytes of the payload files the reader fetched."""
    raw = gz = wire = 0
    for item in files:
        body = urllib.request.urlopen(item["name"], timeout=60).read()
        raw += len(body)
        gz += len(gzip.compress(body, 6))
        wire += item["wire"]
    return raw, gz, wire


def sessions_at_once(
    browser: object, story: Path, workdir: Path, count: int
) -> tuple[list[float], list[float], float, float]:
    """``count`` fresh sessions on a freshly started server: each one's seconds to the map,
    each one's seconds from its page to its map frame (Streamlit's page, the server's run),
    the server's CPU seconds for them all, and its memory after."""
    server = start_app(story, workdir)
    try:
        cpu_before = server.cpu_seconds()
        contexts = [browser.new_context(viewport=VIEW) for _ in range(count)]
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.route("**/*", offline)
        started = time.monotonic()
        for page in pages:
            page.goto(server.url, wait_until="commit")
        times, to_frame = [], []
        for page in pages:
            frame = reader_frame(page, timeout_s=600)
            origin = page.evaluate("performance.timeOrigin")
            times.append((frame.evaluate("window.storyReaderReadyAt") - origin) / 1000)
            to_frame.append((frame.evaluate("performance.timeOrigin") - origin) / 1000)
        cpu = server.cpu_seconds() - cpu_before
        rss = server.rss_mib()
        for context in contexts:
            context.close()
        elapsed = time.monotonic() - started
        print(f"  {count} sessions at once: all ready after {elapsed:.1f} s", file=sys.stderr)
        return times, to_frame, cpu, rss
    finally:
        server.stop()


def open_sessions_rss(browser: object, url: str, server: object, count: int) -> float:
    contexts = [browser.new_context(viewport=VIEW) for _ in range(count)]
    for context in contexts:
        page = context.new_page()
        page.route("**/*", offline)
        page.goto(url)
        reader_frame(page)
    rss = server.rss_mib()
    for context in contexts:
        context.close()
    return rss


def bench(
    name: str, story: Path, browser: object, workdir: Path, loads: int, pause: int, restarts: int
) -> dict:
    env = {"STORYMAP_CACHE": str(fresh_cache(workdir / f"cache-{name}"))}
    server = start_app(story, workdir, env=env)
    try:
        first = load(browser, server.url)  # nothing built yet for this story: the very first
        runs = [load(browser, server.url) for _ in range(loads)]
        reader, ws, fetched = steps(browser, server.url, pause)
        presenter, _, _ = steps(browser, server.url + "/presenter", pause)
        data = [f for f in fetched["files"] if f["name"].endswith(".json")]
        raw, gz, wire = payload_bytes(data)
        shutil.copyfile(ROOT / "benchmarks" / "bare.html", workdir / "frontend" / "bare.html")
        map_url = next((f["name"] for f in data if f["name"].endswith("map.json")), None)
        text_url = next((f["name"] for f in data if "text-" in f["name"]), None)
        bare = [float("nan")]  # (a version before the map/words split has no such files)
        if map_url and text_url:
            bare = [bare_load(browser, first["url"], map_url, text_url) for _ in range(loads)]
        light_path = f"/read/{story_id(story)}/"
        light_url = server.url + light_path
        has_light = served(light_url)  # (a version before the light page has none)
        light_first = light_load(browser, light_url) if has_light else float("nan")
        light = [light_load(browser, light_url) for _ in range(loads if has_light else 0)]
        rss_one = server.rss_mib()
        rss_twenty = open_sessions_rss(browser, server.url, server, 20)
    finally:
        server.stop()
    after_start, light_after_start, starts = [], [], []
    for _ in range(restarts):  # a restart on the same cache folder: its first page view
        started = time.monotonic()
        server = start_app(story, workdir, env=env)
        starts.append(time.monotonic() - started)  # `streamlit run` to its answer
        try:
            after_start.append(load(browser, server.url)["page"])
        finally:
            server.stop()
        if not has_light:
            continue
        server = start_app(story, workdir, env=env)  # the same for the light page
        try:
            light_after_start.append(light_load(browser, server.url + light_path))
        finally:
            server.stop()
    med = statistics.median
    return {
        "story": name,
        "first_ever_s": first["page"],
        "first_load_s": med(after_start) if after_start else float("nan"),
        "cold_load_s": med(r["page"] for r in runs),
        "frame_load_s": med(r["frame"] for r in runs),
        "dom_s": med(r["dom"] for r in runs),
        "frame_start_s": med(r["frame_start"] for r in runs),
        "bare_load_s": med(bare),
        "light_cold_s": med(light) if light else float("nan"),
        "light_first_s": med(light_after_start) if light_after_start else float("nan"),
        "light_built_s": light_first,
        "start_s": med(starts) if starts else float("nan"),
        "full": [s["full"] for s in reader],
        "map": [s["map"] for s in reader],
        "presenter_full": [s["full"] for s in presenter],
        "ws_bytes_per_step": ws,
        "payload": (raw, gz, wire),
        "rss": (rss_one, rss_twenty),
    }


def ratios(r: dict) -> str:
    """The start, measured against the static Leaflet page of the same run."""
    bare = r["bare_load_s"]
    return (
        f"{r['story']:>6} | {bare:4.2f} | {r['cold_load_s']:5.2f} ({r['cold_load_s'] / bare:4.2f}×) | "
        f"{r['first_load_s']:5.2f} ({r['first_load_s'] / bare:4.2f}×) | "
        f"{r['first_ever_s']:5.2f} ({r['first_ever_s'] / bare:4.2f}×) | "
        f"{r['dom_s']:4.2f} / {r['frame_start_s']:4.2f} / {r['frame_load_s']:4.2f} | "
        f"{r['start_s']:5.2f} / {r['start_s'] + r['first_load_s']:5.2f}"
    )


def light_ratios(r: dict) -> str:
    """The light page's start, against the same static page."""
    bare = r["bare_load_s"]
    return (
        f"{r['story']:>6} | {bare:4.2f} | {r['light_cold_s']:5.2f} ({r['light_cold_s'] / bare:4.2f}×) | "
        f"{r['light_first_s']:5.2f} ({r['light_first_s'] / bare:4.2f}×) | "
        f"{r['light_built_s']:5.2f} ({r['light_built_s'] / bare:4.2f}×)"
    )


def row(r: dict) -> str:
    med = statistics.median
    raw, gz, wire = r["payload"]
    return (
        f"{r['story']:>6} | {med(r['full']):5.1f} / {percentile(r['full'], 0.9):5.1f} | "
        f"{med(r['map']):5.1f} / {percentile(r['map'], 0.9):5.1f} | "
        f"{med(r['presenter_full']):5.1f} / {percentile(r['presenter_full'], 0.9):5.1f} | "
        f"{r['cold_load_s']:5.2f} ({r['frame_load_s']:4.2f} frame) vs bare {r['bare_load_s']:4.2f} | "
        f"{r['first_load_s']:5.2f} | {raw / 1024:7,.0f} / {gz / 1024:5,.0f} ({wire / 1024:,.0f} wire) | "
        f"{r['ws_bytes_per_step']:6,.0f} | {r['rss'][0]:4.0f} / {r['rss'][1]:4.0f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="generated story sizes")
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--restarts", type=int, default=3, help="first loads after a start")
    parser.add_argument("--pause", type=int, default=700, help="ms between steps")
    parser.add_argument("--sessions", default="1,5,20", help="cold sessions at once ('' to skip)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(
            f"error: Chromium not found at {CHROMIUM} (apt-get install chromium)", file=sys.stderr
        )
        return 1
    first_story = ROOT / "geodata" / "stories" / "russia-north-korea.yaml"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        workdir = Path(tmp)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stories = [("real", first_story)] + [
            (str(n), write_synthetic_story(n, workdir / f"synthetic-{n}.yaml"))
            for n in (int(s) for s in args.sizes.split(",") if s)
        ]
        results = []
        for name, path in stories:
            results.append(
                bench(name, path, browser, workdir, args.loads, args.pause, args.restarts)
            )
            print(f"measured {name}", file=sys.stderr)
        print("story  | full step ms med / p90 | map step | presenter full | cold load s "
              "| 1st load s | payload KiB raw / gzip | ws B/step | server MiB 1 / 20 sessions")  # fmt: skip
        for r in results:
            print(row(r))
        print("\nThe start against a static Leaflet page (benchmarks/bare.html), same run, medians "
              "(goal: cold ≤ 1.3×, first after a start ≤ 2×)\n"
              "story  | bare s | cold load s | 1st after a start s | 1st ever (empty cache) s "
              "| cold: Streamlit page ready / frame made / frame to map s "
              "| server start s / start + 1st load s")  # fmt: skip
        for r in results:
            print(ratios(r))
        print("\nThe light page (/read/<story-id>/: the same reader without Streamlit's page), same "
              "run and bare page\n"
              "story  | bare s | cold load s | 1st after a start s | 1st view (its files built from "
              "the reader's record) s")  # fmt: skip
        for r in results:
            print(light_ratios(r))
        for count in (int(s) for s in args.sessions.split(",") if s):
            times, to_frame, cpu, rss = sessions_at_once(browser, first_story, workdir, count)
            print(
                f"{count:>3} cold sessions at once (real story, fresh server): map after median "
                f"{statistics.median(times):.1f} s, max {max(times):.1f} s (page to map frame: median "
                f"{statistics.median(to_frame):.1f} s); server CPU {cpu:.1f} s in all, "
                f"{cpu / count:.2f} s per session; server {rss:.0f} MiB"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
