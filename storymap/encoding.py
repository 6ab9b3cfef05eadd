"""Bytes that should be UTF-8 text: one reading, and one message for what is not.

Story files, imports, articles and uploads all come as bytes from someone else. Each is
read here, so a Latin-1 or UTF-16 file gets the same one line wherever it arrives (the
command line, the author page, an import): what the bytes are, and to save the file as
UTF-8. A byte-order mark is allowed and dropped.
"""

from __future__ import annotations

from storymap.errors import StorymapError

SAVE_AS_UTF8 = "save it as UTF-8 (Save as… → Encoding: UTF-8)"
_SIGNATURES = {
    b"\x89PNG": "a PNG picture",
    b"\xff\xd8\xff": "a JPEG picture",
    b"GIF8": "a GIF picture",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive (or a Word or Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}


class NotText(StorymapError, ValueError):
    """Bytes that are not UTF-8 text; the message is the reason, without the file's name,
    to follow it: ``f"{name} {exc}"``."""


def why_not_text(data: bytes, what: str = "text") -> str | None:
    """Why ``data`` is not UTF-8 text (a known binary, UTF-16, NUL bytes, other bytes), or None."""
    kind = next(
        (kind for signature, kind in _SIGNATURES.items() if data.startswith(signature)), None
    )
    if kind:
        return f"is {kind}, not {what}"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        return f"is UTF-16 text: {SAVE_AS_UTF8}"
    if b"\x00" in data:
        return f"is binary data (it contains NUL bytes), not {what}"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"is not UTF-8 text (byte {exc.start:,} is not valid): {SAVE_AS_UTF8}"
    return None


def decode_text(data: bytes, what: str = "text") -> str:
    """``data`` as text, or ``NotText`` saying in one line why not (see ``why_not_text``)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text or _looks_like_binary_start(data):
        raise NotText(why_not_text(data, what) or "is not UTF-8 text")
    return text


def _looks_like_binary_start(data: bytes) -> bool:
    return data.startswith(tuple(_SIGNATURES)) or _looks_like_utf16(data)


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of Latin text is NUL."""
    head = data[:400]
    return len(head) >= 8 and (
        head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4
    )
