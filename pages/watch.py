"""Watch: chosen dyads and themes week by week against their own 52-week baseline; flagged weeks; notes."""

import dataclasses

import pandas as pd
import streamlit as st

from bilateral import auth
from bilateral.analysis.watch import SHOWN_WEEKS, WATCHED, week_of, weeks_shown
from bilateral.model import Theme
from ui import auth as ui_auth
from ui import loaders, notes_view, views
from ui.downloads import chart_downloads
from ui.sidebar import filter_sidebar

MAX_PANELS = 6

flt = filter_sidebar()
st.title("Watch")
st.caption(
    "The dyads and themes of the filter (sidebar), each week by week: events and net cooperation index "
    "against the 52 weeks before each week (grey band: mean ± threshold × spread). Ringed weeks moved "
    f"beyond the band with enough events. Without dyads in the filter, the {WATCHED} most active dyads of "
    "the weeks shown are watched, most active first; choose others under Dyads in the sidebar."
)
head = views.filtered_or_stop(flt, articles=False)

latest = head.last.date()
left, middle, right, far = st.columns([2, 2, 1.3, 1.3])
# Keyed by the filter's dates, so a new To moves As of and a new From (or As of) the weeks shown.
as_of = left.date_input(
    "As of", value=flt.date_to or latest, key=f"watch_as_of_{flt.date_to}", help="Replay a past moment: "
    "the filter's To date, else its latest record"
)  # fmt: skip
weeks = middle.slider(
    "Weeks shown", *SHOWN_WEEKS, weeks_shown(flt.date_from, as_of),
    key=f"watch_weeks_{flt.date_from}_{as_of if flt.date_from else ''}",
    help="From the filter's From date when it sets one, else two years",
)  # fmt: skip
threshold = right.number_input("Threshold (σ)", 1.0, 5.0, 2.0, step=0.5, key="watch_threshold")
min_volume = far.number_input("Min. events", 1, 50, 3, key="watch_min_volume")

undated = dataclasses.replace(flt, date_from=None, date_to=None)
last = week_of(as_of) + pd.Timedelta(days=6)
first = (week_of(as_of) - pd.Timedelta(weeks=weeks - 1)).date()
pairs = loaders.watched_dyads(flt, first, last.date())
if not pairs:
    st.info("No scored interactions in the weeks shown: move As of, or widen the filter.")
themes = [t.value for t in flt.themes] or ["all"]
panels = [(p, t) for p in pairs for t in themes]
if len(panels) > MAX_PANELS:
    st.caption(f"Showing the first {MAX_PANELS} of {len(panels)} dyad × theme pairs; narrow the filter.")

for pair, theme in panels[:MAX_PANELS]:
    scope = dataclasses.replace(undated, dyads=(pair,), themes=() if theme == "all" else (Theme(theme),),
                                date_from=first, date_to=last.date())  # fmt: skip
    fig = loaders.figure_with_notes("watch", scope, pair=pair, theme=theme, first=first, last=last.date(),
                                    threshold=float(threshold), min_volume=int(min_volume))  # fmt: skip
    picked = views.chart(fig, key=f"watch_chart_{pair}_{theme}", title_chars=None)  # its legend hangs below
    chart_downloads(fig, name=f"watch-{pair}-{theme}", flt=scope, n_records=loaders.count(scope),
                    key=f"watch_{pair}_{theme}")  # fmt: skip
    views.selection(loaders.selection(scope, picked, "week"), key=f"watch_records_{pair}_{theme}",
                    prompt="Click a week or a key event to list its records.")  # fmt: skip

st.subheader("Notes")
window = dataclasses.replace(
    undated, dyads=tuple(pairs), themes=flt.themes, date_from=first, date_to=last.date()
)
user = ui_auth.current_user()
may_write = user is not None and user.can(auth.Role.EDITOR)
notes_view.notes_list(loaders.notes(window), editable=may_write)
if may_write:
    notes_view.add_note_form(pairs, themes, as_of, author=None if user is auth.LOCAL else user.name)
else:
    st.caption("Editors pin notes; sign in with an editor's account to add or change one.")
