"""The app's Streamlit settings, as Streamlit itself reads them from `.streamlit/config.toml`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _option(name: str) -> str:
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    section, key = name.split(".")
    lines = shown.split(f"[{section}]", 1)[1].splitlines()
    for line in lines:
        if line.startswith("["):
            break
        if line.strip().startswith(f"{key} ="):
            return line.split("=", 1)[1].strip()
    raise AssertionError(f"{name} is not in `streamlit config show`")


def test_a_session_runs_its_page_one_run_at_a_time():
    """With fast reruns a click starts a new run beside the old one, and the two share the
    author's draft in the session: under load a handled click was never shown."""
    assert _option("runner.fastReruns") == "false"


def test_the_server_never_runs_a_page_again_on_its_own():
    assert _option("server.runOnSave") == "false"
