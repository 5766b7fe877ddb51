"""Cooperation vs tension: per dyad and period, diverging bars, net line, rolling mean; mix; heatmap."""

import streamlit as st

from bilateral.analysis.periods import Period, auto_period
from bilateral.analysis.summary import agreement_menu
from bilateral.model import Dataset
from bilateral.wording import count_noun, coverage_label
from ui import loaders, views
from ui.downloads import chart_downloads
from ui.sidebar import filter_sidebar

flt = filter_sidebar()
st.title("Cooperation vs tension")
st.caption(flt.describe())

include = st.toggle("Include commentary", key="include_commentary", help="Opinion pieces stay out of scores")
scored = loaders.count(flt, include_commentary=include)
if scored == 0:
    views.nothing_matches(flt, "No scored interactions match", "Widen it in the sidebar, include commentary, "
                          "or reset it.")  # fmt: skip

available = loaders.leading_dyads(flt, n=30, include_commentary=include)
default = available[:4]  # the four leading dyads are the first four of the thirty
chosen_now = st.session_state.get("cooperation_dyads") or []
dyads = st.multiselect(
    "Dyads (up to four, on one scale)", list(dict.fromkeys([*available, *chosen_now])), default=default,
    max_selections=4, key="cooperation_dyads",
)  # fmt: skip
suggested = auto_period(*loaders.span(flt, include))  # bins that suit the charted dates, as on the Timeline
left, right = st.columns([3, 2])  # on their own row: beside the dyads the four bins did not fit 1100 px
period = left.segmented_control(
    "Bin by", list(Period), default=suggested, format_func=lambda p: p.label, key="cooperation_period",
    required=True,
)  # fmt: skip
window = right.number_input("Rolling mean over", 1, 12, value=3, key="cooperation_window", help="periods")
dyads = dyads or default
period = Period(period or suggested)

options = {"dyads": tuple(dyads), "include_commentary": include}
fig = loaders.figure_with_notes("cooperation", flt, period=period.value, window=int(window), **options)
picked = views.chart(fig, key="cooperation_chart")
chart_downloads(fig, name="cooperation", flt=flt, n_records=scored, key="cooperation")
st.caption(
    "Cooperation is the sum of positive scores, tension the sum of negative scores, the net score their sum; "
    f"the dotted line is the mean of the net score over {count_noun(int(window), 'period')}."
)
views.selection(
    loaders.selection(flt, picked, period.value, dyads=dyads, scored_only=not include),
    key="cooperation_records",
    prompt="Click a bar or a point to list the records behind it.",
)

st.subheader("Mix and themes")
quads = loaders.figure("quad_mix", flt, **options)
views.chart(quads, key="cooperation_quads", selectable=False)
chart_downloads(quads, name="quad-mix", flt=flt, n_records=scored, key="quad_mix")
heatmap = loaders.figure("heatmap", flt, include_commentary=include)
views.chart(heatmap, key="cooperation_heatmap", selectable=False)
chart_downloads(heatmap, name="heatmap", flt=flt, n_records=scored, key="heatmap")

loaded = loaders.compared_datasets(flt)  # None unless the data holds field data beside the curated records
if loaded is not None:
    st.subheader("Do they agree? Curated vs imported data")
    if len(loaded) > 1:
        covered = loaders.compared_dyads(flt, include, also=dyads)  # {dyad: its datasets}
        dyad = st.selectbox(
            "Dyad (those two datasets cover first)", agreement_menu(covered, dyads), key="agreement_dyad",
            format_func=lambda d: coverage_label(d, covered.get(d, ())),
        )  # fmt: skip
        agreement = loaders.figure(
            "agreement", flt, period=period.value, dyads=(dyad,), include_commentary=include
        )
        views.chart(agreement, key="cooperation_agreement", selectable=False)
        chart_downloads(agreement, name="agreement", flt=flt, n_records=scored, key="agreement")
        st.caption(
            "Net cooperation index, (cooperation − |tension|) / (cooperation + |tension|), per period and "
            "dataset: curated records solid, imported machine-coded rows dashed; the legend names each "
            "dataset."
        )
    else:
        only = Dataset(loaded["dataset"].iloc[0]).label if len(loaded) else "no dataset"
        st.caption(
            f"This view sets two datasets side by side; the filter keeps {only} only. Choose another under "
            "Dataset in the sidebar to compare them."
        )
