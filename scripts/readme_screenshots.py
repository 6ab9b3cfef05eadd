"""Make the README's screenshots of the published first story (and the Magellan test story).

Run: .venv/bin/python scripts/readme_screenshots.py   (needs Debian's Chromium; no network;
the student sheet's pages are printed to PDF by Chromium and drawn by poppler's pdftoppm:
apt-get install poppler-utils). The browser tests make their own screenshots of the
tests' frozen story in test-artifacts/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_server: the test harness that runs the app

from app_server import CHROMIUM, CHROMIUM_ARGS, start_app  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from storymap.export.handout import handout_html  # noqa: E402
from storymap.located import locate_file  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
STORY = ROOT / "geodata" / "stories" / "russia-north-korea.yaml"
MAGELLAN = ROOT / "tests" / "fixtures" / "magellan.yaml"
SHOTS = [  # (story, path, width, height, file)
    (STORY, "/reader?event=kursk-acknowledged&lang=en", 1280, 800, "reader.png"),
    (STORY, "/reader?event=pyongyang-museum", 390, 844, "reader-phone.png"),
    (STORY, "/presenter?event=lavrov-choe-talks&lang=en", 1280, 720, "presenter.png"),
    (STORY, "/presenter?event=kursk-acknowledged&lang=en", 1280, 720, "speaker-view.png"),
    (STORY, "/data?lang=en", 1400, 1000, "data-page.png"),
    (MAGELLAN, "/reader?event=guam&lang=en", 1280, 800, "reader-magellan.png"),
]


def offline(route: object) -> None:
    url = route.request.url
    route.continue_() if url.startswith("http://127.0.0.1") else route.abort()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        servers = {}
        try:
            for story, path, width, height, name in SHOTS:
                if story not in servers:
                    servers[story] = start_app(story, Path(tmp), tiles="offline")
                # bypass_csp: the frames refuse eval, which wait_for_function uses to poll
                page = browser.new_page(
                    viewport={"width": width, "height": height}, bypass_csp=True
                )
                page.route("**/*", offline)
                page.goto(servers[story].url + path)
                if "/data" in path:
                    page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
                else:
                    frame = next(f for f in _frames(page) if "storymap_reader" in f.url)
                    frame.wait_for_function(
                        "window.storyReader && !window.storyReader.map._animatingZoom"
                    )
                page.wait_for_timeout(2500)  # tiles of the offline outlines, labels after the fly
                if name == "speaker-view.png":  # the teacher's second window, opened with S
                    with page.context.expect_page() as opened:
                        page.keyboard.press("s")
                    page = opened.value
                    page.set_viewport_size({"width": 1200, "height": 760})
                    page.wait_for_selector("#speaker[data-step]")
                page.screenshot(path=str(OUT / name))
                print(f"wrote {OUT / name}")
                page.context.close() if name == "speaker-view.png" else page.close()
            _sheet_pages(browser, Path(tmp))
        finally:
            for server in servers.values():
                server.stop()
            browser.close()
    return 0


def _sheet_pages(browser: object, tmp: Path) -> None:
    """The student sheet (English) printed to A4 by Chromium, each page as a PNG."""
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    sheet = tmp / "sheet.html"
    sheet.write_text(handout_html(locate_file(STORY), "en"), encoding="utf-8")
    page = browser.new_page()
    page.goto(sheet.as_uri())
    pdf = tmp / "sheet.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True))
    page.close()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(OUT / "handout")], check=True)
    for png in sorted(OUT.glob("handout-*.png")):
        print(f"wrote {png}")


def _frames(page: object) -> list:
    for _ in range(300):
        frames = [f for f in page.frames if "storymap_reader" in f.url]
        if frames:
            try:
                if frames[0].evaluate("Boolean(window.storyReader)"):
                    return frames
            except Exception:
                pass
        page.wait_for_timeout(100)
    raise TimeoutError("the reader did not load")


if __name__ == "__main__":
    sys.exit(main())
