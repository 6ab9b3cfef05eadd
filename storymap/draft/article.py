"""Read a news article (plain text or a saved web page) and split it into sentences.

An article file comes from anywhere, so it is checked: it must exist, be text (UTF-8,
no NUL bytes), not be empty, and not be huge. HTML is reduced to its main text by
``trafilatura``, which also gives the headline, the site name and the address.

The structure kept is what a draft needs: the headline, the "key points" bullets before
the body (a summary, not events), the dateline ("Jakarta, IDN Times –"), and the body's
paragraphs as lists of sentences.

Limits keep a draft's time and size in proportion to the article (anyone can paste
anything): a file of at most ``MAX_ARTICLE_BYTES``, a text of at most ``max_text``
characters where the caller says so (the author page), and sentences of at most
``MAX_SENTENCE_CHARS`` (a longer run without a full stop is cut at a space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from storymap.encoding import NotText, decode_text
from storymap.errors import StorymapError

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_SENTENCE_CHARS = 1000  # news sentences run to 200-300 characters; 1,000 is none


class ArticleError(StorymapError, ValueError):
    """An article that cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body, with the paragraph it belongs to (both 0-based)."""

    text: str
    paragraph: int
    number: int


@dataclass(frozen=True)
class Article:
    """The parts of an article a draft uses."""

    body: list[Sentence]
    title: str | None = None
    highlights: list[str] = field(default_factory=list)
    dateline: str | None = None
    outlet: str | None = None
    url: str | None = None

    @property
    def text(self) -> str:
        """Everything the article says, for language and country guesses."""
        parts = [self.title or "", *self.highlights, *(s.text for s in self.body)]
        return "\n".join(parts)


def read_article(path: Path) -> Article:
    """Read the file at ``path``; raise ``ArticleError`` with a one-line reason if it is unusable."""
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder, not an article file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return parse_article(data, str(path))


def parse_article(
    data: bytes | str, source: str = "<article>", max_text: int | None = None
) -> Article:
    """Split an article's text (or HTML) into its headline, highlights and sentences;
    ``max_text``: the most characters of text (after a web page's markup) to read."""
    text = _decode(data, source)
    if not text.strip():
        raise ArticleError(f"{source}: the article is empty")
    title = outlet = url = None
    if _looks_like_html(text):
        text, title, outlet, url = _html_to_text(text, source)
    if max_text is not None and len(text) > max_text:
        raise ArticleError(
            f"{source}: its text is {len(text):,} characters; an article may be at most "
            f"{max_text:,}: draft it in parts"
        )
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title is None and len(lines) > 1 and _is_heading(lines[0], question=True):
        title, lines = lines[0], lines[1:]
    highlights: list[str] = []
    while lines and _BULLET.match(lines[0]):
        highlights.append(_BULLET.sub("", lines.pop(0)))
    dateline = None
    body: list[Sentence] = []
    paragraph = 0
    for line in lines:
        if _BULLET.match(line):
            line = _BULLET.sub("", line)
        elif _NUMBERED.match(line):
            line = _NUMBERED.sub("", line)  # "4. Afrika Selatan: …": an item of a listicle
        elif _is_heading(line):
            continue
        if not body and dateline is None:
            dateline, line = _split_dateline(line)
        for sentence in split_sentences(line):
            body.append(Sentence(sentence, paragraph, len(body)))
        paragraph += 1
    if not body:
        raise ArticleError(f"{source}: no sentences found in the article")
    if outlet is None and dateline:
        outlet = _dateline_outlet(dateline)
    return Article(body, title, highlights, dateline, outlet, url)


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{source}: {len(data) / 1e6:.1f} MB is too big for an article (max 5 MB)"
        )
    try:
        return decode_text(data, "an article's text or HTML")
    except NotText as exc:
        raise ArticleError(f"{source}: {exc}") from None


