"""Who the article credits: sources from attribution phrases, and quotations with their speaker.

Outlets come after "menurut", "dilansir (dari)", "dikutip (dari)", "mengutip", "according
to", "reported by", "told", or before "melaporkan", "reported". Speakers come after
"kata", "ujar", "said", or before "mengatakan", "said". A quotation is text in quotation
marks; its speaker is the one the sentence names, or, for "katanya" / "he said", the last
person the article named before it (the author is asked to check that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storymap.draft.stopwords import STOPWORDS, TITLE_WORDS

NAME = r"(?P<name>(?:[A-Z][\w'’.&-]*)(?:\s+(?:[A-Z][\w'’.&-]*|of|de|al|bin))*)"
DESCRIPTION = r"(?P<name>[^,.;:“”\"]{3,80}?)(?=\s*[,.;:]|\s+(?:bahwa|that)\b|$)"

_AFTER_OUTLET = re.compile(
    r"\b(?P<phrase>[Mm]enurut|[Dd]ilansir(?:\s+dari)?|[Dd]ikutip(?:\s+dari)?|[Mm]engutip|"
    r"[Ss]eperti\s+dilaporkan|[Aa]ccording\s+to|reported\s+by|quoted\s+by|[Cc]iting|told)\s+" + NAME
)
_DESCRIBED_OUTLET = re.compile(r"\b(?P<phrase>[Mm]enurut|[Aa]ccording\s+to)\s+" + DESCRIPTION)
_PHRASE_BEFORE_OUTLET = re.compile(
    r"(?:^|(?<=,\s))(?P<name>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}?)(?:\s+(?:juga|pun|also|has|have))?"
    r"\s+(?P<phrase>melaporkan|reported|reports|quoted|cited)\b"
)
_BEFORE_OUTLET = re.compile(
    NAME
    + r"(?:\s+(?:juga|pun|also|has|had|have))?\s+(?P<phrase>melaporkan|reported|reports|quoted|cited)\b"
)
_AFTER_SPEAKER = re.compile(
    r"\b(?P<phrase>kata|ujar|ucap|tutur|tegas|jelas|ungkap|tulis|said|says|added|wrote)\s+" + NAME
)
_BEFORE_SPEAKER = re.compile(
    NAME + r"(?:\s+(?:juga|pun|also|has|had|have))?\s+"
    r"(?P<phrase>mengatakan|menyatakan|menegaskan|said|says|told|added)\b"
)
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:katanya|ujarnya|ucapnya|tuturnya|tegasnya|jelasnya|ungkapnya|"
    r"(?:he|she|they)\s+(?:said|says|added|told))\b",
    re.IGNORECASE,
)
_LEADING = {"the", "a", "an", "para", "sang", "pihak"}
_PRONOUNS = {"dia", "ia", "mereka", "kami", "kita", "he", "she", "they", "it", "we", "this", "that"}
_CONNECTORS = {"of", "de", "al", "bin", "van", "von", "da"}
_QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")


@dataclass(frozen=True)
class Credit:
    """A name the sentence credits: an outlet or a speaker, with where it stands."""

    name: str
    role: str  # "outlet" or "speaker"
    phrase: str  # the words that credit it: "dilansir dari", "said"
    start: int
    end: int

    @property
    def described(self) -> bool:
        """'data dari Korea Selatan dan Kyiv', 'Media resmi Korut': words to translate, not a name."""
        return any(w[:1].islower() and w not in _CONNECTORS for w in self.name.split())


_STORM = re.compile(
    r"\b(?:hurricane|typhoon|cyclone|tropical\s+storm|storm|badai|topan|siklon|huracán|tormenta"
    r"|ciclón|tifón|ouragan|tempête|typhon|إعصار|عاصفة)\s*$",
    re.IGNORECASE,
)


def is_storm(credit: Credit, sentence: str) -> bool:
    """'Hurricane Milton reported …', 'huracán “Milton”': a storm's name, never an outlet."""
    before = sentence[: credit.start].rstrip(" \"“”'‘’«»")
    first = credit.name.split()[0] if credit.name.split() else ""
    return bool(_STORM.search(before) or _STORM.search(first + " "))


