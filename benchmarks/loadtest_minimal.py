"""The load test's control: N editors typing into a minimal Streamlit page (`minimal_app.py`).

`make loadtest` found, now and then, an author-page action that a starved page lost (a
click whose result never showed, an Enter that never reached the server). This runs the
same typing loop (fill, see the text in the box, Enter, wait until the server has written
it and the page is idle, pause a second) against a page with none of storymap's parts, on
the same machine and browser, to tell Streamlit-under-load from our page. It prints the
edits made, lost (not on the server after 60 s) and slow (page not idle after 60 s).

    python benchmarks/loadtest_minimal.py [--sessions 20] [--seconds 90]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_server: the test harness that runs the app

from app_server import CHROMIUM, CHROMIUM_ARGS, PAGE_IDLE, free_port  # noqa: E402
from playwright.async_api import async_playwright, expect  # noqa: E402


async def editor(browser, url: str, store: Path, n: int, deadline: float, seen: dict) -> None:
    # bypass_csp: the pages refuse eval, which Playwright's wait_for_function uses to poll
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = await context.new_page()
    page.set_default_timeout(240_000)
    await page.goto(url)
    token = (await page.get_by_text("token").inner_text()).split()[-1]
    box = page.locator('[data-stale=false] input[aria-label="Title · en"]')
    edit = 0
    while time.monotonic() < deadline:
        edit += 1
        value = f"edit {n}.{edit}"
        await box.fill(value)
        await expect(box).to_have_value(value, timeout=60_000)
        await box.press("Enter")
        began, kept = time.monotonic(), store / f"{token}.txt"
        while not (kept.exists() and kept.read_text() == value):
            if time.monotonic() - began > 60:
                seen["lost"].append(value)
                break
            await asyncio.sleep(0.05)
        else:
            try:
                await page.wait_for_function(PAGE_IDLE, timeout=60_000)
                seen["edits"] += 1
            except Exception:  # a page not idle after 60 s: counted, the loop goes on
                seen["slow"].append(value)
        await asyncio.sleep(1)
    await context.close()


async def run(url: str, store: Path, sessions: int, seconds: float) -> dict:
    seen: dict = {"edits": 0, "lost": [], "slow": []}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(editor(browser, url, store, n, deadline, seen) for n in range(sessions))
        )
        await browser.close()
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    args = parser.parse_args()
    store, port = Path(tempfile.mkdtemp(prefix="storymap-minimal-")), free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "benchmarks" / "minimal_app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless",
               "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]  # fmt: skip
    server = subprocess.Popen(
        command, env={**os.environ, "MINIMAL_STORE": str(store)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).close()
                break
            except OSError:
                time.sleep(0.3)
        seen = asyncio.run(run(url, store, args.sessions, args.seconds))
    finally:
        server.terminate()
    print(
        f"{args.sessions} editors on a minimal page for {args.seconds:.0f} s: {seen['edits']} edits, "
        f"{len(seen['lost'])} lost {seen['lost'][:5]}, {len(seen['slow'])} slow {seen['slow'][:5]}"
    )
    return 1 if seen["lost"] or seen["slow"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
