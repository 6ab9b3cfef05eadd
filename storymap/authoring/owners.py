"""Which browser owns a draft: a secret the server gives each browser, signed by the server.

The server mints a random secret for a browser that has none and signs it with a key of
its own (``owner.key`` in the cache folder, readable by the server's user only, made once
and shared by every server process on that folder). The browser keeps ``secret.signature``
in a cookie; a draft records only a hash of the secret (``owner_id``), so the drafts
folder reveals no cookie. A value the server did not sign (made up, or from another
server) is refused (``verify``), so every owner the server trusts, the server issued.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

COOKIE = "storymap_owner"
COOKIE_DAYS = 365
KEY_FILE = "owner.key"


def signing_key(cache: Path) -> bytes:
    """The server's signing key in ``cache``, made (mode 0600) the first time it is asked for."""
    path = cache / KEY_FILE
    with contextlib.suppress(FileNotFoundError):
        return _read_key(path)
    cache.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:  # another process may make it at the same moment: the first one written wins
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(handle, "wb") as output:
        output.write(key.hex().encode())
    return key


def _read_key(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    key = bytes.fromhex(text) if len(text) == 64 else b""
    if not key:
        raise ValueError(f"{path} is not a storymap signing key (64 hexadecimal digits)")
    return key


def mint(key: bytes) -> str:
    """A new browser's cookie value: a random secret and the server's signature of it."""
    return _signed(key, secrets.token_urlsafe(24))


def verify(key: bytes, value: object) -> str | None:
    """The secret in a cookie value the server signed, or None for anything else."""
    if not isinstance(value, str) or value.count(".") != 1 or len(value) > 200:
        return None
    secret, _ = value.split(".")
    return secret if secret and hmac.compare_digest(_signed(key, secret), value) else None


def owner_id(secret: str) -> str:
    """What a draft records of its owner: a hash, never the secret."""
    return hashlib.sha256(f"storymap-owner:{secret}".encode()).hexdigest()


def _signed(key: bytes, secret: str) -> str:
    digest = hmac.new(key, f"owner:{secret}".encode(), hashlib.sha256).digest()
    return f"{secret}.{base64.urlsafe_b64encode(digest).decode('ascii').rstrip('=')}"
