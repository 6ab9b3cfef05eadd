"""A picture added to an event on the author page (AppTest): the file, a caption and alt
text in every language of the story and a credit, all required; kept in the draft's own
folder until Save carries it into the story's media folder; a bad file or a missing text
is refused in one line and nothing changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from author_page_helpers import author_folders
from picture_helpers import photo_jpeg
from story_helpers import ROOT
from streamlit.testing.v1 import AppTest

from storymap.authoring.owners import mint, signing_key
from storymap.pictures import prepare_picture

PAGE = str(ROOT / "pages" / "author.py")
TEXTS = {
    "caption:id": "Kapal di pelabuhan",
    "caption:en": "A ship in the harbour",
    "alt:id": "Sebuah kapal biru di bawah matahari kuning",
    "alt:en": "A blue ship under a yellow sun",
    "credit": "storymap contributors (drawn for the tests)",
}


@pytest.fixture(autouse=True)
def places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    stories = author_folders(monkeypatch, tmp_path)
    cookie = mint(signing_key(tmp_path / "cache"))
    monkeypatch.setattr("storymap_ui.author_owner._cookie", lambda: cookie)
    return stories


def first_event(gazetteer: object) -> AppTest:
    """The first story opened from the stories folder, on its events, the first chosen."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    at.button(key="author-open-file").click().run()
    at.button_group(key="author_section").set_value("events").run()
    assert not at.exception
    return at


def key(at: AppTest, part: str) -> str:
    return f"a{at.session_state['author'].generation}:events.0.media:picture:{part}"


def add(at: AppTest, name: str, content: bytes, mime: str, **skip: bool) -> AppTest:
    at.file_uploader(key=key(at, "file")).set_value((name, content, mime))
    for part, value in TEXTS.items():
        if not skip.get(part.replace(":", "_")):
            at.text_input(key=key(at, part)).set_value(value)
    at.run()
    return at.button(key=key(at, "add")).click().run()


def media(at: AppTest) -> list:
    return at.session_state["author"].data["events"][0].get("media") or []


def test_a_picture_is_added_kept_apart_and_saved_with_the_story(places: Path, gazetteer) -> None:
    at = first_event(gazetteer)
    before = len(media(at))
    add(at, "Harbour Photo.JPG", photo_jpeg(), "image/jpeg")
    assert not at.exception and not at.error
    entry = media(at)[-1]
    assert len(media(at)) == before + 1
    assert entry["file"].startswith("harbour-photo-") and entry["file"].endswith(".jpg")
    assert entry["caption"] == {"id": TEXTS["caption:id"], "en": TEXTS["caption:en"]}
    assert entry["alt"] == {"id": TEXTS["alt:id"], "en": TEXTS["alt:en"]}
    assert entry["credit"] == TEXTS["credit"]
    kept = Path(at.session_state["author"].origin["media"]) / entry["file"]
    assert kept.is_relative_to(Path(os.environ["STORYMAP_CACHE"]) / "pictures")
    assert prepare_picture(kept.read_bytes(), kept.name).data == kept.read_bytes()
    assert b"Storymap Test Camera" not in kept.read_bytes()  # its metadata is gone
    assert not (places / "russia-north-korea").exists()  # nothing published changed yet
    assert "The story is valid" in " ".join(s.value for s in at.sidebar.success)
    assert any("was added to this event" in s.value for s in at.success)
    at.button_group(key="author_section").set_value("save").run()
    at.button(key="author-save").click().run()
    assert not at.exception and not at.error
    saved = places / "russia-north-korea" / "media" / entry["file"]
    assert saved.read_bytes() == kept.read_bytes()
    assert f"file: {entry['file']}" in (places / "russia-north-korea.yaml").read_text()


@pytest.mark.parametrize(
    ("name", "content", "mime", "skip", "says"),
    [
        ("photo.jpg", photo_jpeg(300, 200), "image/jpeg", {"credit": True}, "give its credit"),
        ("photo.jpg", photo_jpeg(300, 200), "image/jpeg",
         {"alt_en": True, "caption_id": True}, "give its caption (id), alt text (en)"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "image/png", {}, "logo.png is an SVG drawing"),
        ("notes.jpg", b"%PDF-1.7 not a picture at all", "image/jpeg", {}, "notes.jpg is a PDF"),
        ("cut.jpg", photo_jpeg(300, 200)[:400], "image/jpeg", {}, "cut.jpg"),
    ],
)  # fmt: skip
def test_a_picture_that_is_not_kept_gets_one_line_and_nothing_changes(
    name: str, content: bytes, mime: str, skip: dict, says: str, places: Path, gazetteer
) -> None:
    at = first_event(gazetteer)
    before = (media(at), dict(at.session_state["author"].origin))
    add(at, name, content, mime, **skip)
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert says in error and "\n" not in error
    assert (media(at), at.session_state["author"].origin) == before
    assert not (Path(os.environ["STORYMAP_CACHE"]) / "pictures").exists()


def test_no_file_chosen_says_so(gazetteer) -> None:
    at = first_event(gazetteer)
    for part, value in TEXTS.items():
        at.text_input(key=key(at, part)).set_value(value)
    at.run()
    at.button(key=key(at, "add")).click().run()
    assert [e.value for e in at.error] == ["Choose a picture file first: nothing was kept."]
