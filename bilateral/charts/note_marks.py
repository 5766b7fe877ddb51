"""Analysts' notes drawn on a chart: a dashed line (a day) or a shaded band (a period), with the note's text.

Note text is untrusted: it is HTML-escaped before it reaches plotly, whose labels understand a few tags
(<a>, <b>, <br>), so a note can never become a link or markup. Long notes are cut on the chart and given
whole on hover.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from bilateral.model import Note

NOTE_COLOUR = "#7b5ea7"
LABEL_CHARS = 48


def note_label(note: Note) -> str:
    """The note as inert chart text: 'author: text…' cut to LABEL_CHARS, HTML-escaped."""
    text = f"{note.author}: {note.text}"
    short = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"
    return html.escape(short.replace("\n", " "), quote=False)


def note_hover(note: Note) -> str:
    """The whole note for the hover label, HTML-escaped, with its period, dyad and theme."""
    period = note.date_from if not note.date_to else f"{note.date_from} to {note.date_to}"
    scope = " · ".join(str(x) for x in (note.dyad, note.theme and note.theme.label) if x)
    head = f"Note by {note.author} · {period}" + (f" · {scope}" if scope else "")
    return html.escape(head, quote=False) + "<br>" + html.escape(note.text, quote=False).replace("\n", "<br>")


def _x_axes(fig: go.Figure) -> list[str]:
    names = sorted(k for k in fig.layout.to_plotly_json() if k.startswith("xaxis")) or ["xaxis"]
    return [("x" + name.removeprefix("xaxis")) for name in names]


def with_notes(fig: go.Figure, notes: list[Note]) -> go.Figure:
    """The figure with each note marked across every subplot; the label on the top one. Returns `fig`."""
    if not notes or not fig.data:
        return fig
    axes = _x_axes(fig)
    for index, note in enumerate(notes):
        start = pd.Timestamp(note.date_from)
        end = pd.Timestamp(note.end) + pd.Timedelta(hours=23, minutes=59)
        for axis in axes:
            yref = f"y{axis[1:]} domain" if axis != "x" else "y domain"
            if note.date_to:
                fig.add_shape(
                    type="rect",
                    x0=start,
                    x1=end,
                    xref=axis,
                    y0=0,
                    y1=1,
                    yref=yref,
                    layer="below",
                    fillcolor=NOTE_COLOUR,
                    opacity=0.10,
                    line={"width": 0},
                )
            else:
                fig.add_shape(
                    type="line",
                    x0=start,
                    x1=start,
                    xref=axis,
                    y0=0,
                    y1=1,
                    yref=yref,
                    line={"color": NOTE_COLOUR, "width": 1.5, "dash": "dash"},
                )
        fig.add_annotation(
            x=start,
            xref=axes[0],
            y=1.0 - 0.07 * (index % 4),
            yref="y domain" if axes[0] == "x" else f"y{axes[0][1:]} domain",
            text=f"✎ {note_label(note)}",
            hovertext=note_hover(note),
            showarrow=False,
            xanchor="left",
            font={"size": 11, "color": NOTE_COLOUR},
            bgcolor="rgba(255,255,255,0.85)",
            name="note",
        )
    return fig
