"""Spans of a sentence already taken (a credited name, a place), asked in logarithmic time.

The rules ask "is this position, or this word, inside something found already?" for
every word of a sentence; a list searched from the start each time makes that quadratic
on a long paste. ``Spans`` keeps the union of the spans added, sorted and disjoint.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """The union of half-open spans ``[start, end)``; empty spans add nothing."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        low = bisect.bisect_left(self._ends, start)
        high = bisect.bisect_right(self._starts, end)
        if low < high:  # merge with the spans it touches
            start, end = min(start, self._starts[low]), max(end, self._ends[high - 1])
        self._starts[low:high] = [start]
        self._ends[low:high] = [end]

    def covers(self, position: int) -> bool:
        """Whether ``position`` lies inside a span."""
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a position with a span."""
        index = bisect.bisect_left(self._starts, end) - 1  # the last span starting before end
        return index >= 0 and self._ends[index] > start
