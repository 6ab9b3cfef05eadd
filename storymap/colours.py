"""How different two map colours look, to every reader, and how well one shows on the map.

Category colours must be told apart by readers with any common colour vision, on
small markers and thin lines, and must show on the map's land colour. Two measures,
computed with ``coloraide``:

- **Difference**: CIEDE2000 (ΔE00) between the two colours as seen with normal vision
  and as simulated for protanopia, deuteranopia and tritanopia (Machado, Oliveira and
  Fernandes 2009, full severity). The smallest of the four is what counts.
  ``MIN_DIFFERENCE`` is 10. A ΔE00 of about 1 is a just-noticeable difference between
  two large patches side by side; map symbols are small, apart from each other, and
  matched against a legend, which needs a difference several times larger. 10 still
  leaves room for seven colours with distinct names that pass the contrast rule below
  (``storymap.style.PALETTE``; its weakest pair is 12.4, blue and bluish green under
  tritanopia); a search of a 16-level sRGB grid found no nine such colours whose
  weakest pair went much beyond 14.
- **Contrast** with the land: the WCAG 2.1 contrast ratio, at least 3:1, the level
  WCAG asks of graphical objects a reader needs (success criterion 1.4.11). It is what
  rules out Okabe–Ito's sky blue (2.1:1) and orange (2.0:1) on our land colour.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from coloraide import Color

Vision = Literal["normal vision", "protanopia", "deuteranopia", "tritanopia"]
VISIONS: tuple[Vision, ...] = ("normal vision", "protanopia", "deuteranopia", "tritanopia")
_FILTER = {"protanopia": "protan", "deuteranopia": "deutan", "tritanopia": "tritan"}
MIN_DIFFERENCE = 10.0
MIN_CONTRAST = 3.0
HEX_COLOUR = r"^#[0-9A-Fa-f]{6}$"


@cache
def seen_with(colour: str, vision: Vision) -> Color:
    """``colour`` as a reader with ``vision`` sees it (Machado 2009 simulation, clipped to sRGB)."""
    seen = Color(colour)
    if vision != "normal vision":
        seen = seen.filter(_FILTER[vision], method="machado").convert("srgb").clip()
    return seen


def difference(first: str, second: str) -> tuple[float, Vision]:
    """The smallest CIEDE2000 difference over the four visions, and the vision it is for."""
    return min(
        (seen_with(first, v).delta_e(seen_with(second, v), method="2000"), v) for v in VISIONS
    )


def contrast(colour: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio, 1 (none) to 21 (black on white)."""
    return Color(colour).contrast(Color(background))


def distinguishable(first: str, second: str) -> bool:
    return difference(first, second)[0] >= MIN_DIFFERENCE
