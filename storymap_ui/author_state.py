"""The author page's session: the draft it edits, kept on the server so nothing is lost.

The draft's token is in the address (``?draft=…``): a reload, or a second tab opened on
the same address, finds the same draft in the store (``storymap.authoring.store``) for
the browser that made it (``author_owner``: its signed cookie). The server mints every
token and never adopts one from an address: a draft of another browser opens only with
a share key (``&key=…``, read-only or edit) that its owner made; otherwise the page says
whose it is and starts a draft of this browser's own, and nothing of anyone's is lost.
Every change is written to the store at once. Whatever writes the story (an edit, a new
start, Save into the stories folder) or hands it out (a download, an export) first passes
one revision check (``current``): a tab holding an older revision than the store's never
writes over the newer work; the author is asked which version to keep.

Widgets are keyed by a generation number: when the story changes other than through a
widget (a new start, a reorder, the other tab's version), the generation moves on and
every widget starts again from the story's data.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from storymap.authoring.ids import follow_written
from storymap.authoring.order import date_note_to_recheck, todo_done
from storymap.authoring.paths import FieldPath, differences, set_at
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
    # Every widget's key starts with a generation, the tables' with their own. A new
    # session starts them afresh, so that no box of a page drawn by a session that is gone
    # (a server restarted under an open tab) is taken for one of this session's.
    generation: int = field(default_factory=lambda: secrets.randbelow(10**6))
    grid_generation: int = field(default_factory=lambda: secrets.randbelow(10**6))
    conflict: DraftConflict | None = None
    problem: str | None = None  # the draft could not be kept: why
    focus: FieldPath | None = None
    event: int = 0
    place: int = 0
    tables: dict[str, Any] = field(default_factory=dict, repr=False)  # author_tables.Table
    kept_table: Any = field(default=None, repr=False)  # the table being edited, kept as drawn
    _digest: tuple[Any, str, int] | None = field(default=None, repr=False)

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
        return self._fingerprint()[1]

    def size(self) -> int:
        """About how big the story is: the length of its data as compact JSON."""
        return self._fingerprint()[2]

    def _fingerprint(self) -> tuple[Any, str, int]:
        data = self.data
        if self._digest is None or self._digest[0] is not data:
            text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
            self._digest = (data, hashlib.sha256(text.encode()).hexdigest()[:20], len(text))
        return self._digest


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
    """The story's data changed through a widget: keep it; ``written`` fields are done (and
    a written name or title carries its item's id with it)."""
    for path in written:
        data = follow_written(author.data or {}, data, path)
        data = date_note_to_recheck(author.data or {}, data, path)
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
    written = follow_written(
        author.data, set_at(author.data, path, value), path
    )  # ids follow names
    change(author, written, [path])
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
    commit(author, record)  # a start in a stale tab asks too, like any other change
    author.generation += 1
    author.grid_generation += 1
    author.focus = None
    author.event = author.place = 0


def current(author: Author) -> bool:
    """The one revision check: True when this tab holds the draft's newest revision.

    Otherwise another tab or window saved the draft after this tab last read or wrote it,
    and ``author.conflict`` says so: the page asks which version to keep, and nothing is
    written (an edit, a start, Save) or handed out (a download) until the author chooses.
    """
    if author.conflict is not None:
        return False
    if store().stamp(author.token) == author.stamp:
        return True
    saved = store().load(author.token)
    if saved is None or saved.revision <= author.revision:
        return True
    author.conflict = DraftConflict(saved.revision, saved.updated)
    return False


def newer_elsewhere(author: Author) -> bool:
    """Another tab saved this draft after this tab last read or wrote it."""
    return not current(author)


def stale_later(author: Author) -> Callable[[], DraftConflict | None]:
    """The same check for what is made later, outside the page's run (a download made
    when clicked): the conflict if another tab saved the draft meanwhile, else None."""
    drafts, token, revision = store(), author.token, author.revision

    def stale() -> DraftConflict | None:
        saved = drafts.load(token)
        if saved is not None and saved.revision > revision:
            return DraftConflict(saved.revision, saved.updated)
        return None

    return stale


def what_differs(author: Author) -> list[str]:
    """The fields where this tab's story and the stored newer one differ (at most 8)."""
    saved = store().load(author.token)
    theirs = saved.record.get("data") if saved is not None else None
    return differences(theirs, author.data)


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


WATCH_EVERY_S = 300


@st.fragment(run_every=WATCH_EVERY_S)
def watch_other_tabs(author: Author) -> None:
    """Draws nothing. Its timer makes Streamlit run the page again as soon as it reconnects
    to a restarted server, so the page shows the stored draft, never the boxes of a
    session that is gone; and every few minutes it shows a newer version saved in another
    tab (the page asks which to keep) before the author writes anything here."""
    if author.conflict is None and not current(author):
        st.rerun()
