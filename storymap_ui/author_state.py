"""The author page's session: the draft it edits, kept on the server so nothing is lost.

The draft's token is in the address (``?draft=…``): a reload, or a second tab opened on
the same address, finds the same draft in the store (``storymap.authoring.store``).
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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from storymap.authoring.ids import follow_written
from storymap.authoring.order import todo_done
from storymap.authoring.paths import FieldPath, differences, set_at
from storymap.authoring.starts import Start
from storymap.authoring.store import (
    DraftConflict,
    DraftError,
    DraftStore,
    drafts_folder,
    is_token,
    new_token,
)

KEY = "author"


@dataclass
class Author:
    """What one browser tab is writing, and where it is on the page."""

    token: str
    record: dict[str, Any]
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
    """Drafts older than 30 days are removed when the store is first used."""
    drafts = DraftStore(Path(folder))
    with contextlib.suppress(OSError):  # an unwritable cache folder is said when a draft is kept
        drafts.prune()
    return drafts


def session() -> Author:
    """This tab's draft: the session's, else the one the address names, else a new one."""
    author = st.session_state.get(KEY)
    token = st.query_params.get("draft")
    if isinstance(author, Author) and (token is None or token == author.token):
        st.query_params["draft"] = author.token
        return author
    author = _restore(token) if is_token(token) else None
    if author is None:
        author = Author(token if is_token(token) else new_token(), {"data": None})
    st.query_params["draft"] = author.token
    st.session_state[KEY] = author
    return author


def _restore(token: str) -> Author | None:
    saved = store().load(token)
    if saved is None:
        return None
    return Author(token, saved.record, saved.revision, store().stamp(token))


def commit(author: Author, record: dict[str, Any], force: bool = False) -> bool:
    """Keep ``record`` in the session and in the store; False when another tab's newer
    save is in the way (``author.conflict`` says so) or the store refused it."""
    author.record = record
    try:
        saved = store().save(author.token, record, author.revision, force=force)
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
    return True


def change(author: Author, data: dict[str, Any], written: list[FieldPath] = ()) -> None:
    """The story's data changed through a widget: keep it; ``written`` fields are done (and
    a written name or title carries its item's id with it)."""
    for path in written:
        data = follow_written(author.data or {}, data, path)
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
