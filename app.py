"""Streamlit entry point (`streamlit run app.py`); `cocreate serve` runs the same main()."""

from cocreate.ui.app import main

main()
