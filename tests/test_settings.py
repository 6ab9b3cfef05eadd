"""Every STORYMAP_* setting is read in storymap/settings.py, when asked, never at import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from story_helpers import ROOT

from storymap import settings

CODE = [ROOT / "streamlit_app.py", *ROOT.joinpath("pages").glob("*.py")] + [
    path for package in ("storymap", "storymap_ui") for path in ROOT.joinpath(package).rglob("*.py")
]
READ = re.compile(r"""(?:environ\.get\(|environ\[|getenv\()\s*["'](STORYMAP_[A-Z0-9_]+)["']""")


def test_only_the_settings_module_reads_storymap_variables() -> None:
    readers = {
        str(path.relative_to(ROOT)): sorted(set(READ.findall(path.read_text(encoding="utf-8"))))
        for path in CODE
        if READ.search(path.read_text(encoding="utf-8"))
    }
    assert readers == {}  # settings.py reads them through one function, by name
    settings_code = (ROOT / "storymap" / "settings.py").read_text(encoding="utf-8")
    assert set(re.findall(r'_read\("(STORYMAP_[A-Z_]+)"\)', settings_code)) == set(
        settings.VARIABLES
    )


def test_every_setting_is_in_the_readme_configuration_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration") :]
    table = section[: section.index("\n## ")]
    rows = set(re.findall(r"^\| `(STORYMAP_[A-Z_]+)`", table, re.MULTILINE))
    assert rows == set(settings.VARIABLES)


def test_the_app_folders_follow_the_cache_set_after_import(monkeypatch, tmp_path) -> None:
    from storymap_ui import component, page_frame, picker

    monkeypatch.delenv("STORYMAP_FRONTEND_DIR", raising=False)
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))
    for folder in (component.frontend_dir(), picker.picker_dir(), page_frame.frame_dir()):
        assert folder.parent == tmp_path
    monkeypatch.setenv("STORYMAP_FRONTEND_DIR", str(tmp_path / "reader"))
    assert component.frontend_dir() == tmp_path / "reader"


def test_the_cache_folder_and_its_default(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("STORYMAP_CACHE", raising=False)
    assert settings.cache_folder() == Path.home() / ".cache" / "storymap"
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))
    assert settings.cache_folder() == tmp_path
    from storymap.authoring.store import drafts_folder
    from storymap.geocoding import cache_folder

    assert cache_folder() == tmp_path and drafts_folder() == tmp_path / "drafts"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("offline", "offline"), ("osm", "osm"), ("nonsense", "carto"), ("", "carto")],
)
def test_tiles_are_a_base_map_we_know(monkeypatch, value, expected) -> None:
    monkeypatch.setenv("STORYMAP_TILES", value)
    assert settings.tiles() == expected


@pytest.mark.parametrize("value", ["off", "OFF", "none", "", "  "])
def test_saving_is_switched_off(monkeypatch, value) -> None:
    monkeypatch.setenv("STORYMAP_AUTHOR_SAVE_DIR", value)
    assert settings.author_save_folder(default=Path("/stories")) is None


def test_saving_goes_to_the_folder_named_else_to_the_default(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("STORYMAP_AUTHOR_SAVE_DIR", raising=False)
    assert settings.author_save_folder(default=tmp_path) == tmp_path
    assert settings.author_save_folder(default=None) is None
    monkeypatch.setenv("STORYMAP_AUTHOR_SAVE_DIR", str(tmp_path / "saved"))
    assert settings.author_save_folder(default=None) == tmp_path / "saved"


def test_the_story_and_the_stories_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("STORYMAP_STORY", raising=False)
    monkeypatch.delenv("STORYMAP_STORIES", raising=False)
    assert settings.story_file() is None
    assert settings.stories_folder() == ROOT / "geodata" / "stories"  # in a checkout
    monkeypatch.setenv("STORYMAP_STORY", str(tmp_path / "a.yaml"))
    monkeypatch.setenv("STORYMAP_STORIES", str(tmp_path))
    assert (settings.story_file(), settings.stories_folder()) == (tmp_path / "a.yaml", tmp_path)


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("yes", True), ("0", False), ("off", False), ("", False)]
)
def test_debug(monkeypatch, value, expected) -> None:
    monkeypatch.setenv("STORYMAP_DEBUG", value)
    assert settings.debug() is expected


def test_the_nominatim_address(monkeypatch) -> None:
    from storymap.geocoding.online import DEFAULT_URL, nominatim_url

    monkeypatch.delenv("STORYMAP_NOMINATIM_URL", raising=False)
    assert nominatim_url() == DEFAULT_URL
    monkeypatch.setenv("STORYMAP_NOMINATIM_URL", "http://localhost:8080")
    assert nominatim_url() == "http://localhost:8080"
