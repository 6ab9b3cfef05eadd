"""A story's pictures from the file to every view: validation, the narrative, the sheets and
Knight Lab's formats. The story is Magellan's voyage (Spanish and English) with a photo and a
drawing kept beside it, a picture on the web and a video."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from picture_helpers import story_with_pictures

from storymap.checking import check_story_file
from storymap.export import export_bytes
from storymap.export.handout import handout_html, teacher_html
from storymap.loading import StoryError, parse_story
from storymap.located import LocatedStory, locate_file
from storymap.payload import reader_payload
from storymap.pictures import PictureError

MINIMAL = """id: t
title: {{id: T, en: T}}
subtitle: {{id: S, en: S}}
source: {{outlet: O, title: A, language: en}}
places: [{{id: p, name: {{id: P, en: P}}, kind: city, country: ID}}]
events:
  - id: e
    date: 2024-01-01
    places: [p]
    category: society
    title: {{id: T, en: T}}
    summary: {{id: S, en: S}}
    sources: [{{outlet: O}}]
    media:
      - {media}
"""


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> LocatedStory:
    return locate_file(story_with_pictures(tmp_path_factory.mktemp("pictures")))


@pytest.mark.parametrize(
    ("media", "says"),
    [
        ("{file: harbour.jpg}",
         "events[0].media[0].credit (event 'e'): required field 'credit' is missing: every picture, "
         "video and link needs a credit: who made or owns it"),
        ("{file: ../../etc/passwd.jpg, credit: me}",
         "events[0].media[0].file (event 'e'): '../../etc/passwd.jpg' is not a picture's file name: "
         "a name without folders ending .jpg, .jpeg, .png, .webp or .gif, for a file in the "
         "story's media folder"),
        ("{file: a.jpg, url: 'https://example.org/a.jpg', credit: me}",
         "events[0].media[0] (event 'e'): give either url (an address on the web) or file (a "
         "picture kept with the story), not both or neither"),
        ("{credit: me}", "events[0].media[0] (event 'e'): give either url"),
        ("{file: clip.jpg, kind: video, credit: me}",
         "events[0].media[0] (event 'e'): a video is a link: give its url, not a file"),
        ("{file: logo.svg, credit: me}", "'logo.svg' is not a picture's file name"),
    ],
)  # fmt: skip
def test_a_media_entry_that_is_wrong_says_so_in_one_line(media: str, says: str) -> None:
    with pytest.raises(StoryError) as error:
        parse_story(MINIMAL.format(media=media), "t.yaml")
    problems = [str(p) for p in error.value.problems]
    assert len(problems) == 1 and says in problems[0], problems


def test_validation_names_each_picture_that_is_missing_or_cannot_be_shown(tmp_path: Path) -> None:
    path = story_with_pictures(tmp_path)
    assert check_story_file(path).problems == ()
    media = tmp_path / "magellan-pictures" / "media"
    (media / "strait-drawing.png").write_bytes(b"<svg onload=alert(1)></svg>")
    (media / "sanlucar-harbour.jpg").unlink()
    problems = [str(p) for p in check_story_file(path).problems]
    text = path.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(text, 1) if "file: sanlucar-harbour.jpg" in line)
    second = next(n for n, line in enumerate(text, 1) if "file: strait-drawing.png" in line)
    assert problems == [
        f"line {first}: events[0].media[0].file (event 'departure'): sanlucar-harbour.jpg is "
        f"not in {media}",
        f"line {second}: events[3].media[0].file (event 'strait'): strait-drawing.png is an SVG "
        "drawing: SVG can carry scripts, so it is not shown; save it as PNG or JPEG",
    ]
    with pytest.raises(PictureError, match=rf"^{re.escape(str(path))}: events\[0\]"):
        locate_file(path).pictures  # noqa: B018


def test_the_narrative_names_each_picture_once_with_its_size_and_credit(
    pictured: LocatedStory,
) -> None:
    payload = reader_payload(pictured)
    spanish = payload["text"]["es"]["events"][0]["html"]
    assert (
        '<figure><img data-picture="sanlucar-harbour.jpg" alt="Un puerto al atardecer con un sol '
        'amarillo" width="1600" height="1067"><figcaption>El puerto de Sanlúcar © storymap '
        "contributors (drawn for the tests)</figcaption></figure>"
    ) in spanish
    everything = json.dumps(payload)
    assert "base64" not in everything  # the page's own table carries the pictures, once
    strait = payload["text"]["en"]["events"][3]["html"]
    assert "The strait, &lt;b&gt;drawn&lt;/b&gt;" in strait
    assert "© &lt;img src=x onerror=alert('credit')&gt;" in strait and "<img src=x" not in strait


def test_pictures_on_the_web_are_links_where_a_page_loads_nothing_remote(
    pictured: LocatedStory,
) -> None:
    online = reader_payload(pictured)["text"]["en"]["events"][4]["html"]
    offline = reader_payload(pictured, remote_pictures=False)["text"]["en"]["events"][4]["html"]
    assert (
        '<img src="https://upload.example.org/guam-1521.jpg" alt="Guam in an engraving">' in online
    )
    assert "<img" not in offline
    assert (
        '<a href="https://upload.example.org/guam-1521.jpg" rel="noopener noreferrer">Picture on '
        "the web: Guam in an engraving</a> <small>© Example Archive</small>"
    ) in offline
    for html in (online, offline):  # a video stays a link
        assert (
            '<a href="https://video.example.org/voyage" rel="noopener noreferrer">The voyage '
            in html
        )


def test_the_sheets_carry_the_pictures_inline(pictured: LocatedStory) -> None:
    photo = pictured.pictures["sanlucar-harbour.jpg"]
    drawing = pictured.pictures["strait-drawing.png"]
    student = handout_html(pictured, "en")
    pictures = student[student.index('<section class="pictures">') :]
    assert f'<img src="{photo.data_uri()}" alt="A harbour at dusk' in pictures
    assert "<strong>1.</strong> The harbour at Sanlúcar © storymap contributors" in pictures
    assert f'<img src="{drawing.data_uri()}"' in pictures and "<strong>4.</strong>" in pictures
    assert "guam-1521" not in pictures  # a picture on the web cannot be printed from the sheet
    teacher = teacher_html(pictured, "es")
    assert f'<img src="{photo.data_uri()}" alt="Un puerto' in teacher
    assert "Gambar di web" not in teacher and "Picture on the web: Guam en un grabado" in teacher
    for sheet in (student, teacher):  # nothing but the story's own pictures, inline
        assert not re.search(r'<img[^>]+src="(?!data:image/(jpeg|png);base64,)', sheet)


def test_knight_lab_files_carry_only_media_on_the_web(pictured: LocatedStory) -> None:
    storymapjs = json.loads(export_bytes(pictured, "storymapjs", "en"))
    media = [slide.get("media", {}).get("url") for slide in storymapjs["storymap"]["slides"]]
    assert media.count("https://upload.example.org/guam-1521.jpg") == 1
    assert not any(url and "sanlucar" in url for url in media)
    timeline = export_bytes(pictured, "timelinejs", "es").decode()
    assert "sanlucar-harbour" not in timeline and "guam-1521.jpg" in timeline


def test_the_sites_story_page_carries_the_pictures(pictured: LocatedStory) -> None:
    from storymap.export.site import story_files
    from storymap.single_file import PICTURES_ID, json_block

    files = story_files(pictured)
    page = files[f"{pictured.story.id}.html"].decode()
    carried = json.loads(json_block(page, PICTURES_ID))
    assert carried == {name: p.data_uri() for name, p in pictured.pictures.items()}
    teacher = files[f"{pictured.story.id}-teacher-es.html"].decode()
    assert pictured.pictures["strait-drawing.png"].data_uri() in teacher
