"""The author page's session: the draft it edits, kept on the server so nothing is lost.

The draft's token is in the address (``?draft=…``): a reload, or a second tab opened on
the same address, finds the same draft in the store (``storymap.authoring.store``) for
the browser that made it (``author_owner``: its signed cookie). The server mints every
token and never adopts one from an address: a draft of another browser opens only with
a share key (``&key=…``, read-only or edit) that its owner made; otherwise the page says
whose it is and starts a draft of this browser's own, and nothing of anyone's is lost.
Every change is written to the store at once. A change that would overwrite a newer
save from another tab is not written: the author is asked which version to keep.

Widgets are keyed by a generation number: when the story changes other than through a
widget (a new start, a reorder, the other tab's version), the generation moves on and
every widget starts again from the story's data.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from storymap.authoring.order import todo_done
from storymap.authoring.paths import FieldPath, set_at
from storymap.authoring.starts import Start
from storymap.authoring.store import (
    KEEP_DAYS,
    DraftConflict,
    DraftError,
    DraftStore,
    drafts_folder,
    is_token,
    new_token,
)
from storymap_ui import author_owner, memory

KEY = "author"
REFUSED = "author_refused"  # why the address's draft was not opened: said until a start
PRUNE_EVERY_S = 3600.0  # old drafts are removed while the server runs, at most this often
_pruned = {"at": 0.0}
_prune_lock = threading.Lock()


@dataclass
class Author:
    """What one browser tab is writing, and where it is on the page."""

    token: str
    record: dict[str, Any]
    owner: str = ""  # this browser's owner id (``author_owner``)
    access: str = "owner"  # or "edit", "read": the draft came through a share link
    key: str | None = None  # the share key that opened it
    revision: int = 0
    stamp: int = 0  # the draft file's modification time when this tab last read or wrote it
    generation: int = 0  # every widget of the page
    grid_generation: int = 0  # the events and places tables
    conflict: DraftConflict | None = None
    problem: str | None = None  # the draft could not be kept: why
    focus: FieldPath | None = None
    event: int = 0
    place: int = 0
    tables: dict[str, Callable[[dict[str, Any]], None]] = field(default_factory=dict, repr=False)
    _digest: tuple[Any, str] | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any] | None:
        data = self.record.get("data")
        return data if isinstance(data, dict) else None

    @property
    def origin(self) -> dict[str, Any]:
        origin = self.record.get("origin")
        return origin if isinstance(origin, dict) else {}

    def digest(self) -> str:
        """A short fingerprint of the story's data, for caching what is derived from it.

        The data is replaced, never changed in place, so the fingerprint is kept with the
        very object it was made from."""
        data = self.data
        if self._digest is None or self._digest[0] is not data:
            text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
            self._digest = (data, hashlib.sha256(text.encode()).hexdigest()[:20])
        return self._digest[1]


def store() -> DraftStore:
    """The drafts folder's store (``STORYMAP_CACHE``), one per folder and server process."""
    return _store(str(drafts_folder()))


@st.cache_resource(show_spinner=False)
def _store(folder: str) -> DraftStore:
    return DraftStore(Path(folder))


def prune_now_and_then(now: float | None = None) -> None:
    """Remove drafts untouched for ``KEEP_DAYS``: at the first page view, then at most once
    per ``PRUNE_EVERY_S`` while the server runs."""
    now = time.time() if now is None else now
    with _prune_lock:
        if now - _pruned["at"] < PRUNE_EVERY_S:
            return
        _pruned["at"] = now
    with contextlib.suppress(OSError):  # an unwritable cache folder is said when a draft is kept
        store().prune(KEEP_DAYS)


def session() -> Author:
    """This tab's draft: the session's, else the one the address names if this browser may
    open it, else a new one (with a line saying why the address's draft was not opened)."""
    prune_now_and_then()
    memory.keep_returning()  # what a refused paste took goes back to the system
    owner = author_owner.owner(moved=_moved)
    author = st.session_state.get(KEY)
    token = st.query_params.get("draft")
    key = st.query_params.get("key")
    if isinstance(author, Author) and (token is None or token == author.token):
        if author.access == "owner" or store().access(author.token, owner, author.key):
            _address(author)
            return author
        st.session_state[REFUSED] = "author_share_withdrawn"
        token = None
    author = _open(token, key, owner) if is_token(token) else None
    if author is None:
        author = Author(new_token(), {"data": None}, owner)
    _address(author)
    st.session_state[KEY] = author
    return author


def _address(author: Author) -> None:
    """The draft's token in the address, and the share key when a share link opened it."""
    st.query_params["draft"] = author.token
    if author.key:
        st.query_params["key"] = author.key
    elif "key" in st.query_params:
        del st.query_params["key"]


