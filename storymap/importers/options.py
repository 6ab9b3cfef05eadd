"""What the person importing may say that the file does not: its name, language and id."""

from __future__ import annotations

from dataclasses import dataclass

from storymap.importers.result import ImportFailed
from storymap.languages import check_language


@dataclass(frozen=True)
class ImportOptions:
    """``lang`` None: the file's own language if it names one, else English."""

    name: str = "upload"
    lang: str | None = None
    story_id: str | None = None
    places: bytes | None = None  # storymap's places CSV, beside its events CSV

    def language(self, from_file: object = None) -> str:
        """The story's language: as asked, else the file's (a valid BCP 47 code), else en."""
        if self.lang:
            try:
                return check_language(self.lang)
            except ValueError as error:
                raise ImportFailed(f"--lang {self.lang}: {error}") from None
        if isinstance(from_file, str) and from_file.strip():
            try:
                return check_language(from_file.strip())
            except ValueError:
                return "en"
        return "en"
