"""How fast is the reader? Starts the app and drives it in headless Chromium; prints figures.

For the real story and generated stories of 1,000 and 5,000 events:
- cold load: navigation start to the first marker drawn (fresh browser context), median of 5;
- slider step: keydown of ArrowRight on the slider to the next animation frame after the map
  shows the new step, median and p90 of 10 steps;
- websocket bytes per step (both directions, from Chrome DevTools Protocol frames);
- the server's resident memory after the runs.

Run with ``make bench`` (not part of ``make test``). Needs Debian's Chromium.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from storymap.synthetic import write_synthetic_story  # noqa: E402
from storymap_ui.serve import CHROMIUM, CHROMIUM_ARGS, start_app  # noqa: E402

TARGETS = {
    "real": {"step_ms": 100, "load_s": 3.0},
    "1000": {"step_ms": 150, "load_s": 5.0},
    "5000": {"step_ms": 150, "load_s": 5.0, "bytes": 10 * 1024},
}
# Installed in the map's frame: time from the slider's keydown to the frame after the new step.
PROBE = """() => {
  window.__steps = [];
  let started = null;
  document.getElementById('slider').addEventListener('keydown', () => { started = performance.now(); }, true);
  new MutationObserver(() => {
    if (started === null) return;
    const t0 = started; started = null;
    requestAnimationFrame(() => window.__steps.push(performance.now() - t0));
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-step'] });
}"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def offline(route: object) -> None:
    url = route.request.url
    if url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()  # no internet here: tiles and everything else off-host are refused


def reader_frame(page: object, timeout_s: float = 60) -> object:
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


def cold_load_s(browser: object, url: str) -> float:
    """Navigation start of the page to the reader's first drawn markers, in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.route("**/*", offline)
    page.goto(url)
    frame = reader_frame(page)
    ready_at = frame.evaluate("window.storyReaderReadyAt")
    origin = page.evaluate("performance.timeOrigin")
    context.close()
    return (ready_at - origin) / 1000


def steps_and_bytes(browser: object, url: str, steps: int = 10) -> tuple[list[float], float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.route("**/*", offline)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    frames_bytes: list[int] = []

    def count(event: dict) -> None:
        response = event["response"]
        data = response.get("payloadData", "")
        frames_bytes.append(
            len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data)
        )

    cdp.on("Network.webSocketFrameReceived", count)
    cdp.on("Network.webSocketFrameSent", count)
    page.goto(url)
    frame = reader_frame(page)
    page.wait_for_timeout(1500)  # let the first run's messages finish
    frame.evaluate(PROBE)
    frame.focus("#slider")
    frames_bytes.clear()
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(700)  # a reader's pause; the narrative rerun completes meanwhile
    page.wait_for_timeout(1000)
    timings = frame.evaluate("window.__steps")
    context.close()
    return timings, sum(frames_bytes) / steps


def bench(name: str, story: Path, browser: object, workdir: Path, loads: int) -> dict:
    server = start_app(story, workdir)
    try:
        warm = cold_load_s(browser, server.url)  # the server's first run fills its caches
        load_times = [cold_load_s(browser, server.url) for _ in range(loads)]
        step_times, step_bytes = steps_and_bytes(browser, server.url)
        return {
            "story": name,
            "first_ever_load_s": warm,
            "cold_load_s": statistics.median(load_times),
            "step_median_ms": statistics.median(step_times),
            "step_p90_ms": percentile(step_times, 0.9),
            "steps_measured": len(step_times),
            "ws_bytes_per_step": step_bytes,
            "server_rss_mib": server.rss_mib(),
        }
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="generated story sizes")
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(
            f"error: Chromium not found at {CHROMIUM} (apt-get install chromium)", file=sys.stderr
        )
        return 1
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        workdir = Path(tmp)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stories = [("real", ROOT / "geodata" / "stories" / "russia-north-korea.yaml")]
        for size in (int(s) for s in args.sizes.split(",") if s):
            stories.append(
                (str(size), write_synthetic_story(size, workdir / f"synthetic-{size}.yaml"))
            )
        for name, path in stories:
            results.append(bench(name, path, browser, workdir, args.loads))
            print(f"measured {name}", file=sys.stderr)
        browser.close()
    print(f"{'story':>6} {'cold load s':>12} {'(1st)':>7} {'step ms med':>12} {'p90':>6} "
          f"{'ws B/step':>10} {'server MiB':>11}  targets")  # fmt: skip
    for r in results:
        target = TARGETS.get(r["story"], {})
        goals = f"step<{target.get('step_ms', '-')} ms, load<{target.get('load_s', '-')} s"
        if "bytes" in target:
            goals += f", <{target['bytes']} B/step"
        print(
            f"{r['story']:>6} {r['cold_load_s']:>12.2f} {r['first_ever_load_s']:>7.2f} "
            f"{r['step_median_ms']:>12.1f} {r['step_p90_ms']:>6.1f} {r['ws_bytes_per_step']:>10.0f} "
            f"{r['server_rss_mib']:>11.0f}  {goals}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
