"""The "do they agree?" view: one dyad's net cooperation index per period, one line per dataset.

Curated and imported (machine-coded) rows are drawn distinctly, each dataset in its own style, and the
legend names the dataset. The index, (cooperation − |tension|) / (cooperation + |tension|), runs from −1
to +1 whatever the number of rows, so a dataset with a hundred times more rows stays comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from bilateral.analysis.periods import Period
from bilateral.charts.style import CHART_TEMPLATE, MUTED, empty_figure
from bilateral.model import Dataset

# How each dataset is drawn: curated solid with round marks, imported data dashed with open marks.
DATASET_STYLES = {
    Dataset.CURATED: {"color": "#0072B2", "dash": "solid", "symbol": "circle"},
    Dataset.GDELT: {"color": "#D55E00", "dash": "dash", "symbol": "x-open"},
    Dataset.ICEWS: {"color": "#009E73", "dash": "dot", "symbol": "diamond-open"},
    Dataset.PLOVER: {"color": "#CC79A7", "dash": "dashdot", "symbol": "square-open"},
}


def dataset_legend(dataset: Dataset) -> str:
    """The legend name of a dataset: "Curated", or "GDELT (imported, machine-coded)"."""
    return dataset.label if not dataset.is_field_data else f"{dataset.label} (imported, machine-coded)"


@dataclass(frozen=True)
class AgreementData:
    """Per dataset and period for one dyad: count, cooperation, tension (dataset_queries.coop_by_dataset)."""

    sums: pd.DataFrame
    dyad: str
    title: str
    period: Period = Period.YEAR
    missing: tuple[Dataset, ...] = ()  # datasets under the filter without a scored row of the dyad


def agreement_index(sums: pd.DataFrame) -> pd.DataFrame:
    """The sums with `index`: (cooperation + tension) / (cooperation − tension), tension being ≤ 0."""
    out = sums.copy()
    total = out["cooperation"] - out["tension"]
    out["index"] = (out["cooperation"] + out["tension"]).where(total > 0) / total.where(total > 0)
    return out


def agreement_figure(data: AgreementData) -> go.Figure:
    """One line per dataset with rows for the dyad; the zero line marks balance."""
    sums = agreement_index(data.sums)
    if sums.empty or sums["count"].sum() == 0:
        return empty_figure(data.title)
    fig = go.Figure()
    for dataset in Dataset:
        part = sums.loc[sums["dataset"] == dataset.value]
        if part.empty:
            continue
        style = DATASET_STYLES[dataset]
        fig.add_scatter(
            x=part["period"], y=part["index"], name=dataset_legend(dataset), mode="lines+markers",
            line={"color": style["color"], "dash": style["dash"], "width": 2.5},
            marker={"symbol": style["symbol"], "size": 9, "color": style["color"]},
            customdata=part[["count"]].to_numpy(),
            meta=dataset.value,
            hovertemplate=f"{dataset.label} %{{x|%Y-%m}}<br>Index %{{y:+.2f}} (%{{customdata[0]}} rows)"
            "<extra></extra>",
        )  # fmt: skip
    fig.add_hline(y=0, line={"color": MUTED, "width": 1})
    fig.update_layout(
        template=CHART_TEMPLATE, title={"text": data.title}, height=380,
        yaxis={"title": "Net cooperation index", "range": [-1.05, 1.05]}, xaxis_title=data.period.label,
        legend={"title": {"text": "Dataset"}}, showlegend=True,  # plotly hides the legend of one line
    )  # fmt: skip
    if data.missing:
        fig.add_annotation(
            text=missing_note(data.dyad, data.missing, compared=len(fig.data) > 1), showarrow=False,
            xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-46,
            font={"size": 13, "color": MUTED},
        )  # fmt: skip
        fig.update_layout(margin_b=CHART_TEMPLATE.layout.margin.b + NOTE_PX)
    return fig


NOTE_PX = 26  # the bottom margin a one-line note under the axis title adds


def missing_note(dyad: str, missing: tuple[Dataset, ...], compared: bool) -> str:
    """Under the chart: which datasets of the filter have no scored row of the dyad (so no line), and, with
    one line left, that there is nothing to compare it with."""
    names = " or ".join(d.label for d in missing)
    tail = "" if compared else ": one dataset only, nothing to compare"
    return f"No scored {names} rows for {dyad} under this filter{tail}."
