"""Writing a story file: one dumper, one schema line, the header comments.

Every story file storymap writes (the author page's save and download, an import, a
draft from an article, a synthetic story) is made by ``story_text``: safe YAML (libyaml's
emitter when present: a 10,000-event story in a second, not four), block style, keys in
the order given, no anchors or aliases (the loader refuses them), text with line breaks
as a literal block, under the schema line that lets an editor check the file as it is
typed. A text still to write is a placeholder, ``write``'s one spelling ("[tulis: …]" in
Indonesian, "[write: …]" with English words in every other language), which the author
page lists until it is replaced. Reading is ``story_yaml`` and ``loading``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../story.schema.json"
PLACEHOLDERS = ("[write:", "[tulis:")  # how every placeholder begins


def write(lang: str, words: str) -> str:
    """A placeholder: '[tulis: …]' in Indonesian, '[write: …]' in every other language."""
    return f"[{'tulis' if lang == 'id' else 'write'}: {words}]"


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is still a placeholder (a text to write)."""
    return text.lstrip().startswith(PLACEHOLDERS)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text_node(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() and "\t" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text_node)
# The loader reads a plain decimal as a number (YAML 1.2: ``09`` is 9, where YAML 1.1
# would keep it text): such a text is quoted, so that it reads back as the text it was.
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)


def story_text(data: dict[str, Any], note: str = "") -> str:
    """The story file's text for ``data`` (valid or not): the schema line, ``note`` as
    comment lines (where the file came from, what to do next), then the fields."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    comments = "".join(f"# {line}\n" for line in note.splitlines())
    return f"{SCHEMA_LINE}\n{comments}{body}"
