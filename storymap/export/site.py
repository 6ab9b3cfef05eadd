"""A static site: an index page plus each story's single-file page and downloads.

Everything is plain files, so any static host or CDN can serve a story to thousands
of readers without a Streamlit server per reader.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from storymap.export import FORMATS, export_bytes
from storymap.i18n import t
from storymap.located import LocatedStory
from storymap.model import LANGS
from storymap.sanitise import clean

SITE_FORMATS = ("html", "png", "geojson", "places-geojson", "csv", "handout")


def story_files(item: LocatedStory, tiles: str = "offline") -> dict[str, bytes]:
    """Every file published for one story, by file name."""
    story = item.story
    files = {f"{story.id}.yaml": item.path.read_bytes()} if item.path else {}
    for fmt in SITE_FORMATS:
        export = FORMATS[fmt]
        for lang in LANGS if export.per_language else (story.default_language,):
            name = export.file_name(story.id, lang)
            files[name] = export_bytes(item, fmt, lang, tiles)
    return files


def index_html(stories: list[LocatedStory]) -> str:
    """The site's front page: every story with its links, in both languages."""
    cards = []
    for item in stories:
        story, key = item.story, item.story.id
        links = " · ".join(
            f'<a href="{escape(name)}">{escape(label)}</a>'
            for name, label in (
                (f"{key}-handout-id.html", "Lembar cerita (PDF/cetak)"),
                (f"{key}-handout-en.html", "Handout (print)"),
                (f"{key}-overview.png", "PNG"),
                (f"{key}-events.geojson", "GeoJSON"),
                (f"{key}-events.csv", "CSV"),
                (f"{key}.yaml", "YAML"),
            )
        )
        titles = "".join(
            f'<h2 lang="{lang}"><a href="{escape(key)}.html#lang={lang}">{escape(story.title.get(lang))}</a></h2>'
            f'<p lang="{lang}">{escape(story.subtitle.get(lang))}</p>'
            for lang in LANGS
        )
        cards.append(f'<article class="story">{titles}<p class="links">{links}</p></article>')
    body = clean("".join(cards))
    heading = f"{t('site_title', 'id')} / {t('site_title', 'en')}"
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)}</title>\n<style>{SITE_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(heading)}</h1>\n{body}\n</body>\n</html>\n"
    )


SITE_CSS = (
    "body{font-family:'DejaVu Sans',system-ui,sans-serif;max-width:860px;margin:0 auto;"
    "padding:20px;color:#1d1d1f}h1{font-size:30px}.story{border:1px solid #c8ccd2;"
    "border-radius:8px;padding:4px 18px 12px;margin:16px 0}.story h2{margin:12px 0 2px}"
    "a{color:#0061a0}.links{font-size:14px}"
)


def export_site(stories: list[LocatedStory], output: Path, tiles: str = "offline") -> list[Path]:
    """Write the site into ``output`` (created if needed); returns the files written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for item in stories:
        for name, content in story_files(item, tiles).items():
            target = output / name
            target.write_bytes(content)
            written.append(target)
    index = output / "index.html"
    index.write_text(index_html(stories), encoding="utf-8")
    return [index, *written]
