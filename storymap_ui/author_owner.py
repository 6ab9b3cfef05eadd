"""This browser's owner id on the author page: the signed secret in its cookie, or a new one.

The server reads the cookie the browser sent when the session began (``st.context``); a
browser without one (or with one the server did not sign) gets a new secret, which a
component with no height (``owner/owner.js``) writes into the cookie. If another tab of
the same browser wrote its own secret first, the component reports it and this session
takes it, so every tab of one browser is one owner (``storymap.authoring.owners``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from storymap.authoring.owners import COOKIE, COOKIE_DAYS, mint, owner_id, signing_key, verify
from storymap.authoring.store import drafts_folder

SOURCE = Path(__file__).with_name("owner")
HELD = "author_owner"  # the signed value this session uses
KNOWN = "author_owner_known"  # the value the browser last said it holds
REPLACE = "author_owner_replace"  # the browser holds a value the server did not sign
REPORTED = "author-owner-cookie"  # the component's value: what the browser holds


def _cookie() -> str | None:
    """The owner cookie the browser sent when this session began (tests replace this)."""
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) else None


@st.cache_resource(show_spinner=False)
def _key(folder: str) -> bytes:
    return signing_key(Path(folder))


def _signing_key() -> bytes:
    return _key(str(drafts_folder().parent))


def owner(moved: Callable[[str, str], None] | None = None) -> str:
    """This browser's owner id. ``moved(old, new)`` is called when this session learns that
    its browser holds another valid secret (a second tab wrote it first)."""
    state = st.session_state
    key = _signing_key()
    if HELD not in state:
        sent = _cookie()
        valid = verify(key, sent) is not None
        state[HELD] = sent if valid else mint(key)
        state[KNOWN] = sent if valid else None
        state[REPLACE] = sent is not None and not valid
    reported = state.get(REPORTED)
    if isinstance(reported, str) and reported != state.get(KNOWN):
        state[KNOWN] = reported
        if verify(key, reported) is None:
            state[REPLACE] = True  # the component writes ours over it on the next run
        elif reported == state[HELD]:
            state[REPLACE] = False
        else:
            old = _id(key, state[HELD])
            state[HELD], state[REPLACE] = reported, False
            if moved is not None:
                moved(old, _id(key, reported))
    return _id(key, state[HELD])


def _id(key: bytes, value: str) -> str:
    secret = verify(key, value)
    assert secret is not None  # only signed values are held
    return owner_id(secret)


def keep_cookie() -> None:
    """Draw the component that writes the cookie (no height); last on the page, so it
    moves nothing drawn before it."""
    state = st.session_state
    _component()(
        name=COOKIE, value=state.get(HELD), replace=bool(state.get(REPLACE)),
        known=state.get(KNOWN), max_age=COOKIE_DAYS * 86400, key=REPORTED, default=None,
    )  # fmt: skip


@cache
def _component() -> Any:
    return components.declare_component("storymap_owner", path=str(SOURCE))
