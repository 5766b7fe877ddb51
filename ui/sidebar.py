"""The ONE sidebar filter, kept in step with the URL query string through bilateral.filters.

Precedence, each run: a query string that differs from the one this session last wrote is a deep link or
an edited URL, so it wins and sets the widgets; an empty query string after a page change (st.navigation
drops it) restores the session's filter; otherwise the widgets are the truth and the URL follows them.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bilateral.filters import QUERY_KEYS, Filter, filter_from_query
from bilateral.records import EventType, QuadClass, Status, Theme
from ui import loaders

STORED = "filter_query"
KEYS = {key: f"filter_{key}" for key in QUERY_KEYS if key not in ("min_score", "max_score")} | {
    "score": "filter_score"
}
FULL_SCORE = (-10.0, 10.0)
STATUS_LABELS = {None: "Any", Status.REVIEWED: "Reviewed only", Status.DRAFT: "Drafts only"}


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _as_lists(query: dict) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in query.items()}


def _widget_values(flt: Filter) -> dict:
    score = (
        FULL_SCORE[0] if flt.min_score is None else flt.min_score,
        FULL_SCORE[1] if flt.max_score is None else flt.max_score,
    )
    return {
        KEYS["theme"]: list(flt.themes),
        KEYS["from"]: flt.date_from,
        KEYS["to"]: flt.date_to,
        KEYS["actor"]: list(flt.actors),
        KEYS["dyad"]: list(flt.dyads),
        KEYS["event_type"]: list(flt.event_types),
        KEYS["quad"]: list(flt.quads),
        KEYS["source"]: list(flt.sources),
        KEYS["text"]: flt.text,
        KEYS["score"]: score,
        KEYS["status"]: flt.status,
    }


def _set_widgets(flt: Filter, only_missing: bool = False) -> None:
    for key, value in _widget_values(flt).items():
        if not only_missing or key not in st.session_state:
            st.session_state[key] = value


def reset_filter() -> None:
    """Clear every filter, in the widgets, the session and the URL."""
    _set_widgets(Filter())
    st.session_state[STORED] = {}
    st.query_params.clear()


def _source_filter() -> list[str]:
    """Set the widgets from the URL or the session (see the module docstring); returns notes to show."""
    params, stored = _url_params(), st.session_state.get(STORED)
    if params and params != stored:
        flt, notes = filter_from_query(params)
        _set_widgets(flt)
        return notes
    if not params and stored:
        _set_widgets(filter_from_query(stored)[0])
        return []
    _set_widgets(Filter(), only_missing=True)
    return []


def _options(key: str, available: list) -> list:
    """The choices for a multiselect: those in the data plus any already chosen (e.g. from a link)."""
    chosen = st.session_state.get(KEYS[key]) or []
    return list(dict.fromkeys([*available, *chosen]))


def _main_widgets(choices: dict[str, list[str]]) -> None:
    st.multiselect("Themes", list(Theme), key=KEYS["theme"], format_func=lambda t: t.label, placeholder="All")
    left, right = st.columns(2)
    # No `value=`: _source_filter has already put every widget's value in session state.
    bounds = {"min_value": dt.date(1990, 1, 1), "max_value": dt.date(2035, 12, 31)}
    left.date_input("From", key=KEYS["from"], **bounds)
    right.date_input("To", key=KEYS["to"], **bounds)
    names = loaders.actors()
    st.multiselect(
        "Actors",
        _options("actor", choices["actor"]),
        key=KEYS["actor"],
        placeholder="All",
        format_func=lambda c: f"{c} · {names[c].name}" if c in names else c,
    )
    st.multiselect("Dyads", _options("dyad", choices["dyad"]), key=KEYS["dyad"], placeholder="All")


def _more_widgets(choices: dict[str, list[str]]) -> None:
    st.multiselect("Event types", list(EventType), key=KEYS["event_type"], placeholder="All")
    st.multiselect(
        "Quad classes", list(QuadClass), key=KEYS["quad"], format_func=lambda q: q.label, placeholder="All"
    )
    st.multiselect("Sources", _options("source", choices["source"]), key=KEYS["source"], placeholder="All")
    st.text_input("Text contains", key=KEYS["text"], placeholder="in title, summary or evidence")
    st.slider("Score", FULL_SCORE[0], FULL_SCORE[1], step=0.5, key=KEYS["score"])
    st.selectbox("Review status", list(STATUS_LABELS), key=KEYS["status"], format_func=STATUS_LABELS.get)


def _filter_from_widgets() -> Filter:
    state = st.session_state
    low, high = state[KEYS["score"]]
    date_from, date_to = state[KEYS["from"]], state[KEYS["to"]]
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return Filter(
        themes=tuple(state[KEYS["theme"]]),
        date_from=date_from,
        date_to=date_to,
        actors=tuple(state[KEYS["actor"]]),
        dyads=tuple(state[KEYS["dyad"]]),
        event_types=tuple(state[KEYS["event_type"]]),
        quads=tuple(state[KEYS["quad"]]),
        sources=tuple(state[KEYS["source"]]),
        text=state[KEYS["text"]].strip(),
        min_score=None if low == FULL_SCORE[0] else low,
        max_score=None if high == FULL_SCORE[1] else high,
        status=state[KEYS["status"]],
    )


def ensure_router() -> None:
    """Make sure app.py routes this run: rerun through it when Streamlit ran the page without it.

    Why: a fresh server whose first request is a sub-page (/timeline?theme=energy) runs pages/<page>.py
    directly in Streamlit's legacy pages/ mode, without app.py's navigation, titles and page config, until
    some run calls st.navigation. Clearing that flag and rerunning sends the same request through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def filter_sidebar() -> Filter:
    """Draw the sidebar filter, keep the URL in step, and return the Filter every page applies."""
    ensure_router()
    notes = _source_filter()
    choices = loaders.choices()
    with st.sidebar:
        st.subheader("Filter")
        _main_widgets(choices)
        with st.expander("More filters", expanded=_has_more()):
            _more_widgets(choices)
        st.button("Reset filters", key="filter_reset", on_click=reset_filter, width="stretch")
    for note in notes:
        st.warning(note, icon=":material/link_off:")
    flt = _filter_from_widgets()
    query = _as_lists(flt.to_query())
    st.session_state[STORED] = query
    if _url_params() != query:
        st.query_params.from_dict(query)
    return flt


def _has_more() -> bool:
    state = st.session_state
    more = ("event_type", "quad", "source", "text", "status")
    return any(state.get(KEYS[k]) for k in more) or tuple(state.get(KEYS["score"], FULL_SCORE)) != FULL_SCORE
