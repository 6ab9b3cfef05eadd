"""Where a story begins: an article (pasted or uploaded), an upload, a story already in the
stories folder, or a blank story.

Whatever goes wrong is said in one line and nothing is lost: the pasted article stays
in its box (and in the draft, for a reload), the story already being written stays
until another start succeeds.

Drafting an article and reading an upload run in a worker process with a deadline
(``storymap.worker``), so no paste or file can hold the lock every session needs. An
article is at most ``MAX_ARTICLE_CHARS`` characters of text (a longer paste is refused
before anything is kept) and a saved web page at most ``MAX_UPLOAD_BYTES``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from storymap.authoring import starts
from storymap.authoring.starts import MAX_ARTICLE_CHARS
from storymap.authoring.uploads import MAX_UPLOAD_BYTES, megabytes
from storymap.errors import StorymapError
from storymap.i18n import number, t
from storymap.importers.single_file import MAX_PAGE_BYTES
from storymap.settings import stories_folder
from storymap.worker import run_apart
from storymap_ui import author_state
from storymap_ui.author_state import Author
from storymap_ui.author_view import md, slot

UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024) + 1  # the browser refuses more; the page says why
PAGE_MB = MAX_PAGE_BYTES // (1024 * 1024) + 1  # a single-file page carries its pictures


def show(author: Author, lang: str) -> None:
    notice = slot()  # drawn, empty or not: the tabs below keep their position
    if author.data is not None:
        notice.info(t("author_start_replaces", lang))
    article, upload, existing, blank = st.tabs(
        [t("author_from_article", lang), t("author_from_upload", lang),
         t("author_from_folder", lang), t("author_blank", lang)]
    )  # fmt: skip
    with article:
        _from_article(author, lang)
    with upload:
        _from_upload(author, lang)
    with existing:
        _from_folder(author, lang)
    with blank:
        _blank(author, lang)


def _begin(author: Author, begun: starts.Start, lang: str, shown: str | None = None) -> None:
    """Begin from ``begun``; the notice names where it came from (``shown``, else its file)."""
    author_state.start(author, begun)
    st.session_state.author_goto = "story"
    name = shown or begun.origin.get("name", "")
    st.session_state.author_notice = t("author_started", lang, name=name)


def _start(author: Author, lang: str, where: str, make: Callable[[], starts.Start]) -> None:
    """A start button's callback: it runs before the page is drawn, so the run that
    handles the click already shows the story (no second run to wait for or lose)."""
    try:
        begun = make()
    except (StorymapError, OSError) as exc:
        st.session_state[f"author-failed-{where}"] = _one_line(exc)
        return
    _begin(author, begun, lang)


def _one_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _failed_here(where: str) -> None:
    """What the last start from this part said, once, where the author is looking."""
    message = st.session_state.pop(f"author-failed-{where}", None)
    if message:
        st.error(md(message))


def _refuse_long_article(lang: str) -> None:
    """The box's callback: a paste longer than an article is not kept, in the box or in the
    draft, and the page says so beside the box."""
    text = st.session_state.get("author-article")
    if isinstance(text, str) and len(text) > MAX_ARTICLE_CHARS:
        st.session_state["author-article"] = ""
        st.session_state["author-refused-article"] = t(
            "author_article_too_long", lang, size=number(len(text), lang),
            limit=number(MAX_ARTICLE_CHARS, lang),
        )  # fmt: skip


def _from_article(author: Author, lang: str) -> None:
    kept = author.record.get("article") if isinstance(author.record.get("article"), str) else ""
    st.caption(
        t("author_article_help", lang, chars=number(MAX_ARTICLE_CHARS, lang),
          mb=megabytes(MAX_UPLOAD_BYTES))
    )  # fmt: skip
    if "author-article" not in st.session_state:  # the kept paste, for a reload
        st.session_state["author-article"] = kept[:MAX_ARTICLE_CHARS]
    # No ``max_chars``: Streamlit's page drops a longer paste without a word (and counts an
    # emoji as two). The box's callback refuses it instead, before anything is kept.
    text = st.text_area(
        t("author_paste_article", lang), height=220, key="author-article",
        on_change=_refuse_long_article, args=(lang,),
    )  # fmt: skip
    refused = st.session_state.pop("author-refused-article", None)
    with slot():
        if refused:
            st.error(refused)
    file = st.file_uploader(
        t("author_article_file", lang), type=["txt", "html", "htm"], key="author-article-file",
        max_upload_size=UPLOAD_MB,
    )  # fmt: skip
    published = st.date_input(
        t("author_published", lang), value=date.today(), min_value=date(1800, 1, 1),
        max_value=date(2100, 12, 31), key="author-published",
    )  # fmt: skip
    columns = st.columns(3)
    outlet = columns[0].text_input(t("author_outlet", lang), key="author-article-outlet")
    headline = columns[1].text_input(t("author_headline", lang), key="author-article-title")
    url = columns[2].text_input(t("author_url", lang), key="author-article-url")
    # Not a callback like the other starts: drafting takes seconds, so it runs here, under
    # its spinner, with its errors beside the box; then one more run shows the draft.
    if st.button(t("author_make_draft", lang), type="primary", key="author-make-draft"):
        if refused:  # said beside the box: nothing else to say
            return
        if text.strip() and text != kept:  # keep the pasted text for a reload, whatever happens
            author_state.commit(author, {**author.record, "article": text})
        source = (file.name, file.getvalue()) if file is not None else ("article.txt", text)
        if not (source[1].strip() if isinstance(source[1], str) else source[1]):
            st.error(t("author_no_article", lang))
            return
        try:
            with st.spinner(t("author_drafting", lang)):
                begun = run_apart(
                    starts.from_article, source[1], source[0], published, None,
                    outlet.strip() or None, headline.strip() or None, url.strip() or None,
                    what=f"the draft of {source[0]}",
                )  # fmt: skip
        except StorymapError as exc:
            st.error(md(_one_line(exc)))
            return
        pasted = t("author_pasted_article", lang) if file is None else None  # no file's name
        _begin(author, begun, lang, pasted)
        st.rerun()


def _from_upload(author: Author, lang: str) -> None:
    st.caption(t("author_upload_help", lang, mb=megabytes(MAX_UPLOAD_BYTES),
                 page_mb=megabytes(MAX_PAGE_BYTES)))  # fmt: skip
    file = st.file_uploader(
        t("author_upload", lang), type=["yaml", "yml", "json", "geojson", "csv", "html", "htm"],
        key="author-upload", max_upload_size=PAGE_MB,
    )  # fmt: skip
    _failed_here("upload")
    if file is None:
        return
    st.button(
        t("author_open_upload", lang), type="primary", key="author-open-upload",
        on_click=_start, args=(author, lang, "upload", _upload_start(file)),
    )  # fmt: skip


def _upload_start(file: Any) -> Callable[[], starts.Start]:
    """Read the file when the button is clicked (not a copy of it on every run)."""

    def make() -> starts.Start:  # an importer's own bug comes back as one line naming the file
        return run_apart(
            starts.from_upload, file.name, file.getvalue(), what=f"reading {file.name}"
        )

    return make


def _from_folder(author: Author, lang: str) -> None:
    folder = stories_folder()
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        st.caption(t("author_no_files", lang))
        return
    st.selectbox(
        t("author_story_file", lang), files, format_func=lambda path: path.name, key="author-file"
    )
    _failed_here("folder")
    st.button(
        t("author_open_file", lang), type="primary", key="author-open-file", on_click=_start,
        args=(author, lang, "folder", lambda: starts.from_file(Path(st.session_state["author-file"]))),
    )  # fmt: skip


def _blank(author: Author, lang: str) -> None:
    st.caption(t("author_blank_help", lang))
    blank = starts.Start(starts.blank_story(), {"kind": "blank", "name": "blank"})
    st.button(
        t("author_start_blank", lang), type="primary", key="author-start-blank", on_click=_start,
        args=(author, lang, "blank", lambda: blank),
    )  # fmt: skip


def messages() -> None:
    """What the last start said, once, at the top of the page."""
    notice = st.session_state.pop("author_notice", None)
    if notice:
        st.success(md(notice))
