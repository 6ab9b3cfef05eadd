"""Heavy work in a process of its own, with a deadline: drafting, importing, exporting.

The app serves every session from one Python process, and Python runs one thread at a
time: a draft of a hostile paste, or a big export, would hold that lock and every other
session would wait, readers and ``/_stcore/health`` included. ``run_apart`` runs such
work in a child process instead (started from a fork server that has the heavy modules
loaded already, so a job starts in a fraction of a second), waits for its answer without
holding the lock, and kills it at the deadline. At most ``workers()`` jobs run at once
(``STORYMAP_WORKERS``, default: the number of CPUs); a job that finds no free worker
before its deadline is refused. Every failure is a ``WorkFailed`` of one line; a refusal
the work itself gave (a ``StorymapError``, such as "no dated sentence found") keeps its
own words. The child gets the ``STORYMAP_*`` settings the caller has now, and at most
``MEMORY_LIMIT_BYTES`` of memory.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from storymap import settings
from storymap.errors import StorymapError

T = TypeVar("T")
DEADLINE_S = 120.0
MEMORY_LIMIT_BYTES = 4 * 1024**3
PRELOAD = ["__main__", "storymap.authoring.starts", "storymap.draft.make", "storymap.export"]
_slots_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


class WorkFailed(StorymapError):
    """The work did not finish: the deadline passed, no worker was free, or it failed."""


def workers() -> int:
    """How many jobs may run at once (``STORYMAP_WORKERS``, default the CPUs, at least 1)."""
    return settings.workers() or max(1, os.cpu_count() or 1)


def run_apart(
    function: Callable[..., T], *args: Any, what: str, deadline_s: float = DEADLINE_S
) -> T:
    """``function(*args)`` in a child process; its value, or ``WorkFailed`` in one line.

    ``function`` must be importable by name (a module's top-level function) and ``args``
    and its value picklable. ``what`` names the work in messages ("the draft of a.txt").
    """
    slots = _semaphore()
    if not slots.acquire(timeout=deadline_s):
        raise WorkFailed(f"{what}: the server is busy with other work; try again in a minute")
    try:
        return _run(function, args, what, deadline_s)
    finally:
        slots.release()


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(workers())
        return _slots


def _context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _run(function: Callable[..., T], args: tuple[Any, ...], what: str, deadline_s: float) -> T:
    context = _context()
    receiving, sending = context.Pipe(duplex=False)
    environment = {key: value for key, value in os.environ.items() if key.startswith("STORYMAP_")}
    process = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sending, environment, function, args), daemon=True
    )
    process.start()
    sending.close()
    try:
        if not receiving.poll(deadline_s):
            raise WorkFailed(f"{what} took longer than {deadline_s:g} s and was stopped")
        outcome, value = receiving.recv()
    except EOFError:
        process.join(5)
        raise WorkFailed(
            f"{what} stopped before it finished (its process ended, code {process.exitcode})"
        ) from None
    finally:
        receiving.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if outcome == "done":
        return value
    raise WorkFailed(value if outcome == "refused" else f"{what} failed ({value})")


def _child(
    sending: Connection, environment: dict[str, str], function: Callable[..., Any], args: tuple
) -> None:
    """In the child: the caller's settings, a memory limit, the work, and one answer."""
    for key in [key for key in os.environ if key.startswith("STORYMAP_")]:
        del os.environ[key]
    os.environ.update(environment)
    _limit_memory()
    try:
        answer: tuple[str, Any] = ("done", function(*args))
    except StorymapError as exc:
        answer = ("refused", str(exc))
    except MemoryError:
        answer = ("failed", f"it needed more than {MEMORY_LIMIT_BYTES // 1024**3} GB of memory")
    except Exception as exc:  # the work's own bug: named, never a traceback on the page
        answer = ("failed", type(exc).__name__)
    try:
        sending.send(answer)
    except Exception as exc:  # a value that cannot be sent back
        sending.send(("failed", f"its result could not be sent back ({type(exc).__name__})"))
    finally:
        sending.close()


def _limit_memory() -> None:
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = (
            MEMORY_LIMIT_BYTES if hard == resource.RLIM_INFINITY else min(hard, MEMORY_LIMIT_BYTES)
        )
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on this system: the deadline still holds
        pass
