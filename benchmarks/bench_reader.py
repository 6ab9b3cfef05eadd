"""How fast is the reader? Starts the app, drives it in headless Chromium, prints figures.

For the real story and generated stories of 1,000 and 5,000 events, every figure from
inside the page:
- full step: keydown (ArrowRight on the slider) to the animation frame in which the map,
  the narrative and the counter all show the new step; and the map step alone (the frame
  in which the map shows it). Median and p90 of 10 steps, on the reader and the presenter;
- cold load: navigation start to the first markers and the narrative text drawn, in a fresh
  browser context against a warm server (median of --loads, each paired with); a bare page that
  loads the same files and draws the same markers (benchmarks/bare.html), and the reader's
  own frame (navigation of the frame to ready, without Streamlit's page around it);
- first load after a server start: the same, on the first page view of a server restarted
  on the cache folder its predecessor used (median of --restarts); and a story's very first
  load, on an empty cache folder (nothing built for it yet);
- the app's front door (``/``, which serves the light page, also at ``/read/<story-id>/``:
  the same reader without Streamlit's page): its cold load and its first load after a server
  start, against the same bare page. The machine's load moves a cold load 2-10x within
  minutes, so the two are measured in pairs: a bare load and a light load one right after
  the other (order alternating), and each first load
  after a start with a bare load on the same server once it is quiet; printed are both
  medians, their ratio, and the median, min and max of the per-pair ratios (--light-only:
  only this, for quick repeats). The bare page takes Leaflet and the data from the same
  routes as the light page (``/read/``), so both get the same serving;
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
import json
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_server: the test harness that runs the app

from app_server import CHROMIUM, CHROMIUM_ARGS, fresh_cache, start_app  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from storymap.synthetic import write_synthetic_story  # noqa: E402

VIEW = {"width": 1400, "height": 900}
STREAMLIT_READER = (
    "/reader"  # the reader in Streamlit's page (storymap_ui.light); "/" opens the light one
)
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


BARE_PATH = "/bench-bare.html"  # handed to the browser by the benchmark, at the app's origin


def bare_load(browser: object, server_url: str, files: dict[str, str]) -> float:
    """The bare page (benchmarks/bare.html) in a fresh browser, at the app's origin, on the
    light page's own data files: seconds from navigation to its markers and text drawn.
    Its HTML comes from the benchmark (no server round trip), its Leaflet and data from the
    app's server, as the light page's do."""
    body = (ROOT / "benchmarks" / "bare.html").read_bytes()
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()

    def serve(route: object) -> None:
        if route.request.url.split("?")[0] == server_url + BARE_PATH:
            route.fulfill(body=body, content_type="text/html; charset=utf-8")
        else:
            offline(route)

    page.route("**/*", serve)
    page.goto(f"{server_url}{BARE_PATH}?map={files['map']}&text={files['text']}")
    page.wait_for_function("Boolean(window.storyReaderReadyAt)", timeout=120_000)
    seconds = (page.evaluate("window.storyReaderReadyAt - performance.timeOrigin")) / 1000
    context.close()
    return seconds


def light_files(url: str) -> dict[str, str]:
    """The map's and the first language's words' addresses, as the light page names them."""
    with urllib.request.urlopen(url, timeout=120) as answer:
        html = answer.read().decode("utf-8")
    found = re.search(r'<script type="application/json" id="storymap-light">(.*?)</script>', html)
    files = json.loads(found.group(1))
    path = urllib.parse.urlsplit(url).path
    return {"map": path + files["map"], "text": path + files["text"][files["lang"]]}


def light_load(browser: object, url: str) -> float:
    """The light page (at ``/read/<story-id>/`` or ``/``) in a fresh browser: seconds from
    navigation (a redirect's too) to the map and words drawn. Polled (its policy allows no
    ``eval`` for wait_for_function)."""
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.route("**/*", offline)
    page.goto(url, wait_until="commit", timeout=300_000)  # (its first view may build it)
    deadline = time.monotonic() + 300
    while not page.evaluate("Boolean(window.storyReaderReadyAt)"):
        if time.monotonic() > deadline:
            raise TimeoutError("the light page did not draw")
        time.sleep(0.01)
    seconds = page.evaluate("window.storyReaderReadyAt - performance.timeOrigin") / 1000
    context.close()
    return seconds


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
            page.goto(server.url + STREAMLIT_READER, wait_until="commit")
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


def interleaved(count: int, bare: object, other: object) -> list[tuple[float, float]]:
    """``count`` pairs (bare page, other page) of cold loads taken one right after the other,
    the order alternating (bare first, then the other first), so that both see the same
    machine: its load moves a cold load by a factor of 2-10 within minutes."""
    pairs = []
    for i in range(count):
        if i % 2:
            second = other()
            pairs.append((bare(), second))
        else:
            first = bare()
            pairs.append((first, other()))
    return pairs


