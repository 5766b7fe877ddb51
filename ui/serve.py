"""`python -m ui.serve [streamlit run options]`: the app server (`streamlit run app.py`), warmed as it starts.

Why: Streamlit runs nothing of the app until the first visitor's page, which then imported the whole package
(~1.1 s: pandas, DuckDB, SQLAlchemy, plotly, networkx, the pages' shared code) before its first query. Here
a thread imports it while the server starts and the visitor's browser loads Streamlit's own scripts, so the
first page starts on its queries. Everything else is Streamlit's own command line, options unchanged.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"
THREAD = "bilateral-warm-up"
# Streamlit warns when a thread outside any session touches a cached resource; this one does so on purpose.
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


class _NotTheWarmUp(logging.Filter):
    """Drops log records of the warm-up thread."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD


def warm() -> None:
    """Import what every page imports, then open the database and its mirror (the process-wide resource
    every session shares; a page that asks meanwhile waits for this one rather than opening a second)."""
    import ui.auth
    import ui.downloads
    import ui.sidebar
    import ui.views
    import ui.what_moved  # noqa: F401
    from ui import loaders

    loaders.mirror()
    loaders.actors()


def main(argv: list[str] | None = None) -> None:
    """Start the warm-up thread, then Streamlit's `run` on app.py with the given options.

    Why the pages/ flag: a folder named pages/ beside app.py puts a new server in Streamlit's legacy mode,
    where the first request runs pages/<name>.py by its file name; a deep link whose address is not a file
    name (/add-article) then met a "Page not found" dialog. With the flag off, app.py's st.navigation routes
    every request from the first (ui.sidebar.ensure_router still covers a plain `streamlit run app.py`).
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    logging.getLogger(CONTEXT_LOGGER).addFilter(_NotTheWarmUp())
    threading.Thread(target=warm, name=THREAD, daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
