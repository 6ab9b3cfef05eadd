"""Sharing a draft on purpose: a read-only link and an edit link, each its own secret.

A draft opens only for the browser that made it. Its owner may make a read-only link
(the reader's preview and the story file, nothing changed) and an edit link (the whole
page, every change kept in the owner's draft); each carries its own key the server
minted, and each stops working when the owner withdraws it (a new link has a new key).
"""

from __future__ import annotations

import streamlit as st

from storymap.authoring.checks import Checked
from storymap.authoring.store import SHARE_KINDS, DraftError
from storymap.i18n import t
from storymap_ui import author_state
from storymap_ui.author_state import Author

# (the link's label, the button that makes it) for each kind of share
WORDS = {
    "read": ("author_share_read_link", "author_share_make_read"),
    "edit": ("author_share_edit_link", "author_share_make_edit"),
}


def link(author: Author, key: str, lang: str) -> str:
    """The share link: this page's address with the draft, the key and the page's language."""
    page = (st.context.url or "").split("?", 1)[0] or "/author"
    return f"{page}?draft={author.token}&key={key}&lang={lang}"


def panel(author: Author, lang: str) -> None:
    """The owner's links, made and withdrawn here; a visitor with an edit link is told so."""
    st.subheader(t("author_share_heading", lang), anchor=False)
    if author.access != "owner":
        st.caption(t("author_shared_edit", lang))
        return
    if author.data is None or author.revision == 0:
        st.caption(t("author_share_needs_draft", lang))
        return
    st.caption(t("author_share_help", lang))
    saved = author_state.store().load(author.token)
    shares = saved.shares if saved else {}
    for kind in SHARE_KINDS:
        key = shares.get(kind)
        if key:
            st.text_input(
                t(WORDS[kind][0], lang), link(author, key, lang), disabled=True,
                key=f"author-share-{kind}-{key[:6]}",
            )  # fmt: skip
            st.button(
                t("author_share_withdraw", lang), key=f"author-unshare-{kind}",
                on_click=_change, args=(author, kind, False),
            )  # fmt: skip
        else:
            st.button(
                t(WORDS[kind][1], lang), key=f"author-share-{kind}",
                on_click=_change, args=(author, kind, True),
            )  # fmt: skip


def _change(author: Author, kind: str, make: bool) -> None:
    try:
        if make:
            author_state.store().share(author.token, kind, author.owner)
        else:
            author_state.store().revoke(author.token, kind, author.owner)
    except (DraftError, OSError) as exc:
        author.problem = str(exc)


def read_only(author: Author, checked: Checked | None, lang: str) -> None:
    """What a read-only link shows: the reader's preview of the draft and its story file."""
    from storymap_ui import author_publish

    st.info(t("author_shared_read", lang))
    author_publish.preview(author, checked, lang)
    author_publish.story_download(author, lang)
