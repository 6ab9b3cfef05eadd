"""Start the app in a subprocess on a free local port: for browser tests and benchmarks.

Kept apart from the page glue (it does not import Streamlit) so tests and
benchmarks start the app exactly as ``make run`` does, with a story of their choice.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# What this workplace's Chromium needs headless as root with no network (see the README).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# True in a Streamlit page once it has run and replaced every element of the last run:
# no "running" status, nothing marked stale (for Playwright's wait_for_function).
PAGE_IDLE = (
    "!document.querySelector('[data-testid=stStatusWidget]')"
    " && !document.querySelector('[data-stale=true]')"
)


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server process has used so far, from /proc (Linux)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> float:
        """Resident memory of the server process, from /proc (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        return kib / 1024


def fresh_cache(folder: Path) -> Path:
    """An empty cache folder (no story built, no drafts) that shares the usual cache's built
    gazetteer index, so a server started on it is not a 30 s index build first."""
    from storymap.geocoding.gazetteer import GazetteerLayer
    from storymap.settings import cache_folder

    GazetteerLayer.shared()  # builds the index in the usual cache folder if it is missing
    folder.mkdir(parents=True)
    for index in cache_folder().glob("gazetteer-*.sqlite"):
        (folder / index.name).symlink_to(index)
    return folder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    story: Path,
    workdir: Path,
    tiles: str = "carto",
    timeout_s: float = 60,
    env: dict[str, str] | None = None,
    port: int = 0,
) -> AppServer:
    """Run ``streamlit run streamlit_app.py`` for ``story`` and wait until it answers (on
    ``port``, say to restart a server where its open pages reconnect; else a free one).

    Servers started with one ``workdir`` share the reader's folder (``workdir/frontend``),
    as servers on one machine share the cache folder: a restart finds what the last one
    built. ``env`` adds to (or overrides) the environment, e.g. ``STORYMAP_CACHE``.
    """
    port = port or free_port()
    log = workdir / f"streamlit-{port}.log"
    env = {
        **os.environ,
        "STORYMAP_STORY": str(story),
        "STORYMAP_TILES": tiles,
        "STORYMAP_FRONTEND_DIR": str(workdir / "frontend"),
        **(env or {}),
    }
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               # a served app, not a dev session: code edits nearby never unload its modules
               "--server.fileWatcherType", "none"]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return AppServer(url, process, log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not start in {timeout_s} s: {log.read_text()[-2000:]}")
