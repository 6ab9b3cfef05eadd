"""The author page's picture upload without Streamlit: what is required, where the picture is
kept (the draft's own folder, with the story's other pictures copied in), and what is
never read (a file name that leaves the media folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from picture_helpers import drawing_png, photo_jpeg, story_with_pictures

from storymap.authoring.picture_upload import PictureRefused, add_picture, named_files
from storymap.loading import load_story
from storymap.media_files import media_folder
from storymap.pictures import PictureError

TEXTS = ({"es": "Puerto", "en": "Harbour"}, {"es": "Un puerto", "en": "A harbour"}, "Someone")


@pytest.fixture
def story(tmp_path: Path) -> Path:
    (tmp_path / "stories").mkdir()
    return story_with_pictures(tmp_path / "stories")


def data_of(path: Path) -> dict:
    return load_story(path).model_dump(mode="json", exclude_none=True)


def test_a_story_from_the_stories_folder_gets_a_draft_folder_with_its_pictures(
    story: Path, tmp_path: Path
) -> None:
    published = media_folder(story)
    before = sorted(p.name for p in published.iterdir())
    data = data_of(story)
    changed, folder = add_picture(
        data, ("events", 1), ("Drawing.png", drawing_png(300, 200)), TEXTS, published, tmp_path
    )
    assert folder.parent == tmp_path / "pictures"
    added = changed["events"][1]["media"][-1]["file"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*before, added])
    assert sorted(p.name for p in published.iterdir()) == before  # the published folder as it was
    assert data == data_of(story)  # the data given is not changed in place
    again, same = add_picture(
        changed, ("events", 2), ("x.jpg", photo_jpeg(200, 100)), TEXTS, folder, tmp_path
    )
    assert same == folder and len(list(folder.iterdir())) == len(before) + 2
    assert again["events"][2]["media"][-1]["caption"] == TEXTS[0]


def test_required_texts_are_named_together_and_nothing_is_kept(tmp_path: Path, story: Path) -> None:
    caption, alt, _ = TEXTS
    with pytest.raises(PictureRefused) as refused:
        add_picture(data_of(story), ("events", 0), ("p.jpg", photo_jpeg(200, 100)),
                    ({"es": "Puerto", "en": " "}, {"es": "", "en": "x"}, ""), None, tmp_path)  # fmt: skip
    assert str(refused.value) == (
        "p.jpg: give its caption (en), alt text (es), credit; the picture was not kept"
    )
    with pytest.raises(PictureError, match="SVG drawing"):
        add_picture(data_of(story), ("events", 0), ("p.png", b"<svg onload=alert(1)></svg>"),
                    (caption, alt, "Someone"), None, tmp_path)  # fmt: skip
    assert not (tmp_path / "pictures").exists()


def test_only_safe_file_names_are_copied(story: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.jpg").write_bytes(photo_jpeg(100, 100))
    data = data_of(story)
    data["events"][0]["media"] = [{"file": "../../secret.jpg", "credit": "x"}, {"file": 7}, "x"]
    assert named_files(data) == ["strait-drawing.png"]
