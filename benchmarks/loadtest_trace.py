"""What a load-test session leaves for whoever looks: what its page and the server said to
each other, one line per websocket message, and for a failed session its screenshot.

The trace shows which runs the page asked for (and with which widget values), which runs
the server started and finished, and which elements it sent back. Messages are
Streamlit's own protobufs (``BackMsg`` from the page, ``ForwardMsg`` to it).
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

WATCHED = ("title", "author_section", "author_lang")  # widget ids worth showing in full


def _parsed(message_type, payload: bytes) -> tuple[object, str]:
    msg = message_type()
    msg.ParseFromString(payload)
    return msg, msg.WhichOneof("type")


def sent(payload: bytes | str) -> str:
    """A message from the page: a run asked for (its query and the watched widgets)."""
    if isinstance(payload, str):
        return f"text {payload[:80]!r}"
    msg, kind = _parsed(BackMsg, payload)
    if kind != "rerun_script":
        return str(kind)
    rerun = msg.rerun_script
    widgets = [_widget(w) for w in rerun.widget_states.widgets]
    shown = [w for w in widgets if w]
    return (
        f"rerun q={rerun.query_string[:60]!r} fragment={rerun.fragment_id or '-'} "
        f"widgets={len(widgets)} {' '.join(shown)}"
    )


def received(payload: bytes | str) -> str:
    """A message to the page: a run started or ended, an element, the address."""
    if isinstance(payload, str):
        return f"text {payload[:80]!r}"
    msg, kind = _parsed(ForwardMsg, payload)
    if kind == "new_session":
        return f"new_session {msg.new_session.page_script_hash[:8]}"
    if kind == "session_status_changed":
        return f"status running={msg.session_status_changed.script_is_running}"
    if kind == "script_finished":
        return f"script_finished {msg.script_finished}"
    if kind == "page_info_changed":
        return f"page_info q={msg.page_info_changed.query_string[:60]!r}"
    if kind == "delta":
        return _delta(msg)
    return str(kind)


def _delta(msg: ForwardMsg) -> str:
    delta = msg.delta
    part = delta.WhichOneof("type")
    if part != "new_element":
        return f"delta {part}"
    element = delta.new_element
    name = element.WhichOneof("type")
    body = getattr(element, name)
    widget_id = getattr(body, "id", "")
    if not any(w in widget_id for w in WATCHED):
        return f"delta {name}"
    value = getattr(body, "value", None)
    value = list(value) if hasattr(value, "extend") else value
    default = getattr(body, "default", None)
    default = list(default) if hasattr(default, "extend") else default
    set_value = getattr(body, "set_value", None)
    return f"delta {name} {widget_id[-50:]} default={default!r} value={value!r} set={set_value}"


def _widget(state) -> str:
    kind = state.WhichOneof("value")
    if kind in ("trigger_value", "string_trigger_value", "json_trigger_value"):
        return f"{state.id[-40:]}=TRIGGER({getattr(state, kind)!r})"[:120]
    if any(w in state.id for w in WATCHED):
        return f"{state.id[-50:]}={getattr(state, kind)!r}"[:160]
    return ""


class Trace:
    """One session's messages, with seconds since the session began."""

    def __init__(self) -> None:
        self.began = time.monotonic()
        self.lines: list[str] = []
        self.runs_ended = 0  # runs the page heard the end of (script_finished, any status)

    def note(self, line: str) -> None:
        line = " ".join(line.split())  # a widget's value may span lines
        self.lines.append(f"{time.monotonic() - self.began:8.2f} {line}")

    def watch(self, socket) -> None:
        """Record every frame of a Streamlit websocket (bad frames are noted, not raised)."""

        def on(direction: str, describe):
            def record(payload):
                try:
                    line = describe(payload)
                    self.runs_ended += line.startswith("script_finished")
                    self.note(f"{direction} {line}")
                except Exception as exc:  # a trace must never break the page it watches
                    self.note(f"{direction} undecodable ({type(exc).__name__}: {exc})")

            return record

        socket.on("framesent", on("page→", sent))
        socket.on("framereceived", on("→page", received))
        socket.on("close", lambda _ws: self.note("socket closed"))

    async def run_ended_after(self, seen: int, began: float, what: str) -> None:
        """Until the page has heard the end of a run after ``seen`` ends (60 s at most)."""
        while self.runs_ended == seen:
            if time.monotonic() - began > 60:
                raise TimeoutError(f"{what}: the page did not hear its run end in 60 s")
            await asyncio.sleep(0.05)


PHASES = (  # an edit's way, as its page's trace tells it
    ("the page sends its run", "test: Enter", "page→ rerun"),
    ("the server keeps the edit", "page→ rerun", "test: in the draft store"),
    ("the page hears the run end", "test: in the draft store", "→page script_finished"),
    ("the page redraws", "→page script_finished", "test: page idle"),
)


def edit_phases(traces: list[Trace]) -> dict[str, list[float]]:
    """Seconds spent in each part of every edit, from Enter to the page redrawn."""
    spent: dict[str, list[float]] = {name: [] for name, _, _ in PHASES}
    for trace in traces:
        seen: dict[str, float] = {}
        for line in trace.lines:
            at, text = float(line[:8]), line[9:]
            if text.startswith("test: Enter"):
                seen = {"test: Enter": at}
            for _, _, mark in PHASES:
                if seen and mark not in seen and text.startswith(mark):
                    seen[mark] = at
            if text.startswith("test: page idle") and all(m in seen for _, _, m in PHASES):
                for name, begin, end in PHASES:
                    spent[name].append(seen[end] - seen[begin])
    return spent


def evidence_folder() -> Path:
    """Beside the server's log and the run's drafts."""
    return Path(os.environ["STORYMAP_CACHE"]).parent


async def failed(page, session, exc: Exception) -> None:
    """A session's failure: one line (with its websockets and address), and a screenshot."""
    session.errors.append(
        f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]} "
        f"(the page opened {session.sockets} websocket(s); at {page.url.split('?')[-1][:80]})"
    )
    await keep_screenshot(page, session)


async def keep_screenshot(page, session) -> None:
    """What a failed session's page showed, beside the server's log, to see why."""
    folder = evidence_folder()
    try:
        await page.screenshot(
            path=folder / f"failed-{session.kind}-{session.number}.png", timeout=30_000
        )
    except Exception as exc:  # the page may be gone: the error above is what counts
        session.errors.append(f"(no screenshot: {type(exc).__name__})")


def keep_trace(session) -> None:
    """The session's websocket messages, for comparing a failed session with a good one."""
    trace = evidence_folder() / f"trace-{session.kind}-{session.number}.txt"
    trace.write_text("\n".join(session.trace.lines) + "\n", encoding="utf-8")
