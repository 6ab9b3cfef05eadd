"""The load test's report: errors found in the browsers, the server's log and the drafts,
and the figures written out (`loadtest.py` runs the sessions)."""

from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path

from storymap.authoring.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")
    )


def stored_title(store: DraftStore, token: str | None) -> str | None:
    saved = store.load(token) if token else None
    data = saved.record.get("data") if saved else None
    return data["title"].get("en") if isinstance(data, dict) else None


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "?",
    )  # fmt: skip
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )  # fmt: skip
    return f"{os.cpu_count()} cores ({model}), {memory_kib / 1024 / 1024:.1f} GiB RAM, {platform.platform()}"


def find_errors(sessions: list, log: str, work: Path) -> list[str]:
    """What went wrong in the browsers, in the server's log, and edits the server lost."""
    errors = [f"{s.kind} {s.number}: {e}" for s in sessions for e in s.errors]
    ours = [t for t in tracebacks(log) if not streamlit_socket_closed(t)]
    errors += [f"the server log has a traceback: {t.strip().splitlines()[-1][:200]}" for t in ours]
    store = DraftStore(work / "cache" / "drafts")
    for s in sessions:
        if s.kind == "editor" and stored_title(store, s.token) != s.last_edit:
            errors.append(f"editor {s.number}: the last edit is not in the server's draft")
    return errors


def tracebacks(log: str) -> list[str]:
    """Each traceback in the server's log, with the lines that explain it."""
    return ["Traceback" + part for part in log.split("Traceback")[1:]]


def streamlit_socket_closed(traceback: str) -> bool:
    """Streamlit's own websocket endpoint, when a browser drops a socket mid-handshake.

    Streamlit 1.67's Starlette server logs this when a page navigates away before its
    socket was accepted (the warm-up does so); no storymap code is in it, and no page.
    """
    frames = [line.split('"')[1] for line in traceback.splitlines() if line.startswith('  File "')]
    ours = [f for f in frames if f.startswith(str(ROOT)) and "/.venv/" not in f]
    return "WebSocketDisconnected" in traceback and not ours


def phase_lines(sessions) -> list[str]:
    """Where an edit's time went (median / p90 of each part), from the editors' traces."""
    from loadtest_trace import edit_phases

    spent = edit_phases([s.trace for s in sessions if s.kind == "editor"])
    return [
        f"  - {name}: median {statistics.median(values):.2f} s, p90 {percentile(values, 0.9):.2f} s"
        for name, values in spent.items()
        if values
    ]


def summarise(
    sessions, errors, baseline, peak, args, began, load_before, log="", cpu_share=float("nan")
) -> str:
    steps = [v for s in sessions if s.kind == "reader" for v in s.latencies_ms]
    edits = [v for s in sessions if s.kind == "editor" for v in s.latencies_ms]
    lines = [
        "# Load test figures (benchmarks/loadtest.py, `make loadtest`)",
        "",
        f"- Run: {began}, on {machine()}; load average before the run "
        f"{load_before[0]:.1f} (the machine is shared).",
        f"- {args.sessions} concurrent browser sessions (Playwright contexts in one headless "
        f"Chromium on the same machine) against one `streamlit run` on loopback, for "
        f"{args.seconds:.0f} s after the last session was up: "
        f"{sum(s.kind == 'reader' for s in sessions)} reading the first story (a step a second), "
        f"{sum(s.kind == 'editor' for s in sessions)} editing it on /author (a title typed and "
        "committed, then a one-second pause).",
        f"- Errors: {'none' if not errors else len(errors)}"
        + ("" if not errors else "\n  - " + "\n  - ".join(errors[:20])),
        f"- Server memory: {baseline:.0f} MiB warm before the sessions, {peak:.0f} MiB at the "
        f"peak with {args.sessions} sessions: {(peak - baseline) / args.sessions:.1f} MiB per session.",
        f"- Sessions whose page reconnected its websocket: "
        f"{sum(s.sockets > 1 for s in sessions)} of {len(sessions)}.",
        f"- Server CPU while the sessions ran: {cpu_share:.2f} of a core (the machine has "
        f"{os.cpu_count()}; the rest went to the browsers).",
        f"- Reader step under load (keydown to the frame with the map on the new step, in the "
        f"browser): median {statistics.median(steps):.0f} ms, p90 {percentile(steps, 0.9):.0f} ms "
        f"({len(steps)} steps)."
        if steps
        else "- Reader step: no steps measured.",
        f"- Author edit under load (Enter to the page run again and redrawn): median "
        f"{statistics.median(edits) / 1000:.2f} s, p90 {percentile(edits, 0.9) / 1000:.2f} s "
        f"({len(edits)} edits, each seen in the server's draft store before it was counted)."
        if edits
        else "- Author edit: no edits measured.",
        *phase_lines(sessions),
        f"- Streamlit's own websocket endpoint logged {closed} traceback(s) of a socket closed "
        "before its handshake finished (a page that navigated away); not counted as errors, "
        "as no storymap code and no reader's page is in them."
        if (closed := sum(map(streamlit_socket_closed, tracebacks(log))))
        else "- The server log has no traceback.",
        "- The browsers run on the same 2 cores as the server (at a lower CPU priority, nice "
        "10, so the server keeps the CPU it would have on a machine of its own), so these "
        "are upper bounds for what a reader on their own computer would see.",
    ]
    return "\n".join(lines)
