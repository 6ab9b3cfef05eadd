"""The protocol-level load generator (benchmarks/loadcurve.py) still speaks to the app.

A few sessions against a real server, so the tool cannot rot silently: a change to the
app or to Streamlit's protocol that leaves readers without their step's echo, or authors
without their edit in the draft, fails here. Figures are the benchmark's business.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from story_helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from loadcurve import FIRST_STORY, run_level
from own_loop import run_in_own_thread


def test_readers_hear_their_steps_and_authors_edits_are_kept(tmp_path: Path) -> None:
    # two app processes sharing the cache folder, the sessions spread over them
    args = argparse.Namespace(
        authors=2, interval=1.0, ramp=2.0, seconds=6.0, story=FIRST_STORY, profile=False,
        processes=2,
    )  # fmt: skip
    result = run_in_own_thread(run_level, 2, args, tmp_path)  # it runs asyncio
    assert result["errors"] == []
    assert result["processes"] == 2
    assert len(result["opens"]) == 4  # every session opened its page
    assert result["echoes"], "no reader heard the echo of a step while measured"
    assert result["edits"], "no author's edit was measured"
    assert result["server_cpu"] > 0 and result["rss"] > 0
