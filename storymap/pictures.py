"""Pictures kept with a story: checked, resized and stripped before anything shows them.

A picture reaches a story from an upload or from a file an author put in the story's media
folder, and either may be hostile: a file far too big, a decompression bomb (a few kilobytes
that decode to gigapixels), an SVG (a drawing that can carry scripts), or something that
only claims to be a picture. ``prepare_picture`` is the one gate: it reads the header
before decoding anything, refuses in one line, and gives back a JPEG (or a PNG, for a
picture with transparency) at most ``MAX_SIDE`` pixels wide and tall, turned upright, with
no metadata (no camera, place or time of the EXIF). A picture it made already passes
unchanged, so an export re-imported keeps its pictures byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from storymap.errors import StorymapError

MAX_PICTURE_BYTES = 25 * 1024 * 1024  # a camera's JPEG is 5 to 15 MB
MAX_PIXELS = 60_000_000  # a 60-megapixel camera; a bomb decodes to far more
MAX_SIDE = 1600  # pixels: sharp on a projector and a laptop, about 200-400 KB as JPEG
JPEG_QUALITY = 82
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}  # what we read
MIME = {"jpg": "image/jpeg", "png": "image/png"}  # what we write
# Metadata a prepared picture never carries (camera, place, time, editing history, text).
_METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "icc_profile", "iptc")
_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive (or a Word or Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"MZ": "a program",
}
# How a JPEG and a PNG end: anything after it (a page, a script) makes the file re-encoded.
_END = {"JPEG": b"\xff\xd9", "PNG": b"IEND\xaeB`\x82"}
_DATA_URI = re.compile(r"^data:image/(jpeg|png);base64,([A-Za-z0-9+/]+={0,2})$")


class PictureError(StorymapError, ValueError):
    """A picture that is not kept or shown; the message says which and why, in one line."""


@dataclass(frozen=True)
class Picture:
    """A prepared picture: its bytes (JPEG or PNG, ``suffix``) and its size in pixels."""

    data: bytes
    width: int
    height: int
    suffix: str  # "jpg" or "png"

    @property
    def mime(self) -> str:
        return MIME[self.suffix]

    def data_uri(self) -> str:
        """The picture inline, for a page that must show it with no network."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    def file_name(self, upload_name: str) -> str:
        """A safe name to keep it under: the upload's name in plain letters and a hash of
        the content (the same picture uploaded twice is one file; two never share a name)."""
        stem = upload_name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40] or "picture"
        return f"{stem}-{hashlib.sha256(self.data).hexdigest()[:10]}.{self.suffix}"


def prepare_picture(data: bytes, name: str) -> Picture:
    """``data`` as a picture to keep: checked, upright, at most ``MAX_SIDE`` pixels, no
    metadata; ``PictureError`` in one line when it is not a picture we show."""
    refused = _not_a_picture(data)
    if refused:
        raise PictureError(f"{name} {refused}")
    try:
        with warnings.catch_warnings():  # our own limit is lower, and says the size
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                _check_header(image, name)
                if _already_prepared(image) and data.endswith(_END[image.format]):
                    image.load()  # a damaged file fails here, not in a reader's browser
                    return Picture(data, *image.size, FORMATS[image.format])
                return _resized(image)
    except UnidentifiedImageError:
        raise PictureError(
            f"{name} is not a picture this page reads: use JPEG, PNG, WebP or GIF"
        ) from None
    except Image.DecompressionBombError:
        raise PictureError(
            f"{name} decodes to more than {MAX_PIXELS // 1_000_000} million pixels "
            "(a decompression bomb?)"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if isinstance(exc, PictureError):
            raise
        raise PictureError(f"{name} is damaged and cannot be read ({_short(exc)})") from None


def picture_from_data_uri(value: str, name: str) -> Picture:
    """A picture carried inline (``data:image/jpeg;base64,…``), prepared like any other."""
    match = _DATA_URI.match(value) if isinstance(value, str) else None
    if match is None:
        raise PictureError(f"{name} is not carried as a JPEG or PNG picture")
    return prepare_picture(base64.b64decode(match.group(2)), name)


def _not_a_picture(data: bytes) -> str | None:
    if len(data) > MAX_PICTURE_BYTES:
        return (f"is {len(data) / 1048576:.1f} MB: a picture may be at most "
                f"{MAX_PICTURE_BYTES // 1048576} MB ({MAX_PICTURE_BYTES:,} bytes)")  # fmt: skip
    if not data:
        return "is empty"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in head:
        return ("is an SVG drawing: SVG can carry scripts, so it is not shown; "
                "save it as PNG or JPEG")  # fmt: skip
    if head.startswith((b"<!doctype", b"<html", b"<script")):
        return "is a web page, not a picture"
    kind = next((kind for sig, kind in _SIGNATURES.items() if data.startswith(sig)), None)
    return f"is {kind}, not a picture" if kind else None


def _check_header(image: Image.Image, name: str) -> None:
    """Refuse by the header alone, before a single pixel is decoded."""
    width, height = image.size
    if width < 1 or height < 1:
        raise PictureError(f"{name} has no pixels")
    if width * height > MAX_PIXELS:
        raise PictureError(
            f"{name} is {width:,} × {height:,} pixels: a picture may have at most "
            f"{MAX_PIXELS // 1_000_000} million (a decompression bomb?)"
        )


def _already_prepared(image: Image.Image) -> bool:
    return (
        image.format in ("JPEG", "PNG")
        and max(image.size) <= MAX_SIDE
        and not getattr(image, "is_animated", False)
        and not any(key in image.info for key in _METADATA)
        and not getattr(image, "text", None)
        and (image.format == "PNG" or image.mode in ("RGB", "L"))
    )


def _resized(image: Image.Image) -> Picture:
    if image.format == "JPEG":
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at 1/2, 1/4 or 1/8 size: fast
    upright = ImageOps.exif_transpose(image)  # the camera's orientation, applied
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    picture = upright.convert("RGBA" if has_alpha else "RGB")
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if has_alpha:
        picture.save(buffer, "PNG", optimize=True)
        suffix = "png"
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        suffix = "jpg"
    return Picture(buffer.getvalue(), *picture.size, suffix)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
