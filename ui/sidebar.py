"""The ONE sidebar filter, drawn from the filter table (bilateral.filters.FIELDS), in step with the URL.

Precedence, each run: a query string that differs from the one this session last wrote is a deep link or
an edited URL, so it wins and sets the widgets; an empty query string after a page change (st.navigation
drops it) restores the session's filter; otherwise the widgets are the truth and the URL follows them.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bilateral.filters import FIELDS, SCORE_RANGE, Filter, FilterField, Widget, filter_from_query
from bilateral.wording import actor_label
from ui import loaders

STORED = "filter_query"
SCORE_KEY = "filter_score"
MORE_KEY = "filter_more_open"
DATE_BOUNDS = {"min_value": dt.date(1990, 1, 1), "max_value": dt.date(2035, 12, 31)}


def widget_key(f: FilterField) -> str:
    """The session-state key of a field's widget (the two score bounds share one slider)."""
    return SCORE_KEY if f.widget.kind.startswith("score_") else f"filter_{f.key}"


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _as_lists(query: dict) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in query.items()}


def _widget_values(flt: Filter) -> dict:
    values = {}
    for f in FIELDS:
        value = getattr(flt, f.attr)
        if f.widget.kind.startswith("score_"):
            low = SCORE_RANGE[0] if flt.min_score is None else flt.min_score
            high = SCORE_RANGE[1] if flt.max_score is None else flt.max_score
            values[SCORE_KEY] = (low, high)
        else:
            values[widget_key(f)] = list(value) if f.many else value
    return values


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
    """Set the widgets from the URL or the session (see the module docstring); returns notes to show.

    A value missing from the session falls back to the filter's own (the stored query's), not to the default:
    the widgets of a closed "More filters" section are not drawn, and what was set in them must stay set."""
    params, stored = _url_params(), st.session_state.get(STORED)
    if params and params != stored:
        flt, notes = filter_from_query(params)
        _set_widgets(flt)
        _open_more_when_set()
        return notes
    if not params and stored:
        _set_widgets(filter_from_query(stored)[0])
        _open_more_when_set()
        return []
    _set_widgets(filter_from_query(stored)[0] if stored else Filter(), only_missing=True)
    return []


def _open_more_when_set() -> None:
    """A filter that arrives from a link or another page opens "More filters" when it sets one of them."""
    if _has_more():
        st.session_state[MORE_KEY] = True


def _options(f: FilterField, choices: dict[str, list[str]]) -> list:
    """A multiselect's choices: the vocabulary, or the values in the data plus any already chosen."""
    if isinstance(f.widget.choices, tuple):
        return list(f.widget.choices)
    chosen = st.session_state.get(widget_key(f)) or []
    return list(dict.fromkeys([*choices[f.widget.choices], *chosen]))


def _format(f: FilterField):
    if f.widget.choices == "actor":
        names = loaders.actors()
        return lambda code: actor_label(code, names)
    return f.widget.format or str


def _no_choice(w: Widget):
    """A select's labels: its placeholder ("Any") for None, the no-choice value, else its own format.

    Why: Streamlit shows a selectbox whose value is None as empty, with the placeholder, not as the None
    option; so the placeholder is the one label of "no choice", in the menu as in the closed box."""
    own = w.format or str
    return lambda value: w.placeholder if value is None else own(value)


def _draw(f: FilterField, choices: dict[str, list[str]]) -> None:
    """One field's widget; no `value=`: _source_filter has already put every value in session state."""
    w, key = f.widget, widget_key(f)
    if w.kind == "multiselect":
        st.multiselect(
            w.label, _options(f, choices), key=key, format_func=_format(f), placeholder=w.placeholder
        )
    elif w.kind == "date":
        st.date_input(w.label, key=key, **DATE_BOUNDS)
    elif w.kind == "text":
        st.text_input(w.label, key=key, placeholder=w.placeholder)
    elif w.kind == "score_low":
        st.slider(w.label, SCORE_RANGE[0], SCORE_RANGE[1], step=0.5, key=key)
    elif w.kind == "select":
        st.selectbox(w.label, list(w.choices), key=key, format_func=_no_choice(w), placeholder=w.placeholder)


def _draw_group(group: str, choices: dict[str, list[str]]) -> None:
    """The widgets of one section, in table order, each the sidebar's full width.

    Why not From and To side by side: half the sidebar cut a date to "yyyy/mm/" (at 1100 and 1400 px)."""
    for f in FIELDS:
        if f.widget.group == group and f.widget.kind != "score_high":
            _draw(f, choices)


def _filter_from_widgets() -> Filter:
    state, values = st.session_state, {}
    for f in FIELDS:
        if f.widget.kind.startswith("score_"):
            low, high = state[SCORE_KEY]
            bound = low if f.widget.kind == "score_low" else high
            full = SCORE_RANGE[0] if f.widget.kind == "score_low" else SCORE_RANGE[1]
            values[f.attr] = None if bound == full else bound
        elif f.many:
            values[f.attr] = tuple(state[widget_key(f)])
        elif f.widget.kind == "text":
            values[f.attr] = state[widget_key(f)].strip()
        else:
            values[f.attr] = state[widget_key(f)]
    if values.get("date_from") and values.get("date_to") and values["date_from"] > values["date_to"]:
        values["date_from"], values["date_to"] = values["date_to"], values["date_from"]
    return Filter(**values)


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


def page_without_filter() -> None:
    """For pages that take no filter (Add article, Review queue, History): route through app.py, and put
    this page's own address in the browser's bar.

    Why: Streamlit writes the address when a run sets query parameters; a page that sets none kept the
    previous page's address (and its filter) in the bar after a click in the sidebar.
    """
    ensure_router()
    st.query_params.from_dict({})


def filter_sidebar() -> Filter:
    """Draw the sidebar filter, keep the URL in step, and return the Filter every page applies."""
    ensure_router()
    notes = _source_filter()
    choices = loaders.choices()
    with st.sidebar:
        st.subheader("Filter")
        _draw_group("main", choices)
        more = st.expander("More filters", key=MORE_KEY, on_change="rerun")
        if more.open:  # drawn only when open: its nine widgets cost every page ~0.15 s in the browser
            with more:
                _draw_group("more", choices)
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
    for f in FIELDS:
        if f.widget.group != "more":
            continue
        value = state.get(widget_key(f))
        if f.widget.kind.startswith("score_"):
            if tuple(value or SCORE_RANGE) != SCORE_RANGE:
                return True
        elif value:
            return True
    return False
