"""Pictures kept with a story: resized, upright, stripped of metadata, and refused in one
line when they are too big, a decompression bomb, an SVG or not a picture at all."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from picture_helpers import GPS_IFD, drawing_png, photo_jpeg
from PIL import Image

from storymap.media_files import media_folder, read_picture, store_picture
from storymap.pictures import (
    MAX_PICTURE_BYTES,
    MAX_SIDE,
    PictureError,
    picture_from_data_uri,
    prepare_picture,
)


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(side: int) -> bytes:
    """A grey PNG of side × side pixels, all black: a few hundred kilobytes that decode to
    ``side``² bytes."""
    row = b"\x00" * (side + 1)  # filter byte and a row of zeros
    packer = zlib.compressobj(6)
    body = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", body)
            + png_chunk(b"IEND", b""))  # fmt: skip


def test_a_camera_photo_is_made_small_and_loses_its_metadata() -> None:
    original = photo_jpeg(3200, 2400)
    assert b"Storymap Test Camera" in original
    picture = prepare_picture(original, "IMG_0001.JPG")
    image = opened(picture.data)
    assert image.format == "JPEG" and picture.suffix == "jpg" and picture.mime == "image/jpeg"
    assert image.size == (picture.width, picture.height) == (MAX_SIDE, 1200)
    assert "exif" not in image.info and not image.getexif()
    assert not image.getexif().get_ifd(GPS_IFD)
    assert b"Storymap Test Camera" not in picture.data and b"secret note" not in picture.data
    assert len(picture.data) < len(original) / 4


def test_a_photo_taken_upright_stays_upright() -> None:
    """EXIF orientation 6 (the camera held on its side): the pixels are turned, the tag goes."""
    picture = prepare_picture(photo_jpeg(2000, 1000, orientation=6), "portrait.jpg")
    assert (picture.width, picture.height) == (800, MAX_SIDE)
    assert opened(picture.data).getexif().get(0x0112) is None


def test_a_drawing_with_transparency_stays_a_png_without_its_text() -> None:
    picture = prepare_picture(drawing_png(), "map.png")
    image = opened(picture.data)
    assert image.format == "PNG" and image.mode == "RGBA" and picture.suffix == "png"
    assert image.getpixel((0, 0))[3] == 0  # still transparent
    assert b"someone's name" not in picture.data and not getattr(image, "text", {})


def test_a_prepared_picture_passes_unchanged() -> None:
    """Byte for byte: a single file exported and imported keeps its pictures exactly."""
    for original in (photo_jpeg(), drawing_png()):
        once = prepare_picture(original, "x.jpg")
        assert prepare_picture(once.data, "again.jpg") == once
        assert picture_from_data_uri(once.data_uri(), "inline.jpg") == once


def test_bytes_hidden_after_a_picture_do_not_pass() -> None:
    """A small, clean JPEG or PNG passes as it is, but not with a page appended to it."""
    for original in (photo_jpeg(800, 600), drawing_png()):
        clean = prepare_picture(original, "x").data
        polyglot = clean + b"<html><script>alert(1)</script></html>"
        again = prepare_picture(polyglot, "polyglot")
        assert b"<script>" not in again.data and again.data == prepare_picture(again.data, "y").data


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)</script></svg>",
         "drawing.svg is an SVG drawing: SVG can carry scripts, so it is not shown; save it as PNG or JPEG"),
        (b"<?xml version='1.0'?>\n<svg><circle r='4'/></svg>", "drawing.svg is an SVG drawing"),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", "drawing.svg is a web page, not a picture"),
        (b"%PDF-1.7 ...", "drawing.svg is a PDF document, not a picture"),
        (b"", "drawing.svg is empty"),
        (b"hello, this is text", "drawing.svg is not a picture this page reads: use JPEG, PNG, WebP or GIF"),
        (b"BM" + b"\x00" * 60, "drawing.svg is not a picture this page reads"),
    ],
)  # fmt: skip
def test_what_is_not_a_picture_is_refused_in_one_line(data: bytes, says: str) -> None:
    with pytest.raises(PictureError) as refused:
        prepare_picture(data, "drawing.svg")
    assert str(refused.value).startswith(says)
    assert "\n" not in str(refused.value)


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    bomb = png_bomb(8_000)  # 64 million pixels from about a hundred kilobytes
    assert len(bomb) < 200_000
    with pytest.raises(PictureError) as refused:
        prepare_picture(bomb, "tiny.png")
    assert str(refused.value) == (
        "tiny.png is 8,000 × 8,000 pixels: a picture may have at most 60 million "
        "(a decompression bomb?)"
    )


def test_a_gif_that_claims_a_huge_screen_is_refused() -> None:
    gif = (b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00"
           + b",\x00\x00\x00\x00" + struct.pack("<HH", 65535, 65535) + b"\x00\x02\x02D\x01\x00;")  # fmt: skip
    with pytest.raises(PictureError, match=r"^anim\.gif .*pixels.*\(a decompression bomb\?\)$"):
        prepare_picture(gif, "anim.gif")


def test_too_many_bytes_are_refused_before_reading() -> None:
    with pytest.raises(PictureError) as refused:
        prepare_picture(b"\xff\xd8\xff" + b"\x00" * MAX_PICTURE_BYTES, "huge.jpg")
    assert str(refused.value) == (
        "huge.jpg is 25.0 MB: a picture may be at most 25 MB (26,214,400 bytes)"
    )


def test_a_damaged_picture_is_refused() -> None:
    truncated = photo_jpeg()[:3000]
    with pytest.raises(PictureError, match=r"^cut\.jpg is damaged and cannot be read \("):
        prepare_picture(truncated, "cut.jpg")


def test_webp_and_gif_become_jpeg_or_png() -> None:
    for fmt, mode in (("WEBP", "RGB"), ("GIF", "P")):
        buffer = io.BytesIO()
        Image.new(mode, (300, 200), 3).save(buffer, fmt)
        picture = prepare_picture(buffer.getvalue(), f"x.{fmt.lower()}")
        assert opened(picture.data).format in ("JPEG", "PNG")
        assert (picture.width, picture.height) == (300, 200)


def test_an_upload_is_stored_in_the_media_folder_under_a_safe_name(tmp_path: Path) -> None:
    folder = media_folder(tmp_path / "stories" / "tour.yaml")
    assert folder == tmp_path / "stories" / "tour" / "media"
    name, picture = store_picture(photo_jpeg(), "../../etc/Foto Pelabuhan (1).JPG", folder)
    assert name.startswith("foto-pelabuhan-1-") and name.endswith(".jpg")
    assert [p.name for p in folder.iterdir()] == [name]
    assert (folder / name).read_bytes() == picture.data
    again, _ = store_picture(photo_jpeg(), "copy.jpg", folder)  # the same picture: one file
    assert again.removeprefix("copy-") == name.removeprefix("foto-pelabuhan-1-")
    assert read_picture(folder, name) == picture


def test_a_refused_upload_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "media"
    with pytest.raises(PictureError):
        store_picture(b"<svg onload=alert(1)>", "logo.svg", folder)
    assert not folder.exists()


def test_a_file_named_by_the_story_is_read_only_when_it_is_a_plain_file(tmp_path: Path) -> None:
    (tmp_path / "real.jpg").write_bytes(photo_jpeg())
    (tmp_path / "link.jpg").symlink_to(tmp_path / "real.jpg")
    with pytest.raises(PictureError, match=r"link\.jpg is not a plain file"):
        read_picture(tmp_path, "link.jpg")
    with pytest.raises(PictureError, match=rf"^gone\.jpg is not in {re.escape(str(tmp_path))}$"):
        read_picture(tmp_path, "gone.jpg")
    with pytest.raises(PictureError, match="has no media folder"):
        read_picture(None, "real.jpg")
