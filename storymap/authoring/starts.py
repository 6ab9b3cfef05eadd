"""A story to start from: a blank template, an article's draft, an upload, or a story file.

Each gives a ``Start``: the story as plain data to edit (even when it does not validate
yet), or, when the text is not YAML the tables can show, the text itself to fix, plus
what the draft or the import reported. A start whose story keeps pictures names the folder
they are in (``origin["media"]``): a story file's media folder, or, for a single-file page,
a new folder in the cache its pictures were written to.
"""

from __future__ import annotations

import copy
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from storymap.authoring import uploads
from storymap.authoring.order import placeholder
from storymap.authoring.uploads import UploadRefused
from storymap.errors import StorymapError
from storymap.importers.single_file import MAX_PAGE_BYTES, carries_story
from storymap.loading import Problem, StoryError, parse_story
from storymap.media_files import media_folder, write_pictures
from storymap.settings import cache_folder
from storymap.story_writer import write

ImportFunction = Callable[..., Any]
PAGE_SUFFIXES = (".html", ".htm")
MAX_ARTICLE_CHARS = 300_000  # an article's text (about 300 KB): a long feature is a third of it


@dataclass(frozen=True)
class Start:
    """Where the author starts: data to edit, or text to fix, and what was said about it."""

    data: dict[str, Any] | None
    origin: dict[str, Any]
    raw: str | None = None
    report: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())  # why ``raw`` could not be read into data


def blank_story(languages: tuple[str, ...] = ("id", "en")) -> dict[str, Any]:
    """The smallest story to fill in: one place, one event, every text to write."""

    def text(id_: str, en: str) -> dict[str, str]:
        return placeholder(list(languages), {"id": id_, "en": en})

    todo = [f"{path}.{lang}" for path in ("title", "subtitle") for lang in languages]
    return {
        "id": "new-story",
        "title": text("judul peta cerita", "the story's headline"),
        "subtitle": text("satu baris tentang isi cerita", "one line on what the story covers"),
        "languages": list(languages),
        "source": {
            "outlet": write("en", "the outlet"),
            "title": write("en", "the article's headline"),
            "date": date.today().isoformat(),
            "language": languages[0],
        },
        "places": [
            {
                "id": "place-1",
                "name": text("nama tempat", "the place's name"),
                "kind": "city",
                "country": "ID",
            }
        ],
        "events": [
            {
                "id": "event-1",
                "date": date.today().isoformat(),
                "places": ["place-1"],
                "category": "society",
                "title": text("judul peristiwa", "the event's title"),
                "summary": text("ringkasan dengan kata-kata sendiri", "a summary in your words"),
                "sources": [{"outlet": write("en", "who reported it")}],
            }
        ],
        "draft": {"made_by": "the storymap author page (a blank story)", "todo": todo},
    }


def from_article(
    data: bytes | str,
    name: str,
    published: date,
    lang: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    max_text: int | None = MAX_ARTICLE_CHARS,
) -> Start:
    """The draft of a pasted or uploaded article (``storymap.draft``), ready to edit;
    ``max_text``: the most characters of text the article may have."""
    from storymap.draft.article import parse_article
    from storymap.draft.make import Options, draft_from_article

    if isinstance(data, bytes):
        data = uploads.check_bytes(name, data, what="an article")
    article = parse_article(data, name, max_text)
    draft = draft_from_article(article, published, Options(lang, outlet, title, url), _stem(name))
    story_data, _ = read_story_text(draft.text, name)
    assert story_data is not None  # a draft is a story that validates
    origin = {"kind": "article", "name": name}
    report = (
        f"a draft with {len(draft.story.events)} events and {len(draft.story.places)} places; "
        f"{len(draft.todo)} fields to write or check",
    )
    return Start(story_data, origin, report=report)


def _stem(name: str) -> str:
    return Path(name).stem or "article"


def from_file(path: Path) -> Start:
    """A story file from the stories folder, with the modification time it was read at."""
    status = path.stat()
    if status.st_size > uploads.MAX_UPLOAD_BYTES:
        raise UploadRefused(
            f"{path.name} is {uploads.megabytes(status.st_size)}: too big to edit here"
        )
    mtime_ns = status.st_mtime_ns
    text = uploads.check_bytes(path.name, path.read_bytes())
    origin = {"kind": "file", "name": path.name, "path": str(path), "mtime_ns": mtime_ns,
              "media": str(media_folder(path))}  # fmt: skip
    return _from_text(text, path.name, origin)


