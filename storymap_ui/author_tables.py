"""The author page's tables (events, places, sources, credits…): edits that are never lost.

Streamlit's data editor keeps, in the browser, every edit made since it was drawn, and
sends them all (a delta: edited, added and removed rows) after each one. A table drawn
again under a new key is a new table: an edit being typed into the old one when it is
replaced is lost (the English outlet cell, typed right after the Indonesian one, never
arrived). So the table an edit came from is drawn again exactly as it was, under the
same key, until something else changes the story; its whole delta is applied each time
to the story as it was when the table was drawn. Every other table, and the forms, are
drawn afresh to show the edit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from storymap_ui.author_state import Author

EDITS = ("edited_rows", "added_rows", "deleted_rows")
# Writes a table's delta into the story: (the story and the rows it was drawn from, delta).
Apply = Callable[[dict[str, Any], list[dict[str, Any]], dict[str, Any]], None]


@dataclass
class Table:
    """A table as drawn: its key, the story and rows it was drawn from, and its writer."""

    key: str
    data: dict[str, Any]
    rows: list[dict[str, Any]]
    apply: Apply
    applied: str = ""  # the delta last written, as text


def data_table(
    author: Author,
    name: str,
    rows: list[dict[str, Any]],
    columns: list[str],
    config: dict[str, Any],
    apply: Apply,
    disabled: list[str] = (),
) -> None:
    """A table of the story's items that rows can be added to and removed from; its edits
    are written by ``apply`` on the page's next run (``apply_edits``)."""
    import pandas as pd

    from storymap.authoring.rows import ITEM

    kept = author.kept_table
    if isinstance(kept, tuple) and kept[0] == (name, author.grid_generation):
        table = kept[1]  # the table being edited: as it was drawn, under its key
    else:
        table = Table(f"g{author.grid_generation}:{name}", author.data or {}, rows, apply)
    st.data_editor(
        pd.DataFrame(table.rows, columns=[ITEM, *columns]),
        key=table.key,
        num_rows="dynamic",
        hide_index=True,
        placeholder="",
        column_order=columns,
        column_config=config,
        disabled=list(disabled),
        width="stretch",
    )
    author.tables[name] = table


def apply_edits(author: Author) -> None:
    """Write the edits made in the tables since the last run, before anything is drawn."""
    drawn, author.tables = author.tables, {}
    kept = author.kept_table
    if isinstance(kept, tuple) and kept[0][0] not in drawn:
        author.kept_table = None  # the author left it: drawn afresh when shown again
    for name, table in drawn.items():
        delta = st.session_state.get(table.key)
        if not (isinstance(delta, dict) and any(delta.get(part) for part in EDITS)):
            continue
        text = json.dumps(delta, sort_keys=True, default=str)
        if text == table.applied:
            continue
        table.apply(table.data, table.rows, delta)
        table.applied = text
        author.generation += 1  # the forms show the edit
        author.grid_generation += 1  # and so do the other tables
        author.kept_table = ((name, author.grid_generation), table)  # not this one
