"""The caption every exported chart carries: data source, number of records, filters in words, date made.

A chart cut out of the dashboard and pasted into a briefing must still say what it shows and where from.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from bilateral.model import Dataset
from bilateral.wording import count_noun

DATA_SOURCE = "Bilateral curated dataset"
CAPTION_WIDTH = 130  # characters a line; the caption wraps rather than run off a 1000 px chart
CAPTION_LINE_PX = 15
DEFAULT_MARGIN_BOTTOM = 80  # plotly's own default


def data_source_text(datasets: dict[str, int]) -> str:
    """Where the records come from, in words: the curated dataset alone, or each dataset with its count.

    Why: with field data loaded, "Bilateral curated dataset" over GDELT rows would misname machine-coded
    records as curated ones."""
    if set(datasets) <= {Dataset.CURATED.value}:
        return DATA_SOURCE
    parts = [
        f"curated Bilateral records ({count_noun(n, 'interaction')})"
        if name == Dataset.CURATED
        else f"machine-coded {Dataset(name).label} ({count_noun(n, 'interaction')})"
        for name, n in datasets.items()
    ]
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return said[0].upper() + said[1:]


@dataclass(frozen=True)
class Caption:
    """What a chart shows: the records behind it, the filters in words and when it was made."""

    n_records: int
    filters: str
    made: dt.date
    source: str = DATA_SOURCE

    @classmethod
    def now(cls, n_records: int, filters: str, source: str = DATA_SOURCE) -> Caption:
        """A caption dated today."""
        return cls(n_records=int(n_records), filters=filters, made=dt.date.today(), source=source)


def caption_text(caption: Caption) -> str:
    """One line of plain text: 'Source: ... · N records · Filters: ... · Made YYYY-MM-DD'."""
    records = count_noun(caption.n_records, "record")
    return f"Source: {caption.source} · {records} · Filters: {caption.filters} · Made {caption.made:%Y-%m-%d}"


def with_caption(fig: go.Figure, caption: Caption) -> go.Figure:
    """A copy of the figure with the caption written under the plot; the input figure is untouched.

    The caption sits below the old bottom margin (where the axis labels are) and the margin grows to
    hold it, so it never covers the chart; a figure of fixed height grows by as much.
    """
    out = go.Figure(fig)
    lines = textwrap.wrap(caption_text(caption), CAPTION_WIDTH) or [""]
    bottom = _bottom_margin(out)
    out.add_annotation(
        text="<br>".join(html.escape(line, quote=False) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(bottom + 20),
        align="left",
        showarrow=False,
        font={"size": 11, "color": "#555555"},
    )
    added = CAPTION_LINE_PX * len(lines) + 32
    out.update_layout(margin={"b": bottom + added})
    if (
        out.layout.height
    ):  # a fixed-height chart grows, so the plot keeps its size (a short heatmap stays legible)
        out.update_layout(height=out.layout.height + added)
    return out


def _bottom_margin(fig: go.Figure) -> int:
    """The bottom margin the figure uses now: its own, else its template's, else plotly's default."""
    own = fig.layout.margin.b
    if own is not None:
        return int(own)
    template_margin = fig.layout.template.layout.margin.b if fig.layout.template else None
    return int(template_margin) if template_margin is not None else DEFAULT_MARGIN_BOTTOM
