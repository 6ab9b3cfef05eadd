"""A story's data checked as its file would be, without writing the file and reading it back.

The author page holds the story as plain values and checks it on every edit. Writing
it as YAML and reading that back through the loader cost two thirds of an edit; for
values the file writes and reads back unchanged (``reads_back``: text without control
characters, numbers, true/false, null, lists, mappings with text keys, not nested
absurdly deep), the loader's checks run on the values themselves and find the same
problems. Anything else (a control character, a key that is not text, a value YAML
cannot write) goes through the file, so the YAML reader's own problems are said as
the saved file would make them.
"""

from __future__ import annotations

import re
from typing import Any

from storymap.loading import Reading, read_story, read_values
from storymap.story_writer import story_text

# What the writer leaves as it is and the reader takes back unchanged: tab, line feed and
# YAML's printable characters, less those YAML treats as line breaks or marks (NEL, the
# line and paragraph separators, the byte-order mark). Anything else goes through the file.
_UNUSUAL = re.compile(
    "[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)
_SCALARS = (str, int, float, bool, type(None))
MAX_DEPTH = 64  # a story is 5 levels deep; a deeper value is read as the file would be


def reads_back(data: Any) -> bool:
    """Whether the story file written from ``data`` reads back as the very same values."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        kind = type(value)
        if kind is str:
            if _UNUSUAL.search(value):
                return False
        elif kind is dict:
            if depth >= MAX_DEPTH:
                return False
            for key, item in value.items():
                if type(key) is not str or _UNUSUAL.search(key):
                    return False
                stack.append((item, depth + 1))
        elif kind is list:
            if depth >= MAX_DEPTH:
                return False
            stack.extend((item, depth + 1) for item in value)
        elif kind not in _SCALARS:
            return False
    return True


def read_story_data(data: dict[str, Any], source: str = "<story>", warn: bool = True) -> Reading:
    """What ``read_story`` finds in the file written from ``data``, with no line numbers
    when the values were checked as they are (``reads_back``); ``warn``: False when the
    caller lists the source addresses' warnings itself. A value only the file can judge
    may raise ``StoryError``, as ``read_story`` does."""
    if reads_back(data):
        return read_values(data, source, warn=warn)
    return read_story(story_text(data), source)
