"""A bounded load test on loopback: 20 browser sessions at once against one `streamlit run`.

Half the sessions read the first story (a step every second or so on the reader page),
half edit it on the author page (a title typed and committed, over and over), for one
minute. Reported: errors (page errors, console errors, the app's own exception boxes,
timeouts; there must be none), the server's memory per session, and step and edit
latency under load (median and p90):

- step: in the reader's frame, from the keydown to the animation frame in which the map
  shows the new step (the reader engine runs in the browser);
- edit: from Enter in the title box to the edit being in the server's draft store, the
  page having heard the end of the run (Streamlit's ``script_finished`` on its websocket)
  and replaced every element (Streamlit's status gone, nothing stale), as the author sees
  it. Each editor's last edit must be in its draft at the end.

Every editor's websocket messages are kept (``loadtest_trace``) in ``trace-editor-N.txt``
beside the server's log, and a failed page's screenshot beside them.

Run with ``make loadtest`` (not part of ``make test``); writes the figures, with the date
and the machine, to ``--notes`` (default /work/notes/loadtest-figures.md) when that folder exists.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_server: the test harness that runs the app

from app_server import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_IDLE,
    AppServer,
    start_app,
)
from playwright.async_api import async_playwright, expect  # noqa: E402

from storymap.authoring.store import DraftStore  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from loadtest_report import find_errors, stored_title, summarise  # noqa: E402
from loadtest_trace import Trace, failed, keep_trace  # noqa: E402

FIRST_STORY = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"
BLANK_TILE = base64.b64decode(  # a 1×1 transparent PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
BROWSERS_NICE = 10  # the browsers' CPU priority below the server's (Linux niceness)
HARMLESS = ("Unrecognized feature:", "can escape its sandboxing", "404 (Not Found)")
STEP_PROBE = """() => {
  window.__steps = [];
  document.addEventListener('keydown', () => {
    const t0 = performance.now();
    const target = String(Number(document.documentElement.dataset.step) + 1);
    const seen = () => {
      if (document.documentElement.dataset.step === target) {
        requestAnimationFrame(() => window.__steps.push(performance.now() - t0));
      } else if (performance.now() - t0 < 10000) requestAnimationFrame(seen);
    };
    requestAnimationFrame(seen);
  }, true);
}"""


@dataclass
class Session:
    kind: str
    number: int
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    token: str | None = None
    last_edit: str | None = None
    sockets: int = 0  # websockets the page opened: more than one means it reconnected
    trace: Trace = field(default_factory=Trace)  # what the page and the server said


async def watched_page(browser, session: Session):
    # bypass_csp: the pages refuse eval, which Playwright's wait_for_function uses to poll
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = await context.new_page()
    page.set_default_timeout(240_000)  # 20 pages opening at once on 2 cores take a while

    async def route(r):
        url = r.request.url
        if url.startswith("http://127.0.0.1"):
            await r.continue_()
        elif "basemaps" in url or "tile" in url:  # no network: a blank tile, like the tests
            await r.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        else:
            await r.abort()

    await page.route("**/*", route)
    page.on("pageerror", lambda e: session.errors.append(f"page error: {e}"))
    page.on(
        "console",
        lambda m: (
            session.errors.append(m.text)
            if m.type == "error" and not any(h in m.text for h in HARMLESS)
            else None
        ),
    )
    page.on("dialog", lambda d: session.errors.append(f"dialog: {d.message}"))
    page.on("websocket", lambda ws: _count_socket(session, ws))
    return context, page


def _count_socket(session: Session, socket) -> None:
    if "_stcore/stream" in socket.url:
        session.sockets += 1
        session.trace.note(f"socket {session.sockets} opened")
        session.trace.watch(socket)


async def reader_frame(page, timeout_s: float = 240):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "storymap_reader" in frame.url:
                try:
                    if await frame.evaluate("Boolean(window.storyReaderReadyAt)"):
                        return frame
                except Exception:
                    pass
        await asyncio.sleep(0.2)
    raise TimeoutError("the reader did not draw")


async def app_exceptions(page) -> list[str]:
    return await page.locator("[data-testid=stException]").all_inner_texts()


async def reader(
    browser, server: AppServer, session: Session, deadline: dict, started: asyncio.Event
) -> None:
    context, page = await watched_page(browser, session)
    try:
        await page.goto(f"{server.url}/reader?lang=en")
        frame = await reader_frame(page)
        await frame.evaluate(STEP_PROBE)
        await frame.focus("#slider")
        started.set()
        steps = await frame.evaluate("window.storyReader.data.steps.length")
        while time.monotonic() < deadline["t"]:
            at = int(await frame.evaluate("document.documentElement.dataset.step"))
            if at >= steps - 1:
                await page.keyboard.press("Home")
                await asyncio.sleep(0.5)
                continue
            await page.keyboard.press("ArrowRight")
            await asyncio.sleep(1.0)
        session.latencies_ms = await frame.evaluate("window.__steps")
        session.errors += await app_exceptions(page)
    except Exception as exc:  # a timeout is an error of the run, not of the script
        await failed(page, session, exc)
    finally:
        started.set()  # a session that failed to start does not hold the others' clock
        await context.close()


async def editor(
    browser, server: AppServer, session: Session, deadline: dict, started: asyncio.Event
) -> None:
    context, page = await watched_page(browser, session)
    try:
        await open_first_story(page, server, session.trace)
        await page.wait_for_function(PAGE_IDLE)
        session.token = page.url.split("draft=")[1].split("&")[0]
        started.set()
        store = DraftStore(Path(os.environ["STORYMAP_CACHE"]) / "drafts")
        edit = 0
        while time.monotonic() < deadline["t"]:
            edit += 1
            value = f"Russia and North Korea, edit {session.number}.{edit}"
            box = page.locator('[data-stale=false] input[aria-label="Title · en"]')
            session.trace.note(f"test: fill {value!r}")
            await box.fill(value)
            # as a person does: Enter once the text is seen in the box (a starved page may
            # not have drawn the typing yet, and then Enter would send the old text)
            await expect(box).to_have_value(value, timeout=60_000)
            began, runs = time.monotonic(), session.trace.runs_ended
            session.trace.note("test: Enter")
            await box.press("Enter")
            while stored_title(store, session.token) != value:  # on the server, in the draft
                if time.monotonic() - began > 60:
                    raise TimeoutError(f"edit {edit} did not reach the server in 60 s")
                await asyncio.sleep(0.05)
            session.last_edit = value  # kept by the server, whatever the page does next
            session.trace.note("test: in the draft store")
            await session.trace.run_ended_after(runs, began, f"edit {edit}")  # heard…
            await page.wait_for_function(PAGE_IDLE, timeout=60_000)  # …and has redrawn
            session.latencies_ms.append((time.monotonic() - began) * 1000)
            session.trace.note("test: page idle")
            await asyncio.sleep(1.0)
        session.errors += await app_exceptions(page)
    except Exception as exc:
        await failed(page, session, exc)
    finally:
        started.set()
        await context.close()
        keep_trace(session)


async def open_first_story(page, server: AppServer, trace: Trace | None = None) -> None:
    """On /author, open the story in the stories folder, as an author does."""
    note = trace.note if trace else lambda _line: None
    await page.goto(f"{server.url}/author?lang=en")
    note("test: tab 'An existing story'")
    await page.get_by_role("tab", name="An existing story").click()
    note("test: click 'Open this story'")
    await page.get_by_role("button", name="Open this story").click()
    # the story is open when its title is in the Story part (the notice shows only once)
    await page.locator('input[aria-label="Title · en"]').wait_for()


def sample_memory(server: AppServer, samples: list[float], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            samples.append(server.rss_mib())
        except OSError:
            return
        stop.wait(1.0)


async def run(
    server: AppServer, sessions: int, seconds: float, readers: int | None = None
) -> tuple[list[Session], float, float, float]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        # warm the server once (the gazetteer, the reader's files), as a running app would be
        warm = Session("warm-up", 0)
        context, page = await watched_page(browser, warm)
        await open_first_story(page, server)
        await page.goto(f"{server.url}/reader?lang=en")
        await reader_frame(page)
        await context.close()
        await asyncio.sleep(3)
        baseline = server.rss_mib()
        samples: list[float] = []
        stop = threading.Event()
        sampler = threading.Thread(target=sample_memory, args=(server, samples, stop), daemon=True)
        sampler.start()
        readers = sessions // 2 if readers is None else readers
        kinds = ["reader"] * readers + ["editor"] * (sessions - readers)
        everyone = [Session(kind, n) for n, kind in enumerate(kinds)]
        ready = [asyncio.Event() for _ in everyone]
        up = asyncio.get_running_loop().create_future()

        async def start_clock() -> None:
            await asyncio.gather(*(event.wait() for event in ready))
            up.set_result(time.monotonic())

        clock = asyncio.create_task(start_clock())
        deadline = {"t": time.monotonic() + 10_000}  # set once every session is up

        async def one(session: Session, event: asyncio.Event) -> None:
            work = reader if session.kind == "reader" else editor
            await work(browser, server, session, deadline, event)

        tasks = [asyncio.create_task(one(s, e)) for s, e in zip(everyone, ready, strict=True)]
        try:
            all_up = await asyncio.wait_for(asyncio.shield(up), timeout=600)
        except TimeoutError:
            all_up = time.monotonic()
        deadline["t"] = all_up + seconds
        cpu_before, wall_before = server.cpu_seconds(), time.monotonic()
        await asyncio.gather(*tasks)
        cpu_share = (server.cpu_seconds() - cpu_before) / (time.monotonic() - wall_before)
        clock.cancel()
        stop.set()
        sampler.join()
        await browser.close()
    return everyone, baseline, max(samples) if samples else float("nan"), cpu_share


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, help="how many of the sessions read (default: half)")
    parser.add_argument("--notes", type=Path, default=Path("/work/notes/loadtest-figures.md"))
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"Debian's Chromium is not at {CHROMIUM}", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="storymap-loadtest-"))
    os.environ["STORYMAP_CACHE"] = str(work / "cache")  # drafts of this run only
    os.environ["STORYMAP_AUTHOR_SAVE_DIR"] = "off"  # editors never write story files
    load_before = os.getloadavg()
    server = start_app(FIRST_STORY, work)
    # The twenty browsers start after this, with this process's lower priority: on the
    # same two cores they would otherwise take the server's CPU, which a server of its own
    # would not lose to its readers' browsers. They still use every cycle the server leaves.
    os.nice(BROWSERS_NICE)
    try:
        began = time.strftime("%Y-%m-%d %H:%M")
        sessions, baseline, peak, cpu_share = asyncio.run(
            run(server, args.sessions, args.seconds, args.readers)
        )
        log = server.log.read_text()
    finally:
        server.stop()
    errors = find_errors(sessions, log, work)
    report = summarise(sessions, errors, baseline, peak, args, began, load_before, log, cpu_share)
    print(report)
    if args.notes.parent.is_dir():
        args.notes.write_text(report + "\n", encoding="utf-8")
        print(f"\nwritten to {args.notes}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
