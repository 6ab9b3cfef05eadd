"""Waiting for a server the test started in a subprocess (``storymap app``, ``make run``)."""

from __future__ import annotations

import subprocess
import time
import urllib.request

import pytest
from app_server import free_port

__all__ = ["free_port", "health"]
NEVER_STARTED_S = 300  # a server that has not answered by then never will (not a speed limit)


def health(url: str, server: subprocess.Popen) -> str:
    """The server's answer at ``url`` (``/_stcore/health``) once it gives one.

    Fails, with the server's output, if the server exits first or never listens there.
    """
    deadline = time.monotonic() + NEVER_STARTED_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited: {server.communicate()[0]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.read().decode()
        except OSError:
            time.sleep(0.2)  # not listening yet: poll again
    pytest.fail(f"nothing answered at {url} in {NEVER_STARTED_S} s")
