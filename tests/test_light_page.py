"""The light reader page's files (storymap.light_page): found by story id among the stories
a server serves, built once per version from the reader cache, and nothing else: an id or a
file name from a request is only ever looked up."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from story_helpers import FIXTURES

import storymap.light_page as light_page
import storymap.precompressed as precompressed
import storymap.reader_cache as reader_cache
from storymap.export.html import page_styles
from storymap.light_html import page_style_hashes
from storymap.light_page import Shelf
from storymap.web.policy import frame_policy, script_hash

MAGELLAN = FIXTURES / "magellan.yaml"  # id magellan-elcano; Spanish first, then English


@pytest.fixture
def shelf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Shelf:
    """A server's stories folder with Magellan's voyage under a name that is not its id, a
    broken story file beside it, and nothing built yet."""
    stories = tmp_path / "stories"
    stories.mkdir()
    shutil.copyfile(MAGELLAN, stories / "voyage.yaml")
    (stories / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("STORYMAP_STORIES", str(stories))
    monkeypatch.delenv("STORYMAP_STORY", raising=False)
    monkeypatch.setattr(reader_cache, "_in_memory", {})
    return Shelf(root=tmp_path / "files", records=tmp_path / "records")


def never(*args: object, **kwargs: object) -> None:
    raise AssertionError("built: the version's files should have been found")


def test_a_story_is_found_by_its_id_and_its_page_built_once(shelf: Shelf, monkeypatch) -> None:
    version = shelf.find("magellan-elcano")
    assert version is not None and version.path.name == "voyage.yaml"
    page = shelf.file("magellan-elcano", "")
    assert page == version.folder / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'"{version.key}/map.json"' in html and "<script>" not in html
    first = shelf.file("magellan-elcano", f"{version.key}/text-es.json")
    assert json.loads(first.read_bytes())["title"]
    words = json.loads(shelf.file("magellan-elcano", f"{version.key}/words-es.json").read_bytes())
    assert set(words) == {"list_heading", "credits_heading", "list", "credits", "present",
                          "present_help"}  # fmt: skip
    assert not (version.folder / "text-en.json").exists()  # the other language: when asked
    # A restart: a new shelf finds the built version by its name alone, building nothing
    # (a broken file beside it would be read once by each process, to learn its id)
    (version.path.parent / "broken.yaml").unlink()
    monkeypatch.setattr(light_page.Shelf, "_build", never)
    monkeypatch.setattr(reader_cache, "reader_data", never)
    again = Shelf(root=shelf.root, records=shelf.records)
    assert again.find("magellan-elcano") == version
    assert again.file("magellan-elcano", "") == page
    assert again.file("magellan-elcano", f"{version.key}/map.json") == version.folder / "map.json"


def test_the_other_language_is_built_when_first_asked_for(shelf: Shelf) -> None:
    version = shelf.find("magellan-elcano")
    english = shelf.file("magellan-elcano", f"{version.key}/text-en.json")
    assert english.parent == version.folder
    assert json.loads(english.read_bytes())["ui"]["next"]
    words = shelf.file("magellan-elcano", f"{version.key}/words-en.json")
    assert json.loads(words.read_bytes())["list_heading"] == "All events (text list)"


@pytest.mark.parametrize(
    "story_id",
    ["no-such-story", "voyage", "broken", "", "_", "Magellan-Elcano", "../records",
     "magellan-elcano/../..", "a" * 81, "magellan-elcano\n", "%2e%2e"],
)  # fmt: skip
def test_an_id_it_does_not_serve_finds_nothing(shelf: Shelf, story_id: str) -> None:
    assert shelf.find(story_id) is None
    assert shelf.file(story_id, "") is None


def test_a_name_that_is_not_the_versions_own_file_finds_nothing(shelf: Shelf, tmp_path) -> None:
    version = shelf.find("magellan-elcano")
    shelf.file("magellan-elcano", "")
    (tmp_path / "secret.json").write_text("{}", encoding="utf-8")
    key = version.key
    for name in [
        "map.json",  # only under its version's name
        f"{key}/../../secret.json",
        f"{key}/text-fr.json",  # not a language of the story
        f"{key}/text-../../secret.json",
        f"{key}/light.json",
        f"{key}/index.html/..",
        "0" * 24 + "/map.json",  # another version
        f"files/{key}/picture-0.jpg",  # no such picture
        f"files/{key}/../{key}/map.json",
        f"files/{'0' * 24}/picture-0.jpg",
        "/etc/passwd",
        "../records",
    ]:
        found = shelf.file("magellan-elcano", name)
        assert found is None, name
    for name in ["", f"{key}/map.json", f"{key}/text-en.json", f"{key}/words-es.json"]:
        found = shelf.file("magellan-elcano", name)
        assert found.resolve().parent == version.folder.resolve(), name


def test_the_page_carries_its_style_sheets_and_their_hashes_are_written_beside_it(
    shelf: Shelf,
) -> None:
    """Its styles are in the page (no sheet to wait for before its script runs), the same
    as the single file's, and the hashes its policy allows are exactly theirs."""
    page = shelf.file("magellan-elcano", "")
    html = page.read_text(encoding="utf-8")
    styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert list(styles) == list(page_styles()) and 'rel="stylesheet"' not in html
    assert "url(images/" not in styles[0]  # Leaflet's images inline, as in the single file
    assert page_style_hashes(page) == tuple(script_hash(style) for style in styles)
    frame = frame_policy(page_style_hashes(page))
    assert f"style-src 'self' {' '.join(page_style_hashes(page))};" in frame


