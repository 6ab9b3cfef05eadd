"""A minimal Streamlit page for `loadtest_minimal.py`: one text box whose value is written
to a file on every change, and thirty lines that show it. The control for the load test:
the same typing, under the same load, on a page with none of storymap's parts."""

import os
import pathlib

import streamlit as st

STORE = pathlib.Path(os.environ["MINIMAL_STORE"])
if "token" not in st.session_state:
    st.session_state.token = os.urandom(6).hex()


def save() -> None:
    (STORE / f"{st.session_state.token}.txt").write_text(st.session_state.title)


st.title("A minimal page")
st.text_input("Title · en", key="title", on_change=save)
st.caption(f"token {st.session_state.token}")
for n in range(30):
    st.write(f"line {n}: {st.session_state.get('title', '')}")
