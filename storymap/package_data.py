"""Where storymap's own files are, installed or in a checkout, and where stories are.

The data the library reads (Natural Earth outlines, the curated places, the gazetteer,
the story schema, the credits) has one source, the repository's ``geodata/``. A wheel
carries a copy of it inside the package (``storymap/geodata/``, see ``pyproject.toml``);
a checkout has no such copy and reads ``geodata/`` itself. Templates, the interface's
words and the browser code live inside the package in both. Everything is found through
``importlib.resources``, so an installed storymap works from any directory.
Stories are never part of the package: ``settings.stories_folder()`` says where they are.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files("storymap")))
CHECKOUT = PACKAGE.parent  # the repository, when run from a checkout
_BUNDLED = PACKAGE / "geodata"  # only in an installed wheel
INSTALLED = _BUNDLED.is_dir()  # installed from a wheel, not run from a checkout

GEODATA = _BUNDLED if INSTALLED else CHECKOUT / "geodata"
CURATED_PLACES = GEODATA / "places.geojson"
COUNTRY_OUTLINES = GEODATA / "naturalearth" / "countries-110m.geojson"
GAZETTEER = GEODATA / "gazetteer"
STORY_SCHEMA = GEODATA / "story.schema.json"
CREDITS = GEODATA / "SOURCES.md"

TEMPLATES = PACKAGE / "templates"
LOCALES = PACKAGE / "locales"
WEB = PACKAGE / "web"
