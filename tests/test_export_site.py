"""The static site: all or nothing, no two stories writing one file, an index from a template."""

from __future__ import annotations

import re
import shutil
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from story_helpers import FIXTURES

from storymap.cli import main
from storymap.errors import StorymapError
from storymap.export import site
from storymap.export.site import GENERATOR, SiteError, export_site, index_html
from storymap.located import LocatedStory, locate_file

SMALL = FIXTURES / "picture_story.yaml"


@pytest.fixture(scope="module")
def small() -> LocatedStory:
    return locate_file(SMALL)


def copy_of(story_file: Path, folder: Path, new_id: str | None = None) -> LocatedStory:
    """The story file copied into ``folder`` (with another id if asked), located."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / story_file.name
    text = story_file.read_text(encoding="utf-8")
    if new_id:
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
    target.write_text(text, encoding="utf-8")
    return locate_file(target)


@pytest.fixture
def quick_exports(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Exports made as short text instead of real pages and pictures, recorded: for the
    tests about which files are written, not what is in them."""
    made: list[tuple[str, str]] = []

    def fake(item: LocatedStory, fmt: str, lang: str, tiles: str = "offline") -> bytes:
        made.append((item.story.id, fmt))
        return f"{item.story.id} {fmt} {lang}".encode()

    monkeypatch.setattr(site, "export_bytes", fake)
    return made


def leftovers(folder: Path) -> list[str]:
    """Hidden work folders of an export beside ``folder``."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_stories_with_one_id_are_refused_before_anything_is_made(
    tmp_path: Path, quick_exports: list
) -> None:
    first = copy_of(SMALL, tmp_path / "a")
    second = copy_of(SMALL, tmp_path / "b")
    out = tmp_path / "site"
    with pytest.raises(SiteError) as refused:
        export_site([first, second], out)
    message = str(refused.value)
    assert "two stories have the id 'picture-test'" in message
    assert (
        str(tmp_path / "a" / SMALL.name) in message and str(tmp_path / "b" / SMALL.name) in message
    )
    assert quick_exports == [] and not out.exists() and leftovers(out) == []


def test_a_story_whose_page_would_be_another_file_is_refused(
    tmp_path: Path, quick_exports: list
) -> None:
    with pytest.raises(SiteError, match=r"its page would be index\.html"):
        export_site([copy_of(SMALL, tmp_path / "a", "index")], tmp_path / "site")
    a = copy_of(SMALL, tmp_path / "a", "a")
    clash = copy_of(SMALL, tmp_path / "b", "a-handout-id")  # its page is a's handout's name
    with pytest.raises(SiteError, match=r"would both write a-handout-id\.html"):
        export_site([a, clash], tmp_path / "site")
    assert quick_exports == []


def test_a_failing_story_leaves_no_site_and_no_half_written_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_exports: list
) -> None:
    good, bad = copy_of(SMALL, tmp_path / "a", "good"), copy_of(SMALL, tmp_path / "b", "bad")
    real = site.export_bytes

    def failing(item: LocatedStory, fmt: str, lang: str, tiles: str = "offline") -> bytes:
        if item.story.id == "bad" and fmt == "png":
            raise StorymapError("the picture could not be made")
        return real(item, fmt, lang, tiles)

    monkeypatch.setattr(site, "export_bytes", failing)
    out = tmp_path / "site"
    with pytest.raises(StorymapError, match="could not be made"):
        export_site([good, bad], out)
    assert ("good", "handout") in quick_exports  # the first story was written, then undone
    assert not out.exists() and leftovers(out) == []

    export_site([good], out)
    before = snapshot(out)
    with pytest.raises(StorymapError):
        export_site([good, bad], out)
    assert snapshot(out) == before  # the old site is untouched
    assert leftovers(out) == []


def test_a_new_export_replaces_an_earlier_site_whole(tmp_path: Path, quick_exports: list) -> None:
    out = tmp_path / "site"
    written = export_site([copy_of(SMALL, tmp_path / "a", "first")], out)
    assert {p.name for p in written} == {p.name for p in out.iterdir()}
    export_site([copy_of(SMALL, tmp_path / "b", "second")], out)
    names = {p.name for p in out.iterdir()}
    assert "second.html" in names and not [n for n in names if n.startswith("first")]
    assert leftovers(out) == []
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH  # a web server may read it (not 0700)


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path: Path, quick_exports: list) -> None:
    story = copy_of(SMALL, tmp_path / "a")
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.odt").write_text("years of work")
    with pytest.raises(SiteError, match="no storymap site export wrote"):
        export_site([story], documents)
    assert (documents / "thesis.odt").read_text() == "years of work"
    a_file = tmp_path / "site.txt"
    a_file.write_text("x")
    with pytest.raises(SiteError, match="is not a folder"):
        export_site([story], a_file)
    empty = tmp_path / "empty"
    empty.mkdir()
    export_site([story], empty)
    assert (empty / "index.html").is_file()
    assert quick_exports


class Sections(HTMLParser):
    """Each <section lang=...> of the index with its heading text and links."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict] = []
        self.in_h2 = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append({"lang": attrs.get("lang"), "title": "", "links": []})
        elif tag == "h2":
            self.in_h2 = True
        elif tag == "a" and self.sections:
            self.sections[-1]["links"].append(attrs["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self.in_h2 = False

    def handle_data(self, data: str) -> None:
        if self.in_h2:
            self.sections[-1]["title"] += data


def test_the_index_lists_every_story_in_each_language_and_its_files_exist(
    tmp_path: Path, story, located
) -> None:
    from story_helpers import FIRST_STORY

    stories = [LocatedStory(story, located, FIRST_STORY), copy_of(SMALL, tmp_path / "a")]
    out = tmp_path / "site"
    export_site(stories, out)
    page = (out / "index.html").read_text(encoding="utf-8")
    parser = Sections()
    parser.feed(page)
    titles = [(s["lang"], s["title"]) for s in parser.sections]
    assert titles == [
        (lang, item.story.title.get(lang)) for item in stories for lang in ("id", "en")
    ]
    for section in parser.sections:
        assert section["links"][0].endswith(f".html#lang={section['lang']}")
        assert section["links"][1].endswith(f".html#present&lang={section['lang']}")  # for a class
        assert any(f"-handout-{section['lang']}.html" in link for link in section["links"])
        assert any(f"-teacher-{section['lang']}.html" in link for link in section["links"])
        for link in section["links"]:
            assert (out / link.split("#")[0]).is_file(), link
    assert f'<meta name="generator" content="{GENERATOR}">' in page
    assert leftovers(out) == []


def test_story_text_in_the_index_is_text(tmp_path: Path) -> None:
    hostile = copy_of(FIXTURES / "html_injection.yaml", tmp_path / "a")
    page = index_html([hostile])
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>" not in page and "<script" not in page.lower()


def test_cli_refuses_duplicate_ids_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    copy_of(SMALL, tmp_path / "stories")
    shutil.copy(SMALL, tmp_path / "stories" / "copy.yaml")
    out = tmp_path / "site"
    assert main(["export", str(tmp_path / "stories"), "--format", "site", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "two stories have the id 'picture-test'" in err and "copy.yaml" in err
    assert "Traceback" not in err and not out.exists()
