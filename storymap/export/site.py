"""A static site: an index page plus each story's single-file page and downloads.

Everything is plain files, so any static host or CDN can serve a story to thousands
of readers without a Streamlit server per reader.

The site is all or nothing: stories whose files would have the same name (two stories
with one id) are refused before anything is made, and the site is written into a
hidden folder beside the target that replaces it only once every file is written. A
story that fails leaves the old site (or no site) as it was, never half of a new one.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from storymap.errors import StorymapError
from storymap.export import FORMATS, export_bytes
from storymap.i18n import interface_language, t
from storymap.languages import text_direction
from storymap.located import LocatedStory
from storymap.media_files import MEDIA
from storymap.model import UI_LANGUAGES, Story
from storymap.package_data import TEMPLATES
from storymap.sanitise import ALLOWED_ATTRIBUTES, clean

SITE_FORMATS = ("html", "png", "geojson", "places-geojson", "csv", "handout", "teacher")
# on the index, after the page
LINKED = ("handout", "teacher", "png", "geojson", "places-geojson", "csv")
GENERATOR = "storymap site export"  # in the index; marks a folder the next export may replace
INDEX = "index.html"
SITE_CSS = (
    "body{font-family:'DejaVu Sans',system-ui,sans-serif;max-width:860px;margin:0 auto;"
    "padding:20px;color:#1d1d1f}h1{font-size:30px}.story{border:1px solid #c8ccd2;"
    "border-radius:8px;padding:4px 18px 12px;margin:16px 0}.story h2{margin:12px 0 2px}"
    "a{color:#0061a0}.links{font-size:14px}"
)
# The index's cards pass through nh3 too, keeping the attributes they use.
CARD_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "article": {"class"}, "section": {"lang", "dir"}}


class SiteError(StorymapError, ValueError):
    """A site that cannot be written as asked: clashing stories or an unsafe target."""


@dataclass(frozen=True)
class Link:
    href: str
    label: str


def story_languages(story: Story) -> tuple[str, ...]:
    """The languages a story is told in (``story.languages``), its default first."""
    others = (lang for lang in story.languages if lang != story.default_language)
    return (story.default_language, *others)


def index_languages(stories: list[LocatedStory]) -> tuple[str, ...]:
    """The interface languages the index speaks: those of its stories' readers (English
    for a language the interface does not speak), the first story's default first."""
    spoken = (interface_language(lang) for item in stories for lang in story_languages(item.story))
    return tuple(dict.fromkeys(spoken)) or UI_LANGUAGES


def planned_files(item: LocatedStory) -> Iterator[tuple[str, str, str]]:
    """(file name, format, language) of every file published for one story; "story" is
    its YAML, and "picture" each picture it keeps, in the media folder beside it
    (``<id>/media/``), so a site rebuilt from its own story files has its pictures. A
    format made once for all languages is made in the default language."""
    story = item.story
    if item.path:
        yield f"{story.id}.yaml", "story", story.default_language
        for name in item.pictures:
            yield f"{story.id}/{MEDIA}/{name}", "picture", story.default_language
    seen: set[str] = set()
    for fmt in SITE_FORMATS:
        export = FORMATS[fmt]
        for lang in story_languages(story) if export.per_language else (story.default_language,):
            name = export.file_name(story.id, lang)
            if name not in seen:
                seen.add(name)
                yield name, fmt, lang


def story_files(item: LocatedStory, tiles: str = "offline") -> dict[str, bytes]:
    """Every file published for one story, by file name."""
    files = {}
    for name, fmt, lang in planned_files(item):
        if fmt == "story":
            files[name] = item.path.read_bytes() if item.path else b""
        elif fmt == "picture":  # as checked and stripped for the pages, never the original
            files[name] = item.pictures[name.rsplit("/", 1)[1]].data
        else:
            files[name] = export_bytes(item, fmt, lang, tiles)
    return files


def index_html(stories: list[LocatedStory]) -> str:
    """The site's front page: every story, in each of its languages, with its links."""
    languages = index_languages(stories)
    heading = " / ".join(t("site_title", lang) for lang in languages)
    cards = [{"sections": [_section(item, lang) for lang in story_languages(item.story)]}
             for item in stories]  # fmt: skip
    return (
        _environment()
        .get_template("site_index.html.j2")
        .render(
            languages=languages, heading=heading, cards=cards, style=SITE_CSS, generator=GENERATOR
        )
    )


