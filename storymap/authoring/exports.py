"""The story being written, as a story file's text and as a static site in one zip.

The YAML is written in the story's own field order, block style, without aliases, with
the schema line editors read; the site zip holds what ``python -m storymap export
--format site`` writes for one story: the index page and the story's files.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from storymap.located import LocatedStory
from storymap.story_writer import story_text

NOTE = "Written on the storymap author page; check it with: storymap validate FILE"


def story_file_text(data: dict[str, Any]) -> str:
    """The story file's text for ``data`` (valid or not)."""
    return story_text(data, NOTE)


def site_zip(story: LocatedStory, text: str, tiles: str = "offline") -> bytes:
    """The static site of one story (its index page, its files, ``text`` as its story file
    and the pictures it keeps in ``<id>/media/``) as a zip archive."""
    from storymap.export.site import INDEX, index_html, story_files

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="storymap-site-") as folder:
        path = Path(folder) / f"{story.story.id}.yaml"
        path.write_text(text, encoding="utf-8")
        with_file = replace(story, path=path)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(INDEX, index_html([with_file]))
            for name, content in story_files(with_file, tiles).items():
                archive.writestr(name, content)
    return buffer.getvalue()
