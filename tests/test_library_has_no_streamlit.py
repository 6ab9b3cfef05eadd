"""The storymap library never imports Streamlit: that glue lives in storymap_ui."""

from __future__ import annotations

import json
import subprocess
import sys

from story_helpers import ROOT

SCRIPT = """
import json, pkgutil, importlib, sys
import storymap

imported = []
for module in pkgutil.walk_packages(storymap.__path__, "storymap."):
    if module.name.endswith(".__main__"):
        continue  # importing it runs the command line
    importlib.import_module(module.name)
    imported.append(module.name)
print(json.dumps({
    "imported": imported,
    "streamlit": sorted(m for m in sys.modules if m == "streamlit" or m.startswith("streamlit.")),
}))
"""


def test_importing_every_library_module_does_not_import_streamlit():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert {"storymap.dates", "storymap.model", "storymap.loading", "storymap.cli"} <= set(
        report["imported"]
    )
    assert {
        "storymap.geocoding",
        "storymap.geocoding.gazetteer",
        "storymap.geocoding.online",
        "storymap.geometry",
    } <= set(report["imported"])
    assert report["streamlit"] == []
