"""The optional parts of storymap and the extra that installs each (``pyproject.toml``).

The core (validate, geocode offline, events, import, and every export but the picture and
what carries it: the student and teacher sheets, the static site) needs no extra. A part
whose libraries are missing says so in one line that names the extra, before anything is
imported, instead of a ``ModuleNotFoundError`` from deep inside.
"""

from __future__ import annotations

from importlib.util import find_spec

from storymap.errors import StorymapError

# extra -> (what it is for, the modules it brings, as imported); pyproject.toml declares the
# distributions (tests/test_packaging.py keeps the two in step)
_PICTURE = ("matplotlib",)
_DRAFT = ("trafilatura", "py3langid", "text_to_num")
EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "picture": ("the overview picture (in --format png, the sheets and the site)", _PICTURE),
    "draft": ("a draft from an article", _DRAFT),
    "online": ("online geocoding (--online)", ("geopy",)),
    # the data page offers the picture and the author page makes drafts
    "app": (
        "the Streamlit app",
        ("streamlit", "starlette", "folium", "branca", *_PICTURE, *_DRAFT),
    ),
}


class MissingExtra(StorymapError):
    """A part of storymap was asked for whose libraries are not installed."""


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [name for name in EXTRAS[extra][1] if find_spec(name) is None]


def require(extra: str) -> None:
    """Raise ``MissingExtra`` (one line, naming the extra) unless ``extra`` is installed."""
    missing = missing_modules(extra)
    if missing:
        purpose = EXTRAS[extra][0]
        raise MissingExtra(
            f"{purpose} needs {', '.join(missing)}, which "
            f"{'is' if len(missing) == 1 else 'are'} not installed: "
            f"pip install 'storymap[{extra}]'"
        )
