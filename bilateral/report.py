"""The one-click report: title, date, filters in words, headline numbers, main charts, key events, sources.

A Report is built once from the filtered records (plain values and captioned figures), then written as a
PDF (bilateral.report_pdf: real text, selectable) or as ONE offline HTML file (plotly.js inlined once).
Every key event points at a numbered source, and the source list holds every article behind the charts.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from bilateral import charts
from bilateral.export import Caption, exportable, with_caption
from bilateral.filters import Filter
from bilateral.model import Theme
from bilateral.store import articles_behind
from bilateral.tables import safe_url

REPORT_TITLE = "Bilateral report"
REPORT_CHARTS = ("timeline", "cooperation", "network")
KEY_EVENT_LIMIT = 15
KEY_EVENT_COLUMNS = ["Date", "Actors", "Event", "Score", "Source"]
SOURCE_COLUMNS = ["number", "outlet", "title", "date", "url"]
NO_URL = "No URL recorded"


@dataclass(frozen=True)
class Report:
    """Everything a report shows, ready for either renderer."""

    title: str
    generated: dt.datetime
    filters: str
    headline: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, go.Figure], ...]
    key_events: pd.DataFrame
    sources: pd.DataFrame

    @property
    def generated_text(self) -> str:
        """'2026-11-29 14:30 UTC'."""
        return self.generated.strftime("%Y-%m-%d %H:%M %Z").strip()


def build_report(
    interactions: pd.DataFrame,
    articles: pd.DataFrame,
    flt: Filter,
    *,
    figures: dict[str, go.Figure] | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """The report of the filtered records; `figures` replaces the charts (tests), else charts builds them."""
    now = now or dt.datetime.now().astimezone()
    words = flt.describe()
    if figures is None:
        figures = report_figures(interactions, flt)
    caption = Caption(n_records=len(interactions), filters=words, made=now.date())
    sources = source_list(interactions, articles)
    return Report(
        title=REPORT_TITLE,
        generated=now,
        filters=words,
        headline=headline_numbers(interactions, sources),
        figures=tuple((name, with_caption(fig, caption)) for name, fig in figures.items()),
        key_events=key_event_table(interactions, sources),
        sources=sources,
    )


def report_bytes(
    interactions: pd.DataFrame,
    articles: pd.DataFrame,
    flt: Filter,
    fmt: str,
    figures: dict[str, go.Figure] | None = None,
) -> bytes:
    """The report as PDF or HTML bytes: the one call the Report page makes (on its download thread)."""
    report = build_report(interactions, articles, flt, figures=figures)
    if fmt == "html":
        return report_html(report)
    from bilateral.report_pdf import report_pdf  # report_pdf imports this module

    return report_pdf(report)


def report_figures(interactions: pd.DataFrame, flt: Filter) -> dict[str, go.Figure]:
    """The main charts (timeline, cooperation vs tension, network), built as the dashboard builds them."""
    return {name: charts.build_figure(name, interactions, flt) for name in REPORT_CHARTS}


def headline_numbers(interactions: pd.DataFrame, sources: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The few numbers a reader looks at first: how much, over when, how cooperative, between whom."""
    total = len(interactions)
    if total == 0:
        return (("Interactions", "0"), ("Articles", "0"))
    dates = interactions["date"]
    cooperative = int((interactions["quad_class"] <= 2).sum())
    dyad, dyad_n = next(iter(interactions["dyad"].value_counts().items()))
    themes = interactions["themes"].explode().value_counts()
    return (
        ("Interactions", f"{total:,}"),
        ("Articles", f"{len(sources):,}"),
        ("Period", f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"),
        ("Cooperative (quad 1-2)", f"{cooperative / total:.0%} ({cooperative:,} of {total:,})"),
        ("Mean score", f"{interactions['score'].mean():+.1f} (scale -10 to +10)"),
        ("Most active dyad", f"{dyad} ({dyad_n:,})"),
        (
            "Most frequent theme",
            f"{Theme(themes.index[0]).label} ({int(themes.iloc[0]):,})" if len(themes) else "none",
        ),
    )


def source_list(interactions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every article behind the interactions, numbered 1.. in date order: number, outlet, title, date, url."""
    used = articles_behind(articles, interactions)
    used = used.sort_values(["date", "source", "title"], na_position="last").reset_index(drop=True)
    return pd.DataFrame(
        {
            "id": used["id"],
            "number": range(1, len(used) + 1),
            "outlet": used["source"].fillna(""),
            "title": used["title"].fillna(""),
            "date": used["date"].map(lambda d: "undated" if pd.isna(d) else f"{d:%Y-%m-%d}"),
            "url": used["url"].fillna(""),
        }
    )


def key_event_table(interactions: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The strongest interactions (largest |score|, then latest) by date, each with its source number."""
    if interactions.empty:
        return pd.DataFrame(columns=KEY_EVENT_COLUMNS)
    ranked = interactions.assign(strength=interactions["score"].abs())
    ranked = (
        ranked.sort_values(["strength", "date"], ascending=False).head(KEY_EVENT_LIMIT).sort_values("date")
    )
    numbers = dict(zip(sources["id"], sources["number"], strict=True))
    arrow = ranked["direction"].map({"mutual": " ↔ "}).fillna(" → ")
    return pd.DataFrame(
        {
            "Date": ranked["date"].dt.strftime("%Y-%m-%d"),
            "Actors": ranked["actor1"] + arrow + ranked["actor2"],
            "Event": ranked["event_type"],
            "Score": ranked["score"].map(lambda s: f"{s:+.1f}"),
            "Source": ranked["article_id"].map(lambda a: f"[{numbers.get(a, '?')}]"),
        }
    ).reset_index(drop=True)


def report_html(report: Report) -> bytes:
    """One HTML file that works offline: plotly.js inlined once, charts interactive, sources linked."""
    parts = [f"<h1>{_e(report.title)}</h1>", _meta_html(report), "<h2>Headline numbers</h2>"]
    parts.append(_table_html(pd.DataFrame(report.headline, columns=["", ""]), header=False))
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
    parts.append(_table_html(report.key_events) if len(report.key_events) else "<p>No interactions.</p>")
    parts.append(f"<h2>Sources ({len(report.sources)})</h2>{_sources_html(report.sources)}")
    body = "\n".join(parts)
    return HTML_PAGE.format(title=_e(f"{report.title} · {report.filters}"), body=body).encode("utf-8")


def _meta_html(report: Report) -> str:
    return (
        f'<p class="meta">Generated {_e(report.generated_text)} · Data: Bilateral curated dataset</p>'
        f'<p class="filters"><b>Filters:</b> {_e(report.filters)}</p>'
    )


def _table_html(table: pd.DataFrame, header: bool = True) -> str:
    head = "<tr>" + "".join(f"<th>{_e(c)}</th>" for c in table.columns) + "</tr>" if header else ""
    rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in table.to_numpy())
    return f"<table>{head}{rows}</table>"


def _sources_html(sources: pd.DataFrame) -> str:
    items = []
    for row in sources.itertuples(index=False):
        link = f' <a href="{_e(row.url)}">{_e(row.url)}</a>' if is_web_url(row.url) else f" {NO_URL}."
        items.append(
            f'<li value="{row.number}">{_e(row.outlet)}. <i>{_e(row.title)}</i>. {_e(row.date)}.{link}</li>'
        )
    return "<ol class='sources'>" + "".join(items) + "</ol>"


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links (never javascript: or file:)."""
    return safe_url(url) is not None


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
figure.chart {{ margin: 1em 0 2em 0; }} ol.sources li {{ margin-bottom: 0.3em; }}
@media print {{ figure.chart {{ break-inside: avoid; }} }}
</style></head>
<body>
{body}
</body></html>
"""
