"""Writing a story without touching YAML: the author page's logic, free of Streamlit.

The page (``pages/author.py`` with ``storymap_ui.author_*``) keeps the story being
written as plain data, the same dictionaries a story file reads into, so a story that
does not validate yet can still be edited, saved as a draft and downloaded. Modules,
one job each:

- ``paths``: field paths (``events[2].date``) read from problems, anchors for the page,
  reading and writing a value at a path;
- ``rows``: the editing tables' rows and the edits made in them, turned back into data;
  adding, removing and reordering events and places;
- ``starts``: a story to start from: blank, from an article (the draft), an upload, a file;
- ``uploads``: what an uploaded file is, refused in one line when it is hostile;
- ``checks``: every validation and geocoding problem at once, each at its field;
- ``place_search``: one search for a place's name over every country, the story's first;
- ``placing``: a point from a map click, the country check;
- ``ids``: readable ids made from names, following them, carried into the events;
- ``store``: the draft kept per session on the server, written atomically;
- ``saving``: saving into the stories folder, never over a newer file, keeping the old one;
- ``exports``: the story as YAML text and the site as one zip.
"""
