"""Export: records as CSV / XLSX / JSONL, the actor graph as GraphML / GEXF, charts as PNG / SVG / PDF / HTML.

The names the CLI and the pages use are re-exported here, so `from bilateral import export` is enough.
Nothing here imports Streamlit, and nothing starts a browser until a chart image is asked for.
"""

from __future__ import annotations

from bilateral.export.captions import Caption, caption_text, data_source_text, with_caption
from bilateral.export.files import output_format, report_written, write_bytes_whole, write_whole
from bilateral.export.graphs import graph_gexf, graph_graphml, safe_graph
from bilateral.export.images import (
    CHART_FORMATS,
    IMAGE_FORMATS,
    MIME_TYPES,
    ExportError,
    browser_available,
    chart_bytes,
    chart_html,
    chart_image,
    exportable,
    find_browser,
)
from bilateral.export.tables import (
    APP_FILE_ROWS,
    ARTICLE_EXPORT_COLUMNS,
    RECORD_COLUMNS,
    XLSX_MAX_ROWS,
    articles_table,
    cut_note,
    export_command,
    neutralise,
    records_csv,
    records_jsonl,
    records_table,
    records_xlsx,
    write_records_csv,
    write_records_jsonl,
    write_records_xlsx,
)
from bilateral.model.cells import FORMULA_PREFIXES, safe_cell

__all__ = [
    "APP_FILE_ROWS",
    "ARTICLE_EXPORT_COLUMNS",
    "CHART_FORMATS",
    "FORMULA_PREFIXES",
    "IMAGE_FORMATS",
    "MIME_TYPES",
    "RECORD_COLUMNS",
    "XLSX_MAX_ROWS",
    "Caption",
    "ExportError",
    "articles_table",
    "browser_available",
    "caption_text",
    "chart_bytes",
    "chart_html",
    "chart_image",
    "cut_note",
    "data_source_text",
    "export_command",
    "exportable",
    "find_browser",
    "graph_gexf",
    "graph_graphml",
    "neutralise",
    "output_format",
    "records_csv",
    "records_jsonl",
    "records_table",
    "records_xlsx",
    "report_written",
    "safe_cell",
    "safe_graph",
    "with_caption",
    "write_bytes_whole",
    "write_records_csv",
    "write_records_jsonl",
    "write_records_xlsx",
    "write_whole",
]
