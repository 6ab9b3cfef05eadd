"""A static overview map of a located story, as PNG bytes, for slides and handouts.

Natural Earth outlines, the routes as great-circle lines through their waypoints in
their mode's line style, every place as a circle in the colour of the last event
there, names in the chosen language, a legend of the story's categories and route
modes and a credits line. A story across the Pacific is centred on the Pacific.

- ``window``: which longitudes the map shows, and where it cuts the round world;
- ``projection``: which projection and frame fit the story's places (pure numbers);
- ``plan``: where every place and route goes, before anything is drawn;
- ``labels``: where each label goes, as plain boxes (no matplotlib);
- ``marks``: what is drawn, read from the story (places, routes, label priorities);
- ``text``: story text as the picture draws it;
- ``drawing``: the map's layers on a matplotlib ``Axes``;
- ``overview``: the page around the map, and ``overview_png``, the entry point.
"""

from __future__ import annotations

from storymap.export.picture.overview import overview_png

__all__ = ["overview_png"]
