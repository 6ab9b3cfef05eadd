"""Where a story begins: an article (pasted or uploaded), an upload, a story already in the
stories folder, or a blank story.

Whatever goes wrong is said in one line and nothing is lost: the pasted article stays
in its box (and in the draft, for a reload), the story already being written stays
until another start succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import streamlit as st

from storymap.authoring import starts
from storymap.authoring.uploads import MAX_UPLOAD_BYTES, megabytes
from storymap.errors import StorymapError
from storymap.i18n import t
from storymap.importers.single_file import MAX_PAGE_BYTES
from storymap_ui import author_state
from storymap_ui.author_state import Author
from storymap_ui.author_view import md, slot
from storymap_ui.story import STORIES

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


def _begin(author: Author, begun: starts.Start, lang: str) -> None:
    author_state.start(author, begun)
    st.session_state.author_goto = "story"
    st.session_state.author_notice = t("author_started", lang, name=begun.origin.get("name", ""))


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


def _from_article(author: Author, lang: str) -> None:
    kept = author.record.get("article") if isinstance(author.record.get("article"), str) else ""
    text = st.text_area(
        t("author_paste_article", lang), value=kept, height=220, key="author-article"
    )
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
        if text.strip() and text != kept:  # keep the pasted text for a reload, whatever happens
            author_state.commit(author, {**author.record, "article": text[:MAX_UPLOAD_BYTES]})
        source = (file.name, file.getvalue()) if file is not None else ("article.txt", text)
        if not (source[1].strip() if isinstance(source[1], str) else source[1]):
            st.error(t("author_no_article", lang))
            return
        try:
            with st.spinner(t("author_drafting", lang)):
                begun = starts.from_article(
                    source[1], source[0], published, outlet=outlet.strip() or None,
                    title=headline.strip() or None, url=url.strip() or None,
                )  # fmt: skip
        except StorymapError as exc:
            st.error(md(_one_line(exc)))
            return
        _begin(author, begun, lang)
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
        on_click=_start, args=(author, lang, "upload", _upload_start(file.name, file.getvalue())),
    )  # fmt: skip


def _upload_start(name: str, data: bytes) -> Callable[[], starts.Start]:
    def make() -> starts.Start:
        try:
            return starts.from_upload(name, data)
        except StorymapError:
            raise
        except Exception as exc:  # an importer's own bug: one line naming the file
            raise StorymapError(f"{name} could not be read ({type(exc).__name__})") from None

    return make


def _from_folder(author: Author, lang: str) -> None:
    files = sorted(STORIES.glob("*.yaml")) if STORIES.is_dir() else []
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
