"""The single-file HTML export and the static site: self-contained, safe, complete."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from story_helpers import FIRST_STORY, FIXTURES

from storymap.basemaps import tile_hosts
from storymap.cli import main
from storymap.errors import StorymapError
from storymap.export.html import script_json, standalone_html
from storymap.export.site import export_site
from storymap.loading import load_story
from storymap.located import LocatedStory
from storymap.model import Story
from storymap.web import READER_SCRIPTS


@pytest.fixture(scope="module")
def page(located_story: LocatedStory) -> str:
    return standalone_html(located_story)


def inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, flags=re.S)


def test_everything_is_inline_nothing_is_fetched(page: str) -> None:
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\ssrc=", page)
    assert "url(images/" not in page  # Leaflet's images are data: URIs
    assert "L.map" in page or "L.map(" in page  # Leaflet and the reader are inlined
    assert "StoryReader" in page


def test_csp_allows_exactly_the_inline_scripts_and_no_connections(page: str) -> None:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "connect-src 'none'" in policy and "default-src 'none'" in policy
    scripts = inline_scripts(page)
    # Leaflet, the reader's scripts, the speaker view's, the page's
    assert len(scripts) == len(READER_SCRIPTS) + 3
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy.replace("&#39;", "'")
    images = re.search(r"img-src ([^;]+)", policy).group(1).split()
    assert images == ["data:", *tile_hosts()]  # from the one table of base maps


def test_page_carries_payload_narratives_and_countries(page: str, story: Story) -> None:
    data = json.loads(re.search(r'id="storymap-data">(.*?)</script>', page, flags=re.S).group(1))
    assert len(data["map"]["events"]) == len(story.events)
    assert len(data["map"]["steps"]) == 15
    assert "Putin menerima Menlu Korea Utara di Kremlin" in data["text"]["id"]["events"][11]["html"]
    assert "Putin receives North Korea" in data["text"]["en"]["events"][11]["html"]
    assert data["tiles"] == "offline" and data["map"]["default_language"] == "id"
    assert set(data["page"]) == {"id", "en"}
    countries = json.loads(
        re.search(r'id="storymap-countries">(.*?)</script>', page, flags=re.S).group(1)
    )
    assert len(countries["features"]) > 150


def test_size_is_small(page: str) -> None:
    assert len(page.encode()) < 600 * 1024


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"title": "</script><script>alert(1)</script>"})
    assert "</script" not in text.lower()
    assert json.loads(text)["title"] == "</script><script>alert(1)</script>"


def test_hostile_story_is_data_never_markup() -> None:
    story = load_story(FIXTURES / "html_injection.yaml")
    page = standalone_html(LocatedStory.of(story))
    body = page.split("<body>", 1)[1]
    data_block = re.search(r'id="storymap-data">(.*?)</script>', body, flags=re.S).group(1)
    outside_data = body.replace(data_block, "")
    assert "<img src=x" not in outside_data
    assert "alert(" not in "".join(
        s for s in inline_scripts(body) if "storymap-data" not in s
    ).replace("window.alert", "")
    data = json.loads(data_block)
    assert data["text"]["en"]["title"] == "<img src=x onerror=alert(1)>"
    narrative = data["text"]["en"]["events"][0]["html"]
    assert "<script" not in narrative and "<img" not in narrative
    assert "&lt;img src=x onerror=alert(1)&gt;" in narrative
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page


def test_unknown_tiles_choice_is_refused(story: Story, located: dict) -> None:
    with pytest.raises(StorymapError, match="tiles must be one of"):
        standalone_html(LocatedStory(story, located), tiles="stamen")


def test_site_has_an_index_and_every_file_it_links(
    located_story: LocatedStory, tmp_path: Path
) -> None:
    written = export_site([located_story], tmp_path / "site")
    names = {path.name for path in written}
    for name in (
        "index.html",
        "russia-north-korea.html",
        "russia-north-korea.yaml",
        "russia-north-korea-events.geojson",
        "russia-north-korea-places.geojson",
        "russia-north-korea-events.csv",
        "russia-north-korea-overview.png",
        "russia-north-korea-handout-id.html",
        "russia-north-korea-handout-en.html",
    ):
        assert name in names
    index = (tmp_path / "site" / "index.html").read_text()
    for link in re.findall(r'href="([^"#]+)', index):
        assert (tmp_path / "site" / link).exists(), link
    assert "Rusia dan Korea Utara, makin rapat" in index
    assert "Russia and North Korea, ever closer" in index


def test_cli_exports_html_and_site(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "story.html"
    assert main(["export", str(FIRST_STORY), "--format", "html", "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert target.read_text().startswith("<!doctype html>")
    stories = tmp_path / "stories"
    stories.mkdir()
    shutil.copyfile(FIRST_STORY, stories / FIRST_STORY.name)
    site = tmp_path / "site"
    assert main(["export", str(stories), "--format", "site", "-o", str(site)]) == 0
    assert (site / "index.html").exists()


def test_cli_export_of_a_broken_story_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    bad = FIXTURES / "impossible_date.yaml"
    assert main(["export", str(bad), "--format", "html", "-o", str(tmp_path / "x.html")]) == 1
    assert "February 2025 has days 1 to 28" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_cli_export_of_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["export", str(tmp_path), "--format", "site", "-o", str(tmp_path / "out")]) == 1
    assert "no story files" in capsys.readouterr().err
