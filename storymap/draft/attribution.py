"""Who the article credits: sources from attribution phrases, and quotations with their speaker.

Outlets come after "menurut", "dilansir (dari)", "dikutip (dari)", "mengutip", "according
to", "reported by", "told", or before "melaporkan", "reported". Speakers come after
"kata", "ujar", "said", or before "mengatakan", "said". A quotation is text in quotation
marks; its speaker is the one the sentence names, or, for "katanya" / "he said", the last
person the article named before it (the author is asked to check that).

Every rule runs in time linear in the sentence (an article is anyone's paste): a name
*before* its phrase is found from the phrase backwards (``_names_before``), never by a
pattern tried from every capital letter, and quotations are paired from the positions of
their marks (``_quote_spans``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from storymap.draft.spans import Spans
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
# "KCNA (also) reported", "Putin (has) said": NAME, an optional helping word, the phrase.
_HELPERS = frozenset({"juga", "pun", "also", "has", "had", "have"})
_CONNECTOR_WORDS = frozenset({"of", "de", "al", "bin"})  # inside a NAME, never first
_OUTLET_PHRASE = re.compile(r"(?:melaporkan|reported|reports|quoted|cited)\b")
_SPEAKER_PHRASE = re.compile(r"(?:mengatakan|menyatakan|menegaskan|said|says|told|added)\b")
_NAME_WORD = re.compile(r"[A-Z][\w'’.&-]*")
_NOT_IN_NAME = re.compile(r"[^\w'’.&-]+")  # what a NAME word cannot hold
_AFTER_SPEAKER = re.compile(
    r"\b(?P<phrase>kata|ujar|ucap|tutur|tegas|jelas|ungkap|tulis|said|says|added|wrote)\s+" + NAME
)
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:katanya|ujarnya|ucapnya|tuturnya|tegasnya|jelasnya|ungkapnya|"
    r"(?:he|she|they)\s+(?:said|says|added|told))\b",
    re.IGNORECASE,
)
_LEADING = {"the", "a", "an", "para", "sang", "pihak"}
_PRONOUNS = {"dia", "ia", "mereka", "kami", "kita", "he", "she", "they", "it", "we", "this", "that"}
_CONNECTORS = {"of", "de", "al", "bin", "van", "von", "da"}
_QUOTE_MARKS = re.compile(r"[“”\"]")
_QUOTE_LENGTH = 12  # characters between the marks, at least
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they)\Z", re.IGNORECASE)
_VERB_AFTER = re.compile(r"\s*(?:said|says|added|told)\b", re.IGNORECASE)


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
    taken = Spans()
    for spans, role, keep in (
        (_matched(_AFTER_OUTLET, sentence), "outlet", 1),  # "dilansir Antara": one word stays
        (_matched(_PHRASE_BEFORE_OUTLET, sentence), "outlet", 0),
        (_names_before(_OUTLET_PHRASE, sentence), "outlet", 0),
        (_matched(_AFTER_SPEAKER, sentence), "speaker", 0),
        (_names_before(_SPEAKER_PHRASE, sentence), "speaker", 0),
        (_matched(_DESCRIBED_OUTLET, sentence), "outlet", 0),
    ):
        for raw, at, phrase in spans:
            name = _clean(raw, keep)
            if not name or taken.covers(at):
                continue
            start = at + raw.find(name)
            found.append(Credit(name, role, " ".join(phrase.split()), start, start + len(name)))
            taken.add(start, start + len(name))
    unique = {c.name: c for c in sorted(found, key=lambda c: c.start)}
    return list(unique.values())


def _matched(pattern: re.Pattern[str], sentence: str) -> Iterator[tuple[str, int, str]]:
    """(name, where the name starts, phrase) for each match of a pattern with those groups."""
    for match in pattern.finditer(sentence):
        yield match["name"], match.start("name"), match["phrase"]


def _names_before(phrase: re.Pattern[str], sentence: str) -> Iterator[tuple[str, int, str]]:
    """(name, start, phrase) for each NAME, an optional helping word and ``phrase``, as
    ``re.finditer`` would find ``NAME(?:\\s+helper)?\\s+phrase``, in linear time.

    From each phrase that follows white space, the words before it are read backwards:
    a helping word, then NAME words (a capital, then letters, digits, ' ’ . & -) and the
    connectors of/de/al/bin; the name starts at its leftmost capitalised word, or at a
    capital inside the word before them ("(Reuters", "al-Assad"), as the pattern would.
    """
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]
    starts = [start for start, _ in words]
    for found in phrase.finditer(sentence):
        index = bisect.bisect_left(starts, found.start())
        if index == 0 or index >= len(words) or starts[index] != found.start():
            continue  # not a phrase that begins a word after white space
        index -= 1
        if sentence[slice(*words[index])] in _HELPERS and index > 0:
            index -= 1
        name_start = _leftmost_name_start(sentence, words, index)
        if name_start is not None:
            yield sentence[name_start : words[index][1]], name_start, found[0]


def _leftmost_name_start(sentence: str, words: list[tuple[int, int]], last: int) -> int | None:
    """Where a NAME ending with word ``last`` starts at the earliest, or None if none can.

    The words walked over hold no phrase (a phrase is not a NAME word), so the walks from
    two phrases never cross and each word is read once: the name never reaches back into
    an earlier match, as ``finditer`` would have it."""
    start: int | None = None
    for index in range(last, -1, -1):
        begin, end = words[index]
        word = sentence[begin:end]
        if _NAME_WORD.fullmatch(word):
            start = begin
        elif word not in _CONNECTOR_WORDS:
            inner = _capital_inside(word)
            return begin + inner if inner is not None else start
    return start


def _capital_inside(word: str) -> int | None:
    """Where the NAME word at the end of ``word`` starts: its first capital after which
    every character may be in a name ("(Reuters" → 1, "al-Assad" → 3), or None."""
    tail = 0
    for tail_match in _NOT_IN_NAME.finditer(word):
        tail = tail_match.end()
    for offset, char in enumerate(word[tail:]):
        if "A" <= char <= "Z":
            return tail + offset
    return None


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


class People:
    """The people an article has named so far: the last one, and for each word the first
    full name that holds it ("Putin" → "Vladimir Putin"), kept as the article is read."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.last: str | None = None
        self._full: dict[str, str] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        self.last = name
        words = name.split()
        if len(words) > 1:
            for word in words:
                self._full.setdefault(word, name)

    def full_name(self, name: str, then: People | None = None) -> str:
        """'Putin' is 'Vladimir Putin' when the article named him so before (here, else in
        ``then``)."""
        return self._full.get(name) or (then._full.get(name) if then else None) or name


def quotations(
    sentence: str,
    people: People | Sequence[str],
    credited: list[Credit],
    recent: Sequence[str] = (),
) -> list[Quotation]:
    """The sentence's quotations, each with its speaker and the outlet it is taken from.

    ``people`` are the people named before, ``recent`` the speakers of the last sentences;
    "katanya" / "he said" is the last of them."""
    known = people if isinstance(people, People) else People(people)
    lately = People(recent)
    last = lately.last or known.last
    found: list[Quotation] = []
    outlets = [c.name for c in credited if c.role == "outlet" and not c.described]
    pronouns = [(m.start(), m.end()) for m in _PRONOUN_SPEAKER.finditer(sentence)]
    speakers = [c for c in credited if c.role == "speaker"]
    for start, end in _quote_spans(sentence):
        text = sentence[start + 1 : end - 1].strip(" ,")
        if len(text.split()) < 3:
            continue
        # the first speaker outside the quotation (quotations do not overlap, so each
        # speaker is passed over for at most one of them)
        named = next((c.name for c in speakers if not start <= c.start < end), None)
        guessed = False
        if named is None and last and _pronoun_outside(sentence, pronouns, start, end):
            named, guessed = last, True
        speaker = known.full_name(named, lately) if named else None
        found.append(Quotation(text, speaker, guessed, outlets[0] if outlets else None))
    return found


def _quote_spans(sentence: str) -> Iterator[tuple[int, int]]:
    """Each quotation's (start, end), marks included, as ``re.finditer`` would find
    ``[“"]([^”"]{12,}?)[”"]``: from an opening mark to the next closing one, when at least
    12 characters lie between; read once from the marks' positions."""
    marks = [(m.start(), m[0]) for m in _QUOTE_MARKS.finditer(sentence)]
    closing = [position for position, mark in marks if mark != "“"]
    index = 0
    while index < len(marks):
        position, mark = marks[index]
        index += 1
        if mark == "”":
            continue
        after = bisect.bisect_right(closing, position)
        if after == len(closing):
            continue
        end = closing[after]
        if end - position - 1 >= _QUOTE_LENGTH:
            yield position, end + 1
            index = bisect.bisect_right(marks, (end, "\uffff"))


def _pronoun_outside(sentence: str, pronouns: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether "katanya" / "he said" is in the sentence with the quotation [start, end)
    blanked out: a match wholly before or after it, or "he" before it and "said" after."""
    if pronouns and (pronouns[0][1] <= start or pronouns[-1][0] >= end):
        return True
    word_end = start
    while word_end > 0 and sentence[word_end - 1].isspace():
        word_end -= 1
    before = _PRONOUN_BEFORE.search(sentence, max(0, word_end - 4), word_end)
    return bool(before and _VERB_AFTER.match(sentence, end))


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