def test_an_edited_story_is_a_new_version_and_the_old_data_are_gone(shelf: Shelf) -> None:
    old = shelf.find("magellan-elcano")
    shelf.file("magellan-elcano", "")
    old.path.write_text(MAGELLAN.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    new = shelf.find("magellan-elcano")
    assert new.key != old.key
    assert shelf.file("magellan-elcano", "") == new.folder / "index.html"
    assert shelf.file("magellan-elcano", f"{old.key}/map.json") is None


def test_story_text_reaches_the_page_only_as_text(shelf: Shelf) -> None:
    hostile = MAGELLAN.read_text(encoding="utf-8").replace(
        "id: magellan-elcano", "id: hostile-title", 1
    )
    story = Path(shelf.stories()[0]).parent / "hostile.yaml"
    title = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
    hostile = hostile.replace("  es: La primera vuelta al mundo", f"  es: {json.dumps(title)}", 1)
    story.write_text(hostile, encoding="utf-8")
    page = shelf.file("hostile-title", "")
    assert page is not None, "the hostile story did not load"
    html = page.read_text(encoding="utf-8")
    assert "<img" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_apps_own_story_wins_over_a_file_named_by_its_id(shelf, monkeypatch, tmp_path) -> None:
    """Two files with one id: the page shows the story the app shows (STORYMAP_STORY)."""
    chosen = tmp_path / "elsewhere" / "chosen.yaml"
    chosen.parent.mkdir()
    edited = MAGELLAN.read_text(encoding="utf-8") + "\n# the app's own copy\n"
    chosen.write_text(edited, encoding="utf-8")
    named = Path(shelf.stories()[0]).parent / "magellan-elcano.yaml"
    shutil.copyfile(MAGELLAN, named)
    assert shelf.find("magellan-elcano").path == named
    monkeypatch.setenv("STORYMAP_STORY", str(chosen))
    assert Shelf(root=shelf.root, records=shelf.records).find("magellan-elcano").path == chosen


def test_warming_a_story_readies_its_page_and_gzips_and_a_restart_builds_nothing(
    shelf: Shelf, monkeypatch
) -> None:
    path = next(p for p in shelf.stories() if p.name == "voyage.yaml")
    assert shelf.warm(path) == "magellan-elcano"
    version = shelf.find("magellan-elcano")
    for name in ("index.html", "front.html", "map.json", "text-es.json", "words-es.json"):
        packed = version.folder / f"{name}.gz"
        assert gzip.decompress(packed.read_bytes()) == (version.folder / name).read_bytes()
    engine = shelf.asset("engine.js")
    assert engine.with_name("engine.js.gz").is_file() and engine.parent.name.startswith("engine-")
    assert shelf.asset("engine.css") is None  # its styles are in the page
    # a restart on the same folders finds all of it by the file's name alone
    monkeypatch.setattr(light_page.Shelf, "_build", never)
    monkeypatch.setattr(reader_cache, "reader_data", never)
    monkeypatch.setattr(precompressed, "write_whole", never)
    again = Shelf(root=shelf.root, records=shelf.records)
    assert again.warm(path) == "magellan-elcano"
    assert again.compressed(version.folder / "map.json") == version.folder / "map.json.gz"


@pytest.mark.parametrize("name", ["../index.html", "engine.py", "/etc/passwd", "reader.py",
                                  "images/../../x", "engine-0/engine.js", ""])  # fmt: skip
def test_the_engine_serves_only_its_own_files(shelf: Shelf, name: str) -> None:
    assert shelf.asset(name) is None


def test_the_front_doors_page_is_the_page_with_a_base_naming_its_folder(shelf: Shelf) -> None:
    front = shelf.front(shelf.find("magellan-elcano"))
    page = shelf.file("magellan-elcano", "")
    html = front.read_text("utf-8")
    assert html.startswith(page.read_text("utf-8").split("<head>")[0] + "<head>\n<base ")
    assert html.count("<base ") == 1 and '<base href="read/magellan-elcano/">' in html
    assert html.replace('\n<base href="read/magellan-elcano/">', "", 1) == page.read_text("utf-8")
    assert shelf.find("no-such-story") is None


def test_the_story_the_app_opens_with_is_the_folders_first_when_it_can_be_read(
    shelf: Shelf,
) -> None:
    broken = next(p for p in shelf.stories() if p.name == "broken.yaml")
    assert shelf.stories()[0] == broken and shelf.opening() is None  # "/" says why instead
    broken.unlink()
    assert shelf.opening() == shelf.find("magellan-elcano")
