"""What `cocreate serve` runs (`streamlit run serve_app.py`): the Streamlit app at ``/`` and
the light participant pages at ``/room`` (:mod:`cocreate.web`), in one process; phones
never open a Streamlit session. ``app.py`` stays the plain Streamlit script (AppTest)."""

from pathlib import Path

import streamlit as st

from cocreate.web import web_routes

# the main script is app.py, beside no pages/ folder: a main script in cocreate/ui/ made
# Streamlit also discover cocreate/ui/pages/ the legacy way, and a sidebar switch was lost
app = st.App(Path(__file__).resolve().parent / "app.py", routes=web_routes())
