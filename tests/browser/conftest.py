"""Real-browser fixtures: a Streamlit server per story and headless Debian Chromium.

No test here reaches the internet: every request that does not go to our own
server is answered locally (map tiles get a blank PNG) or refused. In CI a missing
browser is a failure, not a skip.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


def _transparent_tile() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (256, 256), (0, 0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


BLANK_TILE = _transparent_tile()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Chromium's notes about sandbox features it does not know; not errors of ours.
HARMLESS_CONSOLE = ("Unrecognized feature:", "can escape its sandboxing")

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def start_server(story: Path, tmp: Path, tiles: str = "carto") -> Server:
    port = _free_port()
    log = tmp / f"streamlit-{port}.log"
    env = {
        **os.environ,
        "STORYMAP_STORY": str(story),
        "STORYMAP_TILES": tiles,
        "STORYMAP_FRONTEND_DIR": str(tmp / f"frontend-{port}"),
    }
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not start: {log.read_text()[-2000:]}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"Debian's Chromium is not at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def story_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(
        ROOT / "geodata" / "stories" / "russia-north-korea.yaml", tmp_path_factory.mktemp("app")
    )
    yield server
    stop_server(server)


@dataclass
class Watched:
    """A page with its console errors, page errors and dialogs recorded."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _offline_routes(route: object) -> None:
    url = route.request.url
    if url.startswith(("http://127.0.0.1", "http://localhost")):
        route.continue_()
    elif "tile" in url or "basemaps" in url:
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
    else:
        route.abort()


def open_page(browser: object, width: int = 1400, height: int = 900) -> Watched:
    page = browser.new_page(viewport={"width": width, "height": height})
    watched = Watched(page)
    page.route("**/*", _offline_routes)

    def on_console(message: object) -> None:
        if message.type == "error" and not any(h in message.text for h in HARMLESS_CONSOLE):
            watched.errors.append(message.text)

    def on_dialog(dialog: object) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("dialog", on_dialog)
    return watched


def reader_frame(page: object, timeout_s: float = 30) -> object:
    """The map component's frame, once its reader has drawn the first step."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "storymap_reader" in frame.url:
                try:
                    if frame.evaluate("Boolean(window.storyReader)"):
                        return frame
                except Exception:  # the frame may be replaced while the page settles
                    pass
        page.wait_for_timeout(200)
    raise AssertionError("the story map did not load in the page")


def drawn_markers(frame: object) -> int:
    """Circle markers Leaflet has on the map right now (precision circles excluded)."""
    return frame.evaluate(
        "Object.values(window.storyReader.map._layers).filter("
        "l => l instanceof L.CircleMarker && !(l instanceof L.Circle)).length"
    )


def shoot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
