"""What every part of the author page shows the same way: the interface language, the
sections, texts side by side in every story language, and the field a problem points at.

Story text is never put into Markdown: widget labels are our own words, and anything
from the story that must appear in a label goes through ``md``, which escapes it.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from storymap.authoring.paths import FieldPath, anchor, get_at
from storymap.i18n import language_label, t
from storymap_ui import author_state
from storymap_ui.author_state import Author
from storymap_ui.headers import SCROLL_TO_FOCUS

SECTIONS = ("start", "story", "places", "events", "preview", "save")
CATEGORIES = "author-categories"  # the story part's box of categories, open or closed
CSS = """
.author-focus { scroll-margin-top: 5rem; border-left: 4px solid #D55E00; padding-left: .4rem; }
.author-focus p { margin: 0; color: #8a3b00; font-weight: 600; }
.author-missing { color: #a33a00; font-size: .85rem; margin: -.6rem 0 .4rem; }
.author-evidence { font-size: .85rem; color: #3d4148; border-left: 3px solid #c8ccd2;
  padding-left: .5rem; white-space: pre-wrap; }
[data-testid="stSidebar"] button { justify-content: flex-start; }
[data-testid="stSidebar"] button, [data-testid="stSidebar"] button * {
  white-space: normal; overflow: visible; text-overflow: clip; text-align: left;
  justify-content: flex-start; }
"""
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|:$~=^&@])")


def md(text: object) -> str:
    """Text from a story or an upload, safe inside a widget label (labels are Markdown)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))[:300]


def ui_language() -> str:
    """The interface's language (id or en): the switch, seeded from ?lang= in the address."""
    if st.session_state.get("author_lang") not in ("id", "en"):
        asked = st.query_params.get("lang")
        st.session_state.author_lang = asked if asked in ("id", "en") else "id"
    st.segmented_control(
        t("language_label", st.session_state.author_lang),
        options=["id", "en"],
        format_func=language_label,
        key="author_lang",
        label_visibility="collapsed",
        required=True,
    )
    lang = st.session_state.author_lang
    st.query_params["lang"] = lang
    return lang


def section(lang: str, has_story: bool) -> str:
    """The part of the page shown: start, story, places, events, preview, save."""
    wanted = st.session_state.pop("author_goto", None)
    if wanted in SECTIONS:
        st.session_state.author_section = wanted
    if st.session_state.get("author_section") not in SECTIONS:
        st.session_state.author_section = "story" if has_story else "start"
    names = {
        "start": t("author_section_start", lang),
        "story": t("author_section_story", lang),
        "places": t("author_section_places", lang),
        "events": t("author_section_events", lang),
        "preview": t("author_section_preview", lang),
        "save": t("author_section_save", lang),
    }
    st.segmented_control(
        t("author_sections", lang),
        options=list(SECTIONS),
        format_func=names.get,
        key="author_section",
        label_visibility="collapsed",
        required=True,
    )
    return st.session_state.author_section


def go_to(author: Author, path: FieldPath | None) -> None:
    """Open the part of the page where ``path`` is edited (a callback of a problem's button)."""
    author.focus = path
    head = path[0] if path else None
    if head == "events":
        st.session_state.author_goto = "events"
        if len(path) > 1 and isinstance(path[1], int):
            author.event = path[1]
    elif head == "places":
        st.session_state.author_goto = "places"
        if len(path) > 1 and isinstance(path[1], int):
            author.place = path[1]
    else:
        st.session_state.author_goto = "story"
        if head == "categories":  # their box is drawn only while open
            st.session_state[CATEGORIES] = True
    author.generation += 1  # the selectors follow the chosen event or place


def run_mark() -> None:
    """How many runs of the page this session has finished, in a hidden mark at its end:
    what a browser test waits on after an action, rather than guessing how long a run takes."""
    runs = st.session_state.get("author_runs", 0) + 1
    st.session_state.author_runs = runs
    st.html(f'<i id="author-run" data-run="{runs}" hidden></i>')


def slot() -> DeltaGenerator:
    """A place on the page that is always drawn, and filled only when there is something
    to say (a notice, a "here" mark, a "missing" mark).

    Streamlit's page matches elements by their position: were a message to come or go
    above a box, every box below it would be drawn again from scratch, and what the author
    was typing in one when a slow run's answer arrived would be lost. With a slot there,
    nothing below it moves.
    """
    return st.container()


def focus_mark(author: Author, path: FieldPath, lang: str) -> None:
    """If a problem pointed here, mark the field and scroll the page to it (in a slot)."""
    place = slot()
    focus = author.focus
    if focus is None or tuple(focus[: len(path)]) != tuple(path):
        return
    target = anchor(focus)
    place.html(f'<div id="{target}" class="author-focus"><p>▼ {t("author_here", lang)}</p></div>')
    # the same script every time: the page's Content-Security-Policy names it by its hash
    place.html(f"<script>{SCROLL_TO_FOCUS}</script>", unsafe_allow_javascript=True)
    author.focus = None  # scroll once; the problem list points here again if asked


def texts_side_by_side(
    author: Author,
    path: FieldPath,
    label: str,
    lang: str,
    *,
    area: bool = False,
    optional: bool = False,
) -> None:
    """One text field (title, summary…) in every story language, side by side.

    A language with no text is marked "missing" (for an optional field only when another
    language has one). Each box writes its language's text into the story when it changes.
    """
    data = author.data or {}
    languages = story_languages(data)
    value = get_at(data, path)
    value = value if isinstance(value, dict) else {}
    any_given = any(isinstance(v, str) and v.strip() for v in value.values())
    focus_mark(author, path, lang)
    for column, code in zip(st.columns(len(languages)), languages, strict=True):
        text = value.get(code)
        text = text if isinstance(text, str) else ""
        key = f"a{author.generation}:{_key(path)}:{code}"
        widget = st.text_area if area else st.text_input
        with column:
            widget(
                f"{label} · {md(code)}",
                value=text,
                key=key,
                on_change=_store_text,
                args=(author, (*path, code), key),
            )
            missing = slot()
            if not text.strip() and (not optional or any_given):
                missing.html(f'<p class="author-missing">⚠ {t("author_missing", lang)}</p>')


def _store_text(author: Author, path: FieldPath, key: str) -> None:
    author_state.set_field(author, path, st.session_state.get(key))


def field_input(author: Author, path: FieldPath, label: str, lang: str, **options: Any) -> None:
    """A one-line field of the story (an id, an outlet, a date), written when it changes."""
    value = get_at(author.data or {}, path)
    key = f"a{author.generation}:{_key(path)}"
    focus_mark(author, path, lang)
    st.text_input(
        label,
        value="" if value is None else str(value),
        key=key,
        on_change=_store_text,
        args=(author, path, key),
        **options,
    )


LISTED = 500  # more events or places than this are chosen by number, not from a list
PAGE = 50  # rows in a table at a time
_CHOSEN = {"events": "event", "places": "place"}  # the Author attribute holding the choice


def item_label(item: object, index: int) -> str:
    """'3. kremlin-meeting (2025-10-27)' for an event, '1. moscow (RU)' for a place."""
    if not isinstance(item, dict):
        return f"{index + 1}."
    detail = item.get("date", item.get("country", "?"))
    return f"{index + 1}. {item.get('id', '?')} ({detail})"[:120]


def chosen_item(author: Author, field: str, items: list, label: str, lang: str) -> int:
    """Which event or place the form below edits: from a list, or by its number in a long
    story; a problem that points at one chooses it (``go_to``)."""
    attribute = _CHOSEN[field]
    current = max(0, min(getattr(author, attribute), len(items) - 1))
    setattr(author, attribute, current)
    st.divider()
    focus_mark(author, (field, current), lang)
    key = f"a{author.generation}:{field}-choice"
    if len(items) <= LISTED:
        names = {i: item_label(items[i], i) for i in range(len(items))}
        chosen = st.selectbox(label, list(names), index=current, format_func=names.get, key=key)
    else:
        number = st.number_input(
            label, min_value=1, max_value=len(items), value=current + 1, key=key
        )
        chosen = int(number) - 1
        st.caption(md(item_label(items[chosen], chosen)))
    if chosen != current:
        setattr(author, attribute, chosen)
        author.generation += 1
        st.rerun()
    return current


def table_page(author: Author, field: str, count: int, lang: str) -> range:
    """The rows a table shows: all of them, or the page holding the chosen one."""
    if count <= PAGE:
        return range(count)
    pages = (count + PAGE - 1) // PAGE
    first = st.number_input(
        t("author_table_page", lang, pages=pages), min_value=1, max_value=pages,
        value=min(pages, getattr(author, _CHOSEN[field]) // PAGE + 1),
        key=f"a{author.generation}:{field}-page",
    )  # fmt: skip
    start = (int(first) - 1) * PAGE
    return range(start, min(count, start + PAGE))


def story_languages(data: dict[str, Any]) -> list[str]:
    from storymap.authoring.order import languages_of

    return languages_of(data)


def _key(path: FieldPath) -> str:
    return ".".join(str(part) for part in path)
