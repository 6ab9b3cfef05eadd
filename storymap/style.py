"""The map's colours, written once: the category palette and the base map.

The browser gets them in the reader payload, folium and the overview picture import
them, so the app, every export and the PNG draw the same colours.
"""

from __future__ import annotations

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS: dict[str, str] = {
    "diplomacy": "#0072B2",
    "military": "#D55E00",
    "economy": "#009E73",
    "transport": "#CC79A7",
    "history": "#E69F00",
    "society": "#56B4E9",
}
NEUTRAL = "#5b6270"  # a place before any event, or at the overview

# The offline base map (Natural Earth outlines) and the water under it.
OCEAN = "#d9e6f2"
LAND = "#f4f1ea"
BORDER = "#8c8c8c"

BASE_MAP = {"ocean": OCEAN, "land": LAND, "border": BORDER, "neutral": NEUTRAL}
