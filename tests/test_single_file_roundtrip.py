"""One file that travels both ways: the single-file page carries its story and pictures as data
it never runs, and ``python -m storymap import`` and the author page read them back, so
export → import → export gives the same file (issue 21)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from picture_helpers import story_with_pictures
from story_helpers import FIRST_STORY, FIXTURES

from storymap.authoring.checks import check_story
from storymap.authoring.starts import from_upload
from storymap.authoring.uploads import UploadRefused
from storymap.cli import main
from storymap.export import export_bytes
from storymap.importers import ImportFailed, import_story
from storymap.loading import load_story
from storymap.located import LocatedStory, locate_file
from storymap.model import Story
from storymap.single_file import PICTURES_ID, SOURCE_ID, json_block


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return story_with_pictures(tmp_path_factory.mktemp("roundtrip"))


@pytest.fixture(scope="module")
def page(pictured: Path) -> bytes:
    return export_bytes(locate_file(pictured), "html")


def test_import_gives_back_the_story_and_its_pictures(pictured: Path, page: bytes) -> None:
    result = import_story(page, name="voyage.html")
    assert result.fmt == "storymap-html" and result.report == []
    assert result.parsed() == load_story(pictured)
    media = pictured.parent / pictured.stem / "media"
    pictures = locate_file(pictured).pictures
    assert set(result.pictures) == {"sanlucar-harbour.jpg", "strait-drawing.png"}
    for name, data in result.pictures.items():
        assert data == pictures[name].data  # the prepared picture, byte for byte
        assert len(data) < len((media / name).read_bytes())  # not the camera's original


@pytest.mark.parametrize(
    "story", [FIRST_STORY, FIXTURES / "author_hostile.yaml", FIXTURES / "tsunami-2004.yaml"]
)
def test_export_import_export_gives_the_same_file(
    story: Path, pictured: Path, tmp_path: Path
) -> None:
    """The published story, a hostile one (HTML and </script> in every text) and the
    tsunami; and Magellan with pictures, which come back as files beside the story."""
    for path in (story, pictured):
        first, back, second = (
            tmp_path / "one.html",
            tmp_path / path.stem / "s.yaml",
            tmp_path / "two.html",
        )
        back.parent.mkdir()
        assert main(["export", str(path), "--format", "html", "-o", str(first)]) == 0
        assert main(["import", str(first), "-o", str(back)]) == 0
        assert main(["export", str(back), "--format", "html", "-o", str(second)]) == 0
        assert first.read_bytes() == second.read_bytes(), path.name
        assert load_story(back) == load_story(path)


def test_the_story_cannot_break_out_of_its_block() -> None:
    """Text with </script> and <!-- stays inside the data: the page's blocks all parse."""
    data = load_story(FIXTURES / "author_hostile.yaml").model_dump(mode="json")
    for event in data["events"]:
        event["summary"] = {
            "id": "</script><script>alert(1)</script>",
            "en": "<!-- </script x> -->",
        }
    page = export_bytes(LocatedStory.of(Story.model_validate(data)), "html").decode()
    carried = json.loads(json_block(page, SOURCE_ID))
    assert carried["story"]["events"][0]["summary"]["id"] == "</script><script>alert(1)</script>"
    assert page.count("</script>") == len(re.findall(r"<script\b", page))  # none opened by text
    assert "<script>alert(1)" not in page


def test_the_author_page_opens_the_file_with_its_pictures(pictured: Path, page: bytes) -> None:
    begun = from_upload("voyage.html", page)
    assert begun.origin["kind"] == "upload" and begun.origin["imported"] is True
    assert begun.data["events"][0]["media"][0]["file"] == "sanlucar-harbour.jpg"
    media = Path(begun.origin["media"])
    assert sorted(p.name for p in media.iterdir()) == ["sanlucar-harbour.jpg", "strait-drawing.png"]
    checked = check_story(begun.data, None, media)
    assert checked.problems == []
    located = checked.located_story()
    assert located.pictures == locate_file(pictured).pictures
    assert export_bytes(located, "html") == page  # and its export is the same file again


