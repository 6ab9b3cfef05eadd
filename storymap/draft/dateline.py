"""The dateline: where the article was written, read as a reader reads it, and used last.

The article reader (``article``) splits off the datelines it can tell by their shape:
"Jakarta, IDN Times –", "MOSCOW (Reuters) –", "TEMPO.CO, Jakarta –". Others look like the
start of a sentence until one knows the words name a place: "JAKARTA - BMKG melakukan …",
"Mexico City : Mexico's projected winner …", "LYON - Au moins …". Those are split here,
where the place finder can tell "Mexico City :" from "Rétrospective :".

A dateline names where the report was filed, which is often not where things happened
("JAKARTA" over an earthquake in North Maluku), so ``events`` puts an event there only when
nothing else in the article says where it happened. It is still one of the article's places.

An outlet guessed from a dateline's second part is dropped when that part names a place:
"SHUBAYTAH, Saudi Arabia" is a town and its country, not a town and an outlet.
"""

from __future__ import annotations

import re
from dataclasses import replace

from storymap.draft.article import Article, Sentence
from storymap.draft.places import Mention, PlaceFinder

# Up to four words, then " - ", " – ", " — " or " : " (the colon spaced, as datelines are).
_LEADING = re.compile(
    r"^(?P<line>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3}?)"
    r"(?:\s+\([^)]{2,40}\))?\s*(?:[–—]|-{1,2}|\s:)\s+(?=\S)"
)


def read_dateline(article: Article, finder: PlaceFinder) -> tuple[Article, list[Mention]]:
    """The article with its dateline split off (when its words name a place) and the
    dateline's places, numbered after the body's sentences."""
    if article.dateline is None and article.body:
        article = _split_place_dateline(article, finder)
    if not article.dateline:
        return article, []
    places = _places(article.dateline, article.outlet, finder, len(article.body))
    if article.outlet and any(_names(article.outlet, m) for m in places):
        article = replace(article, outlet=None)
    return article, places[:1]


# A dateline that the sentence splitter made a sentence of its own: "LA CEIBA." or
# "MADRID." before the lead, in capitals (a sentence "Moscow." in the body is not one).
_CAPITALS_ALONE = re.compile(r"^(?P<line>[^\W\d_a-z]{2,}(?: [^\W\d_a-z]+){0,3})\.?$")


def _split_place_dateline(article: Article, finder: PlaceFinder) -> Article:
    first = article.body[0]
    alone = _CAPITALS_ALONE.match(first.text)
    if alone and len(article.body) > 1 and _names_place(alone["line"].title(), finder):
        body = [Sentence(s.text, s.paragraph, s.number - 1) for s in article.body[1:]]
        return replace(article, body=body, dateline=alone["line"])
    match = _LEADING.match(first.text)
    if not match:
        return article
    words = match["line"].strip()
    as_name = words.title() if words.isupper() else words
    if not _names_place(as_name, finder):
        return article
    rest = first.text[match.end() :]
    body = [Sentence(rest, first.paragraph, first.number), *article.body[1:]]
    return replace(article, body=body, dateline=match[0].rstrip(" -–—:").strip())


def _names_place(words: str, finder: PlaceFinder) -> bool:
    return any(m.words == words for m in finder.find([words]))


def _places(dateline: str, outlet: str | None, finder: PlaceFinder, number: int) -> list[Mention]:
    """'Jakarta, IDN Times', 'MOSCOW (Reuters)', 'SHUBAYTAH, Saudi Arabia': each part that
    names a place, finest first (a town before its country)."""
    found: list[Mention] = []
    for part in dateline.split("(")[0].split(","):
        line = part.strip()
        if not line:
            continue
        line = line.title() if line.isupper() else line
        for m in finder.find([line]):
            if m.words == line or (m.hit.kind != "country" and line != outlet):
                found.append(Mention(m.hit, m.words, number, m.start, m.end))
                break
    return sorted(found, key=lambda m: m.hit.kind == "country")


def _names(outlet: str, mention: Mention) -> bool:
    return outlet.strip().lower() == mention.words.lower()
