"""Huge or hostile story text cannot blow up the overview picture (issue 10).

Before, a 50 KB title made an 1800 x 33,569 px PNG, a 1 MB title or one of 50,000
combining marks ran out of memory, and a 500 K place name took minutes. Now every
text is cut with an ellipsis and the headings have a fixed number of lines, so the
picture keeps its size. (These pictures are small, 6 in at 50 dpi, to keep the
tests quick.)
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from story_helpers import FIXTURES

from storymap.export.picture import overview_png
from storymap.located import LocatedStory, locate_file
from storymap.model import Text

# Three title lines of 18 pt, three subtitle lines of 11 pt and two credit lines of
# 8 pt at 50 dpi are about 75 px more than one line each; allow a little over that.
EXTRA_LINES_PX = 90


@pytest.fixture(scope="module")
def small_story() -> LocatedStory:
    return locate_file(FIXTURES / "picture_story.yaml")


@pytest.fixture(scope="module")
def normal(small_story: LocatedStory) -> Image.Image:
    return picture(small_story)


@pytest.fixture(scope="module")
def normal_height(normal: Image.Image) -> int:
    return normal.size[1]


def picture(item: LocatedStory) -> Image.Image:
    png = overview_png(item, "en", width_in=6, dpi=50)
    return Image.open(io.BytesIO(png)).convert("RGB")


def size_of(item: LocatedStory) -> tuple[int, int]:
    return picture(item).size


def with_story(item: LocatedStory, **changes: object) -> LocatedStory:
    return LocatedStory(item.story.model_copy(update=changes), item.located)


def with_place_name(item: LocatedStory, name: str) -> LocatedStory:
    places = [item.story.places[0].model_copy(update={"name": Text(id=name, en=name)})]
    return with_story(item, places=places + list(item.story.places[1:]))


WORDS = "Russia and North Korea sign a treaty " * 2000  # about 70 KB, with spaces
ONE_WORD = "x" * 1_000_000  # 1 MB, no space to break at
MARKS = "Z" + "\u0301" * 50_000  # one letter under 50,000 combining acute accents


@pytest.mark.parametrize("title", [WORDS[:50_000], ONE_WORD, MARKS], ids=["50KB", "1MB", "marks"])
def test_a_huge_title_keeps_the_picture_its_size(small_story, normal_height, title) -> None:
    width, height = size_of(with_story(small_story, title=Text(id=title, en=title)))
    assert width == 300
    assert height <= normal_height + EXTRA_LINES_PX


def test_a_huge_subtitle_and_source_keep_the_picture_its_size(small_story, normal_height) -> None:
    source = small_story.story.source.model_copy(update={"outlet": WORDS, "title": ONE_WORD})
    item = with_story(small_story, subtitle=Text(id=WORDS, en=WORDS), source=source)
    assert size_of(item)[1] <= normal_height + EXTRA_LINES_PX


@pytest.mark.parametrize("name", [ONE_WORD[:500_000], WORDS], ids=["500K", "words"])
def test_a_huge_place_name_is_a_short_label(small_story, normal, name) -> None:
    """The picture keeps its size, and the label covers a corner of the map, not all of it."""
    named = picture(with_place_name(small_story, name))
    assert named.size == normal.size
    changed = np.abs(np.asarray(named, dtype=int) - np.asarray(normal, dtype=int)).max(axis=2) > 32
    assert changed.mean() < 0.03