def bench(
    name: str,
    story: Path,
    browser: object,
    workdir: Path,
    loads: int,
    pause: int,
    restarts: int,
    light_only: bool,
) -> dict:
    env = {"STORYMAP_CACHE": str(fresh_cache(workdir / f"cache-{name}"))}
    light_path = f"/read/{story_id(story)}/"
    r: dict = {"story": name}
    server = start_app(story, workdir, env=env)
    try:
        light_url, front_door = server.url + light_path, server.url + "/"
        reader_url = server.url + STREAMLIT_READER
        if not light_only:  # nothing built yet for this story: the very first
            r["first_ever"] = load(browser, reader_url)
        r["light_built_s"] = light_load(browser, light_url)  # its files made (from the record)
        files = light_files(light_url)
        pairs = interleaved(
            loads,
            lambda: bare_load(browser, server.url, files),
            lambda: light_load(browser, front_door),
        )
        r["light_cold"] = pairs
        if not light_only:
            runs: list[dict] = []

            def streamlit() -> float:
                runs.append(load(browser, reader_url))
                return runs[-1]["page"]

            r["cold"] = interleaved(loads, lambda: bare_load(browser, server.url, files), streamlit)
            r["runs"] = runs
            reader, ws, fetched = steps(browser, reader_url, pause)
            presenter, _, _ = steps(browser, server.url + "/presenter", pause)
            data = [f for f in fetched["files"] if f["name"].endswith(".json")]
            r |= {"full": [s["full"] for s in reader], "map": [s["map"] for s in reader],
                  "presenter_full": [s["full"] for s in presenter], "ws_bytes_per_step": ws,
                  "payload": payload_bytes(data), "rss": (server.rss_mib(),
                  open_sessions_rss(browser, reader_url, server, 20))}  # fmt: skip
    finally:
        server.stop()
    after_start, light_after_start, starts = [], [], []
    for _ in range(restarts):  # a restart on the same cache folder: its first page view
        if not light_only:
            started = time.monotonic()
            server = start_app(story, workdir, env=env)
            starts.append(time.monotonic() - started)  # `streamlit run` to its answer
            try:
                after_start.append(load(browser, server.url + STREAMLIT_READER)["page"])
            finally:
                server.stop()
        server = start_app(story, workdir, env=env)  # the light page: its first view, and
        try:  # a bare page's cold load on the same server once its start's work is done
            light = light_load(browser, server.url + "/")  # the front door
            settle(server)
            light_after_start.append((bare_load(browser, server.url, files), light))
        finally:
            server.stop()
    r["light_after_start"] = light_after_start
    r["after_start"] = after_start
    r["starts"] = starts
    return r


def settle(server: object, quiet_cpu_s: float = 0.05, window_s: float = 0.5) -> None:
    """Wait until the server uses under a tenth of a core (its warm-up thread done), so the
    bare page's load paired with a first load after a start is an ordinary cold load."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        before = server.cpu_seconds()
        time.sleep(window_s)
        if server.cpu_seconds() - before < quiet_cpu_s:
            return


def summary(pairs: list[tuple[float, float]]) -> tuple[float, float, float, float, float, float]:
    """(bare median, other median, ratio of the medians, and the per-pair ratios' median,
    min and max)."""
    med = statistics.median
    bare, other = med(b for b, _ in pairs), med(o for _, o in pairs)
    each = [o / b for b, o in pairs]
    return bare, other, other / bare, med(each), min(each), max(each)


def ratio_line(story: str, what: str, pairs: list[tuple[float, float]], goal: float) -> str:
    bare, other, ratio, each, low, high = summary(pairs)
    verdict = "meets" if ratio <= goal else "misses"
    return (
        f"{story:>6} | {what:<19} | bare {bare:5.2f} s | page {other:5.2f} s | "
        f"{ratio:5.2f}× (pairs: median {each:4.2f}×, {low:4.2f}–{high:4.2f}×, n={len(pairs)}) "
        f"| goal ≤ {goal:g}×: {verdict}"
    )


def ratios(r: dict) -> str:
    """The Streamlit reader's start, measured against the static Leaflet page."""
    med = statistics.median
    bare = med(b for b, _ in r["cold"])
    runs = r["runs"]
    first, ever = med(r["after_start"]), r["first_ever"]["page"]
    start = med(r["starts"])
    return (
        f"{r['story']:>6} | {bare:4.2f} | {med(x for _, x in r['cold']):5.2f} "
        f"({summary(r['cold'])[2]:4.2f}×) | {first:5.2f} ({first / bare:4.2f}×) | "
        f"{ever:5.2f} ({ever / bare:4.2f}×) | "
        f"{med(x['dom'] for x in runs):4.2f} / {med(x['frame_start'] for x in runs):4.2f} / "
        f"{med(x['frame'] for x in runs):4.2f} | {start:5.2f} / {start + first:5.2f}"
    )


