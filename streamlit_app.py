"""The entry page: the reader's story map first, then the presenter and data pages.

Each page lives in pages/; this file only names them and their addresses, so a deep
link like /?event=kremlin-meeting&lang=en opens the reader and /presenter?event=... the presenter.
"""

import streamlit as st

st.navigation(
    [
        st.Page("pages/reader.py", title="Peta cerita · Story map", icon="🗺️", default=True),
        st.Page(
            "pages/presenter.py", title="Presentasi · Presenter", icon="📽️", url_path="presenter"
        ),
        st.Page("pages/data.py", title="Data", icon="📊", url_path="data"),
    ]
).run()
