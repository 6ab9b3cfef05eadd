"""Shared fixtures for the library's unit tests: the first story, its places, the gazetteer.

Nothing here touches the network: every geocoding layer used by default is offline,
and the online layer is only ever built with a fake geocoder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from story_helpers import FIRST_STORY

from storymap.geocoding import Location, geocode_story
from storymap.geocoding.gazetteer import GazetteerLayer
from storymap.loading import load_story
from storymap.located import LocatedStory
from storymap.model import Story

# Every test process and test server reads one gazetteer index (built ahead by `make`, or
# once by the first that needs it), whatever cache folder of its own it is given.
os.environ.setdefault("STORYMAP_GAZETTEER_DIR", str(Path.home() / ".cache" / "storymap"))


@pytest.fixture(scope="session")
def story() -> Story:
    return load_story(FIRST_STORY)


@pytest.fixture(scope="session")
def gazetteer() -> GazetteerLayer:
    """Opened once per process; its index is built once per cache folder (about 30 s)."""
    return GazetteerLayer.shared()


@pytest.fixture(scope="session")
def located(story: Story, gazetteer: GazetteerLayer) -> dict[str, Location]:
    """Every place of the first story, located by the default offline layers."""
    return geocode_story(story)


@pytest.fixture(scope="session")
def located_story(story: Story, located: dict[str, Location]) -> LocatedStory:
    """The first story with its places located and its steps: what views and exports take."""
    return LocatedStory(story, located, FIRST_STORY)