def _open(token: str, key: object, owner: str) -> Author | None:
    """The draft ``token`` names, if this browser owns it or ``key`` is one of its share
    keys; None otherwise (and, for another browser's draft, a line saying so)."""
    saved = store().load(token)
    if saved is None:
        return None  # never adopted: a new draft gets a token of the server's own
    access = saved.access(owner, key if isinstance(key, str) else None)
    if access is None:
        st.session_state[REFUSED] = "author_not_yours"
        return None
    shared = access != "owner"
    return Author(
        token, saved.record, owner, access, key if shared else None, saved.revision,
        store().stamp(token),
    )  # fmt: skip


def _moved(old: str, new: str) -> None:
    """Another tab of this browser set its owner secret first: this tab's draft goes with it."""
    author = st.session_state.get(KEY)
    if isinstance(author, Author) and author.owner == old:
        with contextlib.suppress(DraftError, OSError):
            store().give(author.token, old, new)
        author.owner = new


def refused(author: Author) -> str | None:
    """Why the address's draft was not opened (an interface key): said on every run until
    this tab's own draft begins, so a rerun (the owner cookie's first report comes a moment
    after the page) cannot take it away before it is read."""
    if author.data is not None:
        st.session_state.pop(REFUSED, None)
        return None
    return st.session_state.get(REFUSED)


def commit(author: Author, record: dict[str, Any], force: bool = False) -> bool:
    """Keep ``record`` in the session and in the store; False when another tab's newer
    save is in the way (``author.conflict`` says so) or the store refused it."""
    author.record = record
    if author.access == "read":
        author.problem = "this draft was shared with you to read: changes are not kept"
        return False
    try:
        saved = store().save(
            author.token, record, author.revision, owner=author.owner, key=author.key,
            force=force,
        )  # fmt: skip
    except DraftConflict as exc:
        author.conflict = exc
        return False
    except (DraftError, OSError) as exc:
        author.problem = str(exc)
        return False
    author.revision = saved.revision
    author.stamp = store().stamp(author.token)
    author.conflict = None
    author.problem = None
    if saved.removed:
        st.session_state.author_notice = saved.removed
    return True


def change(author: Author, data: dict[str, Any], written: list[FieldPath] = ()) -> None:
    """The story's data changed through a widget: keep it; ``written`` fields are done."""
    data = todo_done(data, list(written)) if written else data
    commit(author, {**author.record, "data": data})


def restart(author: Author, data: dict[str, Any], **record: Any) -> None:
    """The story changed under every widget (a start, a reorder): widgets begin again."""
    commit(author, {**author.record, **record, "data": data})
    author.generation += 1
    author.grid_generation += 1


def set_field(author: Author, path: FieldPath, value: Any) -> None:
    """One field written by the author (a form widget); the tables show it anew."""
    if author.data is None:
        return
    change(author, set_at(author.data, path, value), [path])
    author.grid_generation += 1


def start(author: Author, begun: Start) -> None:
    """Begin again from a new start (the draft keeps the previous story until now)."""
    record = {
        "data": begun.data,
        "raw": begun.raw,
        "raw_problems": list(begun.problems),
        "origin": begun.origin,
        "report": list(begun.report),
        "article": author.record.get("article"),  # the pasted article stays in its box
    }
    commit(author, record, force=True)
    author.generation += 1
    author.grid_generation += 1
    author.focus = None
    author.event = author.place = 0


def newer_elsewhere(author: Author) -> bool:
    """Another tab saved this draft after this tab last read or wrote it."""
    if author.conflict is not None:
        return True
    if store().stamp(author.token) == author.stamp:
        return False
    return store().revision(author.token) > author.revision


def take_newer(author: Author) -> None:
    """Use the other tab's version (this tab's last change is dropped)."""
    saved = store().load(author.token)
    if saved is not None:
        author.record = copy.deepcopy(saved.record)
        author.revision = saved.revision
        author.stamp = store().stamp(author.token)
    author.conflict = None
    author.generation += 1
    author.grid_generation += 1


def keep_mine(author: Author) -> None:
    """Keep this tab's version over the other tab's."""
    commit(author, author.record, force=True)


def register_table(author: Author, key: str, apply: Callable[[dict[str, Any]], None]) -> None:
    """A table drawn in this run: ``apply`` writes its edits (Streamlit's delta) into the story."""
    author.tables[key] = apply


def apply_table_edits(author: Author) -> None:
    """Write the edits made in the tables since the last run, before anything is drawn.

    Each table was drawn from the rows it was given, so its delta (edited, added and
    removed rows) is applied to those rows; then every table is drawn again afresh (new
    keys), and the checks see the edit in the same run.
    """
    tables, author.tables = author.tables, {}
    for key, apply in tables.items():
        delta = st.session_state.get(key)
        if isinstance(delta, dict) and any(
            delta.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")
        ):
            apply(delta)
            author.generation += 1
            author.grid_generation += 1
