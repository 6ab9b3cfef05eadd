"""How much one import may hold: rows, slides, events or features."""

from __future__ import annotations

from storymap.importers.result import ImportFailed

MAX_ROWS = 20_000


def check_count(count: int, name: str, what: str) -> None:
    """Refuse more than ``MAX_ROWS`` slides, events or features: too many to import at once."""
    if count > MAX_ROWS:
        raise ImportFailed(
            f"{name}: {count:,} {what} are more than {MAX_ROWS:,}: too many to import at once"
        )
