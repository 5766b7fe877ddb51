"""Charts out: PNG / SVG / PDF rendered by kaleido on the system Chromium, and HTML that works offline.

kaleido's sync server (one Chromium for the whole process) starts on the first image asked for, never
at import time: the first export then takes ~3 s, later ones well under a second. Every render runs on
one worker thread, so Streamlit's script threads never talk to the server at the same time, and a
Chromium that stops answering becomes an ExportError after RENDER_TIMEOUT_S instead of a hung page.
"""

from __future__ import annotations

import concurrent.futures
import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from bilateral.charts.style import title_chars, wrap_title
from bilateral.errors import ExportError
from bilateral.export.captions import Caption, with_caption

IMAGE_FORMATS = ("png", "svg", "pdf")
CHART_FORMATS = (*IMAGE_FORMATS, "html")
MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1000, 560
RENDER_TIMEOUT_S = 120
INSTALL_HINT = "install Chromium on the server (`apt-get install chromium`) or set BROWSER_PATH to a Chrome"
# Streamlit's plotly template uses these placeholder colours, which only its web page fills in.
_PLACEHOLDER = re.compile(r'"#0000[0-4][0-9]"')


def find_browser() -> str | None:
    """The Chrome/Chromium kaleido will drive: BROWSER_PATH when set, else the first one on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).is_file() and os.access(configured, os.X_OK) else None
    return next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)


def browser_available() -> bool:
    """True when PNG, SVG and PDF export can work here (HTML always can)."""
    return find_browser() is not None


def chart_image(fig: go.Figure, fmt: str, *, scale: float = 2, width: int | None = None,
                height: int | None = None) -> bytes:  # fmt: skip
    """PNG, SVG or PDF bytes of the figure; raises ExportError when no browser is found or it fails.

    PNG is drawn at `scale` times the layout size (2x by default, for print); SVG and PDF at 1x.
    """
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"cannot render a chart as {fmt!r}: choose one of {', '.join(CHART_FORMATS)}")
    browser = find_browser()
    if browser is None:
        raise ExportError(f"PNG, SVG and PDF export need a browser and none was found: {INSTALL_HINT}")
    spec = exportable(fig)
    size = {
        "width": width or spec.layout.width or DEFAULT_WIDTH,
        "height": height or spec.layout.height or DEFAULT_HEIGHT,
    }
    scale = scale if fmt == "png" else 1  # vector formats keep their natural size (1 px = 0.75 pt)
    future = _render_worker().submit(_render, browser, spec, fmt, scale, size)
    try:
        return future.result(timeout=RENDER_TIMEOUT_S)
    except concurrent.futures.TimeoutError as error:
        raise ExportError(
            f"Chromium ({browser}) did not render the chart within {RENDER_TIMEOUT_S} s"
        ) from error
    except ExportError:
        raise
    except Exception as error:  # kaleido and choreographer raise many kinds; all mean the same to a user
        raise ExportError(f"Chromium ({browser}) could not render the chart as {fmt}: {error}") from error


def chart_html(fig: go.Figure, title: str = "Bilateral chart") -> bytes:
    """One self-contained HTML file (plotly.js inlined, no CDN) that works offline."""
    body = pio.to_html(
        exportable(fig),
        include_plotlyjs=True,
        full_html=True,
        include_mathjax=False,
        config={"displaylogo": False, "responsive": True},
    )
    return body.replace("<head>", f"<head><meta charset='utf-8'><title>{_escape(title)}</title>", 1).encode()


def chart_bytes(fig: go.Figure, fmt: str, caption: Caption, *, scale: float = 2, title: str = "") -> bytes:
    """The figure with its caption, as `fmt` (png, svg, pdf or html): the one call pages and the CLI use."""
    captioned = with_caption(fig, caption)
    if fmt == "html":
        return chart_html(captioned, title or "Bilateral chart")
    return chart_image(captioned, fmt, scale=scale)


def exportable(fig: go.Figure) -> go.Figure:
    """A copy safe to render away from the web page: Streamlit's placeholder template swapped for ours, and
    a title too long for the image's width broken into a title and a subtitle (charts.style.wrap_title).

    Raises ExportError when trace colours were already baked from that template (plotly express under
    `import streamlit`), since those would come out black.
    """
    out = go.Figure(fig)
    if _is_streamlit_template(out):
        out.update_layout(template="plotly_white")
    wrap_title(out, title_chars(out.layout.width or DEFAULT_WIDTH))
    if _PLACEHOLDER.search(json.dumps(out.to_plotly_json()["data"], default=str)):
        raise ExportError(
            "this figure's colours come from Streamlit's template and would export black: "
            "build it with an explicit template (charts.CHART_TEMPLATE)"
        )
    return out


def _is_streamlit_template(fig: go.Figure) -> bool:
    colorway = fig.layout.template.layout.colorway if fig.layout.template else None
    return bool(colorway) and colorway[0] == "#000001"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@functools.cache
def _render_worker() -> concurrent.futures.ThreadPoolExecutor:
    """The one thread that talks to kaleido, created on first use."""
    return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="bilateral-kaleido")


def _render(browser: str, fig: go.Figure, fmt: str, scale: float, size: dict) -> bytes:
    """Runs on the render worker: start kaleido's sync server once, then render through it."""
    import kaleido

    _start_server(browser)
    return kaleido.calc_fig_sync(fig.to_plotly_json(), opts={"format": fmt, "scale": scale, **size})


@functools.cache
def _start_server(browser: str) -> None:
    """kaleido.start_sync_server once per process (and per browser path), lazily.

    The browser is asked for its version first: kaleido's server thread dies silently when the browser
    cannot start, and every render would then wait for RENDER_TIMEOUT_S instead of failing at once.
    """
    import kaleido

    _check_browser_runs(browser)
    kaleido.start_sync_server(mathjax=False, path=browser, silence_warnings=True)


def _check_browser_runs(browser: str) -> None:
    """Raise ExportError, naming the browser, when `BROWSER --version` does not run."""
    try:
        result = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ExportError(f"the browser {browser} does not run ({error}): {INSTALL_HINT}") from error
    if result.returncode != 0 or "chrom" not in result.stdout.lower():
        said = (result.stderr or result.stdout).strip()[:200] or f"exit code {result.returncode}"
        raise ExportError(f"{browser} is not a working Chrome/Chromium ({said}): {INSTALL_HINT}")
