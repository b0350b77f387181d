"""The Streamlit app: the only package of cocreate that imports streamlit."""
