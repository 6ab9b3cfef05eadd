"""The app's Streamlit settings, as Streamlit itself reads them from `.streamlit/config.toml`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _option(name: str) -> str:
    """The option's value as Streamlit reads it when started in the project's folder."""
    read = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        f"print(config.get_option({name!r}))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", read], cwd=ROOT, capture_output=True, text=True, check=True,
        timeout=120,
    ).stdout  # fmt: skip
    return shown.strip().splitlines()[-1]


def test_a_session_runs_its_page_one_run_at_a_time():
    """With fast reruns a click starts a new run beside the old one, and the two share the
    author's draft in the session: under load a handled click was never shown."""
    assert _option("runner.fastReruns") == "False"


def test_no_full_garbage_collection_after_every_run():
    """Each one holds Python's lock for tens of milliseconds: under load, the whole server."""
    assert _option("runner.postScriptGC") == "False"


def test_the_server_never_runs_a_page_again_on_its_own():
    assert _option("server.runOnSave") == "False"
