"""Files kept gzipped once (storymap.precompressed): what a browser's Accept-Encoding takes,
a gzip written once and never again, and the engine's bundle."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import storymap.precompressed as precompressed
from storymap.precompressed import accepts_gzip, bundle, gzipped, worth_compressing


@pytest.mark.parametrize(
    ("header", "takes"),
    [("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True),
     ("GZIP", True), ("x-gzip", True), ("", False), ("identity", False), ("br", False),
     ("gzip;q=0", False), ("gzip;q=0.0, br", False), ("*;q=0", False),
     ("gzip;q=0, *", False), ("br, *;q=0.5", True), ("gzip;q=nonsense", False)],
)  # fmt: skip
def test_what_an_accept_encoding_header_takes(header: str, takes: bool) -> None:
    assert accepts_gzip(header) is takes


def test_a_gzip_is_written_once_beside_its_file_or_in_a_folder(tmp_path, monkeypatch) -> None:
    source = tmp_path / "map.json"
    source.write_bytes(b'{"places": [' + b'{"name": "Pyongyang"},' * 200 + b"{}]}")
    packed = gzipped(source)
    assert packed == tmp_path / "map.json.gz"
    assert gzip.decompress(packed.read_bytes()) == source.read_bytes()
    assert packed.stat().st_size < source.stat().st_size / 5
    elsewhere = gzipped(source, tmp_path / "engine")
    assert elsewhere == tmp_path / "engine" / "map.json.gz" and elsewhere.read_bytes()
    monkeypatch.setattr(precompressed.gzip, "compress", lambda *a, **k: pytest.fail("again"))
    assert gzipped(source) == packed  # kept: never compressed again
    assert gzipped(source, tmp_path / "engine") == elsewhere
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["engine", "map.json", "map.json.gz",
                                                           "map.json.gz"]  # fmt: skip


def test_only_text_files_worth_it_are_compressed(tmp_path: Path) -> None:
    for name, size, worth in [("a.js", 5000, True), ("b.css", 100, False), ("c.png", 5000, False),
                              ("d.geojson", 2000, True), ("index.html", 1024, True)]:  # fmt: skip
        (tmp_path / name).write_bytes(b"x" * size)
        assert worth_compressing(tmp_path / name) is worth, name
    assert not worth_compressing(tmp_path / "missing.js")


def test_a_bundle_is_its_parts_in_order_written_once(tmp_path: Path) -> None:
    parts = []
    for name in ("one.js", "two.js", "three.js"):
        parts.append(tmp_path / name)
        parts[-1].write_text(f"var {name[:-3]} = 1", encoding="utf-8")
    target = bundle(parts, tmp_path / "out" / "engine.js", b"\n;\n")
    assert target.read_text(encoding="utf-8") == "var one = 1\n;\nvar two = 1\n;\nvar three = 1"
    parts[0].write_text("changed", encoding="utf-8")
    assert "changed" not in bundle(parts, target, b"\n;\n").read_text(encoding="utf-8")