def as_people(found: list[Credit], sentence: str, speakers: set[str]) -> list[Credit]:
    """Outlets that are people or storms become what they are: a person whose words are
    quoted ("menurut Jokowi" where the article also says "ujar Jokowi", "according to
    President Ruto") is a speaker; a storm's name is dropped."""
    result = []
    speaker_words = {w for name in speakers for w in name.split() if w[:1].isupper()}
    for credit in found:
        if credit.role == "outlet" and not credit.described:
            if is_storm(credit, sentence):
                continue
            titled = sentence[: credit.start].split()[-1:] and (
                sentence[: credit.start].split()[-1] in TITLE_WORDS
            )
            if titled or set(credit.name.split()) & speaker_words:
                credit = Credit(credit.name, "speaker", credit.phrase, credit.start, credit.end)
        result.append(credit)
    return result


@dataclass(frozen=True)
class Quotation:
    text: str
    speaker: str | None
    speaker_guessed: bool  # from "katanya"/"he said": the last person named before
    via: str | None


def credits(sentence: str) -> list[Credit]:
    """Every outlet and speaker the sentence credits, in order, without repeats."""
    found: list[Credit] = []
    for pattern, role in (
        (_AFTER_OUTLET, "outlet"),
        (_PHRASE_BEFORE_OUTLET, "outlet"),
        (_BEFORE_OUTLET, "outlet"),
        (_AFTER_SPEAKER, "speaker"),
        (_BEFORE_SPEAKER, "speaker"),
        (_DESCRIBED_OUTLET, "outlet"),
    ):
        for match in pattern.finditer(sentence):
            name = _clean(match["name"], 1 if pattern is _AFTER_OUTLET else 0)
            if not name or any(c.start <= match.start("name") < c.end for c in found):
                continue
            start = match.start("name") + match["name"].find(name)
            found.append(
                Credit(name, role, " ".join(match["phrase"].split()), start, start + len(name))
            )
    unique = {c.name: c for c in sorted(found, key=lambda c: c.start)}
    return list(unique.values())


def _clean(name: str, keep: int = 0) -> str:
    """Trim a name to its words: no title or acronym before it ("Menlu RI Retno Marsudi"),
    nothing after a title word within it ("Thomas Lembong Istana Kepresidenan")."""
    words = name.strip(" ,.;:").split()
    while words and (
        words[0] in TITLE_WORDS or words[0].lower() in _LEADING or _acronym(words[0], words)
    ):
        words.pop(0)
    if not any(w.endswith(("'s", "’s")) for w in words):  # "Seoul's Foreign Ministry" stays
        cut = next((i for i, w in enumerate(words) if i > 1 and w in TITLE_WORDS), len(words))
        words = words[:cut]
    while len(words) > keep and words[-1].lower() in STOPWORDS:
        words.pop()  # "Reuters Senin"; after "dilansir", one word stays: "Antara", the agency
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return ""
    return " ".join(words).strip(" ,.;:")


def _acronym(word: str, words: list[str]) -> bool:
    """'RI', 'BKPM' before a person's name; an acronym alone ('KCNA', 'TASS') stays."""
    follows = words[1][:1].isupper() if len(words) > 1 else False
    return follows and word.isupper() and len(word) > 1 and word.isalpha()


def quotations(sentence: str, people: list[str], credited: list[Credit]) -> list[Quotation]:
    """The sentence's quotations, each with its speaker and the outlet it is taken from."""
    found: list[Quotation] = []
    outlets = [c.name for c in credited if c.role == "outlet" and not c.described]
    for match in _QUOTE.finditer(sentence):
        text = match[1].strip(" ,")
        if len(text.split()) < 3:
            continue
        outside = sentence[: match.start()] + " " * len(match[0]) + sentence[match.end() :]
        speakers = [
            c.name
            for c in credited
            if c.role == "speaker" and not match.start() <= c.start < match.end()
        ]
        guessed = False
        if not speakers and _PRONOUN_SPEAKER.search(outside) and people:
            speakers, guessed = [people[-1]], True
        speaker = full_name(speakers[0], people) if speakers else None
        found.append(Quotation(text, speaker, guessed, outlets[0] if outlets else None))
    return found


def full_name(name: str, people: list[str]) -> str:
    """'Putin' is 'Vladimir Putin' when the article named him so before."""
    longer = [p for p in people if len(p.split()) > 1 and name in p.split()]
    return longer[0] if longer else name


_PERSON = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,3})")


def people_named(sentence: str, not_people: set[str]) -> list[str]:
    """Capitalised names in the sentence that are not places, outlets, titles or common words."""
    found: list[str] = []
    for match in _PERSON.finditer(sentence):
        words = [w for w in match[1].split() if w not in TITLE_WORDS and w.lower() not in STOPWORDS]
        name = " ".join(words)
        if name and name not in not_people and not any(w in not_people for w in words):
            found.append(name)
    return found
