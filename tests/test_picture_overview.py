"""The overview picture as a whole: a snapshot of a small frozen story, and its bounds.

The snapshot is compared with a tolerance, as folium compares its screenshots: both
pictures are blurred a little (so anti-aliasing and glyph-edge differences between
FreeType builds fade) and at most ``CHANGED_SHARE`` of the pixels may still differ by
more than ``CHANGED_LEVEL``; the mean difference must stay under ``MEAN_LEVEL``. A
moved label or a missing route fails (a marker's colour is too few pixels for this
comparison: the marks' colours are tested in test_picture_projection). On failure
the new picture and a difference image are written to test-artifacts/.

To accept a deliberate change, regenerate the reference and look at it:
``STORYMAP_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_picture_overview.py``
"""

from __future__ import annotations

import io
import os

import matplotlib
import numpy as np
import pytest
from PIL import Image, ImageChops, ImageFilter
from story_helpers import FIXTURES, ROOT

from storymap.export.picture import overview_png
from storymap.located import LocatedStory, locate_file

ARTIFACTS = ROOT / "test-artifacts"
SNAPSHOT_STORY = FIXTURES / "picture_story.yaml"
REFERENCE = FIXTURES / "picture_story-en.png"
BLUR_PX, CHANGED_LEVEL, CHANGED_SHARE, MEAN_LEVEL = 1.5, 48, 0.001, 1.0
# A developer's matplotlibrc must not change the test's pictures.
PINNED_STYLE = {
    "font.family": ["DejaVu Sans"],
    "text.hinting": "force_autohint",
    "text.antialiased": True,
    "lines.antialiased": True,
    "patch.antialiased": True,
}


def render(item: LocatedStory, lang: str = "en", width_in: float = 8, dpi: int = 80) -> Image.Image:
    with matplotlib.rc_context(PINNED_STYLE):
        png = overview_png(item, lang, width_in=width_in, dpi=dpi)
    return Image.open(io.BytesIO(png)).convert("RGB")


def difference(new: Image.Image, reference: Image.Image) -> tuple[float, float]:
    """The mean absolute difference (0–255) and the share of pixels that clearly differ."""
    mean = float(np.asarray(ImageChops.difference(new, reference), dtype=float).mean())
    soft_new = np.asarray(new.filter(ImageFilter.GaussianBlur(BLUR_PX)), dtype=int)
    soft_ref = np.asarray(reference.filter(ImageFilter.GaussianBlur(BLUR_PX)), dtype=int)
    changed = np.abs(soft_new - soft_ref).max(axis=2) > CHANGED_LEVEL
    return mean, float(changed.mean())


@pytest.fixture(scope="module")
def snapshot_story() -> LocatedStory:
    return locate_file(SNAPSHOT_STORY)


def test_the_overview_matches_its_reference_picture(snapshot_story: LocatedStory) -> None:
    new = render(snapshot_story)
    if os.environ.get("STORYMAP_UPDATE_SNAPSHOTS"):
        new.save(REFERENCE, optimize=True)
        pytest.skip(f"wrote {REFERENCE.relative_to(ROOT)}; look at it before committing")
    reference = Image.open(REFERENCE).convert("RGB")
    ARTIFACTS.mkdir(exist_ok=True)
    if new.size != reference.size:
        new.save(ARTIFACTS / "picture_story-en.new.png")
        pytest.fail(f"the picture is {new.size}, the reference {reference.size}")
    mean, changed = difference(new, reference)
    if mean > MEAN_LEVEL or changed > CHANGED_SHARE:
        new.save(ARTIFACTS / "picture_story-en.new.png")
        diff = ImageChops.difference(new, reference).point(lambda v: 255 - min(255, v * 4))
        diff.save(ARTIFACTS / "picture_story-en.diff.png")
        pytest.fail(
            f"the picture differs from {REFERENCE.name}: mean {mean:.2f} (limit {MEAN_LEVEL}), "
            f"{changed:.2%} of pixels changed (limit {CHANGED_SHARE:.2%}); "
            "see test-artifacts/picture_story-en.new.png and .diff.png"
        )


def test_the_comparison_sees_a_moved_label(snapshot_story: LocatedStory) -> None:
    """The tolerance is not so loose that it passes a different layout: the same story
    with its places' labels pushed to the other side of their points fails it."""
    from storymap.export.picture import labelling

    angles = labelling.ANGLES
    labelling.ANGLES = (180, *(a for a in angles if a != 180))
    try:
        moved = render(snapshot_story)
    finally:
        labelling.ANGLES = angles
    mean, changed = difference(moved, Image.open(REFERENCE).convert("RGB"))
    assert mean > MEAN_LEVEL or changed > CHANGED_SHARE, (mean, changed)


def test_the_comparison_sees_a_missing_route(snapshot_story: LocatedStory) -> None:
    story = snapshot_story.story
    events = [
        e.model_copy(update={"route": None}) if e.route and e.route.mode == "flight" else e
        for e in story.events
    ]
    without = LocatedStory(story.model_copy(update={"events": events}), snapshot_story.located)
    mean, changed = difference(render(without), Image.open(REFERENCE).convert("RGB"))
    assert mean > MEAN_LEVEL or changed > CHANGED_SHARE, (mean, changed)
