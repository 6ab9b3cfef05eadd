"""Small lists edited as tables: credits, categories, an event's sources and media, a fact
check's sources. Rows may be added, changed and removed.

A column is a field (``name``) or a field in one language (``role.en``). An outlet may
be one name for every language (``CNA``) or a text per language; it is shown in each
language's column and written back as one name when every language says the same.
The table's edits come back as Streamlit's delta (edited, added and deleted rows), which
``apply_delta`` applies to the rows the table was shown with; each row remembers the
item it came from (``_item``), so fields the table does not show are kept.
"""

from __future__ import annotations

import copy
from typing import Any

from storymap.authoring.rows import ITEM, cell

MIXED_FIELDS = ("outlet", "via")  # one name for every language, or a text per language


def columns_for(fields: list[str], texts: list[str], languages: list[str]) -> list[str]:
    """Plain fields first, then each text field in each language: ``role.id``, ``role.en``."""
    return [*fields, *(f"{name}.{lang}" for name in texts for lang in languages)]


def list_rows(items: Any, columns: list[str]) -> list[dict[str, Any]]:
    """One row per item, with its position in ``_item``."""
    rows = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        item = item if isinstance(item, dict) else {}
        row: dict[str, Any] = {ITEM: index}
        for column in columns:
            name, _, lang = column.partition(".")
            value = item.get(name)
            if lang:
                value = (
                    value.get(lang)
                    if isinstance(value, dict)
                    else value
                    if name in MIXED_FIELDS
                    else None
                )
            row[column] = value if isinstance(value, str) or value is None else str(value)
        rows.append(row)
    return rows


def apply_delta(rows: list[dict[str, Any]], delta: Any) -> list[dict[str, Any]]:
    """The rows after a table's edits: ``{"edited_rows": {i: {col: v}}, "added_rows": [...],
    "deleted_rows": [i, ...]}`` (indexes are the rows as shown)."""
    delta = delta if isinstance(delta, dict) else {}
    result = [dict(row) for row in rows]
    for index, changes in (delta.get("edited_rows") or {}).items():
        position = int(index)
        if 0 <= position < len(result) and isinstance(changes, dict):
            result[position].update(changes)
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    result = [row for position, row in enumerate(result) if position not in deleted]
    for added in delta.get("added_rows") or []:
        if isinstance(added, dict):
            result.append({ITEM: None, **added})
    return result


def items_from_rows(
    rows: list[dict[str, Any]], columns: list[str], old: Any
) -> list[dict[str, Any]]:
    """The list written back: each row's fields over the item it came from; empty rows dropped."""
    old_items = old if isinstance(old, list) else []
    items = []
    for row in rows:
        source = row.get(ITEM)
        base = old_items[source] if isinstance(source, int) and source < len(old_items) else {}
        item = copy.deepcopy(base) if isinstance(base, dict) else {}
        texts: dict[str, dict[str, Any]] = {}
        for column in columns:
            name, _, lang = column.partition(".")
            value = cell(row.get(column))
            if lang:
                texts.setdefault(name, {})[lang] = value
            elif value is None:
                item.pop(name, None)
            else:
                item[name] = value
        for name, by_lang in texts.items():
            given = {lang: value for lang, value in by_lang.items() if value is not None}
            if not given:
                item.pop(name, None)
            elif (
                name in MIXED_FIELDS
                and len(set(given.values())) == 1
                and len(given) == len(by_lang)
            ):
                item[name] = next(iter(given.values()))
            else:
                kept = item.get(name) if isinstance(item.get(name), dict) else {}
                extra = {
                    k: v for k, v in kept.items() if k not in by_lang
                }  # e.g. a quote's original
                item[name] = {**extra, **given}
        if item:
            items.append(item)
    return items
