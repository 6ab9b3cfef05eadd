"""Where a sentence names a place, as a reader sees it: runs of capitalised words.

A run may hold lowercase particles between capitalised words ("Dar es Salaam", "Rio de
Janeiro", "Pinar del Río", "Les Sables-d'Olonne"). A word for a kind of place before or
after it ("Danau Toba", "Laut Weddell", "Bandara Kualanamu", "Kabupaten Halmahera
Selatan", "Weddell Sea", "Pinar del Río province") is a hint of what the run names, in
any of the languages below. Codes and numbers are never places: a run of capitals of up
to four letters ("UPG", "SUB 1", "KKB") or one followed by a number ("Kodim 1509",
"Batalyon 330") is not looked up. A country that is only a topic or a team ("talks on
Iran", "Iran-backed militias", "Indonesia vs China", "lawan Jepang") is not a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from storymap.draft.spans import Spans
from storymap.draft.stopwords import STOPWORDS, TITLE_WORDS


def _words(text: str) -> list[str]:
    return text.split()


PARTICLES = frozenset(_words("de del la las los el es da das do dos du des van von der den al bin"))
# Words for a kind of place, lowercase, in Indonesian, English, Spanish, French (and a few more).
KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(_words("danau lake lago lac telaga ozero"), "lake"),
    **dict.fromkeys(
        _words(
            "laut sea mar mer teluk gulf golfo golfe bay bahía baie selat strait estrecho "
            "détroit samudra samudera ocean océano océan"
        ),
        "sea",
    ),
    **dict.fromkeys(
        _words("pulau island isla île isle kepulauan islands islas îles kep"), "island"
    ),
    **dict.fromkeys(
        _words("gunung pegunungan mount mt mountains volcán volcano monte cerro mont"), "mountain"
    ),
    **dict.fromkeys(_words("peninsula península péninsule semenanjung"), "island"),
    **dict.fromkeys(_words("bandara airport aeropuerto aéroport aeroporto"), "airport"),
    **dict.fromkeys(
        _words(
            "provinsi province provincia estado state région región region wilayah oblast "
            "departamento distrito comarca cantón "
            "department département kabupaten regency county distrik district kecamatan "
            "municipio comuna governorate gobernación prefecture préfecture"
        ),
        "region",
    ),
    **dict.fromkeys(
        _words(
            "kota city ciudad ville desa kampung village pueblo town localidad kelurahan dusun "
            "pelabuhan dermaga port puerto"
        ),
        "city",
    ),
}
# Kind words that follow the name they qualify ("Weddell Sea", "Pinar del Río province");
# Indonesian puts them before ("Laut Weddell"), so "Timur Laut" (north-east) hints nothing.
POSTPOSITIVE = frozenset(
    _words(
        "sea lake island islands airport province region county regency state strait bay "
        "gulf ocean district oblast governorate prefecture peninsula mountains"
    )
)
_TOKEN = re.compile(r"[^\W\d_][\w'’]*|\d+")
_JOINERS = (" ", "-", "–")
# Words naming a thing that is not a place: a storm, a ship ("huracán Zeta", "KM Sinar
# Bangun"), a road or street named after a person or a faraway town ("rodovia Presidente
# Dutra", "Jalan Sudirman", "calle Génova", "avenue Foch").
NOT_A_PLACE_BEFORE = frozenset(
    _words(
        "hurricane huracán ouragan cyclone ciclón typhoon tifón typhon storm tormenta tempête "
        "badai topan siklon kapal ship vessel buque barco navire bateau"
    )
)
ROAD_WORDS = frozenset(
    _words(
        "jalan rodovia estrada avenida avenue calle carretera autopista autovía rue boulevard "
        "bulevar autoroute highway"
    )
)
SHIP_PREFIXES = frozenset(_words("KM KRI MV SS HMS USS RMS"))  # as written: "km" is kilometres
TOPIC_BEFORE = re.compile(
    r"\b(?:on|about|regarding|concerning|tentang|soal|mengenai|terkait|sobre|acerca de|"
    r"au sujet de|timnas|tim nasional|national team|selección|sélection|équipe d[eu']?|"
    r"lawan|melawan|menghadapi|kontra|contra|contre|vs\.?|versus|v\.)\s*$",
    re.IGNORECASE,
)
TOPIC_AFTER = re.compile(
    r"^(?:-(?:backed|brokered|led|funded|aligned|allied|made|born|based)\b|\s+(?:vs\.?|versus|"
    r"lawan|melawan|kontra|contra|contre)\b)",
    re.IGNORECASE,
)


# Titles of people that a country's name may follow as part of the title, not as a place:
# "Presiden Indonesia Joko Widodo", "Menteri Luar Negeri Rusia", "President of Egypt".
PERSON_TITLES = frozenset(
    _words(
        "Presiden Menteri Menlu Perdana PM Raja Ratu Kanselir Dubes Duta Kaisar Pangeran "
        "President Minister Prime Premier King Queen Chancellor Ambassador Emperor Prince "
        "Presidente Ministro Rey Reina Canciller Embajador Président Présidente Ministre Roi "
        "Reine Chancelier Ambassadeur"
    )
)
_TITLE_PARTICLES = frozenset(_words("of de du del la d'"))


@dataclass(frozen=True)
class Run:
    """Capitalised words that may name a place, with the kind of place the words around hint."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]
    hint: str | None = None  # a kind from KIND_WORDS: "lake", "sea", "region", …
    hint_word: str | None = None  # the word that gave it, as written ("Danau", "Sea")
    hint_before: bool = True
    part: bool = False  # a part of a longer run between particles ("Tour" of "Tour de Francia")


