"""The online layer against a fake Nominatim on 127.0.0.1: bad answers, bad caches, a stalled server.

Each ends in a clear ``GeocodeUnavailable`` or "not found", never a traceback, and
a server that dribbles its answer is cut off at the lookup's deadline.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from storymap.cli import main
from storymap.geocoding import GeocodeUnavailable, Location, Query
from storymap.geocoding.online import NominatimLayer, nominatim

GOOD = [{"lat": "42.4", "lon": "130.6", "display_name": "Khasan, Primorsky Krai, Russia"}]
ANSWERS: dict[str, bytes] = {
    "good": json.dumps(GOOD).encode(),
    "nothing": b"[]",
    "empty-object": b"[{}]",
    "no-display-name": b'[{"lat": "1.0", "lon": "2.0"}]',
    "blank-display-name": b'[{"lat": "1.0", "lon": "2.0", "display_name": "  "}]',
    "lat-abc": b'[{"lat": "abc", "lon": "2.0", "display_name": "X"}]',
    "lat-999": b'[{"lat": "999", "lon": "2.0", "display_name": "X"}]',
    "lon-999": b'[{"lat": "1", "lon": "999", "display_name": "X"}]',
    "nan": b'[{"lat": "NaN", "lon": "2.0", "display_name": "X"}]',
    "infinity": b'[{"lat": "1", "lon": "Infinity", "display_name": "X"}]',
    "not-json": b"<html>busy</html>",
    "a-number": b"42",
}


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search?q=NAME with ANSWERS[NAME]; 'stall' dribbles one byte a second."""

    stop = threading.Event()
    asked: ClassVar[list[str]] = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        name = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
        type(self).asked.append(self.path)
        if name == "error-500":
            self.send_error(500, "Internal Server Error")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        if name == "stall":
            for byte in json.dumps(GOOD).encode():
                if self.stop.wait(1.0):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            return
        self.wfile.write(ANSWERS[name])


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    FakeNominatim.stop.set()
    httpd.shutdown()
    httpd.server_close()


def layer(url, tmp_path, deadline=5.0) -> NominatimLayer:
    return NominatimLayer(
        nominatim(url, timeout=3.0),
        cache_path=tmp_path / "nominatim.json",
        min_delay_seconds=0,
        deadline_seconds=deadline,
    )


def test_a_good_answer(server, tmp_path):
    found = layer(server, tmp_path).locate(Query(("good",), "RU"))
    assert found == Location(
        42.4,
        130.6,
        "nominatim",
        5.0,
        "good",
        "OpenStreetMap Nominatim: Khasan, Primorsky Krai, Russia",
    )
    assert any("countrycodes=ru" in path for path in FakeNominatim.asked)


def test_no_answer_is_not_found(server, tmp_path):
    assert layer(server, tmp_path).locate(Query(("nothing",))) is None


@pytest.mark.parametrize(
    "name",
    ["empty-object", "no-display-name", "blank-display-name", "lat-abc", "lat-999", "lon-999", "nan", "infinity", "a-number"],
)  # fmt: skip
def test_an_answer_that_is_not_a_place(server, tmp_path, name):
    with pytest.raises(GeocodeUnavailable) as caught:
        layer(server, tmp_path).locate(Query((name,)))
    message = str(caught.value)
    assert message.startswith(
        f"the online geocoder (Nominatim) sent an answer that is not a place for '{name}': "
    )
    assert "\n" not in message
    assert not (tmp_path / "nominatim.json").exists()  # a bad answer is never remembered


@pytest.mark.parametrize("name", ["not-json", "error-500"])
def test_an_answer_that_is_not_an_answer(server, tmp_path, name):
    with pytest.raises(GeocodeUnavailable, match=f"could not be reached for '{name}'"):
        layer(server, tmp_path).locate(Query((name,)))


def test_a_stalled_server_is_cut_off_at_the_deadline(server, tmp_path):
    # the whole answer would come after 70 s, and then there would be no error to see
    with pytest.raises(
        GeocodeUnavailable,
        match=r"did not answer in time for 'stall': TimeoutError: no complete answer within 1\.5 s",
    ):
        layer(server, tmp_path, deadline=1.5).locate(Query(("stall",)))


def test_nothing_listens(tmp_path):
    with pytest.raises(GeocodeUnavailable, match="could not be reached for 'good'"):
        layer("http://127.0.0.1:9", tmp_path).locate(Query(("good",)))


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("[]", 0),
        ('{"k|": {"lat": 1}}', 0),
        ('{"k|": null, "j|": "x", "m|": {"lat": 1, "lon": 2, "address": "M"}}', 2),
        ('{"k|": {"lat": 1e999, "lon": 2, "address": "K"}}', 0),
        ('{"k|": {"lat": true, "lon": 2, "address": "K"}}', 0),
        ("not json", 0),
    ],
)
def test_a_bad_cache_file_is_repaired_with_a_note(server, tmp_path, content, kept):
    (tmp_path / "nominatim.json").write_text(content, encoding="utf-8")
    online = layer(server, tmp_path)
    assert len(online.notes) == 1
    assert str(tmp_path / "nominatim.json") in online.notes[0]
    assert len(online._cache) == kept
    assert online.locate(Query(("good",))) is not None  # and it still works, writing a good file
    assert json.loads((tmp_path / "nominatim.json").read_text(encoding="utf-8"))["good|"]


def test_a_cache_that_cannot_be_written_is_a_note(server, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    online = NominatimLayer(nominatim(server), cache_path=blocker / "n.json", min_delay_seconds=0)
    assert online.locate(Query(("good",))) is not None
    assert online.notes and "could not remember answers" in online.notes[0]


@pytest.mark.parametrize("url", ["ftp://example.org", "nominatim.example.org", "http://"])
def test_an_endpoint_that_is_not_an_http_address(url):
    with pytest.raises(GeocodeUnavailable, match="is not an http\\(s\\) address"):
        nominatim(url)


def test_the_endpoint_may_have_a_path(server, tmp_path):
    geocoder = nominatim(server + "/nominatim/")
    assert geocoder.domain == server.removeprefix("http://") + "/nominatim"
    assert geocoder.scheme == "http"


# --- from the command line ----------------------------------------------------------------------


@pytest.fixture
def cli_cache(gazetteer, tmp_path, monkeypatch):
    """The gazetteer is already built (the fixture); online answers go to tmp_path."""
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))


def test_the_cli_takes_the_endpoint_as_an_option(server, cli_cache, capsys):
    code = main(
        ["geocode", "--query", "good", "--online", "--nominatim-url", server, "--format", "json"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)[0]["layer"] == "nominatim"


def test_the_cli_takes_the_endpoint_from_the_environment(server, cli_cache, capsys, monkeypatch):
    monkeypatch.setenv("STORYMAP_NOMINATIM_URL", server)
    code = main(["geocode", "--query", "lat-999", "--online"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith(
        "error: the online geocoder (Nominatim) sent an answer that is not a place for 'lat-999'"
    )
