"""Report: one button builds the report of the current filter (PDF or offline HTML) with its sources."""

import functools

import streamlit as st

from bilateral import export
from bilateral.memory import released
from bilateral.report import REPORT_CHARTS, contents_text, report_bytes
from bilateral.wording import count_noun
from ui import loaders, views
from ui.downloads import file_name
from ui.sidebar import filter_sidebar

flt = filter_sidebar()
st.title("Report")
st.markdown(f"**Filters:** {views.escape(flt.describe())}")

head = views.filtered_or_stop(flt, articles=True)

st.caption(
    f"{count_noun(head.interactions, 'interaction')} from {count_noun(head.articles, 'article')}. "
    + contents_text(head.articles)
)

fmt = st.segmented_control(
    "Format",
    ["pdf", "html"],
    default="pdf",
    format_func={"pdf": "PDF (print, selectable text)", "html": "HTML (one file, works offline)"}.get,
    key="report_format",
    required=True,
)
fmt = fmt or "pdf"
if fmt == "pdf" and not export.browser_available():
    st.caption(
        "Charts in the PDF need Chromium on the server (`apt-get install chromium`); "
        "without it the PDF lists text only. The HTML report always has its charts."
    )

figures = {name: loaders.figure_with_notes(name, flt) for name in REPORT_CHARTS}
st.download_button(
    f"Build the report ({fmt.upper()})",
    data=released(functools.partial(report_bytes, loaders.mirror(), flt, fmt, figures, loaders.notes(flt))),
    file_name=file_name("report", flt, fmt),
    mime=export.MIME_TYPES[fmt],
    key="report_download",
    icon=":material/description:",
    type="primary",
    on_click="ignore",
)
