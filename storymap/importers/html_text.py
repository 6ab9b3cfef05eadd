"""HTML in imported text (StoryMapJS and TimelineJS allow it) as plain text.

Read with the standard library's HTML parser, never with regular expressions, and never
run: tags are dropped, with their attributes (``onerror=``, ``href="javascript:…"``);
the content of ``script``, ``style`` and similar elements is dropped whole; a link keeps
its text; paragraphs, line breaks and list items become line breaks. Entities are
decoded, so ``&lt;b&gt;`` is the text ``<b>``, which the app shows as text, escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose content is code or data, not text for readers.
_DROPPED = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head"}
# Elements that end a line (a paragraph, a list item, a break).
_BREAKS = {
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "tr", "table", "hr", "dd", "dt", "pre",
}  # fmt: skip
_MARKUP = re.compile(r"<[A-Za-z!/]|&[#A-Za-z0-9]+;")


@dataclass(frozen=True)
class PlainText:
    """The text, and whether the source had markup (for the report)."""

    text: str
    had_markup: bool


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.skipping += 1
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(value: object) -> PlainText:
    """``value`` (HTML, plain text, or None) as plain text: one paragraph a line."""
    if value is None:
        return PlainText("", False)
    source = str(value)
    had_markup = bool(_MARKUP.search(source))
    if not had_markup:
        return PlainText(_tidy(source), False)
    collector = _TextCollector()
    collector.feed(source)
    collector.close()
    return PlainText(_tidy("".join(collector.parts)), True)


def _tidy(text: str) -> str:
    """Spaces inside a line collapsed, empty lines dropped, no control characters."""
    text = "".join(ch if ch in "\n\t" or ch.isprintable() else " " for ch in text)
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
