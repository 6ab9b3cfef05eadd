"""The Streamlit glue: the only package (with the pages) that imports Streamlit.

Importing it does nothing but define things. The pages use:

- ``story.current_story()``: the story the app shows, located and published for the
  browser once per file version (or a clear page when there is none);
- ``state``: the reader's language and link (its event, or the end), and the deep link
  in the address;
- ``component.reader_map()``: the reader itself, which runs in the browser;
- ``page``: the page's header and style, story text always as plain text;
- ``downloads``: the data page's downloads, made when asked for, and its folium map.
"""
