"""The plain values every geocoding layer shares: what is asked, what is answered, what fails.

Nothing here does I/O, so the many modules that only need ``Location`` import it
without loading a gazetteer, a country outline or a network client.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from storymap.errors import StorymapError
from storymap.messages import quote
from storymap.model import Place
from storymap.problems import MAX_PROBLEMS_LISTED
from storymap.settings import cache_folder as cache_folder  # geocoding's own name for it
from storymap.settings import gazetteer_folder


def gazetteer_folders() -> tuple[list[Path], list[Path]]:
    """Where the gazetteer's index is looked for, and where it is built when missing.

    Looked for, first found first: ``$STORYMAP_GAZETTEER_DIR`` (an index built ahead of
    time and shared by checkouts and test servers; it may be read-only), the cache folder,
    and ``~/.cache/storymap``, where ``make`` builds it. Built in ``$STORYMAP_GAZETTEER_DIR``
    when it is set and can be written, else in the cache folder. Read on every call, like
    ``cache_folder``.
    """
    configured = gazetteer_folder()
    first = [configured] if configured else []
    look = list(dict.fromkeys([*first, cache_folder(), Path.home() / ".cache" / "storymap"]))
    build = list(dict.fromkeys([*first, cache_folder()]))
    return look, build


@dataclass(frozen=True)
class Location:
    """Where a place is, how sure we are, and which layer said so."""

    lat: float
    lon: float
    layer: str
    precision_km: float
    matched: str
    note: str = ""
    via: str = ""  # the name asked, when the layer knew the place by another spelling
    area: int = 0  # the gazetteer place whose outline this is (0: a point, no outline)


@dataclass(frozen=True)
class Query:
    """What a layer is asked: the names to try, a country hint and the kind of place."""

    names: tuple[str, ...]
    country: str | None = None
    kind: str | None = None

    @classmethod
    def for_place(cls, place: Place) -> Query:
        names = dict.fromkeys(
            (place.name.get("en"), *(n for _, n in place.name.items()), *place.aliases)
        )
        return cls(tuple(names), place.country, place.kind)


class Layer(Protocol):
    """One source of coordinates."""

    name: str

    def locate(self, query: Query) -> Location | None: ...

    def suggest(self, query: Query, limit: int = 3) -> list[str]: ...


class GeocodeUnavailable(StorymapError, RuntimeError):
    """An online layer could not be reached; the message says which and why."""


@dataclass(frozen=True)
class Unresolved:
    """A place no layer could locate, with the closest names the layers know."""

    place_id: str
    names: tuple[str, ...]
    country: str | None
    suggestions: tuple[str, ...]
    reason: str = ""  # said instead of "not found", e.g. "SL is Sierra Leone; Sri Lanka is LK"

    def __str__(self) -> str:
        return f"place {quote(self.place_id)}: {self.describe()}"

    def describe(self) -> str:
        """What went wrong, without naming the place's id: "'Moskoww' in RU not found (…)"."""
        name = quote(self.names[0])
        if self.reason:
            return f"{name}: {self.reason}"
        hint = f" (did you mean: {', '.join(self.suggestions)}?)" if self.suggestions else ""
        country = f" in {self.country}" if self.country else ""
        return f"{name}{country} not found{hint}"


class UnresolvedPlaces(StorymapError, LookupError):
    """Places no layer could locate, listed together with the closest known names."""

    def __init__(self, unresolved: list[Unresolved]) -> None:
        self.unresolved = unresolved
        lines = [f"  - {item}" for item in unresolved[:MAX_PROBLEMS_LISTED]]
        if len(unresolved) > MAX_PROBLEMS_LISTED:
            lines.append(f"  … and {len(unresolved) - MAX_PROBLEMS_LISTED:,} more")
        super().__init__(f"{len(unresolved)} place(s) could not be located:\n" + "\n".join(lines))
