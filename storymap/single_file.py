"""What a single-file story page carries besides the page: its story and its pictures, as data.

The page (``storymap.export.html``) holds two JSON blocks the browser never runs
(``<script type="application/json">``): ``storymap-source``, the story itself, and
``storymap-pictures``, each picture kept with the story as an inline JPEG or PNG (the page
shows them from there, and they travel with the file). ``python -m storymap import`` and
the author page read both back (``storymap.importers.single_file``), so a story e-mailed as
one file is both the published piece and its source.
"""

from __future__ import annotations

import re
from typing import Any

from storymap.model import Story

SOURCE_ID = "storymap-source"
PICTURES_ID = "storymap-pictures"
FORMAT = "storymap story 1"


def story_source(story: Story) -> dict[str, Any]:
    """The story as the page carries it: every field as the story file has it."""
    return {"format": FORMAT, "story": story.model_dump(mode="json", exclude_none=True)}


def json_block(text: str, block_id: str) -> str | None:
    """The text of the page's ``<script type="application/json" id="…">``, or None."""
    match = re.search(
        rf"<script\b[^>]*\bid=[\"']?{re.escape(block_id)}[\"']?[^>]*>(.*?)</script\s*>",
        text,
        flags=re.DOTALL | re.IGNORECASE,
    )
    return match.group(1) if match else None