def is_topic(sentence: str, start: int, end: int) -> bool:
    """'talks on Iran', 'Iran-backed', 'Indonesia vs China', 'lawan Jepang': not a place."""
    # Only the end of the text before is read (asked for every country a sentence names):
    # less the white space ``\s*$`` would take, 40 characters hold any of the words and
    # the character before it that ``\b`` looks at.
    before = sentence[:start].rstrip()[-40:]
    return bool(TOPIC_BEFORE.search(before) or TOPIC_AFTER.match(sentence[end:]))


def is_title(sentence: str, start: int) -> bool:
    """'Presiden Indonesia', 'Menteri Luar Negeri Rusia', 'President of Egypt': a person's
    title, not a place where something happened."""
    before = sentence[max(0, start - 60) : start]
    if before and not before[-1].isspace():
        return False
    words = before.split()
    while words and words[-1] in _TITLE_PARTICLES:
        words.pop()
    for word in reversed(words[-3:]):
        if not word[:1].isupper():
            return False
        if word in PERSON_TITLES:
            return True
    return False


def is_code(run: Run) -> bool:
    """'UPG', 'KKB', 'SUB' (codes and abbreviations) and 'Kodim 1509' (a unit's number)."""
    return all(w.isupper() and len(w) <= 4 for w in run.words)


