"""storymap: tell a news story on a map.

The pipeline, one pure step per module::

    load_story(path) -> Story -> geocode_story(story) -> {place id: Location}
        -> places_frame / events_frame (GeoDataFrames) -> reader payload / exports

The library never imports Streamlit; the app's glue lives in ``storymap_ui``.
"""

__version__ = "0.1.0"
