"""Can one session's input stop the server? Prints the health check's longest wait while a
session drafts a hostile article, and the server's memory with five hostile pastes.

``--health``: a served app (``app_server``) and headless Chromium; a session
pastes 40 KB of capitalised words (the issue's freeze), then 40 KB and 300,000 characters
(the most the box keeps) of Indonesian in capitalised words (which the language guess
takes), then uploads a 5 MB saved web page on ``/author``, and makes a draft (after a
small draft that builds the gazetteer's index in the new cache folder), while this
process asks ``/_stcore/health`` every 0.1 s:
the longest answer, the longest gap between two answers (a request still waiting when
the draft ends counts in the gap), and the draft's time.
``--memory``: five sessions each paste five million emoji into the article box and make a
draft; the server's resident memory before (one page viewed: its libraries loaded), at
its peak (also with its worker processes), with the tabs open, and two and four minutes
after they closed, and the drafts folder on disk.

Run with ``make bench`` (not part of ``make test``); each part takes a few minutes.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_server: the test harness that runs the app
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from app_server import CHROMIUM, CHROMIUM_ARGS, AppServer, start_app  # noqa: E402

STORY = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"
EMOJI = "\U0001f600" * 5_000_000
WARM_UP = (
    "Pada Senin (27/10/2025) Presiden Rusia Vladimir Putin bertemu dengan Menteri Luar Negeri "
    "Korea Utara di Kremlin, Moskow, kata juru bicara itu kepada wartawan."
)
# Indonesian with every word capitalised and no full stop: the language guess takes it, and
# every word may begin a name for the rules that read names
TITLE_CASE = (
    "Presiden Rusia Bertemu Dengan Menteri Luar Negeri Korea Utara Di Kremlin Moskow Kata "
    "Juru Bicara Yang Juga Mengatakan Bahwa Pertemuan Itu Berlangsung Lama Dan Hangat "
)


class HealthWatch(threading.Thread):
    """Asks ``/_stcore/health`` every 0.1 s, one request at a time, until stopped."""

    def __init__(self, server: AppServer) -> None:
        super().__init__(daemon=True)
        self.url = f"{server.url}/_stcore/health"
        self.answers: list[tuple[float, float]] = []  # (asked, answered), monotonic seconds
        self.running = True

    def run(self) -> None:
        while self.running:
            asked = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=600) as answer:
                    answer.read()
            except OSError:
                pass
            self.answers.append((asked, time.monotonic()))
            time.sleep(0.1)

    def worst(self, start: float, end: float) -> tuple[float, float]:
        """The longest answer and the longest gap between answers in [start, end]."""
        inside = [(a, b) for a, b in self.answers if b >= start and a <= end]
        longest = max((b - a for a, b in inside), default=0.0)
        ends = [start] + [b for _, b in inside] + [end]
        return longest, max(b - a for a, b in itertools.pairwise(ends))


def _author(browser: object, server: AppServer) -> object:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server.url}/author?lang=en")
    page.get_by_role("button", name="Make a draft from the article").wait_for(timeout=120_000)
    return page


def _said(page: object) -> object:
    """What the page says when a draft ends: the story opened, or its one line."""
    return page.get_by_text("The story was opened from").or_(
        page.get_by_test_id("stAlertContentError")
    )


def _draft(page: object, limit_s: float) -> float | None:
    """Click "Make a draft" (on a page that has said nothing yet) and wait until the page
    says how it ended; seconds, or None past ``limit_s``."""
    page.wait_for_timeout(500)
    started = time.monotonic()
    page.get_by_role("button", name="Make a draft from the article").click()
    try:
        _said(page).first.wait_for(timeout=limit_s * 1000)
    except Exception:
        return None
    return time.monotonic() - started


def _outcome(page: object) -> str:
    try:
        return _said(page).first.inner_text(timeout=30_000).strip().splitlines()[0][:90]
    except Exception:
        return "nothing said"


def _big_page(folder: Path) -> Path:
    from test_busy_server_browser import five_megabyte_page

    return five_megabyte_page(folder / "big-article.html")


def health(browser: object, server: AppServer, folder: Path, limit_s: float, only: str) -> None:
    watch = HealthWatch(server)
    watch.start()
    page = _author(browser, server)
    page.get_by_label("Paste the article's text here").fill(WARM_UP)
    _draft(page, limit_s)  # a first draft builds the gazetteer's index in a new cache folder
    page.context.close()
    cases = [("40 KB of capitalised words, pasted", "Moscow " * 5850, None)]
    title_case = TITLE_CASE * (40_000 // len(TITLE_CASE))
    cases.append(("40 KB of Indonesian in capitalised words, pasted", title_case, None))
    most = TITLE_CASE * (300_000 // len(TITLE_CASE))
    cases.append(("300,000 characters of Indonesian in capitalised words, pasted", most, None))
    cases.append(("a 5 MB saved web page, uploaded", None, _big_page(folder)))
    for name, text, file in [case for case in cases if only in case[0]]:
        page = _author(browser, server)  # a new session, on the Start part
        if text is not None:
            page.get_by_label("Paste the article's text here").fill(text)
        if file is not None:
            uploader = page.get_by_test_id("stFileUploader").filter(has_text="upload the article")
            uploader.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(file))
            page.get_by_text(file.name).wait_for(timeout=120_000)
        started = time.monotonic()
        took = _draft(page, limit_s)
        longest, gap = watch.worst(started, time.monotonic())
        shown = f"{took:.1f} s" if took is not None else f"> {limit_s:g} s (stopped waiting)"
        print(
            f"{name}: draft {shown} ({_outcome(page)}); health check's longest answer "
            f"{longest:.2f} s, longest gap between answers {gap:.2f} s",
            flush=True,
        )
        page.context.close()
    watch.running = False


def _tree_mib(server: AppServer) -> tuple[float, float]:
    """Resident memory of the server, and of the server with its child processes (MiB)."""
    own = server.rss_mib()
    total = own
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(server.process.pid) or _grandchild(fields, server):
            total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
    return own, total


def _grandchild(fields: dict[str, str], server: AppServer) -> bool:
    parent = fields.get("PPid", "").strip()
    try:
        grand = Path(f"/proc/{parent}/status").read_text()
    except OSError:
        return False
    return f"PPid:\t{server.process.pid}" in grand


def memory(browser: object, server: AppServer, cache: Path, sessions: int) -> None:
    warm = _author(browser, server)  # the libraries loaded, as on a server in use
    warm.context.close()
    time.sleep(5)
    before = server.rss_mib()
    peak = [before, before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            own, total = _tree_mib(server)
            peak[0], peak[1] = max(peak[0], own), max(peak[1], total)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    pages = [_author(browser, server) for _ in range(sessions)]
    for page in pages:  # pasted as a person pastes: the browser keeps what the box allows
        page.get_by_label("Paste the article's text here").focus()
        page.keyboard.insert_text(EMOJI)
        _draft(page, 300)
    time.sleep(5)
    with_tabs = server.rss_mib()
    for page in pages:
        page.context.close()
    time.sleep(120)
    after = server.rss_mib()
    time.sleep(120)  # Streamlit drops a closed tab's session 120 s after it closed, or later
    later = server.rss_mib()
    done.set()
    disk = sum(p.stat().st_size for p in (cache / "drafts").glob("*.json"))
    print(
        f"{sessions} sessions pasting 5,000,000 emoji each: server {before:.0f} MiB before, "
        f"{peak[0]:.0f} MiB at the peak ({peak[1]:.0f} MiB with its worker processes), "
        f"{with_tabs:.0f} MiB with the tabs open, {after:.0f} MiB two minutes and "
        f"{later:.0f} MiB four minutes after they closed; drafts on disk {disk / 1024**2:.1f} MB",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--health", action="store_true", help="the health check during a draft")
    parser.add_argument("--memory", action="store_true", help="five hostile pastes' memory")
    parser.add_argument("--limit", type=float, default=300, help="seconds to wait for a draft")
    parser.add_argument("--cases", default="", help="only the health cases whose name has this")
    args = parser.parse_args()
    parts = [p for p in ("health", "memory") if getattr(args, p)] or ["health", "memory"]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        work = Path(folder)
        os.environ["STORYMAP_CACHE"] = str(work / "cache")
        os.environ["STORYMAP_AUTHOR_SAVE_DIR"] = "off"
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for part in parts:
            server = start_app(STORY, work)
            try:
                if part == "health":
                    health(browser, server, work, args.limit, args.cases)
                else:
                    memory(browser, server, work / "cache", 5)
            finally:
                server.stop()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
