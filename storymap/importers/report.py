"""What an import could not keep or had to change, one line per kind of thing.

Every importer notes each change as it goes (``report.note(message, item)``). The same
message for many slides or rows becomes one line naming them all ("slides 2-16: no
date: …"), so a 500-row spreadsheet does not give 500 identical lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    """Messages in the order first seen, each with the numbered items it is about."""

    noun: str = "item"  # "slide", "event", "row", "feature"
    plural: str = ""
    _items: dict[str, list[int]] = field(default_factory=dict)

    def note(self, message: str, item: int | None = None) -> None:
        """Say ``message`` once about the whole file, or about item number ``item`` (1-based)."""
        items = self._items.setdefault(message, [])
        if item is not None and item not in items:
            items.append(item)

    def lines(self) -> list[str]:
        out = []
        for message, items in self._items.items():
            if not items:
                out.append(message)
            else:
                noun = self.noun if len(items) == 1 else (self.plural or self.noun + "s")
                out.append(f"{noun} {_numbers(items)}: {message}")
        return out


def _numbers(items: list[int]) -> str:
    """'3', '3, 5', '2-16', '1, 4-6': runs of consecutive numbers as ranges."""
    runs: list[list[int]] = []
    for n in sorted(items):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
