"""Names as people write them: folded for matching, and fuzzy suggestions for near misses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """Fold case, accents and punctuation: 'Wŏnsan' == 'wonsan', 'Khasan–Tumangang' == 'khasan tumangang'."""
    if name.isascii():  # most names: no accents to fold
        return " ".join(_NOT_WORD.sub(" ", name.lower()).split())
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_NOT_WORD.sub(" ", stripped).split())


def spelling_key(name: str) -> str:
    """A name folded as transliterations vary: doubled letters written once ("Makkah",
    "Mekah"), so that one letter apart means one spelling apart."""
    return re.sub(r"(.)\1+", r"\1", normalise(name))


class NameIndex:
    """Normalised names to entries, with fuzzy suggestions per country (rapidfuzz)."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[tuple[str, object]]] = {}
        self._names_by_country: dict[str | None, set[str]] = {}

    def add(self, names: Iterable[str], country: str, entry: object, display: str) -> None:
        for key in {normalise(name) for name in names} - {""}:
            self._by_name.setdefault(key, []).append((country, entry))
        self._names_by_country.setdefault(country, set()).add(display)
        self._names_by_country.setdefault(None, set()).add(display)

    def find(self, names: Sequence[str], country: str | None) -> list[object]:
        found: list[object] = []
        for name in names:
            for entry_country, entry in self._by_name.get(normalise(name), ()):
                if (country is None or entry_country == country) and entry not in found:
                    found.append(entry)
        return found

    def suggest(self, name: str, country: str | None, limit: int) -> list[str]:
        """Close names in ``country`` only (in every country when it is None)."""
        return closest_names(name, self._names_by_country.get(country, ()), limit)


def closest_names(name: str, choices: Iterable[str], limit: int) -> list[str]:
    """The ``limit`` choices most like ``name``, best first, the same on every run.

    Sorted first: rapidfuzz keeps the input order among equal scores, and a set's
    order changes from one process to the next.
    """
    matches = process.extract(
        name,
        sorted(set(choices)),
        scorer=fuzz.WRatio,
        processor=normalise,
        limit=limit,
        score_cutoff=60,
    )
    return [match[0] for match in matches]