def row(r: dict) -> str:
    med = statistics.median
    raw, gz, wire = r["payload"]
    return (
        f"{r['story']:>6} | {med(r['full']):5.1f} / {percentile(r['full'], 0.9):5.1f} | "
        f"{med(r['map']):5.1f} / {percentile(r['map'], 0.9):5.1f} | "
        f"{med(r['presenter_full']):5.1f} / {percentile(r['presenter_full'], 0.9):5.1f} | "
        f"{med(x for _, x in r['cold']):5.2f} ({med(x['frame'] for x in r['runs']):4.2f} frame) "
        f"vs bare {med(b for b, _ in r['cold']):4.2f} | "
        f"{med(r['after_start']):5.2f} | {raw / 1024:7,.0f} / {gz / 1024:5,.0f} ({wire / 1024:,.0f} wire) | "
        f"{r['ws_bytes_per_step']:6,.0f} | {r['rss'][0]:4.0f} / {r['rss'][1]:4.0f}"
    )


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="generated story sizes")
    parser.add_argument(
        "--loads", type=int, default=9, help="cold loads (pairs with the bare page)"
    )
    parser.add_argument("--restarts", type=int, default=5, help="first loads after a start")
    parser.add_argument("--pause", type=int, default=700, help="ms between steps")
    parser.add_argument("--sessions", default="1,5,20", help="cold sessions at once ('' to skip)")
    parser.add_argument(
        "--light-only", action="store_true", help="only the light page against the bare page"
    )
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(
            f"error: Chromium not found at {CHROMIUM} (apt-get install chromium)", file=sys.stderr
        )
        return 1
    first_story = ROOT / "geodata" / "stories" / "russia-north-korea.yaml"
    print(f"load average (1/5/15 min) at the start: {load_average()}")
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
                bench(
                    name,
                    path,
                    browser,
                    workdir,
                    args.loads,
                    args.pause,
                    args.restarts,
                    args.light_only,
                )
            )
            print(f"measured {name} (load average {load_average()})", file=sys.stderr)
        if not args.light_only:
            print("story  | full step ms med / p90 | map step | presenter full | cold load s "
                  "| 1st load s | payload KiB raw / gzip | ws B/step | server MiB 1 / 20 sessions")  # fmt: skip
            for r in results:
                print(row(r))
            print("\nThe Streamlit reader (/reader) against the bare page, medians; the cold loads "
                  "interleaved with the bare page's\n"
                  "story  | bare s | cold load s | 1st after a start s | 1st ever (empty cache) s "
                  "| cold: Streamlit page ready / frame made / frame to map s "
                  "| server start s / start + 1st load s")  # fmt: skip
            for r in results:
                print(ratios(r))
        print("\nThe app's front door (/, which serves the light page /read/<story-id>/) "
              "against the static Leaflet page "
              "(benchmarks/bare.html: the same Leaflet and data files from the same server), "
              "each in a fresh browser. Cold: pairs of loads one right after the other (order "
              "alternating); 1st after a start: the light page's first view on a server just "
              "started on the same cache folder, paired with a bare page's load on that server once "
              "it is quiet (its warm-up done). "
              "Ratio = median page / median bare; pairs = each pair's page / bare.")  # fmt: skip
        for r in results:
            print(ratio_line(r["story"], "cold", r["light_cold"], 1.3))
            print(ratio_line(r["story"], "1st after a start", r["light_after_start"], 2))
            print(f"{r['story']:>6} | the light page's 1st view (its files made): "
                  f"{r['light_built_s']:.2f} s")  # fmt: skip
        for count in (int(s) for s in args.sessions.split(",") if s):
            times, to_frame, cpu, rss = sessions_at_once(browser, first_story, workdir, count)
            print(
                f"{count:>3} cold sessions at once (real story, fresh server): map after median "
                f"{statistics.median(times):.1f} s, max {max(times):.1f} s (page to map frame: median "
                f"{statistics.median(to_frame):.1f} s); server CPU {cpu:.1f} s in all, "
                f"{cpu / count:.2f} s per session; server {rss:.0f} MiB"
            )
        browser.close()
    print(f"load average (1/5/15 min) at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
