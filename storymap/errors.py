"""The one base of every error storymap raises on purpose.

Each is something a person can fix (a story file, a place name, a missing folder,
a geocoder that is down), and its ``str()`` is the message to show them. The CLI
and the app catch ``StorymapError`` (and ``OSError``) and never show a traceback.
"""

from __future__ import annotations


class StorymapError(Exception):
    """A problem with the user's input or environment; the message says what and where."""
