"""The report as ONE offline HTML file: plotly.js inlined once, charts interactive, sources linked."""

from __future__ import annotations

import html

import pandas as pd
import plotly.io as pio

from bilateral.export import exportable
from bilateral.report import Report, is_web_url, via
from bilateral.tables import NO_URL


def report_html(report: Report) -> bytes:
    """One HTML file that works offline: plotly.js inlined once, charts interactive, sources linked."""
    parts = [f"<h1>{_e(report.title)}</h1>", _meta_html(report), "<h2>Headline numbers</h2>"]
    parts.append(_table_html(pd.DataFrame(report.headline, columns=["", ""]), header=False))
    parts += _changes_html(report)
    parts.append("<h2>Charts</h2>")
    for index, (name, fig) in enumerate(report.figures):
        div = pio.to_html(
            exportable(fig),
            full_html=False,
            include_plotlyjs=index == 0,
            config={"displaylogo": False, "responsive": True},
            div_id=f"chart-{name}",
        )
        parts.append(f'<figure class="chart">{div}</figure>')
    parts.append("<h2>Key events</h2>")
    parts.append(f"<p>{_e(report.key_events_note)}</p>")
    if len(report.key_events):
        parts.append(_table_html(report.key_events))
    parts.append(f"<h2>{_e(report.sources_heading)}</h2>")
    if report.sources_note:
        parts.append(f"<p>{_e(report.sources_note)}</p>")
    parts.append(_sources_html(report.sources))
    body = "\n".join(parts)
    return HTML_PAGE.format(title=_e(f"{report.title} · {report.filters}"), body=body).encode("utf-8")


def _changes_html(report: Report) -> list[str]:
    """'What changed' (flagged moves and their evidence) and the analysts' notes, as inert text."""
    out = ["<h2>What changed</h2>"]
    changes = report.changes
    if changes is None:
        out.append("<p>Nothing to compare: no scored interactions in the weeks before the latest one.</p>")
    else:
        lead = "Flagged moves" if changes.flagged else "Nothing moved beyond 2 σ; the largest moves"
        out.append(f"<p>{_e(lead)}, {_e(changes.period)}, against the 52 weeks before:</p>")
        out.append(_table_html(changes.moves))
        for label, events in changes.evidence:
            out.append(
                f"<h3>{_e(label)}</h3>" + (_table_html(events) if len(events) else "<p>No records.</p>")
            )
    out.append(f"<h2>Analysts' notes ({len(report.notes)})</h2>")
    if report.notes:
        items = "".join(
            f"<li>{_e(n.date_from)}{_e(' to ' + n.date_to) if n.date_to else ''} · {_e(n.author)}"
            f"{_e(' · ' + n.dyad) if n.dyad else ''}{_e(' · ' + n.theme.label) if n.theme else ''}: "
            f"{_e(n.text)}</li>"
            for n in report.notes
        )
        out.append(f"<ul class='notes'>{items}</ul>")
    else:
        out.append("<p>No notes in the period.</p>")
    return out


def _meta_html(report: Report) -> str:
    return (
        f'<p class="meta">Generated {_e(report.generated_text)} · Data: {_e(report.data_source)}</p>'
        f'<p class="filters"><b>Filters:</b> {_e(report.filters)}</p>'
    )


def _table_html(table: pd.DataFrame, header: bool = True) -> str:
    head = "<tr>" + "".join(f"<th>{_e(c)}</th>" for c in table.columns) + "</tr>" if header else ""
    rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in table.to_numpy())
    return f"<table>{head}{rows}</table>"


def _sources_html(sources: pd.DataFrame) -> str:
    items = []
    for row in sources.itertuples(index=False):
        link = (
            f' <a href="{_e(row.url)}">{_e(row.url)}</a>{_e(via(row.publisher))}'
            if is_web_url(row.url)
            else f" {NO_URL}."
        )
        items.append(
            f'<li value="{row.number}">{_e(row.outlet)}. <i>{_e(row.title)}</i>. {_e(row.date)}.{link}</li>'
        )
    return "<ol class='sources'>" + "".join(items) + "</ol>"


def _e(value) -> str:
    return html.escape(str(value), quote=True)


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: "Helvetica Neue", Arial, sans-serif; color: #1f2933; max-width: 1040px; margin: 2em auto;
  padding: 0 1em; line-height: 1.45; }}
h1 {{ margin-bottom: 0.2em; }}
h2 {{ border-bottom: 1px solid #e4e7eb; padding-bottom: 0.2em; margin-top: 1.6em; }}
.meta {{ color: #616e7c; margin: 0; }} .filters {{ font-size: 1.1em; }}
table {{ border-collapse: collapse; margin: 0.5em 0; }}
th, td {{ border-bottom: 1px solid #e4e7eb; padding: 0.3em 0.8em; text-align: left; vertical-align: top; }}
td:first-child {{ white-space: nowrap; }}
figure.chart {{ margin: 1em 0 2em 0; }} ol.sources li {{ margin-bottom: 0.3em; }}
@media print {{ figure.chart {{ break-inside: avoid; }} h2, h3 {{ break-after: avoid; }} }}
</style></head>
<body>
{body}
</body></html>
"""
