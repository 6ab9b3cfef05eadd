"""The optional online geocoder (Nominatim via geopy): off unless switched on.

OpenStreetMap's Nominatim asks for at most one request per second and a real user
agent; answers are cached on disk so the same name is never asked twice. Nothing
from the network or the cache file is trusted: an answer must have an address and
finite coordinates in range, a bad cache entry is dropped with a note, and each
lookup has an overall deadline, so a server that answers one byte at a time cannot
hold a story for longer. Any of these is a clear ``GeocodeUnavailable``, never a
traceback. The endpoint is a setting (``STORYMAP_NOMINATIM_URL`` or the CLI's
``--nominatim-url``), for people who run their own Nominatim.
"""

from __future__ import annotations

import json
import math
import os
import queue
import threading
import warnings
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter

from storymap import settings
from storymap.geocoding.base import GeocodeUnavailable, Location, Query, cache_folder
from storymap.messages import quote

USER_AGENT = "storymap/0.1 (interactive news story maps; https://github.com/storymap)"
DEFAULT_URL = "https://nominatim.openstreetmap.org"
ONLINE_PRECISION_KM = 5.0
READ_TIMEOUT_S = 5.0  # geopy's timeout: for each connect or read, not the whole answer
DEADLINE_S = 10.0  # the whole lookup, however the server dribbles its answer


class Geocoder(Protocol):
    """What we use of a geopy geocoder."""

    def geocode(self, query: str, **kwargs: Any) -> Any: ...


def nominatim_url() -> str:
    """The Nominatim endpoint: ``$STORYMAP_NOMINATIM_URL`` or OpenStreetMap's own."""
    return settings.nominatim_url(DEFAULT_URL)


def nominatim(url: str | None = None, timeout: float = READ_TIMEOUT_S) -> Geocoder:
    """A geopy Nominatim client for ``url`` (default: ``nominatim_url()``), with our user agent."""
    from geopy.geocoders import Nominatim

    address = url or nominatim_url()
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GeocodeUnavailable(
            f"the Nominatim address {quote(address)} is not an http(s) address "
            "such as https://nominatim.openstreetmap.org"
        )
    domain = parts.netloc + parts.path.rstrip("/")
    return Nominatim(user_agent=USER_AGENT, timeout=timeout, domain=domain, scheme=parts.scheme)


def _number(text: Any) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _valid_place(lat: Any, lon: Any, address: Any) -> bool:
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    return (
        numbers
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
        and isinstance(address, str)
        and bool(address.strip())
    )


class NominatimLayer:
    """Ask an online geocoder, at most once per second per name, remembering answers."""

    name = "nominatim"

    def __init__(
        self,
        geocoder: Geocoder | None = None,
        cache_path: Path | None = None,
        min_delay_seconds: float = 1.0,
        deadline_seconds: float = DEADLINE_S,
        url: str | None = None,
    ) -> None:
        self._geocoder = geocoder or nominatim(url)
        self._deadline = deadline_seconds
        self._ask = RateLimiter(
            self._geocode_within_deadline,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self._cache_path = cache_path or cache_folder() / "nominatim.json"
        self.notes: list[str] = []  # what was wrong with the cache file, for the user
        self._cache: dict[str, dict[str, Any] | None] = self._read_cache()

    def _read_cache(self) -> dict[str, dict[str, Any] | None]:
        try:
            data = json.loads(self._cache_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError):  # nothing remembered yet
            return {}
        except (OSError, ValueError) as exc:
            self.notes.append(f"ignored the cache file {self._cache_path}: {exc}")
            return {}
        if not isinstance(data, dict):
            self.notes.append(f"ignored the cache file {self._cache_path}: not a JSON object")
            return {}
        good = {
            key: hit
            for key, hit in data.items()
            if hit is None
            or (isinstance(hit, dict) and _valid_place(hit.get("lat"), hit.get("lon"), hit.get("address")))
        }  # fmt: skip
        if len(good) < len(data):
            self.notes.append(
                f"dropped {len(data) - len(good)} unusable entries of the cache file {self._cache_path}"
            )
        return good

    def _write_cache(self) -> None:
        try:
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._cache_path.with_suffix(f".{os.getpid()}.tmp")
            text = json.dumps(self._cache, ensure_ascii=False, indent=1, allow_nan=False)
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self._cache_path)
        except OSError as exc:
            self.notes.append(f"could not remember answers in {self._cache_path}: {exc.strerror}")

    def _geocode_within_deadline(self, name: str, **kwargs: Any) -> Any:
        """Ask in a worker thread and stop waiting at the deadline.

        geopy's timeout applies to each socket operation, so a server sending a byte
        every few seconds never trips it. The worker is a daemon: if it is still
        stuck when the program ends, it does not keep the program alive.
        """
        answers: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

        def ask() -> None:
            try:
                answers.put((True, self._geocoder.geocode(name, **kwargs)))
            except Exception as exc:  # handed to the caller's thread, which decides
                answers.put((False, exc))

        threading.Thread(target=ask, name=f"nominatim {name[:40]}", daemon=True).start()
        try:
            ok, value = answers.get(timeout=self._deadline)
        except queue.Empty:
            raise TimeoutError(f"no complete answer within {self._deadline:g} s") from None
        if not ok:
            raise value
        return value

    def locate(self, query: Query) -> Location | None:
        name = query.names[0]
        key = f"{name}|{query.country or ''}"
        if key not in self._cache:
            self._cache[key] = self._lookup(name, query.country)
            self._write_cache()
        hit = self._cache[key]
        if hit is None:
            return None
        note = f"OpenStreetMap Nominatim: {hit['address']}"
        return Location(hit["lat"], hit["lon"], self.name, ONLINE_PRECISION_KM, name, note)

    def _lookup(self, name: str, country: str | None) -> dict[str, Any] | None:
        kwargs: dict[str, Any] = {"exactly_one": True}
        if country:
            kwargs["country_codes"] = country.lower()
        try:
            with warnings.catch_warnings():  # geopy warns before refusing latitude 999
                warnings.simplefilter("ignore", UserWarning)
                answer = self._ask(name, **kwargs)
        except GeopyError as exc:  # before TimeoutError: geopy's GeocoderTimedOut is one too
            raise self._unavailable(name, "could not be reached", exc) from None
        except TimeoutError as exc:
            raise self._unavailable(name, "did not answer in time", exc) from None
        except OSError as exc:
            raise self._unavailable(name, "could not be reached", exc) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # geopy's parsing
            raise self._unavailable(name, "sent an answer that is not a place", exc) from None
        if answer is None:
            return None
        lat, lon, address = (getattr(answer, a, None) for a in ("latitude", "longitude", "address"))
        raw = getattr(answer, "raw", None)
        if isinstance(raw, dict):  # geopy wraps longitude 999 round to -81: check what was sent
            lat, lon = _number(raw.get("lat")), _number(raw.get("lon"))
        if not _valid_place(lat, lon, address):
            problem = ValueError(f"lat {lat!r}, lon {lon!r}, address {address!r}")
            raise self._unavailable(name, "sent an answer that is not a place", problem)
        return {"lat": lat, "lon": lon, "address": address}

    def _unavailable(self, name: str, what: str, exc: BaseException) -> GeocodeUnavailable:
        return GeocodeUnavailable(
            f"the online geocoder (Nominatim) {what} for {quote(name)}: "
            f"{type(exc).__name__}: {quote(str(exc), 120)[1:-1]}. Offline layers still work; "
            "run without --online or add coordinates to the story."
        )

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        return []