def test_a_picture_that_went_missing_is_a_problem_on_the_author_page(page: bytes) -> None:
    begun = from_upload("voyage.html", page)
    (Path(begun.origin["media"]) / "strait-drawing.png").unlink()
    problems = [str(p) for p in check_story(begun.data, None, Path(begun.origin["media"])).problems]
    assert problems == [
        f"events[3].media[0].file (event 'strait'): strait-drawing.png is not in {begun.origin['media']}"
    ]


def test_a_page_that_is_not_a_storymap_page_is_an_article(tmp_path: Path) -> None:
    article = b"<!doctype html><html><body><p>Jakarta, 27 October 2025. A story.</p></body></html>"
    with pytest.raises(UploadRefused, match="looks like an article"):
        from_upload("news.html", article)
    with pytest.raises(ImportFailed) as failed:
        import_story(article, name="news.html")
    assert str(failed.value) == (
        "news.html: a web page without a storymap story in it (only a page exported by "
        "storymap carries one); to start from an article, use storymap draft"
    )


def hostile(page: bytes, pictures: dict[str, str]) -> bytes:
    text = page.decode()
    block = json_block(text, PICTURES_ID)
    return text.replace(block, json.dumps(pictures).replace("<", "\\u003c"), 1).encode()


def test_pictures_that_are_not_jpeg_or_png_are_left_out(page: bytes) -> None:
    svg = "data:image/svg+xml;base64," + base64.b64encode(b"<svg onload=alert(1)/>").decode()
    carried = json.loads(json_block(page.decode(), PICTURES_ID))
    doctored = hostile(page, {
        "sanlucar-harbour.jpg": svg,
        "strait-drawing.png": "data:image/png;base64," + base64.b64encode(b"GIF89a").decode(),
        "../../escape.jpg": carried["sanlucar-harbour.jpg"],
        "extra.jpg": carried["sanlucar-harbour.jpg"],
    })  # fmt: skip
    result = import_story(doctored, name="doctored.html")
    assert result.pictures == {}
    assert result.report == [
        "sanlucar-harbour.jpg is not carried as a JPEG or PNG picture: left out",
        "strait-drawing.png is not a picture this page reads: use JPEG, PNG, WebP or GIF: left out",
        "the picture '../../escape.jpg' is not named by the story: left out",
        "the picture 'extra.jpg' is not named by the story: left out",
        "events[0].media[0]: the picture sanlucar-harbour.jpg is not in the page: left out",
        "events[3].media[0]: the picture strait-drawing.png is not in the page: left out",
    ]
    assert all(not e.get("media") or "file" not in e["media"][0] for e in result.story["events"])


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: t.replace(json_block(t, SOURCE_ID), '{"story": [1, 2'),
         "page.html: its story cannot be read (Expecting"),
        (lambda t: t.replace(json_block(t, SOURCE_ID), '{"format": "storymap story 9", "story": {}}'),
         "page.html: its story is in the format 'storymap story 9', which this version does not "
         "read (it reads 'storymap story 1')"),
        (lambda t: t.replace(json_block(t, SOURCE_ID), '{"format": "storymap story 1", "story": {"id": 1}}'),
         "page.html: the imported story is not valid ("),
    ],
)  # fmt: skip
def test_a_broken_page_says_what_is_wrong_in_one_line(page: bytes, change, says: str) -> None:
    with pytest.raises(ImportFailed) as failed:
        import_story(change(page.decode()).encode(), name="page.html")
    assert str(failed.value).startswith(says) and "\n" not in str(failed.value)


def test_the_command_line_keeps_pictures_only_beside_a_story_file(
    page: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "voyage.html"
    source.write_bytes(page)
    assert main(["import", str(source)]) == 1
    assert "voyage.html carries 2 picture(s): give -o story.yaml" in capsys.readouterr().err
    target = tmp_path / "voyage.yaml"
    (tmp_path / "voyage" / "media").mkdir(parents=True)
    (tmp_path / "voyage" / "media" / "strait-drawing.png").write_bytes(b"someone else's file")
    assert main(["import", str(source), "-o", str(target)]) == 1
    assert "strait-drawing.png already exists and is another file" in capsys.readouterr().err
    assert not target.exists()
    assert (
        tmp_path / "voyage" / "media" / "strait-drawing.png"
    ).read_bytes() == b"someone else's file"
