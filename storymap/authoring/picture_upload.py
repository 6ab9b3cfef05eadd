"""A picture uploaded on the author page for one event: checked, kept, and named in the story.

The picture is refused before anything is kept when its caption, alt text (in every story
language) or credit is missing, or when it is not a picture we show (``prepare_picture``:
too big, a decompression bomb, an SVG, damaged). It is kept in the draft's own pictures
folder in the cache, never in the stories folder: a story opened from there gets a new
folder, with the pictures it already names copied in, so nothing published changes until
the author saves (saving carries the pictures into the story's media folder).
"""

from __future__ import annotations

import copy
import re
import secrets
from pathlib import Path
from typing import Any

from storymap.authoring.order import languages_of
from storymap.authoring.paths import FieldPath, get_at
from storymap.errors import StorymapError
from storymap.fields import MEDIA_FILE_PATTERN
from storymap.media_files import write_pictures
from storymap.pictures import prepare_picture

DRAFT_PICTURES = "pictures"  # under the cache folder: each draft's pictures until it is saved
_FILE_NAME = re.compile(MEDIA_FILE_PATTERN)


class PictureRefused(StorymapError, ValueError):
    """A picture upload that was not kept; the message says what is missing, in one line."""


def missing_parts(
    caption: dict[str, str], alt: dict[str, str], credit: str, languages: list[str]
) -> list[str]:
    """What the author still has to give: 'caption (en)', 'alt text (id, en)', 'credit'."""
    missing = []
    for label, texts in (("caption", caption), ("alt text", alt)):
        lacking = [lang for lang in languages if not (texts.get(lang) or "").strip()]
        if lacking:
            missing.append(f"{label} ({', '.join(lacking)})")
    if not credit.strip():
        missing.append("credit")
    return missing


def add_picture(
    data: dict[str, Any],
    event: FieldPath,
    upload: tuple[str, bytes],
    texts: tuple[dict[str, str], dict[str, str], str],
    media: Path | None,
    cache: Path,
) -> tuple[dict[str, Any], Path]:
    """The story's data with the picture added to ``event``'s media, and the folder the
    draft's pictures are now in. ``upload``: (file name, bytes); ``texts``: (caption, alt
    text, credit); ``media``: the folder the draft's pictures are in so far."""
    name, content = upload
    caption, alt, credit = texts
    languages = languages_of(data)
    missing = missing_parts(caption, alt, credit, languages)
    if missing:
        raise PictureRefused(f"{name}: give its {', '.join(missing)}; the picture was not kept")
    if not isinstance(get_at(data, event), dict):
        raise PictureRefused(f"{name}: the event it was added to is gone; choose an event again")
    picture = prepare_picture(content, name)  # PictureError, in one line, when it is not shown
    folder = _draft_folder(data, media, cache)
    file_name = picture.file_name(name)
    write_pictures({file_name: picture.data}, folder)
    changed = copy.deepcopy(data)
    target = get_at(changed, event)
    entries = target.get("media") if isinstance(target.get("media"), list) else []
    target["media"] = [*entries, {
        "file": file_name,
        "caption": {lang: caption[lang].strip() for lang in languages},
        "alt": {lang: alt[lang].strip() for lang in languages},
        "credit": credit.strip(),
    }]  # fmt: skip
    return changed, folder


def _draft_folder(data: dict[str, Any], media: Path | None, cache: Path) -> Path:
    """The draft's own pictures folder: ``media`` when it is one already, else a new one
    with the pictures the story names copied from ``media``."""
    drafts = cache / DRAFT_PICTURES
    if media is not None and media.resolve().is_relative_to(drafts.resolve()):
        return media
    folder = drafts / secrets.token_hex(12)
    named = {
        file: (media / file).read_bytes()
        for file in named_files(data)
        if media is not None and (media / file).is_file() and not (media / file).is_symlink()
    }
    write_pictures(named, folder)
    return folder


def named_files(data: dict[str, Any]) -> list[str]:
    """Every picture file name the story's data names (valid or not yet), each once."""
    names = []
    for event in data.get("events") or []:
        entries = event.get("media") if isinstance(event, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            file = entry.get("file") if isinstance(entry, dict) else None
            if isinstance(file, str) and _FILE_NAME.match(file) and file not in names:
                names.append(file)
    return names
