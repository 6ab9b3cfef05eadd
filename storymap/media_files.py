"""The story's media folder: where its pictures are kept, stored and read back.

A story file ``stories/tour.yaml`` keeps its pictures in ``stories/tour/media/``; an event
names one by its file name (``file: harbour.jpg``). Pictures are stored there already
prepared (``storymap.pictures``); a file an author copied in by hand is prepared when it
is read, so a camera's 12 MB original still reaches a reader as a picture of a few hundred
kilobytes, upright and without its metadata.
"""

from __future__ import annotations

import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

from storymap.model import Story
from storymap.pictures import MAX_PICTURE_BYTES, Picture, PictureError, prepare_picture
from storymap.versions import MEDIA as MEDIA  # the folder's name and place: one spelling
from storymap.versions import media_folder as media_folder


def store_picture(data: bytes, upload_name: str, folder: Path) -> tuple[str, Picture]:
    """Prepare an uploaded picture and keep it in ``folder``; its file name and the picture.

    The same picture stored twice is one file. Refused in one line (``PictureError``)
    when it is too big, not a picture, an SVG or a decompression bomb.
    """
    picture = prepare_picture(data, upload_name)
    name = picture.file_name(upload_name)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.is_file():
        temporary = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        temporary.write_bytes(picture.data)
        os.replace(temporary, target)
    return name, picture


FieldPath = tuple[str | int, ...]


def write_pictures(pictures: dict[str, bytes], folder: Path) -> None:
    """Pictures (already checked: an import's) into ``folder``; a different file already
    there under the same name is never replaced (``PictureError``)."""
    for name, data in pictures.items():
        target = folder / name
        if target.is_symlink() or (
            target.exists() and (not target.is_file() or target.read_bytes() != data)
        ):
            raise PictureError(
                f"{target} already exists and is another file: move it, or use another story file"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in pictures.items():
            (folder / name).write_bytes(data)
    except OSError as exc:
        raise PictureError(f"{folder}: cannot be written ({exc.strerror or exc})") from None


def carry_pictures(story: Story, source: Path | None, target: Path) -> None:
    """The pictures ``story`` names, from ``source`` into ``target`` (a story saved under a
    new name takes its pictures along); those not in ``source`` are left to validation."""
    if source is None or source.resolve() == target.resolve():
        return
    found = {name: source / name for _, name in picture_files(story) if (source / name).is_file()}
    write_pictures({name: path.read_bytes() for name, path in found.items()}, target)


def picture_files(story: Story) -> list[tuple[FieldPath, str]]:
    """(field path, file name) of every picture the story keeps in its media folder."""
    return [
        (("events", i, "media", j, "file"), media.file)
        for i, event in enumerate(story.events)
        for j, media in enumerate(event.media)
        if media.file is not None
    ]


def load_pictures(story: Story, folder: Path | None) -> dict[str, Picture]:
    """Every picture file the story names, prepared; the first that cannot be shown raises
    ``PictureError`` naming its field."""
    pictures: dict[str, Picture] = {}
    for path, name in picture_files(story):
        if name not in pictures:
            try:
                pictures[name] = read_picture(folder, name)
            except PictureError as exc:
                raise PictureError(f"{_dotted(path)}: {exc}") from None
    return pictures


def picture_problems(story: Story, folder: Path | None) -> list[tuple[FieldPath, str]]:
    """(field path, what is wrong) of every picture file that is missing or cannot be shown."""
    problems = []
    for path, name in picture_files(story):
        try:
            read_picture(folder, name)
        except PictureError as exc:
            problems.append((path, str(exc)))
    return problems


def _dotted(path: FieldPath) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(
        "."
    )


def read_picture(folder: Path | None, name: str) -> Picture:
    """The picture ``name`` from ``folder``, prepared (and remembered while the file is
    unchanged)."""
    if folder is None:
        raise PictureError(
            f"{name} is a picture kept with the story, but this story has no media folder "
            "(save the story file first, and put the picture in its media folder)"
        )
    path = folder / name
    try:
        status = path.lstat()
    except OSError:
        raise PictureError(f"{name} is not in {folder}") from None
    if not stat.S_ISREG(status.st_mode):
        raise PictureError(f"{path} is not a plain file")
    if status.st_size > MAX_PICTURE_BYTES:
        raise PictureError(
            f"{name} is {status.st_size / 1048576:.1f} MB: a picture may be at most "
            f"{MAX_PICTURE_BYTES // 1048576} MB ({MAX_PICTURE_BYTES:,} bytes)"
        )
    return _prepared(str(path), status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=64)
def _prepared(path: str, mtime_ns: int, size: int) -> Picture:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PictureError(f"{Path(path).name} cannot be read ({exc.strerror or exc})") from None
    return prepare_picture(data, Path(path).name)
