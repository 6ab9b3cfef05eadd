"""Give the memory Python frees back to the system, every minute, in the server process.

A hostile paste of 20 MB lives a moment in several copies (the websocket's frame, its
protobuf, the widget's text) and is freed once the page refuses it; but glibc keeps
what was freed for the process, so the server's memory stayed at its peak after the
tabs were closed (five such pastes: 191 → 613 MiB, and 575 MiB four minutes later).
``malloc_trim`` hands it back. A daemon thread does so once a minute, started by the
first page that asks (never on import); where there is no glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading

EVERY_S = 60.0
_started = threading.Event()
_stop = threading.Event()  # never set by the app: the thread lives as long as the server


def keep_returning(every_s: float = EVERY_S) -> None:
    """Start the thread that returns freed memory, once per process."""
    if _started.is_set():
        return
    _started.set()
    trim = _malloc_trim()
    if trim is not None:
        threading.Thread(
            target=_loop, args=(trim, every_s, _stop), daemon=True, name="storymap-trim"
        ).start()


def _malloc_trim() -> object | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc: nothing to do
        return None


def _loop(trim: object, every_s: float, stop: threading.Event) -> None:
    while not stop.wait(every_s):
        trim(0)  # ctypes lets go of Python's lock while it runs
