"""The light reader page's own files: its HTML (the single-file export's template, with its
data as files beside it), its words below the reader, and the record of what it was written
with (``storymap.light_page`` keeps them, per story version)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storymap.settings import tiles

PAGE = "index.html"
FRONT = "front.html"  # the page as the app's front door (``/``) serves it: with a <base>
META = "light.json"  # the version's story id, languages and style hashes, written with its page
# The page loads the engine as one script (``Shelf.asset``: the engine's scripts one after the
# other, the same code in the same order); its style sheets are in the page (``page_styles``).
ENGINE_JS = "engine.js"
# The app's pages, by address and title, in its navigation's order (``streamlit_app.py``): the
# light page links to the others when the app serves it; "reader" is the Streamlit reader's.
APP_PAGES = (("reader", "Peta cerita · Story map"), ("presenter", "Presentasi · Presenter"),
             ("data", "Data"), ("author", "Penulis · Author"))  # fmt: skip


def write_page(story: Path, root: Path, records: Path) -> None:
    """Write the light page of the story file ``story``'s version (in its folder under
    ``root``, from the reader cache's ``records``), its first language's words, and its record."""
    from storymap.export.html import page_styles
    from storymap.reader_cache import reader_data
    from storymap.web.policy import script_hash

    data = reader_data(story, root, records)
    located = data.located.story
    lang = located.default_language
    data.text_file(lang)
    write_words(data, lang)
    styles = [script_hash(style) for style in page_styles()]  # the page's own (page_head's)
    meta = {"id": located.id, "languages": list(located.languages), "lang": lang, "styles": styles}
    write_json(data.folder / META, meta)
    write_json(data.folder / PAGE, page_html(data, lang, tiles()), raw=True)


def page_style_hashes(page: Path) -> tuple[str, ...]:
    """The hashes of the inline style sheets the light page file ``page`` was written with
    (for its Content-Security-Policy), as written beside it. Raises ``OSError`` if it is gone."""
    return tuple(json.loads((page.parent / META).read_bytes())["styles"])


def write_words(data: Any, lang: str) -> None:
    """The page's words below the reader in ``lang`` (``ReaderData`` ``data``), as a file."""
    from storymap.export.html import page_words

    write_json(data.folder / f"words-{lang}.json", page_words(data.located.story, lang))


def front_html(page: str, story_id: str) -> str:
    """The light page ``page`` as the app's ``/`` serves it: a ``<base>`` names its folder, so
    its files, pictures and links resolve as on ``/read/<story-id>/``."""
    base = f'<head>\n<base href="read/{story_id}/">'  # an id is [a-z0-9-]: plain text
    return page.replace("<head>", base, 1)


def page_html(data: Any, lang: str, tile_choice: str) -> str:
    """The light page of one story version (``ReaderData``), opening in ``lang``."""
    from storymap.export.html import page_head, script_json
    from storymap.render import template

    story = data.located.story
    key = data.key
    files = {
        "map": f"{key}/map.json",
        "text": {code: f"{key}/text-{code}.json" for code in story.languages},
        "words": {code: f"{key}/words-{code}.json" for code in story.languages},
        "countries": "../_/countries-110m.geojson",
        "lang": lang,
        "tiles": tile_choice,
    }
    return template("light.html.j2").render(
        **page_head(story, lang),
        files=files,
        files_json=script_json(files),
        assets="../_/",
        scripts=(ENGINE_JS,),
        app_pages=[(f"../../{address}", title) for address, title in APP_PAGES[1:]],
        this_page=APP_PAGES[0][1],
    )


def write_json(target: Path, value: Any, raw: bool = False) -> None:
    """``value`` as JSON (``raw``: a text as it is) in ``target``, all or nothing."""
    from storymap.output import write_output

    text = value if raw else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    write_output(target, text.encode("utf-8"))