_HTML_HINT = re.compile(r"<(!doctype html|html|body|p|div|article)\b", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def _html_to_text(html: str, source: str) -> tuple[str, str | None, str | None, str | None]:
    """The page's main text with trafilatura, plus its headline, site name and address."""
    import trafilatura  # heavy: only for saved web pages

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise ArticleError(f"{source}: no article text found in this HTML page")
    return (
        text,
        getattr(document, "title", None) or None,
        getattr(document, "sitename", None) or None,
        getattr(document, "url", None) or None,
    )


_BULLET = re.compile(r"^\s*(?:[-•*▪●]\s+)")
# A numbered item of a list ("4. Afrika Selatan: KTT BRICS 2023"), a heading that names
# what the paragraphs under it tell: kept as a sentence, without its number.
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=[^\W\d_])")
_END = re.compile(r"[.!?…][\"'”’)]*$")


def _is_heading(line: str, question: bool = False) -> bool:
    """A headline or section heading: short, with no sentence-final stop (or a '?' headline)."""
    if len(line.split()) > 20:
        return False
    return not _END.search(line) or (question and line.endswith("?"))


_DATELINE = re.compile(
    r"^(?P<line>[A-Z][\w.' -]{1,40}?,\s*[A-Z][\w.' ]{1,40}?"
    r"|[A-Z][\w .'-]{1,40}?(?:,\s*[A-Z][\w .'-]{1,40}?)?\s*\([^)]{2,40}\))"
    r"\s*[–—-]{1,2}\s+(?=\S)"
)


def _split_dateline(paragraph: str) -> tuple[str | None, str]:
    """'Jakarta, IDN Times – Presiden …' gives ('Jakarta, IDN Times', 'Presiden …')."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    return match["line"].strip(), paragraph[match.end() :]


def _dateline_outlet(dateline: str) -> str | None:
    """'Jakarta, IDN Times', 'MOSCOW (Reuters)' and 'TEMPO.CO, Jakarta' name their outlet (a
    web address comes first or second); 'SEOUL, Oct 27' does not."""
    inside = re.search(r"\(([^)]+)\)", dateline)
    parts = [part.strip() for part in dateline.split(",")]
    web = [part for part in parts if re.search(r"\w\.(?:co|com|id|net|org)\b", part, re.I)]
    outlet = inside[1] if inside else web[0] if web else parts[1] if len(parts) > 1 else ""
    outlet = outlet.strip()
    return outlet if outlet and not re.search(r"\d", outlet) else None


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "adm",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "est",
        "dll",
        "dsb",
        "dkk",
        "kol",
        "jend",
        "brigjen",
        "mayjen",
        "letjen",
        "ir",
        "drs",
        "hj",
        "h",
        "kh",
        "tn",
        "ny",
        "sdr",
        "kep",
        "kab",
        "kec",
        "kel",
        "prov",
        "jl",
        "ds",
    ]
)
_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-Ý])")


def split_sentences(paragraph: str) -> list[str]:
    """Split at a stop followed by a capital, but not after 'Dr.', 'U.S.' or an initial 'J.'."""
    sentences: list[str] = []
    start = 0
    for match in _BREAK.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip(".!?…")
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        if _is_abbreviation(last_word):
            continue
        end = match.start() + len(match.group(0).rstrip())
        sentences.append(paragraph[start:end].strip())
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return [part for s in sentences if s for part in _cut(s)]


def _cut(sentence: str) -> list[str]:
    """A sentence of at most ``MAX_SENTENCE_CHARS``, or a longer one cut at its last space
    before each limit (a run of text without a full stop is not a sentence)."""
    parts: list[str] = []
    start = 0
    while len(sentence) - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = sentence.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit + 1)
        end = space if space > 0 else limit
        parts.append(sentence[start:end].strip())
        start = end
    parts.append(sentence[start:].strip())
    return [part for part in parts if part]


def _is_abbreviation(word: str) -> bool:
    bare = word.strip("\"'“‘(")
    if len(bare) == 1 and bare.isalpha() and bare.isupper():  # an initial: "J. Smith"
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare):  # "U.S", "a.m"
        return True
    return bare.lower() in _ABBREVIATIONS
