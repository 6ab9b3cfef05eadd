"""Under ``CI`` a browser test that cannot run fails; elsewhere it skips and says why.

The first-article author test skips when the shared article is missing; run with
``STORYMAP_SHARED`` pointing nowhere, it must fail under ``CI=true`` (the hook in
``tests/browser/conftest.py``) and skip otherwise. No browser starts: the skip comes first.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from story_helpers import ROOT

TEST = (
    "tests/browser/test_author_browser.py::"
    "test_the_first_article_to_a_valid_previewed_downloaded_story"
)


def run_without_the_article(tmp_path, ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["STORYMAP_SHARED"] = str(tmp_path / "no-shared-folder")
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rsf", TEST]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.slow
@pytest.mark.parametrize("ci", [True, False])
def test_a_browser_test_that_cannot_run_fails_in_ci_and_skips_elsewhere(tmp_path, ci) -> None:
    done = run_without_the_article(tmp_path, ci)
    if ci:
        assert done.returncode == 1, done.stdout  # reported as an error of its setup
        assert "skipped" not in done.stdout
        assert "a browser test may not skip in CI: the article is not here" in done.stdout
    else:
        assert done.returncode == 0, done.stdout
        assert "1 skipped" in done.stdout
