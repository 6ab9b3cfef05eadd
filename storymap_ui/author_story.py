"""The story's header: id, languages, title and subtitle, the article, credits, categories,
how readers step through it, and the draft mark. Also the story file's text, for a file
that is not YAML yet and for anything the forms do not cover.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from storymap.authoring import starts
from storymap.authoring.lists import apply_delta, columns_for, items_from_rows, list_rows
from storymap.authoring.paths import get_at, set_at
from storymap.authoring.texts import drop_language
from storymap.i18n import t
from storymap_ui import author_state
from storymap_ui.author_state import Author
from storymap_ui.author_tables import data_table
from storymap_ui.author_view import (
    CATEGORIES,
    field_input,
    focus_mark,
    md,
    story_languages,
    texts_side_by_side,
)

RAW_EDIT_CHARS = 300_000  # longer story files are downloaded and edited in a text editor


def show(author: Author, lang: str) -> None:
    data = author.data
    if data is None:
        raw_text(author, lang)
        return
    languages = story_languages(data)
    st.subheader(t("author_about_story", lang), anchor=False)
    left, right = st.columns(2)
    with left:
        field_input(
            author, ("id",), t("author_story_id", lang), lang, help=t("author_id_help", lang)
        )
    with right:
        _languages(author, languages, lang)
    texts_side_by_side(author, ("title",), t("col_title", lang), lang)
    texts_side_by_side(author, ("subtitle",), t("author_subtitle", lang), lang)
    st.subheader(t("source_article", lang), anchor=False)
    columns = st.columns(3)
    for column, (name, label) in zip(
        columns * 2,
        [("outlet", "author_outlet"), ("title", "author_headline"), ("url", "author_url"),
         ("date", "author_published_notation"), ("language", "author_article_language"),
         ("author", "author_writer")],
        strict=True,
    ):  # fmt: skip
        with column:
            field_input(author, ("source", name), t(label, lang), lang)
    st.subheader(t("credits", lang), anchor=False)
    list_editor(author, ("credits",), ["name"], ["role"], lang)
    # drawn only while open (a problem there opens it: ``author_view.go_to``): a table is
    # a tenth of an edit's run
    with st.expander(t("author_categories", lang), key=CATEGORIES, on_change="rerun") as box:
        if box.open:
            st.caption(t("author_categories_help", lang))
            list_editor(author, ("categories",), ["id", "colour"], ["name"], lang)
    steps = data.get("steps") if data.get("steps") in ("by_date", "by_event") else "by_date"
    choice = st.radio(
        t("author_steps", lang), ["by_date", "by_event"], index=["by_date", "by_event"].index(steps),
        format_func={"by_date": t("author_steps_by_date", lang),
                     "by_event": t("author_steps_by_event", lang)}.get, horizontal=True,
        key=f"a{author.generation}:steps",
    )  # fmt: skip
    if choice != steps:
        author_state.set_field(author, ("steps",), None if choice == "by_date" else choice)
    _draft_mark(author, lang)
    # drawn only while open: the whole story written as YAML on every edit cost a sixth of it
    with st.expander(t("author_yaml", lang), key="author-yaml", on_change="rerun") as box:
        if box.open:
            raw_text(author, lang)


def _languages(author: Author, languages: list[str], lang: str) -> None:
    key = f"a{author.generation}:languages"
    focus_mark(author, ("languages",), lang)
    text = st.text_input(
        t("author_languages", lang), value=", ".join(languages), key=key,
        help=t("author_languages_help", lang),
    )  # fmt: skip
    wanted = [code.strip() for code in text.replace(";", ",").split(",") if code.strip()]
    if wanted and wanted != languages:
        data = set_at(author.data or {}, ("languages",), wanted)
        if get_at(data, ("default_language",)) not in wanted:
            data = set_at(data, ("default_language",), None)
        author_state.restart(author, data)
        st.rerun()
    extra = [code for code in _languages_in_texts(author.data or {}) if code not in languages]
    for code in extra:
        if st.button(
            t("author_drop_language", lang, language=md(code)),
            key=f"drop-{author.generation}-{code}",
        ):
            author_state.restart(author, drop_language(author.data or {}, code))
            st.rerun()


def _languages_in_texts(data: dict[str, Any]) -> list[str]:
    from storymap.authoring.texts import texts

    found: dict[str, None] = {}
    for _, text in texts(data):
        found.update(dict.fromkeys(str(code) for code in text))
    return list(found)


def list_editor(
    author: Author,
    path: tuple,
    fields: list[str],
    text_fields: list[str],
    lang: str,
    after: list[str] = (),
    **config: Any,
) -> None:
    """A small list (credits, categories, sources, media) as a table rows can be added to:
    ``fields`` first, then each of ``text_fields`` in every story language, then ``after``."""
    data = author.data or {}
    columns = [*columns_for(fields, text_fields, story_languages(data)), *after]
    rows = list_rows(get_at(data, path), columns)
    focus_mark(author, path, lang)
    texts = {column: st.column_config.TextColumn(column_label(column, lang)) for column in columns}
    apply = partial(_store_list, author, path, columns)
    data_table(author, ".".join(map(str, path)), rows, columns, texts | config, apply)


COLUMN_LABELS = {
    "outlet": "author_outlet", "claim": "author_col_claim", "url": "author_url",
    "name": "col_name", "role": "author_col_role", "id": "author_col_id",
    "colour": "author_col_colour", "kind": "col_kind", "credit": "author_col_credit",
    "caption": "author_col_caption", "title": "author_col_title", "date": "col_date",
}  # fmt: skip


def column_label(column: str, lang: str) -> str:
    """A table column's header in the page's words: ``outlet.en`` -> 'Outlet · en'.

    Headers are drawn as plain text (the table is a canvas): nothing is escaped."""
    name, _, code = column.partition(".")
    label = t(COLUMN_LABELS[name], lang) if name in COLUMN_LABELS else name
    return f"{label} · {code}" if code else label


def _store_list(
    author: Author, path: tuple, columns: list[str], data: dict, rows: list, delta: dict
) -> None:
    items = items_from_rows(apply_delta(rows, delta), columns, get_at(data, path))
    author_state.change(author, set_at(data, path, items or None))


def _draft_mark(author: Author, lang: str) -> None:
    draft = (author.data or {}).get("draft")
    if not isinstance(draft, dict):
        return
    focus_mark(author, ("draft",), lang)
    todo = draft.get("todo") if isinstance(draft.get("todo"), list) else []
    st.warning(t("author_draft_mark", lang, count=len(todo)))
    if st.button(t("author_remove_draft", lang), key=f"a{author.generation}:undraft"):
        author_state.restart(author, set_at(author.data or {}, ("draft",), None))
        st.rerun()


def raw_text(author: Author, lang: str) -> None:
    """The story file's text: fix a file that is not YAML, or change what the forms do not show."""
    from storymap_ui.author_checks import story_text

    raw = author.record.get("raw")
    problems = author.record.get("raw_problems") or []
    if author.data is None and not raw:
        st.info(t("author_no_story", lang))
        return
    if author.data is None:
        st.error(t("author_raw_problems", lang))
        st.code("\n".join(str(p) for p in problems) or "?", language=None)
    text = raw if author.data is None else story_text(author)
    if len(text) > RAW_EDIT_CHARS:
        st.caption(t("author_yaml_too_long", lang, count=f"{len(text):,}"))
        return
    key = f"a{author.generation}:raw"
    edited = st.text_area(t("author_yaml_text", lang), value=text, height=360, key=key)
    if st.button(t("author_apply_yaml", lang), key=f"{key}:apply"):
        data, found = starts.read_story_text(edited, "story")
        if data is None:
            author_state.commit(
                author, {**author.record, "raw": edited, "raw_problems": [str(p) for p in found]}
            )
            st.error(md(found[0]) if found else t("author_raw_problems", lang))
            return
        author_state.restart(author, data, raw=None, raw_problems=[])
        st.rerun()
