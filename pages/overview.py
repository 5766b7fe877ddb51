"""Overview: headline numbers, the net cooperation index and net score of the leading dyads, the latest
evidence, the theme mix."""

import streamlit as st

from bilateral.page_steps import LATEST_CARDS
from bilateral.wording import count_noun, period_words
from ui import loaders, views
from ui.downloads import chart_downloads
from ui.sidebar import filter_sidebar
from ui.what_moved import what_moved

# The longest title each of the two narrow charts shows on one line at 1100 px (then the filter wraps).
NARROW_TITLE_CHARS = {"net": 52, "themes": 34}

flt = filter_sidebar()
st.title("Overview")
st.caption(f"China–Russia relations and their bearing on the US and the West · {flt.describe()}")

head = views.filtered_or_stop(flt, articles=True)

articles, interactions, period = st.columns(3)
articles.metric("Articles", f"{head.articles:,}", border=True)
interactions.metric("Interactions", f"{head.interactions:,}", border=True)
period.metric(
    "Period", period_words(head.first, head.last), border=True,
    help=f"From {head.first:%Y-%m-%d} to {head.last:%Y-%m-%d}: the first and last dates of the matching "
    "interactions.",
)  # fmt: skip

views.dataset_counts(loaders.datasets(flt))

dyads = loaders.leading_dyads(flt)
changes = loaders.index_changes(flt, dyads)
st.subheader("Net cooperation index")
if not changes.empty:
    start, end = changes["start"].iloc[0], changes["end"].iloc[0]
    st.caption(
        "(cooperation − |tension|) / (cooperation + |tension|), from −1 (all tension) to +1 (all "
        "cooperation), "
        f"{start:%Y-%m-%d} to {end:%Y-%m-%d}; the change is against the previous period of equal length. "
        "Commentary is left out."
    )
    idle = changes["count"] == 0  # no scored interaction in the period: a card would say only "n/a"
    slots = st.columns(len(changes)) if not idle.all() else []  # a card keeps its width when others go
    for column, row in zip(slots, changes.loc[~idle].itertuples(), strict=False):
        value = "n/a" if row.index is None or row.index != row.index else f"{row.index:+.2f}"
        delta = None if row.change is None or row.change != row.change else f"{row.change:+.2f}"
        steady = delta is not None and abs(row.change) < 0.005  # "+0.00" had a green arrow up
        column.metric(
            row.dyad,
            value,
            "0.00" if steady else delta,
            delta_color="off" if steady else "normal",
            delta_arrow="off" if steady else "auto",
            border=True,
            help=f"{count_noun(row.count, 'scored interaction')} in the period",
        )
    if idle.any():
        st.caption(
            f"No scored interaction in the period for {', '.join(changes.loc[idle, 'dyad'])} "
            "(leading dyads of the whole filter, drawn below)."
        )

what_moved(flt)

left, right = st.columns([3, 2])
with left:
    net = loaders.figure("net", flt, dyads=tuple(dyads))
    views.chart(net, key="overview_net", selectable=False, title_chars=NARROW_TITLE_CHARS["net"])
    chart_downloads(net, name="net-cooperation", flt=flt, n_records=head.interactions, key="overview_net")
    st.caption(
        "Net score: the sum of the scores of a period's interactions, cooperation positive and tension "
        "negative (commentary left out). It grows with the number of events; the index above does not."
    )
with right:
    themes = loaders.figure("theme_mix", flt)
    picked = views.chart(themes, key="overview_themes", title_chars=NARROW_TITLE_CHARS["themes"])
    chart_downloads(themes, name="themes", flt=flt, n_records=head.interactions, key="overview_themes")

if picked:
    views.selection(loaders.selection(flt, picked, "year"), key="overview_selection", prompt="")

st.subheader("Latest interactions")
for _, row in loaders.latest_by_article(flt, LATEST_CARDS).iterrows():  # one card per article
    views.evidence_card(row)
st.caption("Every record, sortable and with its evidence, is on the Records page.")