def name_runs(sentence: str, masked: list[tuple[int, int]]) -> list[Run]:
    """The sentence's runs of capitalised words (see the module's docstring), with hints."""
    tokens = [(m[0], m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    taken = Spans(masked)  # asked for every word: a sorted list, not a scan
    runs: list[Run] = []
    i = 0
    while i < len(tokens):
        if not _starts_name(tokens[i][0]) or taken.overlaps(tokens[i][1], tokens[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens):
            nxt, gap = tokens[j + 1], sentence[tokens[j][2] : tokens[j + 1][1]]
            if gap in _JOINERS and _starts_name(nxt[0]) and not taken.overlaps(nxt[1], nxt[2]):
                j += 1
            elif (
                gap == " "
                and nxt[0] in PARTICLES
                and j + 2 < len(tokens)
                and sentence[nxt[2] : tokens[j + 2][1]] in _JOINERS
                and _starts_name(tokens[j + 2][0])
            ):
                j += 2
            else:
                break
        before = _word_before(sentence, tokens, i)
        if before is not None and before.lower() in ROAD_WORDS:
            i = _after_particle(tokens, i, j)  # "calle Génova de Madrid": Madrid, not Génova
            if i is None:
                i = j + 1
                continue
        if before is None or (
            before.lower() not in NOT_A_PLACE_BEFORE and before not in SHIP_PREFIXES
        ):
            runs += _split_at_titles(sentence, tokens, i, j)
        i = j + 1
    return [r for r in runs if not _numbered(sentence, r)]


def _after_particle(tokens: list, i: int, j: int) -> int | None:
    """The first capitalised word after a particle in tokens i..j (the town a street's name
    is followed by), or None when the whole run is the street's name."""
    for k in range(i + 1, j):
        if tokens[k][0] in PARTICLES:
            return k + 1
    return None


def _split_at_titles(sentence: str, tokens: list, i: int, j: int) -> list[Run]:
    """Titles ("Presiden", "Kepala") cut a run. A kind word first ("Danau Toba", "Kota
    Labuha") or a postpositive one last ("Weddell Sea") hints the rest; elsewhere it is part
    of the name ("Cape Town", "Mexico City")."""
    segments: list[list[tuple[str, int, int]]] = [[]]
    for token in tokens[i : j + 1]:
        if token[0] in TITLE_WORDS and token[0].lower() not in KIND_WORDS:
            segments.append([])
        else:
            segments[-1].append(token)
    runs: list[Run] = []
    for number, words in enumerate(w for w in segments if w):
        hint = hint_word = None
        before = (
            _word_before(sentence, tokens, i) if number == 0 and words[0] == tokens[i] else None
        )
        if before is not None and before.lower() in KIND_WORDS:
            hint, hint_word = KIND_WORDS[before.lower()], before
        first, last = words[0][0], words[-1][0]
        if len(words) > 1 and first.lower() in KIND_WORDS:
            hint, hint_word, words = KIND_WORDS[first.lower()], first, words[1:]
        elif len(words) > 1 and last.lower() in POSTPOSITIVE:
            runs.append(_run(sentence, words[:-1], KIND_WORDS[last.lower()], last, False))
            continue
        runs.append(_run(sentence, words, hint, hint_word))
    after = _word_after(sentence, tokens, j)
    if runs and after and after.lower() in POSTPOSITIVE and not runs[-1].hint:
        last_run = runs[-1]  # "Pinar del Río province": a lowercase kind word after the run
        runs[-1] = Run(
            last_run.text,
            last_run.start,
            last_run.end,
            last_run.words,
            KIND_WORDS[after.lower()],
            after,
            False,
        )
    return runs


def sub_runs(run: Run) -> list[Run]:
    """Shorter runs to try when a run names nothing: its parts between particles ("Presidente
    de México" gives "México") and the run without a leading common or kind word ("Timur
    Laut Jailolo" gives "Laut Jailolo", then "Jailolo")."""
    found: list[Run] = []
    words = list(run.words)
    starts = _word_starts(run)  # once: each part is then made in time of its own length
    drop = 0
    while drop < len(words) - 1 and (
        words[drop].lower() in STOPWORDS
        or words[drop].lower() in KIND_WORDS
        or words[drop] in TITLE_WORDS
    ):
        drop += 1
        found.append(_part(run, starts, drop, len(words)))
    parts: list[int] = [n for n, w in enumerate(run.words) if w in PARTICLES]
    bounds = [-1, *parts, len(run.words)]
    if parts:
        for a, b in pairwise(bounds):
            if b - a > 2:  # one word alone ("Tour" of "Tour de Francia") is too weak
                part = _part(run, starts, a + 1, b)
                found.append(Run(part.text, part.start, part.end, part.words, part=True))
    return found


def _word_starts(run: Run) -> list[int]:
    """Where each of the run's words starts in its text."""
    offset = 0
    starts = []
    for word in run.words:
        offset = run.text.index(word, offset)
        starts.append(offset)
        offset += len(word)
    return starts


def _part(run: Run, starts: list[int], a: int, b: int) -> Run:
    """Words a..b of the run (``starts``: where each word starts in its text)."""
    start = run.start + starts[a]
    end = run.start + starts[b - 1] + len(run.words[b - 1])
    text = run.text[starts[a] : starts[b - 1] + len(run.words[b - 1])]
    return Run(text, start, end, run.words[a:b])


def _run(
    sentence: str, words: list, hint: str | None, hint_word: str | None, before: bool = True
) -> Run:
    while len(words) > 1 and words[0][0] in PARTICLES:
        words = words[1:]  # "Golfo de México": the name is "México" after "Golfo de"; a
        # capitalised article is the name's own: "La Ceiba", "Los Angeles", "El Paso"
    start, end = words[0][1], words[-1][2]
    words_only = tuple(w for w, _, _ in words)
    return Run(sentence[start:end], start, end, words_only, hint, hint_word, before)


def _starts_name(word: str) -> bool:
    """'Toba', 'd'Olonne', 'l'Atlantique' start a name; '1509' and 'dan' do not."""
    if word[:1].isupper():
        return True
    return len(word) > 2 and word[:2].lower() in ("d'", "l'", "d’", "l’") and word[2:3].isupper()


def _word_before(sentence: str, tokens: list, i: int) -> str | None:
    """The word before the run, over particles: 'provincia de Caravelí' gives 'provincia'."""
    while i > 0 and sentence[tokens[i - 1][2] : tokens[i][1]] in (*_JOINERS, ""):
        if tokens[i - 1][0].lower() not in PARTICLES:
            return tokens[i - 1][0]
        i -= 1
    return None


def _word_after(sentence: str, tokens: list, j: int) -> str | None:
    if j + 1 >= len(tokens) or sentence[tokens[j][2] : tokens[j + 1][1]] != " ":
        return None
    return tokens[j + 1][0]


def _numbered(sentence: str, run: Run) -> bool:
    """'Kodim 1509', 'Yonif 330/TD': a unit with its number, not a place."""
    return bool(re.match(r"\s*\d", sentence[run.end :])) and len(run.words) == 1