def _section(item: LocatedStory, lang: str) -> dict[str, object]:
    story = item.story
    files = {(fmt, file_lang): name for name, fmt, file_lang in planned_files(item)}
    page = FORMATS["html"].file_name(story.id, lang)
    links = [Link(f"{page}#present&lang={lang}", t("present", lang))]  # the page, for a class
    links += [
        Link(name, t(FORMATS[fmt].label, lang))
        for fmt in LINKED
        for name in [files.get((fmt, lang)) or files.get((fmt, story.default_language))]
        if name
    ]
    if ("story", story.default_language) in files:
        links.append(Link(files["story", story.default_language], t("download_story", lang)))
    return {
        "lang": lang,
        "page": f"{page}#lang={lang}",
        "title": story.title.get(lang),
        "subtitle": story.subtitle.get(lang),
        "links": links,
    }


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    env.filters["second_defence"] = lambda markup: Markup(clean(markup, attributes=CARD_ATTRIBUTES))
    env.globals["direction"] = text_direction
    return env


def require_site_formats() -> None:
    """Raise ``MissingExtra`` if a format the site carries lacks its libraries."""
    for fmt in SITE_FORMATS:
        FORMATS[fmt].require()


def export_site(stories: list[LocatedStory], output: Path, tiles: str = "offline") -> list[Path]:
    """Write the site into ``output``, whole or not at all; returns the files written.

    ``output`` may be new, empty, or a site an earlier export wrote (it is replaced);
    anything else is refused, so a mistyped ``-o ~/Documents`` cannot delete a folder.
    """
    require_site_formats()
    names = _check_names(stories)
    _check_replaceable(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = _new_folder_beside(output, "partial")
    try:
        for item in stories:
            for name, content in story_files(item, tiles).items():
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                (staging / name).write_bytes(content)
        (staging / INDEX).write_text(index_html(stories), encoding="utf-8")
        _move_into_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [output / name for name in [INDEX, *names]]


def _check_names(stories: list[LocatedStory]) -> list[str]:
    """Every file name of the site, refusing stories that would write the same file."""
    first: dict[str, LocatedStory] = {}
    for item in stories:
        other = first.setdefault(item.story.id, item)
        if other is not item:
            raise SiteError(
                f"two stories have the id '{item.story.id}': {_where(other)} and {_where(item)}; "
                "give each story its own id"
            )
    owner: dict[str, LocatedStory] = {}
    for item in stories:
        for name, _, _ in planned_files(item):
            if name == INDEX:
                raise SiteError(f"{_where(item)}: its page would be {INDEX}, the site's front "
                                "page; change the story's id")  # fmt: skip
            if name in owner:
                raise SiteError(f"{_where(owner[name])} and {_where(item)} would both write "
                                f"{name}; change one story's id")  # fmt: skip
            owner[name] = item
    return list(owner)


def _where(item: LocatedStory) -> str:
    return str(item.path) if item.path else f"the story '{item.story.id}'"


def _check_replaceable(output: Path) -> None:
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise SiteError(f"{output} exists and is not a folder; choose a folder for the site")
    if output.is_dir() and any(output.iterdir()):
        index = output / INDEX
        made_by_us = index.is_file() and GENERATOR in index.read_text("utf-8", errors="replace")
        if not made_by_us:
            raise SiteError(
                f"{output} is a folder with files that no storymap site export wrote; "
                "choose a new or empty folder, or remove it first"
            )


def _new_folder_beside(output: Path, why: str) -> Path:
    """A new hidden folder next to ``output`` (same disk, so a rename moves it at once)."""
    while True:
        folder = output.with_name(f".{output.name}.{why}-{secrets.token_hex(4)}")
        try:
            os.mkdir(folder)  # with the usual permissions (a temporary folder's are 0700)
            return folder
        except FileExistsError:
            continue


def _move_into_place(staging: Path, output: Path) -> None:
    """Rename the finished site to ``output``; an old site there is removed afterwards."""
    if not output.exists():
        staging.rename(output)
        return
    old = _new_folder_beside(output, "old")
    old.rmdir()
    output.rename(old)
    try:
        staging.rename(output)
    except BaseException:
        old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)