def from_upload(name: str, data: bytes, import_story: ImportFunction | None = None) -> Start:
    """An uploaded story file (YAML or our JSON), a single-file page storymap exported (it
    carries its story and pictures), or a file the importers read."""
    origin = {"kind": "upload", "name": name}
    kind = uploads.suffix(name)
    if kind in PAGE_SUFFIXES:
        page = uploads.check_bytes(name, data, limit=MAX_PAGE_BYTES, what="a story page")
        if carries_story(page):
            return _imported(name, data, origin, import_story)
    text = uploads.check_bytes(name, data)
    if kind in uploads.ARTICLE_SUFFIXES:
        raise UploadRefused(
            f"{name} looks like an article: paste or upload it under “From an article”"
        )
    if kind in uploads.IMPORT_SUFFIXES or (
        kind not in uploads.STORY_SUFFIXES and text.lstrip()[:1] in "[{"
    ):
        if kind != ".csv":
            found = uploads.json_kind(uploads.read_json(name, text))
            if found is None:
                raise UploadRefused(f"{name} {uploads.NOT_A_STORY}")
            if found == "story":
                return _from_text(text, name, origin)
        return _imported(name, data, origin, import_story)
    return _from_text(text, name, origin)


def _imported(
    name: str, data: bytes, origin: dict[str, Any], import_story: ImportFunction | None
) -> Start:
    import_story = import_story or importer()
    try:
        result = import_story(data, None, name)
    except StorymapError as exc:
        raise UploadRefused(f"{name}: {_one_line(str(exc))}") from None
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise UploadRefused(f"{name} could not be imported: {_one_line(str(exc))}") from None
    story = result.story
    if not isinstance(story, dict):
        raise UploadRefused(f"{name} could not be imported: the importer gave no story")
    report = tuple(str(line) for line in getattr(result, "report", []) or [])
    origin = {**origin, "imported": True}
    pictures = getattr(result, "pictures", None) or {}
    if pictures:  # kept in a folder of their own until the story is saved with them
        folder = cache_folder() / "pictures" / secrets.token_hex(12)
        write_pictures(pictures, folder)
        origin["media"] = str(folder)
    return Start(plain_data(story), origin, report=report)


def importer() -> ImportFunction:
    """``storymap.importers.import_story``, imported when an upload first needs it."""
    from storymap.importers import import_story

    return import_story


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    shown = "; ".join(lines[:3]) + (f"; … ({len(lines) - 3} more)" if len(lines) > 3 else "")
    return shown[:500]


def _from_text(text: str, name: str, origin: dict[str, Any]) -> Start:
    data, problems = read_story_text(text, name)
    if data is None:
        return Start(None, origin, raw=text, problems=tuple(str(p) for p in problems))
    return Start(data, origin)


def read_story_text(text: str, source: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The story's data as written, valid or not, with its problems.

    The text is first read by the story loader, which refuses what is unsafe (aliases,
    tags, huge files); only a text that is a YAML mapping comes back as data. Data is
    None when the text is not YAML at all, or not a mapping of fields.
    """
    try:
        parse_story(text, source)
        problems: list[Problem] = []
    except StoryError as exc:
        problems = list(exc.problems)
        if any(p.where in ("file", "YAML") for p in problems):
            return None, problems
    loader = _story_loader()(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return (plain_data(data), problems) if isinstance(data, dict) else (None, problems)


def _story_loader() -> type[yaml.SafeLoader]:
    """The loader story files are read with (dates stay text, 0700 is 700)."""
    try:
        from storymap.story_yaml import StoryLoader  # type: ignore[import-not-found]
    except ImportError:
        from storymap.loading import _StoryLoader as StoryLoader
    return StoryLoader


def plain_data(value: Any) -> Any:
    """A deep copy of YAML or JSON data as JSON-safe values: text keys, dates as text."""
    if isinstance(value, dict):
        return {str(key): plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return value  # kept, so the checks can say where it is
    if value is None or isinstance(value, str | int | float | bool):
        return copy.copy(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
