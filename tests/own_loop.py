"""Running asyncio code from a test that may share its process with the browser tests.

Playwright's sync API leaves its event loop running in the main thread once the browser
tests have run, and ``asyncio.run`` refuses to start inside a running loop; so a test's
coroutines (the ASGI middleware, the protocol-level clients) run in a thread of their own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_own_thread(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in a thread with no event loop running."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)`` in a thread of its own."""
    return run_in_own_thread(asyncio.run, coroutine)
