"""Download buttons: charts as PNG / SVG / PDF / HTML, records as CSV / XLSX / JSONL, graph as GraphML / GEXF.

Files are made only when a button is clicked (data=callable), so a page of charts renders nothing it is
not asked for; on_click="ignore" keeps a download from rerunning the page, which also avoids the
"Deferred file not found" race after another widget's rerun. Every chart file carries its caption.
"""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx
import plotly.graph_objects as go
import streamlit as st

from bilateral import export
from bilateral.filters import Filter
from bilateral.memory import released
from ui import loaders

# Why "PNG", not "PNG (2x)" (it is twice the screen's resolution), and an extra-small gap: under the
# Overview's theme chart (two fifths of the page at 1100 px) "HTML" wrapped onto a row of its own.
CHART_LABELS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "html": "HTML"}
NO_BROWSER_NOTE = (
    "PNG, SVG and PDF files need Chromium on the server (`apt-get install chromium`); until then use HTML, "
    "or the chart toolbar's camera button, which saves an SVG."
)


def file_name(name: str, flt: Filter, ext: str) -> str:
    """'bilateral-timeline-energy-chn-rus-2026-11-29.png': what, for which filter, when."""
    words = "" if flt.is_empty() else re.sub(r"[^a-z0-9]+", "-", flt.describe().lower()).strip("-")[:60]
    parts = ["bilateral", name, words.strip("-"), dt.date.today().isoformat()]
    return "-".join(p for p in parts if p) + f".{ext}"


def chart_downloads(fig: go.Figure, *, name: str, flt: Filter, n_records: int, key: str) -> None:
    """A row of buttons under a chart: PNG (twice the resolution), SVG, PDF and HTML, each captioned (source,
    filters)."""
    caption = chart_caption(flt, n_records)
    formats = export.CHART_FORMATS if export.browser_available() else ("html",)
    makers = {fmt: _chart_maker(fig, fmt, caption, name) for fmt in formats}
    _buttons(makers, name, flt, key, labels=CHART_LABELS)
    if len(formats) == 1:
        st.caption(NO_BROWSER_NOTE)


def chart_caption(flt: Filter, n_records: int) -> export.Caption:
    """The caption of a chart file: its records, the filter in words, and each dataset behind its rows.

    Why the datasets: "Bilateral curated dataset" over GDELT rows would misname machine-coded records."""
    return export.Caption.now(n_records, flt.describe(), export.data_source_text(loaders.dataset_counts(flt)))


def _chart_maker(fig: go.Figure, fmt: str, caption: export.Caption, name: str):
    """The callable Streamlit runs on click (on its own thread): the captioned chart's bytes."""
    return lambda: export.chart_bytes(fig, fmt, caption, title=f"Bilateral {name} chart")


def data_downloads(flt: Filter, *, key: str, order: str) -> None:
    """CSV and XLSX (formulas neutralised; XLSX with records, articles and an About sheet) and JSONL, the
    records in the page's order (row_queries.RECORD_ORDERS).

    The files are made from the database when a button is clicked, never held in the page; a file holds
    at most export.APP_FILE_ROWS records (the server keeps it in memory), and then the page says so and
    gives the command that writes every one."""
    db = loaders.mirror()
    total = loaders.count(flt)
    limit = export.APP_FILE_ROWS if total > export.APP_FILE_ROWS else None
    makers = {
        "csv": lambda: export.records_csv(db, flt, order, limit),
        "xlsx": lambda: export.records_xlsx(db, flt, order=order, limit=limit),
        "jsonl": lambda: export.records_jsonl(db, flt, order, limit),
    }
    _buttons(makers, "records", flt, key)
    if limit:
        st.caption(export.cut_note(total, order, limit))
        st.code(export.export_command(flt, order), language="bash", wrap_lines=True)


def graph_downloads(graph: nx.Graph, flt: Filter, *, key: str) -> None:
    """The actor network as GraphML and as GEXF (opens in Gephi)."""
    makers = {"graphml": lambda: export.graph_graphml(graph), "gexf": lambda: export.graph_gexf(graph)}
    _buttons(makers, "network", flt, key)


def _buttons(makers: dict, name: str, flt: Filter, key: str, labels: dict | None = None) -> None:
    """One row of lazy download buttons, one per extension; the label defaults to the extension."""
    with st.container(horizontal=True, gap="xsmall", key=f"downloads_{key}"):
        for ext, make in makers.items():
            st.download_button(
                (labels or {}).get(ext, ext.upper()),
                data=released(make),
                file_name=file_name(name, flt, ext),
                mime=export.MIME_TYPES[ext],
                key=f"download_{key}_{ext}",
                icon=":material/download:",
                on_click="ignore",
                type="tertiary",
            )
