"""Add a picture to an event on the author page: the file, its caption and alt text in every
story language, and its credit, all required; a bad file is refused in one line.

The event form calls ``upload`` under the media list (``author_event_parts._media``); the
checking and keeping are ``storymap.authoring.picture_upload``'s.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from storymap.authoring.picture_upload import add_picture
from storymap.errors import StorymapError
from storymap.i18n import t
from storymap.pictures import MAX_PICTURE_BYTES
from storymap.settings import cache_folder
from storymap_ui import author_state
from storymap_ui.author_state import Author
from storymap_ui.author_view import md, story_languages

KINDS = ["jpg", "jpeg", "png", "webp", "gif"]
UPLOAD_MB = MAX_PICTURE_BYTES // (1024 * 1024) + 1  # the browser refuses more


def upload(author: Author, path: tuple, lang: str) -> None:
    """The picture form for the event's media at ``path`` (``("events", i, "media")``)."""
    if author.access == "read":
        return
    languages = story_languages(author.data or {})
    key = f"a{author.generation}:{'.'.join(map(str, path))}:picture"
    st.markdown(f"**{t('author_picture_heading', lang)}**")
    st.caption(t("author_picture_help", lang, mb=MAX_PICTURE_BYTES // (1024 * 1024)))
    file = st.file_uploader(
        t("author_picture_file", lang), type=KINDS, key=f"{key}:file", max_upload_size=UPLOAD_MB
    )
    columns = st.columns(len(languages))
    for column, code in zip(columns, languages, strict=True):
        column.text_input(
            f"{t('author_picture_caption', lang)} · {md(code)}", key=f"{key}:caption:{code}"
        )
        column.text_input(f"{t('author_picture_alt', lang)} · {md(code)}", key=f"{key}:alt:{code}")
    st.text_input(t("author_picture_credit", lang), key=f"{key}:credit")
    said = st.empty()
    if not st.button(
        t("author_picture_add", lang), key=f"{key}:add", icon=":material/add_photo_alternate:"
    ):
        return
    if file is None:
        said.error(t("author_picture_no_file", lang))
        return
    texts = (
        {code: st.session_state.get(f"{key}:caption:{code}") or "" for code in languages},
        {code: st.session_state.get(f"{key}:alt:{code}") or "" for code in languages},
        st.session_state.get(f"{key}:credit") or "",
    )
    media = author.origin.get("media")
    try:
        data, folder = add_picture(
            author.data or {}, path[:2], (file.name, file.getvalue()), texts,
            Path(media) if isinstance(media, str) and media else None, cache_folder(),
        )  # fmt: skip
    except StorymapError as exc:
        said.error(md(exc))
        return
    origin = {**author.origin, "media": str(folder)}
    author_state.restart(author, data, origin=origin)
    st.session_state.author_notice = t("author_picture_added", lang, name=file.name)
    st.rerun()
