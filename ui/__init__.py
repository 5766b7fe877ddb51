"""The only shared Streamlit code: cached loaders, the sidebar filter <-> URL, chart and record views."""
