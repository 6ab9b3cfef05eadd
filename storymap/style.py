"""The map's colours and line styles, written once: category colours, route modes, base map.

Every renderer (the browser payload, folium, the handout, the overview picture) takes a
story's category colours from ``category_styles`` and route line styles from
``ROUTE_STYLES``, so the app, every export and the PNG draw the same thing.

Category colours come from ``PALETTE``: seven colours with distinct names that readers
tell apart with normal vision and with protanopia, deuteranopia and tritanopia, each
showing on the land colour (``storymap.colours`` says how that is measured). A story
may set its own colour for a category; the palette then avoids colours too close to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from storymap.colours import MIN_CONTRAST, MIN_DIFFERENCE, contrast, difference, distinguishable
from storymap.i18n import t
from storymap.model import BUILTIN_CATEGORIES, Story, Text

# Based on Okabe–Ito (blue, vermillion, bluish green); its sky blue and orange show too
# faintly on our land colour, and its sky blue was a second blue beside the first.
PALETTE: tuple[tuple[str, str], ...] = (
    ("blue", "#0072B2"),
    ("vermillion", "#D55E00"),
    ("bluish green", "#009E73"),
    ("reddish purple", "#AA3377"),
    ("brown", "#6B4226"),
    ("violet", "#4B0082"),
    ("black", "#1A1A1A"),
)
PALETTE_COLOURS: tuple[str, ...] = tuple(colour for _, colour in PALETTE)

# Each built-in category's colour when the story leaves it free; two pairs share one,
# and the second of a pair a story uses gets the next free colour of the palette.
PREFERRED_COLOURS: dict[str, str] = {
    "diplomacy": "#0072B2",
    "military": "#D55E00",
    "economy": "#009E73",
    "transport": "#AA3377",
    "history": "#6B4226",
    "society": "#4B0082",
    "disaster": "#1A1A1A",
    "exploration": "#AA3377",
    "environment": "#009E73",
}
NEUTRAL = "#999999"  # a place before any event, or at the overview: grey, fainter than any category

# The offline base map (Natural Earth outlines) and the water under it.
OCEAN = "#d9e6f2"
LAND = "#f4f1ea"
BORDER = "#8c8c8c"

BASE_MAP = {"ocean": OCEAN, "land": LAND, "border": BORDER, "neutral": NEUTRAL}


@dataclass(frozen=True)
class RouteStyle:
    """How a route mode's line is drawn, whatever its colour (the colour is its category's).

    ``dash`` is on/off lengths in pixels at ``width`` (SVG and Leaflet ``dashArray``;
    matplotlib takes the same numbers divided by the width); empty is a solid line.
    """

    dash: tuple[float, ...]
    width: float
    cap: Literal["butt", "round"] = "butt"

    @property
    def dash_array(self) -> str | None:
        return " ".join(f"{n:g}" for n in self.dash) or None

    def name(self, mode: str, lang: str) -> str:
        """The mode's name in the legend, in the interface language."""
        return t(f"route_mode_{mode}", lang)


# One line per mode, told apart without colour: dashes, dots, dash-dots, or width.
ROUTE_STYLES: dict[str, RouteStyle] = {
    "flight": RouteStyle((8, 6), 2.5),
    "sea": RouteStyle((16, 6), 3),
    "road": RouteStyle((), 3),
    "rail": RouteStyle((10, 4, 2, 4), 3),
    "walk": RouteStyle((1, 6), 3, "round"),
    "deployment": RouteStyle((), 5.5),
    "other": RouteStyle((4, 4), 2),
}


@dataclass(frozen=True)
class CategoryStyle:
    """How a category is drawn and named: its colour and its name in each story language."""

    colour: str
    name: Text


@dataclass(frozen=True)
class ColourProblem:
    """A category that cannot get a colour every reader tells apart; ``message`` says why."""

    category: str
    message: str


def categories_used(story: Story) -> list[str]:
    """The categories the story's events use: built-ins in their order, then the story's own."""
    used = {event.category for event in story.events}
    declared = [c.id for c in story.categories if c.id not in BUILTIN_CATEGORIES]
    return [c for c in (*BUILTIN_CATEGORIES, *declared) if c in used]


def category_colours(story: Story) -> tuple[dict[str, str], list[ColourProblem]]:
    """A colour for every category the story uses, and the problems if some cannot get one.

    Deterministic: the author's colours first, then each built-in's preferred colour if
    free, then the palette's colours in order, skipping any too close to an author's.
    """
    authors = {c.id: c.colour for c in story.categories if c.colour is not None}
    used = categories_used(story)
    problems = list(_author_colour_problems(used, authors))
    colours = {c: authors[c] for c in used if c in authors}
    free = [
        colour
        for colour in PALETTE_COLOURS
        if all(distinguishable(colour, fixed) for fixed in colours.values())
    ]
    for category in used:
        if category in colours:
            continue
        preferred = PREFERRED_COLOURS.get(category)
        choice = preferred if preferred in free else next(iter(free), None)
        if choice is None:
            problems.append(ColourProblem(category, _no_colour_left(category, used)))
            continue
        colours[category] = choice
        free.remove(choice)
    return colours, problems


def category_styles(story: Story) -> dict[str, CategoryStyle]:
    """The colour and the name of every category the story uses, in legend order."""
    colours, _ = category_colours(story)
    names = {c.id: c.name for c in story.categories if c.name is not None}
    styles = {}
    for category in categories_used(story):
        name = names.get(category) or Text(
            {lang: t(f"category_{category}", lang) for lang in story.languages}
        )
        styles[category] = CategoryStyle(colours.get(category, NEUTRAL), name)
    return styles


def _author_colour_problems(used: list[str], authors: dict[str, str]) -> Iterator[ColourProblem]:
    """Author colours that do not show on the land, or that readers would confuse."""
    checked: list[str] = []
    for category in used:
        colour = authors.get(category)
        if colour is None:
            continue
        ratio = contrast(colour, LAND)
        if ratio < MIN_CONTRAST:
            yield ColourProblem(
                category,
                f"{colour} is too faint on the map's land colour {LAND}: contrast "
                f"{ratio:.1f}:1, at least {MIN_CONTRAST:.0f}:1 is needed; choose a darker colour",
            )
        for other in [*checked, None]:
            other_colour = authors[other] if other else NEUTRAL
            delta, vision = difference(colour, other_colour)
            if delta < MIN_DIFFERENCE:
                whose = f"the colour of '{other}'" if other else "the grey of places without events"
                yield ColourProblem(
                    category,
                    f"{colour} is too close to {whose} ({other_colour}) for readers to tell "
                    f"apart: ΔE00 {delta:.1f} with {vision}, at least {MIN_DIFFERENCE:.0f} is needed",
                )
        checked.append(category)


def _no_colour_left(category: str, used: list[str]) -> str:
    return (
        f"no colour is left for '{category}': the story uses {len(used)} categories and the "
        f"palette has {len(PALETTE)} colours every reader can tell apart; merge categories, "
        "or give some a colour of your own under categories"
    )
