"""The optional online geocoder (Nominatim via geopy): off unless switched on.

OpenStreetMap's Nominatim asks for at most one request per second and a real user
agent; answers are cached on disk so the same name is never asked twice, and a
server that cannot be reached is a clear ``GeocodeUnavailable``, not a traceback.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Protocol

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter

from storymap.geocoding.base import GeocodeUnavailable, Location, Query

USER_AGENT = "storymap/0.1 (interactive news story maps; https://github.com/storymap)"
DEFAULT_CACHE = Path(os.environ.get("STORYMAP_CACHE", Path.home() / ".cache" / "storymap"))
ONLINE_PRECISION_KM = 5.0


class Geocoder(Protocol):
    """What we use of a geopy geocoder."""

    def geocode(self, query: str, **kwargs: Any) -> Any: ...


def nominatim(timeout: float = 5.0) -> Geocoder:
    """A geopy Nominatim client with our user agent and a timeout."""
    from geopy.geocoders import Nominatim

    return Nominatim(user_agent=USER_AGENT, timeout=timeout)


class NominatimLayer:
    """Ask an online geocoder, at most once per second per name, remembering answers."""

    name = "nominatim"

    def __init__(
        self,
        geocoder: Geocoder | None = None,
        cache_path: Path = DEFAULT_CACHE / "nominatim.json",
        min_delay_seconds: float = 1.0,
    ) -> None:
        self._geocoder = geocoder or nominatim()
        self._ask = RateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self._cache_path = cache_path
        self._cache: dict[str, Any] = self._read_cache()

    def _read_cache(self) -> dict[str, Any]:
        try:
            return json.loads(self._cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_cache(self) -> None:
        self._cache_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._cache_path.with_suffix(".tmp")
        temporary.write_text(
            json.dumps(self._cache, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        temporary.replace(self._cache_path)

    def locate(self, query: Query) -> Location | None:
        name = query.names[0]
        key = f"{name}|{query.country or ''}"
        if key not in self._cache:
            kwargs: dict[str, Any] = {"exactly_one": True}
            if query.country:
                kwargs["country_codes"] = query.country.lower()
            try:
                answer = self._ask(name, **kwargs)
            except GeopyError as exc:
                raise GeocodeUnavailable(
                    f"the online geocoder (Nominatim) could not be reached for '{name}': "
                    f"{type(exc).__name__}: {exc}. Offline layers still work; "
                    "run without --online or add coordinates to the story."
                ) from None
            self._cache[key] = (
                None
                if answer is None
                else {"lat": answer.latitude, "lon": answer.longitude, "address": answer.address}
            )
            self._write_cache()
        hit = self._cache[key]
        if hit is None:
            return None
        note = f"OpenStreetMap Nominatim: {hit['address']}"
        return Location(hit["lat"], hit["lon"], self.name, ONLINE_PRECISION_KM, name, note)

    def suggest(self, query: Query, limit: int = 3) -> list[str]:
        return []
