"""What is wrong with a story file, where, and the error that carries the list."""

from __future__ import annotations

from dataclasses import dataclass

from storymap.errors import StorymapError
from storymap.messages import one_line

MAX_PROBLEMS_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story file: where it is and what is wrong, always on one line
    (a key or value that holds a newline is written out)."""

    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        at = f"line {self.line}: " if self.line else ""
        return one_line(f"{at}{self.where}: {self.message}")


class StoryError(StorymapError):
    """A story file that cannot be used; ``problems`` lists everything found.

    The message is one line for one problem; for more it lists the first
    ``MAX_PROBLEMS_LISTED`` and says how many more there are, so 20,000 problems
    make a screenful, not megabytes.
    """

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        named = one_line(source)
        if len(problems) == 1:
            super().__init__(f"{named}: {problems[0]}")
            return
        lines = [f"  - {p}" for p in problems[:MAX_PROBLEMS_LISTED]]
        if len(problems) > MAX_PROBLEMS_LISTED:
            lines.append(f"  … and {len(problems) - MAX_PROBLEMS_LISTED:,} more")
        super().__init__(f"{named}: {len(problems):,} problems\n" + "\n".join(lines))
